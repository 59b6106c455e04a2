//! The shared tools of validation: collect findings, resolve references,
//! convert dates and times, and place every finding at its file and line.

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{NaiveDate, NaiveTime};
use toml::value::Datetime;
use toml::Spanned;

use super::body::Body;
use super::links::{Link, Links};
use crate::error::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::load::SourceFile;

/// Collects findings while the model is built, and knows which ids exist.
#[derive(Debug, Default)]
pub(crate) struct Checker {
    /// Everything found so far.
    pub(crate) diagnostics: Diagnostics,
    /// Organisation ids in the registry.
    pub(crate) organisations: Arc<BTreeSet<String>>,
    /// Person ids in the registry.
    pub(crate) people: Arc<BTreeSet<String>>,
    /// The anchors published so far (`data/ankre.toml`).
    pub(crate) anchors: Arc<super::anchors::AnchorRecord>,
}

impl Checker {
    /// A checker for work on another thread: the same registries, findings of its own.
    pub(crate) fn fork(&self) -> Checker {
        Checker {
            diagnostics: Diagnostics::default(),
            organisations: Arc::clone(&self.organisations),
            people: Arc::clone(&self.people),
            anchors: Arc::clone(&self.anchors),
        }
    }

    /// Takes the findings of a [`Checker::fork`] back.
    pub(crate) fn join(&mut self, fork: Checker) {
        self.diagnostics.0.extend(fork.diagnostics.0);
    }

    /// Records a finding.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Checks an organisation reference; true when it resolves.
    pub(crate) fn organisation(&mut self, file: &SourceFile, id: &Spanned<String>) -> bool {
        if self.organisations.contains(id.get_ref()) {
            return true;
        }
        self.push(super::registry::unknown_organisation(
            file,
            id.span(),
            id.get_ref(),
            self.organisations.iter().map(String::as_str),
        ));
        false
    }

    /// Checks a person reference; true when it resolves.
    pub(crate) fn person(&mut self, file: &SourceFile, id: &Spanned<String>) -> bool {
        if self.people.contains(id.get_ref()) {
            return true;
        }
        self.push(
            file.error_at(
                DiagnosticKind::UnknownPerson,
                id.span(),
                format!("unknown person \"{}\"", id.get_ref()),
            )
            .hint(format!(
                "{}use an id from data/people.toml, or add the person there",
                crate::spelling::did_you_mean(id.get_ref(), self.people.iter().map(String::as_str))
            )),
        );
        false
    }

    /// Checks that a theme's name gives it an address: a name of symbols
    /// alone would get the empty slug and replace the themes index.
    pub(crate) fn theme(&mut self, file: &SourceFile, name: &Spanned<String>) {
        if super::slug::slugify(name.get_ref()).is_empty() {
            self.push(
                file.error_at(
                    DiagnosticKind::ThemeWithoutLetters,
                    name.span(),
                    empty_theme_message(name.get_ref()),
                )
                .hint(EMPTY_THEME_HINT),
            );
        }
    }

    /// A TOML date as a calendar date; a date with a time of day is refused.
    pub(crate) fn date(
        &mut self,
        file: &SourceFile,
        value: &Spanned<Datetime>,
    ) -> Option<NaiveDate> {
        let dt = value.get_ref();
        let parsed = match (dt.date, dt.time) {
            (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()),
            _ => None,
        };
        if parsed.is_none() {
            self.push(
                file.error_at(
                    DiagnosticKind::NotADate,
                    value.span(),
                    format!("\"{dt}\" is not a date"),
                )
                .hint(
                    "write a date as YYYY-MM-DD without quotes or a time, for example 2024-06-05",
                ),
            );
        }
        parsed
    }

    /// A time of day written "HH:MM" (or "HH.MM", as the minutes often do).
    pub(crate) fn time(&mut self, file: &SourceFile, value: &Spanned<String>) -> Option<NaiveTime> {
        let text = value.get_ref().trim().replace('.', ":");
        let parsed = NaiveTime::parse_from_str(&text, "%H:%M").ok();
        if parsed.is_none() {
            self.push(
                file.error_at(
                    DiagnosticKind::NotATime,
                    value.span(),
                    format!("\"{}\" is not a time of day", value.get_ref()),
                )
                .hint("write times as \"HH:MM\", for example \"10:25\""),
            );
        }
        parsed
    }

