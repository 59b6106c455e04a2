//! The attributes of HTML, read as a browser reads them: with html5ever's
//! tokenizer, so a value is found whether it is quoted or not (minified
//! pages drop the quotes), and entities are decoded.
//!
//! Used for raw HTML written in Markdown (its links) and, by `check`, for
//! rendered pages (their links and ids).

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};

/// One attribute of a start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// The element, lower case: "a".
    pub element: String,
    /// The attribute, lower case: "href".
    pub name: String,
    /// Its value, entities decoded.
    pub value: String,
}

/// Every attribute of every start tag in `html`, in order. The text of
/// `script`, `style`, `textarea` and `title` is read as text, not as tags.
pub fn attributes(html: &str) -> Vec<Attribute> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tokenizer = Tokenizer::new(Sink::default(), Default::default());
    // A sink that never blocks (no scripts run) has the tokenizer read to the end.
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.take()
}

/// Where each value of `html` that is a link (`href` or `src`) is, with
/// the attribute's value.
pub fn links(html: &str) -> Vec<Attribute> {
    attributes(html)
        .into_iter()
        .filter(|a| a.name == "href" || a.name == "src")
        .collect()
}

#[derive(Default)]
struct Sink {
    found: RefCell<Vec<Attribute>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(Tag {
            kind: TagKind::StartTag,
            name,
            attrs,
            ..
        }) = token
        else {
            return TokenSinkResult::Continue;
        };
        let element: &str = &name;
        self.found
            .borrow_mut()
            .extend(attrs.iter().map(|a| Attribute {
                element: element.to_string(),
                name: a.name.local.to_string(),
                value: a.value.to_string(),
            }));
        // What a tree builder would tell the tokenizer: these hold text.
        match element {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" => TokenSinkResult::RawData(RawKind::Rawtext),
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            _ => TokenSinkResult::Continue,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(html: &str, name: &str) -> Vec<String> {
        attributes(html)
            .into_iter()
            .filter(|a| a.name == name)
            .map(|a| a.value)
            .collect()
    }

    #[test]
    fn values_are_read_with_or_without_quotes() {
        let html = r#"<a href="/a/" id=x>1</a><a href=/b/#c class='k'>2</a><h2 id='y z'>"#;
        assert_eq!(values(html, "href"), ["/a/", "/b/#c"]);
        assert_eq!(values(html, "id"), ["x", "y z"]);
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            values(r#"<a href="/s/?q=a&amp;b=c">"#, "href"),
            ["/s/?q=a&b=c"]
        );
    }

    #[test]
    fn script_and_style_text_is_not_read_as_tags() {
        let html =
            r#"<script>let s = '<a href="/ikke/">';</script><style>a{}</style><a href=/ja/>"#;
        assert_eq!(links(html).len(), 1);
        assert_eq!(links(html)[0].value, "/ja/");
        assert_eq!(
            values(r#"<title><a href=/nei/></title><img src=bilde.png>"#, "src"),
            ["bilde.png"]
        );
    }
}
