//! Template contexts: what each page type gets, built from the model's links.
//!
//! The contexts are the template API, so each is a type: one struct per
//! page kind (`HomeContext`, `CaseContext`, …), made of shared parts (the
//! frame every page has, in [`frame`]) and of references (the small objects
//! lists are made of, in [`refs`]). Each struct is declared with
//! [`template_type!`], which also records its fields and their types for
//! the README's "Template contexts" (checked by a test).
//!
//! What a page reads of the site is noted for `serve`'s incremental render
//! ([`super::incremental`]) where it is read: a reference notes what it
//! covers in its one constructor, and its fields are private to [`refs`],
//! so no page can show an organisation, a person, a case, an item, a
//! meeting or a paper without its note. A page notes its own entity where
//! its context is made. A test (`notes.rs`) changes every string field and
//! body of the demo and a fixture, one at a time, and fails when a page's
//! context changed but nothing it noted did. This module owns neither the
//! template names (`render::template`) nor the page list (`model::urls`).

mod advice;
mod cases;
mod frame;
mod home;
mod meetings;
mod organisations;
mod outcomes;
mod papers;
mod people;
mod refs;
mod site;
mod themes;

#[cfg(test)]
mod docs;
#[cfg(test)]
mod notes;
#[cfg(test)]
mod tests;

use std::sync::{Arc, OnceLock};

use serde::Serialize;

use super::incremental::{note, Dep};
use super::markdown::{body_html, HtmlOptions};
use super::AssetPaths;
use crate::model::urls::PageKind;
use crate::model::{Body, Site};

/// Declares a type of the template API: a serialisable struct whose fields
/// (private to the declaring module) and their types are also recorded in
/// [`Documented`], so the README's reference is made from the types.
macro_rules! template_type {
    (
        $(#[$attr:meta])*
        struct $name:ident {
            $(
                $(#[$fattr:meta])*
                $field:ident : $ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, serde::Serialize)]
        pub(super) struct $name {
            $(
                $(#[$fattr])*
                $field: $ty,
            )*
        }

        impl $crate::render::context::Documented for $name {
            const NAME: &'static str = stringify!($name);
            const DOC: &'static [&'static str] = &[$(stringify!($attr)),*];
            const FIELDS: &'static [$crate::render::context::FieldDoc] = &[$((
                stringify!($field),
                stringify!($ty),
                &[$(stringify!($fattr)),*],
            )),*];
        }
    };
}
pub(crate) use template_type;

/// A field of a [`Documented`] type: its name, its Rust type and its
/// attributes (doc comments and serde's), each as written.
pub(crate) type FieldDoc = (&'static str, &'static str, &'static [&'static str]);

/// A type of the template API, with the fields a template sees.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) trait Documented {
    /// The type's name, as the README's reference names it.
    const NAME: &'static str;
    /// The type's attributes (its doc comment), as written.
    const DOC: &'static [&'static str];
    /// Each field, as declared.
    const FIELDS: &'static [FieldDoc];
}

/// A part shown on many pages, built once and shared (a theme listing
/// thousands of items repeats their cases).
#[derive(Debug)]
pub(super) struct Shared<T>(Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// Builds the template contexts of one render.
pub(super) struct Contexts<'a> {
    site: &'a Site,
    assets: &'a AssetPaths,
    // A case or meeting is described on many pages (every theme and
    // organisation listing its items repeats its case): built once, shared.
    meeting_refs: Vec<OnceLock<Shared<refs::MeetingSummary>>>,
    case_refs: Vec<Vec<OnceLock<Shared<refs::CaseSummary>>>>,
}

/// A page's context, and the name of its type (for the README's reference).
pub(super) struct Built {
    /// What the template gets.
    pub(super) context: tera::Context,
    /// The [`Documented::NAME`] of the type it was made from.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) type_name: &'static str,
}

fn built<T: Serialize + Documented>(value: T) -> Built {
    Built {
        // A struct of strings, numbers and lists always serialises to an object.
        context: tera::Context::from_serialize(value).expect("a context is an object"),
        type_name: T::NAME,
    }
}

