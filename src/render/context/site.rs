//! The pages about the whole site: the search page, the page for missing
//! addresses, the Atom feed and the sitemap.

use chrono::Datelike;

use super::frame::{Frame, Link};
use super::{iso, template_type, Contexts};
use crate::model::{urls, CaseRef};
use crate::render::format::date_long;
use crate::render::incremental::{note, Dep};
use crate::search::DocKind;

/// Entries in the Atom feed, newest first.
const FEED_ENTRIES: usize = 100;

template_type! {
    /// The context of `search.html`.
    struct SearchContext {
        #[serde(flatten)]
        frame: Frame,
        search: SearchFilters,
    }
}

template_type! {
    /// What the search page offers to filter by, and to browse without JavaScript.
    struct SearchFilters {
        kinds: Vec<SearchKind>,
        /// Years with meetings or papers, the newest first.
        years: Vec<i32>,
        themes: Vec<SearchTheme>,
        organisations: Vec<SearchOrganisation>,
        browse: Vec<Link>,
    }
}

template_type! {
    /// A kind of search result.
    struct SearchKind {
        /// The value of `?type=`.
        key: &'static str,
        label: &'static str,
    }
}

template_type! {
    /// A theme to filter by.
    struct SearchTheme {
        slug: String,
        name: String,
    }
}

template_type! {
    /// An organisation to filter by.
    struct SearchOrganisation {
        id: String,
        name: String,
    }
}

template_type! {
    /// The context of `404.html`.
    struct NotFoundContext {
        #[serde(flatten)]
        frame: Frame,
    }
}

template_type! {
    /// The context of `atom.xml`.
    struct FeedContext {
        #[serde(flatten)]
        frame: Frame,
        /// The newest entry's time, RFC 3339.
        updated: String,
        /// Meetings and their cases, the newest first, at most 100.
        entries: Vec<FeedEntry>,
    }
}

template_type! {
    /// An entry of the feed.
    struct FeedEntry {
        title: String,
        path: String,
        /// RFC 3339.
        updated: String,
        summary: String,
    }
}

template_type! {
    /// The context of `sitemap.xml`.
    struct SitemapContext {
        #[serde(flatten)]
        frame: Frame,
        /// Every listed page.
        entries: Vec<SitemapEntry>,
    }
}

template_type! {
    /// A page of the sitemap.
    struct SitemapEntry {
        permalink: String,
        /// ISO 8601, when the page has a date.
        date: Option<String>,
    }
}

impl Contexts<'_> {
    pub(super) fn search(&self) -> SearchContext {
        let site = self.site;
        let frame = self.frame(
            "Søk",
            "Søk i sakene, innspillene, møtene og notatene",
            urls::SEARCH,
            Vec::new(),
        );
        note(Dep::Meetings);
        note(Dep::Papers);
        note(Dep::Themes);
        note(Dep::Organisations);
        (0..site.meetings.len()).for_each(|i| note(Dep::MeetingRef(i)));
        (0..site.papers.len()).for_each(|i| note(Dep::Paper(i)));
        (0..site.themes.len()).for_each(|i| note(Dep::Theme(i)));
        let mut years: Vec<i32> = site
            .meetings
            .iter()
            .map(|m| m.date.year())
            .chain(site.papers.iter().filter_map(|p| p.date.map(|d| d.year())))
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let browse = [
            site.meetings_section
                .as_ref()
                .map(|s| (s.title.as_str(), s.path.as_str())),
            Some(("Temaer", urls::THEMES)),
            Some(("Organisasjoner", urls::ORGANISATIONS)),
            site.papers_section
                .as_ref()
                .map(|s| (s.title.as_str(), s.path.as_str())),
        ]
        .into_iter()
        .flatten()
        .map(|(title, path)| Link::new(title, path))
        .collect();
        SearchContext {
            frame,
            search: SearchFilters {
                kinds: DocKind::ALL
                    .iter()
                    .map(|k| SearchKind {
                        key: k.key(),
                        label: k.label(),
                    })
                    .collect(),
                years,
                themes: site
                    .themes
                    .iter()
                    .map(|t| SearchTheme {
                        slug: t.slug.clone(),
                        name: t.name.clone(),
                    })
                    .collect(),
                organisations: site
                    .organisations
                    .values()
                    .map(|o| SearchOrganisation {
                        id: o.id.clone(),
                        name: o.name.clone(),
                    })
                    .collect(),
                browse,
            },
        }
    }

    pub(super) fn not_found(&self) -> NotFoundContext {
        NotFoundContext {
            frame: self.frame("Fant ikke siden", "", urls::NOT_FOUND, Vec::new()),
        }
    }

    pub(super) fn feed(&self) -> FeedContext {
        let site = self.site;
        let mut entries = Vec::new();
        note(Dep::Meetings);
        for (i, m) in site.meetings.iter().enumerate() {
            // Only what the feed shows is read, so an edit to an old case leaves it be.
            if entries.len() >= FEED_ENTRIES {
                break;
            }
            note(Dep::MeetingRef(i));
            let updated = format!("{}T00:00:00Z", iso(m.date));
            entries.push(FeedEntry {
                title: format!("Møte {}", m.code()),
                path: m.path(),
                updated: updated.clone(),
                summary: format!("Referat fra møte {} ({})", m.code(), date_long(m.date)),
            });
            for c in 0..m.cases.len() {
                let r = CaseRef {
                    meeting: i,
                    case: c,
                };
                note(Dep::CaseHead(r));
                let case = site.case(r);
                entries.push(FeedEntry {
                    title: format!("Sak {} {}", case.number, case.title),
                    path: site.case_path(r),
                    updated: updated.clone(),
                    summary: match (case.description.is_empty(), case.kind) {
                        (false, _) => case.description.clone(),
                        (true, Some(kind)) => kind.label().to_string(),
                        (true, None) => format!("Sak {} i møte {}", case.number, m.code()),
                    },
                });
            }
        }
        entries.truncate(FEED_ENTRIES);
        FeedContext {
            frame: self.frame(&site.config.title, "", urls::FEED, Vec::new()),
            updated: entries
                .first()
                .map(|e| e.updated.clone())
                .unwrap_or_else(|| "1970-01-01T00:00:00Z".into()),
            entries,
        }
    }

    pub(super) fn sitemap(&self) -> SitemapContext {
        let site = self.site;
        note(Dep::SiteMap);
        let entries = site
            .site_map
            .iter()
            .filter(|p| p.listed)
            .map(|p| SitemapEntry {
                permalink: format!("{}{}", site.config.base_url, p.path),
                date: p.date.map(iso),
            })
            .collect();
        SitemapContext {
            frame: self.frame("", "", urls::SITEMAP, Vec::new()),
            entries,
        }
    }
}

#[cfg(test)]
pub(super) fn documented() -> Vec<super::TypeDoc> {
    super::documented![
        SearchContext,
        SearchFilters,
        SearchKind,
        SearchTheme,
        SearchOrganisation,
        NotFoundContext,
        FeedContext,
        FeedEntry,
        SitemapContext,
        SitemapEntry,
    ]
}
