//! Stage 2, model: the reverse links, built once: a theme's cases, an
//! organisation's and a person's attendance, input and papers, the cases
//! that name a case as earlier.

use super::*;

/// Themes as they are met, by name as written: most names repeat, so each
/// is slugified once.
#[derive(Default)]
struct ThemeIndex<'s> {
    themes: Vec<Theme>,
    by_slug: FxHashMap<String, usize>,
    by_name: FxHashMap<&'s str, usize>,
}

impl<'s> ThemeIndex<'s> {
    /// The theme `name` belongs to, made when first met.
    fn get(&mut self, name: &'s str) -> &mut Theme {
        let i = match self.by_name.get(name) {
            Some(&i) => i,
            None => {
                let slug = slugify(name);
                let themes = &mut self.themes;
                let i = *self.by_slug.entry(slug.clone()).or_insert_with(|| {
                    themes.push(Theme {
                        slug,
                        name: name.to_string(),
                        cases: Vec::new(),
                        papers: Vec::new(),
                        items: Vec::new(),
                    });
                    themes.len() - 1
                });
                self.by_name.insert(name, i);
                i
            }
        };
        &mut self.themes[i]
    }
}

/// Builds the reverse links: themes, organisations, people.
pub(super) fn index(site: &mut Site) {
    // Themes and the registry's links read different parts of every case:
    // made side by side.
    let (themes, ((organisations, people), later)) = rayon::join(
        || theme_links(site),
        || (registry_links(site), later_cases(site)),
    );
    site.themes = themes;
    site.organisation_links = organisations;
    site.person_links = people;
    site.later = later;
}

/// Every theme with its cases, items and papers, by name.
pub(super) fn theme_links(site: &Site) -> Vec<Theme> {
    let mut themes = ThemeIndex::default();
    for r in site.all_cases() {
        let case = site.case(r);
        for t in &case.themes {
            let list = &mut themes.get(t).cases;
            // Tags come case by case, so a case that names a theme twice is the last one listed.
            if list.last() != Some(&r) {
                list.push(r);
            }
        }
        for (t, anchor) in &case.body.tags.themes {
            themes.get(t).items.push(ItemRef {
                case: r,
                anchor: anchor.clone(),
            });
        }
    }
    for (pi, p) in site.papers.iter().enumerate() {
        for t in &p.themes {
            themes.get(t).papers.push(pi);
        }
    }
    let mut themes = themes.themes;
    // By name; names that differ only in case keep the order of their slugs.
    themes.sort_by(|a, b| (a.name.to_lowercase(), &a.slug).cmp(&(b.name.to_lowercase(), &b.slug)));
    themes
}

/// What points at each organisation and each person.
pub(super) fn registry_links(
    site: &Site,
) -> (
    BTreeMap<String, OrganisationLinks>,
    BTreeMap<String, PersonLinks>,
) {
    // Looked up by borrowed id in hash maps: there is one lookup per
    // attendance row and attributed item, tens of thousands at 10,000 cases.
    let mut orgs: FxHashMap<&str, OrganisationLinks> = site
        .organisations
        .keys()
        .map(|id| (id.as_str(), OrganisationLinks::default()))
        .collect();
    let mut people: FxHashMap<&str, PersonLinks> = site
        .people
        .keys()
        .map(|id| (id.as_str(), PersonLinks::default()))
        .collect();
    for (id, org) in &site.organisations {
        if let Some(u) = &org.umbrella {
            if let Some(l) = orgs.get_mut(u.as_str()) {
                l.members.push(id.clone());
            }
        }
    }
    for (si, seat) in site.council.seats.iter().enumerate() {
        // A seat moved to another organisation is on both pages.
        let mut held_by: Vec<&str> = seat.organisations().collect();
        held_by.sort_unstable();
        held_by.dedup();
        for org in held_by {
            if let Some(l) = orgs.get_mut(org) {
                l.seats.push(si);
            }
        }
        for (hi, h) in seat.holders.iter().enumerate() {
            if let Some(l) = people.get_mut(h.person.as_str()) {
                l.holdings.push((si, hi));
            }
        }
    }
    for (ci, c) in site.council.committees.iter().enumerate() {
        for (mi, m) in c.members.iter().enumerate() {
            if let Some(l) = people.get_mut(m.person.as_str()) {
                l.committees.push((ci, mi));
            }
        }
    }
    for (mi, m) in site.meetings.iter().enumerate() {
        let rows = m.attendance.seats.iter().map(|r| (r, false));
        let observers = m.attendance.observers.iter().map(|r| (r, true));
        let mut counts = (0, 0);
        for (row, observer) in rows.chain(observers) {
            let idx = if observer {
                &mut counts.1
            } else {
                &mut counts.0
            };
            let r = AttendanceRef {
                meeting: mi,
                row: *idx,
                observer,
            };
            *idx += 1;
            if let Some(l) = orgs.get_mut(row.organisation.as_str()) {
                l.attendance.push(r);
            }
            if let Some(p) = row.person.as_deref().and_then(|p| people.get_mut(p)) {
                p.attendance.push(r);
            }
        }
        for (ci, c) in m.cases.iter().enumerate() {
            let r = CaseRef {
                meeting: mi,
                case: ci,
            };
            if let Some(l) = c.submitted_by.as_deref().and_then(|u| orgs.get_mut(u)) {
                l.cases.push(r);
            }
            for (org, anchor) in &c.body.tags.organisations {
                let item = ItemRef {
                    case: r,
                    anchor: anchor.clone(),
                };
                // An id is an organisation's before a person's.
                if let Some(l) = orgs.get_mut(org.as_str()) {
                    l.items.push(item);
                } else if let Some(l) = people.get_mut(org.as_str()) {
                    l.items.push(item);
                }
            }
        }
    }
    for (pi, p) in site.papers.iter().enumerate() {
        for a in &p.authors {
            if let Some(l) = orgs.get_mut(a.as_str()) {
                l.papers.push(pi);
            }
        }
        if let Some(l) = p.recipient.as_deref().and_then(|r| orgs.get_mut(r)) {
            l.received.push(pi);
        }
    }
    let orgs = orgs.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    let people = people
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    (orgs, people)
}

/// The cases that name each case as earlier treatment.
pub(super) fn later_cases(site: &Site) -> BTreeMap<CaseRef, Vec<CaseRef>> {
    let mut later: BTreeMap<CaseRef, Vec<CaseRef>> = BTreeMap::new();
    for r in site.all_cases() {
        for e in &site.case(r).earlier {
            if let Earlier::Case {
                target: Some((meeting, case)),
                ..
            } = e
            {
                later
                    .entry(CaseRef {
                        meeting: *meeting,
                        case: *case,
                    })
                    .or_default()
                    .push(r);
            }
        }
    }
    later
}
