//! What an input item shows besides its text on a case page: its visible
//! number, the context a deep link lands in, a copy-link control and a
//! "Sitér" text.
//!
//! A reader who follows a link to `#innspill-3-2` on a phone sees only the
//! item; the context (case, question, parent item) is written into the item
//! and shown by CSS when the item is the `:target`, so it costs nothing when
//! reading the page from the top. The copy button is made by
//! `theme/static/innspill.js` from the plain link written here, so without
//! JavaScript the link stays.

use super::markdown::escape;
use crate::model::InputItem;

/// The case an item belongs to, for its citation and its deep-link context.
#[derive(Debug, Clone)]
pub struct ItemSource {
    /// "Sak 07/24 Dreining mot …".
    pub case: String,
    /// "Brukerrådet, møte 2/2024, 5. juni 2024".
    pub meeting: String,
    /// The case page's absolute address, without a fragment.
    pub permalink: String,
}

/// The visible number, read as "Innspill 3.2" by a screen reader.
pub(super) fn number_html(item: &InputItem) -> String {
    format!(
        "<span class=\"innspill-nr\"><span class=\"skjult\">Innspill </span>{}</span> ",
        escape(&item.label)
    )
}

/// The case, the question and the parent item, shown only when the item is
/// the target of the address.
pub(super) fn context_html(
    item: &InputItem,
    parent: Option<&InputItem>,
    source: &ItemSource,
) -> String {
    let mut out = format!(
        "<p class=\"innspill-kontekst\"><span>{}</span>",
        escape(&source.case)
    );
    if let Some(question) = &item.group {
        out.push_str(&format!("<span>Spørsmål: {}</span>", escape(question)));
    }
    if let Some(p) = parent {
        out.push_str(&format!(
            "<span>Underpunkt til <a href=\"#{}\">innspill {}</a>: {}</span>",
            p.anchor,
            escape(&p.label),
            escape(&shortened(&p.text, 120))
        ));
    }
    out.push_str("</p>");
    out
}

/// The copy-link control (a plain link until the script makes it a button)
/// and the citation.
pub(super) fn controls_html(item: &InputItem, source: Option<&ItemSource>) -> String {
    let link = format!(
        "<a class=\"innspill-lenke\" href=\"#{}\" data-kopier=\"Kopier lenke til innspill {label}\">Lenke til innspill {label}</a>",
        item.anchor,
        label = escape(&item.label)
    );
    match source {
        None => link,
        Some(s) => format!(
            "{link} <details class=\"siter\"><summary>Sitér innspill {label}</summary><p>{}</p></details>",
            escape(&citation(item, s)),
            label = escape(&item.label)
        ),
    }
}

/// "Sak 07/24 Tittel, innspill 3.2. Brukerrådet, møte 2/2024, 5. juni 2024. https://…#innspill-3-2".
pub fn citation(item: &InputItem, source: &ItemSource) -> String {
    format!(
        "{}, innspill {}. {}. {}#{}",
        source.case, item.label, source.meeting, source.permalink, item.anchor
    )
}

/// The start of a text, cut at a word, with "…" when cut.
fn shortened(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let at_word = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Body;

    fn source() -> ItemSource {
        ItemSource {
            case: "Sak 07/24 Tittel".into(),
            meeting: "Brukerrådet, møte 2/2024, 5. juni 2024".into(),
            permalink: "https://example.org/moter/2024-2/sak-07-24/".into(),
        }
    }

    #[test]
    fn citation_names_case_item_meeting_and_address() {
        let (body, _) = Body::parse("## Innspill fra Brukerrådet\n\n- En\n  - To\n");
        let item = body.item("innspill-1-1").expect("parsed");
        assert_eq!(
            citation(item, &source()),
            "Sak 07/24 Tittel, innspill 1.1. Brukerrådet, møte 2/2024, 5. juni 2024. \
             https://example.org/moter/2024-2/sak-07-24/#innspill-1-1"
        );
    }

    #[test]
    fn context_names_the_question_and_the_parent() {
        let (body, _) =
            Body::parse("## Innspill fra Brukerrådet\n\n### Hva mener rådet?\n\n- En\n  - To\n");
        let parent = body.item("innspill-1").expect("parsed");
        let item = body.item("innspill-1-1").expect("parsed");
        let html = context_html(item, Some(parent), &source());
        assert!(html.contains("Sak 07/24 Tittel"), "{html}");
        assert!(html.contains("Spørsmål: Hva mener rådet?"), "{html}");
        assert!(
            html.contains("Underpunkt til <a href=\"#innspill-1\">innspill 1</a>: En"),
            "{html}"
        );
    }

    #[test]
    fn long_parents_are_cut_at_a_word() {
        assert_eq!(shortened("en to tre fire", 9), "en to…");
        assert_eq!(shortened("kort", 9), "kort");
    }
}
