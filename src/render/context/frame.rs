//! The frame every page shares: the site's settings and names, the page's
//! own title and address, the navigation, the footer, the breadcrumbs and
//! the asset paths. Everything here reads only [`Dep::Global`].

use super::{template_type, Contexts};
use crate::model::urls;
use crate::render::incremental::{note, Dep};
use crate::render::AssetPaths;

template_type! {
    /// What every template gets, beside its page's own variables.
    struct Frame {
        /// The site's settings, as Zola names them.
        config: ConfigContext,
        /// The council's names.
        site: SiteNames,
        /// The page's own title and address.
        page: PageInfo,
        /// The main navigation, in order.
        nav: Vec<NavLink>,
        /// Plain pages outside the menu.
        footer_links: Vec<Link>,
        /// From the home page down to the page's parent; empty on the home page.
        breadcrumbs: Vec<Link>,
        /// The stylesheet and the search client.
        assets: AssetPaths,
        /// Whether this is the search page.
        search_page: bool,
        /// The content language.
        lang: String,
    }
}

template_type! {
    /// The settings of `config.toml` that templates see.
    struct ConfigContext {
        title: String,
        base_url: String,
        description: String,
        default_language: String,
        /// `[extra]`, as written.
        extra: toml::Table,
    }
}

template_type! {
    /// The council's names.
    struct SiteNames {
        name: String,
        short_name: String,
    }
}

template_type! {
    /// The page being rendered.
    struct PageInfo {
        title: String,
        /// The page's description, or the site's when it has none.
        description: String,
        path: String,
        /// `base_url` and `path`.
        permalink: String,
    }
}

template_type! {
    /// A link of the main navigation.
    struct NavLink {
        title: String,
        path: String,
        /// The page is this one or below it.
        current: bool,
    }
}

template_type! {
    /// A titled link.
    struct Link {
        title: String,
        path: String,
    }
}

impl Link {
    pub(super) fn new(title: impl Into<String>, path: impl Into<String>) -> Link {
        Link {
            title: title.into(),
            path: path.into(),
        }
    }
}

impl Contexts<'_> {
    /// The parts every page shares.
    pub(super) fn frame(
        &self,
        title: &str,
        description: &str,
        path: &str,
        crumbs: Vec<(String, String)>,
    ) -> Frame {
        note(Dep::Global);
        let site = self.site;
        let mut nav = Vec::new();
        if let Some(s) = &site.meetings_section {
            nav.push((s.title.clone(), s.path.clone()));
        }
        // Every case by what came of it: the one list of all cases.
        nav.push(("Saker og oppfølging".into(), urls::FOLLOWUPS.into()));
        // The advice itself, across cases: what the council is for.
        nav.push(("Råd".into(), urls::ADVICE.into()));
        nav.push(("Temaer".into(), urls::THEMES.into()));
        nav.push(("Organisasjoner".into(), urls::ORGANISATIONS.into()));
        if let Some(s) = &site.papers_section {
            nav.push((s.title.clone(), s.path.clone()));
        }
        let mut menu: Vec<_> = site
            .pages
            .iter()
            .filter(|p| p.menu.is_some() && !p.hidden)
            .collect();
        menu.sort_by_key(|p| p.menu);
        for p in menu {
            nav.push((p.title.clone(), p.path.clone()));
        }
        let nav = nav
            .into_iter()
            .map(|(title, p)| NavLink {
                current: path == p || (p != "/" && path.starts_with(&p)),
                title,
                path: p,
            })
            .collect();
        let footer_links = site
            .pages
            .iter()
            .filter(|p| !p.hidden && p.menu.is_none() && p.children.is_empty())
            .map(|p| Link::new(&p.title, &p.path))
            .collect();
        let breadcrumbs = if path == urls::HOME {
            Vec::new()
        } else {
            std::iter::once(Link::new("Forside", urls::HOME))
                .chain(crumbs.into_iter().map(|(t, p)| Link::new(t, p)))
                .collect()
        };
        Frame {
            config: ConfigContext {
                title: site.config.title.clone(),
                base_url: site.config.base_url.clone(),
                description: site.config.description.clone(),
                default_language: site.config.default_language.clone(),
                extra: site.config.extra.clone(),
            },
            site: SiteNames {
                name: site.council.name.clone(),
                short_name: site.council.short_name.clone(),
            },
            page: PageInfo {
                title: title.into(),
                description: if description.is_empty() {
                    site.config.description.clone()
                } else {
                    description.into()
                },
                path: path.into(),
                permalink: format!("{}{}", site.config.base_url, path),
            },
            nav,
            footer_links,
            breadcrumbs,
            assets: self.assets.clone(),
            search_page: path == urls::SEARCH,
            lang: site.config.default_language.clone(),
        }
    }

    /// The meetings section, for breadcrumbs.
    pub(super) fn meetings_crumb(&self) -> Vec<(String, String)> {
        note(Dep::Global);
        self.site
            .meetings_section
            .as_ref()
            .map(|s| vec![(s.title.clone(), s.path.clone())])
            .unwrap_or_default()
    }
}

#[cfg(test)]
pub(super) fn documented() -> Vec<super::TypeDoc> {
    super::documented![Frame, ConfigContext, SiteNames, PageInfo, NavLink, Link]
}