fn iso(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

impl<'a> Contexts<'a> {
    pub(super) fn new(site: &'a Site, assets: &'a AssetPaths) -> Self {
        Contexts {
            site,
            assets,
            meeting_refs: site.meetings.iter().map(|_| OnceLock::new()).collect(),
            case_refs: site
                .meetings
                .iter()
                .map(|m| m.cases.iter().map(|_| OnceLock::new()).collect())
                .collect(),
        }
    }

    /// The template context of a page of `kind`.
    pub(super) fn build(&self, kind: &PageKind) -> Built {
        match kind {
            PageKind::Home => built(self.home()),
            PageKind::Meetings => built(self.meetings()),
            PageKind::Meeting(i) => built(self.meeting(*i)),
            PageKind::Case(r) => built(self.case(*r)),
            PageKind::Attachment(r, i) => built(self.attachment(*r, *i)),
            PageKind::Papers => built(self.papers()),
            PageKind::Paper(i) => built(self.paper(*i)),
            PageKind::Page(i) => built(self.page(*i)),
            PageKind::Themes => built(self.themes()),
            PageKind::Theme(i) => built(self.theme(*i)),
            PageKind::Organisations => built(self.organisations()),
            PageKind::Organisation(id) => built(self.organisation(id)),
            PageKind::People => built(self.people()),
            PageKind::Person(id) => built(self.person(id)),
            PageKind::Followups => built(self.followups(None)),
            PageKind::FollowupsYear(y) => built(self.followups(Some(*y))),
            PageKind::Advice => built(self.advice()),
            PageKind::NotFound => built(self.not_found()),
            PageKind::Search => built(self.search()),
            PageKind::Feed => built(self.feed()),
            PageKind::Sitemap => built(self.sitemap()),
        }
    }

    fn html(&self, body: &Body) -> String {
        self.html_shifted(body, 0, None)
    }

    /// A case's body, of its meeting's day (people and organisations by their
    /// names then): its items are cited and get their deep-link context.
    fn html_of_case(
        &self,
        body: &Body,
        date: chrono::NaiveDate,
        source: &crate::render::item_extras::ItemSource,
    ) -> String {
        self.html_with(body, 0, Some(date), Some(source))
    }

    /// A body that sits under one of the page's own `<h2>`s.
    fn html_shifted(
        &self,
        body: &Body,
        heading_shift: u8,
        date: Option<chrono::NaiveDate>,
    ) -> String {
        self.html_with(body, heading_shift, date, None)
    }

    fn html_with(
        &self,
        body: &Body,
        heading_shift: u8,
        date: Option<chrono::NaiveDate>,
        item_source: Option<&crate::render::item_extras::ItemSource>,
    ) -> String {
        note(Dep::Global);
        note(Dep::Organisations);
        note(Dep::People);
        body_html(
            body,
            &HtmlOptions {
                trust_raw_html: self.site.config.trust_raw_html,
                organisations: &self.site.organisations,
                people: &self.site.people,
                person_links: &self.site.person_links,
                heading_shift,
                date,
                item_source,
            },
        )
    }
}

/// A documented type's name, attributes and fields.
#[cfg(test)]
type TypeDoc = (&'static str, &'static [&'static str], &'static [FieldDoc]);

/// The names and fields of the given [`Documented`] types.
#[cfg(test)]
macro_rules! documented {
    ($($t:ty),* $(,)?) => {
        vec![$((
            <$t as $crate::render::context::Documented>::NAME,
            <$t as $crate::render::context::Documented>::DOC,
            <$t as $crate::render::context::Documented>::FIELDS,
        )),*]
    };
}
#[cfg(test)]
pub(crate) use documented;

/// Every documented type of the template API, for the README's reference.
#[cfg(test)]
fn all_documented() -> Vec<TypeDoc> {
    [
        frame::documented(),
        refs::documented(),
        home::documented(),
        meetings::documented(),
        cases::documented(),
        papers::documented(),
        themes::documented(),
        organisations::documented(),
        outcomes::documented(),
        advice::documented(),
        people::documented(),
        site::documented(),
    ]
    .concat()
}