    /// Headings that skip a level, and images without a text alternative:
    /// what a screen-reader user would miss.
    fn accessibility(
        &mut self,
        file: &SourceFile,
        at: Place,
        events: &[(pulldown_cmark::Event<'_>, std::ops::Range<usize>)],
    ) {
        use pulldown_cmark::{Event, Tag, TagEnd};
        let mut level = 1;
        let mut image: Option<(std::ops::Range<usize>, String)> = None;
        for (event, range) in events {
            let range = range.clone();
            match event {
                Event::Start(Tag::Heading { level: h, .. }) => {
                    let h = *h as usize;
                    if h > level + 1 {
                        self.push(
                            file.finding_at(
                                Diagnostic::warning(
                                    DiagnosticKind::HeadingSkipsLevel,
                                    &file.path,
                                    format!("a level-{h} heading follows level {level}; screen-reader users navigate by these levels"),
                                ),
                                at.range(range.start..range.start + h),
                            )
                            .hint(format!("use {} for the next level down", "#".repeat(level + 1))),
                        );
                    }
                    level = h;
                }
                Event::Start(Tag::Image { .. }) => image = Some((range, String::new())),
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, alt)) = &mut image {
                        alt.push_str(t);
                    }
                }
                Event::End(TagEnd::Image) => {
                    if let Some((range, alt)) = image.take() {
                        if alt.trim().is_empty() {
                            self.push(
                                file.finding_at(
                                    Diagnostic::error(DiagnosticKind::ImageWithoutAlt, &file.path, "the image has no alt text"),
                                    at.range(range.start..range.start + 2),
                                )
                                .hint("describe the image between the brackets: ![what it shows](file.png)"),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Parses the Markdown body of `file`, placing its problems at their lines.
    pub(crate) fn body(&mut self, file: &SourceFile) -> Body {
        self.markdown(
            file,
            file.body_text(),
            Place {
                start: file.body.start,
                exact: true,
            },
        )
    }

    /// Parses Markdown written in a TOML string of `file` (the council's
    /// description), placing its problems in the string: at their own
    /// line when the string holds the text as written (no escapes), at
    /// the string's start otherwise.
    pub(crate) fn toml_markdown(&mut self, file: &SourceFile, value: &Spanned<String>) -> Body {
        let span = value.span();
        let start = file.front.start + span.start;
        let written = file
            .text
            .get(start..file.front.start + span.end)
            .unwrap_or("");
        let quotes = ["\"\"\"", "'''", "\"", "'"]
            .into_iter()
            .find(|q| written.starts_with(q) && written.len() >= 2 * q.len());
        let inner = quotes.and_then(|q| Some((q, written.get(q.len()..written.len() - q.len())?)));
        let place = match inner {
            Some((q, inner)) => {
                // A newline right after the opening quotes is not part of the string.
                let skip = usize::from(q.len() == 3 && inner.starts_with('\n'));
                Place {
                    start: start + q.len() + skip,
                    exact: &inner[skip..] == value.get_ref(),
                }
            }
            None => Place {
                start,
                exact: false,
            },
        };
        self.markdown(file, value.get_ref(), place)
    }

    /// The one way Markdown is parsed: its structure, its problems
    /// (malformed options, repeated anchors), headings that skip a level,
    /// images without alt text, and the links it holds, all placed in `file`.
    fn markdown(&mut self, file: &SourceFile, text: &str, at: Place) -> Body {
        let events = super::body::events(text);
        self.accessibility(file, at, &events);
        let links = super::links::links(&events, text)
            .into_iter()
            .map(|link| Link {
                span: at.range(link.span),
                ..link
            })
            .collect();
        let (mut body, problems) = Body::from_events(events);
        body.links = Arc::new(Links {
            file: file.path.clone(),
            list: links,
        });
        for problem in problems {
            let (line, col) = file.line_col(at.range(problem.offset..problem.offset).start);
            self.push(
                Diagnostic::error(problem.kind, &file.path, problem.message)
                    .at(line, Some(col))
                    .hint(problem.hint),
            );
        }
        body
    }
}

/// Where Markdown text starts in its file, and whether its bytes are the
/// file's (they are not in a TOML string with escapes).
#[derive(Debug, Clone, Copy)]
struct Place {
    start: usize,
    exact: bool,
}

impl Place {
    /// A byte range of the text as a byte range of the file.
    fn range(self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        if self.exact {
            self.start + range.start..self.start + range.end
        } else {
            self.start..self.start
        }
    }
}

/// What is said of a theme whose name has no letter or digit.
pub(crate) fn empty_theme_message(name: &str) -> String {
    format!("the theme \"{name}\" has no letter or digit to make its address from")
}

/// The hint for [`empty_theme_message`].
pub(crate) const EMPTY_THEME_HINT: &str =
    "name the theme with at least one letter or digit; its page is /temaer/<name>/";
