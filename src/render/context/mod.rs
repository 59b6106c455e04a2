//! Template contexts: what each page type gets, built from the model's links.
//!
//! Every page gets Zola-like `config` and `page`, plus `site`, `nav`,
//! `breadcrumbs` and `assets`, and the typed entity it shows (`meeting`,
//! `case`, `organisation`, …). Names here are the template API; the README
//! lists them.

use std::sync::OnceLock;

use chrono::Datelike;
use serde_json::{json, Map, Value};

use super::format::{date_long, file_size, file_type};
use super::incremental::{note, Dep};
use super::markdown::{body_html, HtmlOptions};
use super::AssetPaths;
use crate::model::urls;
use crate::model::{AttendanceRef, Body, CaseRef, Earlier, ItemRef, Meeting, SeatAttendance, Site};
use crate::search::DocKind;

pub(super) struct Contexts<'a> {
    site: &'a Site,
    assets: &'a AssetPaths,
    // A case or meeting is described on many pages (every theme and
    // organisation listing its items repeats its case): built once, cloned.
    meeting_refs: Vec<OnceLock<Value>>,
    case_refs: Vec<Vec<OnceLock<Value>>>,
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

    fn html(&self, body: &Body) -> String {
        self.html_shifted(body, 0, None)
    }

    /// A body of a meeting's day: people and organisations by their names then.
    fn html_at(&self, body: &Body, date: chrono::NaiveDate) -> String {
        self.html_shifted(body, 0, Some(date))
    }

    /// A body that sits under one of the page's own `<h2>`s.
    fn html_shifted(
        &self,
        body: &Body,
        heading_shift: u8,
        date: Option<chrono::NaiveDate>,
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
            },
        )
    }

    /// The parts every page shares.
    fn base(
        &self,
        title: &str,
        description: &str,
        path: &str,
        crumbs: Vec<(String, String)>,
    ) -> tera::Context {
        note(Dep::Global);
        let site = self.site;
        let mut nav = Vec::new();
        if let Some(s) = &site.meetings_section {
            nav.push(json!({"title": s.title, "path": s.path}));
        }
        nav.push(json!({"title": "Temaer", "path": urls::THEMES}));
        nav.push(json!({"title": "Organisasjoner", "path": urls::ORGANISATIONS}));
        if let Some(s) = &site.papers_section {
            nav.push(json!({"title": s.title, "path": s.path}));
        }
        let mut menu: Vec<_> = site
            .pages
            .iter()
            .filter(|p| p.menu.is_some() && !p.hidden)
            .collect();
        menu.sort_by_key(|p| p.menu);
        for p in menu {
            nav.push(json!({"title": p.title, "path": p.path}));
        }
        for item in &mut nav {
            let p = item["path"].as_str().unwrap_or("").to_string();
            item["current"] = json!(path == p || (p != "/" && path.starts_with(&p)));
        }
        let footer: Vec<Value> = site
            .pages
            .iter()
            .filter(|p| !p.hidden && p.menu.is_none() && p.children.is_empty())
            .map(|p| json!({"title": p.title, "path": p.path}))
            .collect();
        let mut breadcrumbs = vec![json!({"title": "Forside", "path": urls::HOME})];
        breadcrumbs.extend(
            crumbs
                .into_iter()
                .map(|(t, p)| json!({"title": t, "path": p})),
        );
        let mut ctx = tera::Context::new();
        ctx.insert(
            "config",
            &json!({
                "title": site.config.title,
                "base_url": site.config.base_url,
                "description": site.config.description,
                "default_language": site.config.default_language,
                "extra": site.config.extra,
            }),
        );
        ctx.insert(
            "site",
            &json!({"name": site.council.name, "short_name": site.council.short_name}),
        );
        ctx.insert("page", &json!({
            "title": title,
            "description": if description.is_empty() { site.config.description.as_str() } else { description },
            "path": path,
            "permalink": format!("{}{}", site.config.base_url, path),
        }));
        ctx.insert("nav", &nav);
        ctx.insert("footer_links", &footer);
        ctx.insert(
            "breadcrumbs",
            &if path == urls::HOME {
                Vec::new()
            } else {
                breadcrumbs
            },
        );
        ctx.insert("assets", self.assets);
        ctx.insert("search_page", &(path == urls::SEARCH));
        ctx.insert("lang", &site.config.default_language);
        ctx
    }

    fn meetings_crumb(&self) -> Vec<(String, String)> {
        note(Dep::Global);
        self.site
            .meetings_section
            .as_ref()
            .map(|s| vec![(s.title.clone(), s.path.clone())])
            .unwrap_or_default()
    }

    // ---- references: the small objects lists are made of ----

    fn org_ref(&self, id: &str) -> Value {
        note(Dep::Organisations);
        match self.site.organisations.get(id) {
            Some(o) => json!({
                "id": o.id, "name": o.name, "short_name": o.short_name,
                "path": urls::organisation(&o.id),
            }),
            None => json!({"id": id, "name": id, "path": Value::Null}),
        }
    }

    /// An organisation as it was named on `date`.
    fn org_ref_at(&self, id: &str, date: chrono::NaiveDate) -> Value {
        let mut v = self.org_ref(id);
        if let Some(o) = self.site.organisations.get(id) {
            v["name"] = json!(o.name_at(date));
        }
        v
    }

    /// A person as named, and with the position held, on `date`.
    fn person_ref_at(&self, id: &str, date: chrono::NaiveDate) -> Value {
        let mut v = self.person_ref(id);
        if let Some(p) = self.site.people.get(id) {
            v["name"] = json!(p.name_at(date));
            v["title"] = json!(p.title_at(date));
        }
        v
    }

    /// An agency unit with the bodies above it on `date`, the top first:
    /// Helsedirektoratet, a division, a department.
    fn unit_path_at(&self, id: &str, date: chrono::NaiveDate) -> Vec<Value> {
        let mut ids = vec![id];
        while let Some(parent) = self
            .site
            .organisations
            .get(*ids.last().unwrap_or(&id))
            .and_then(|o| o.parent_at(date))
        {
            // A parent named twice is a loop in the data: stop there.
            if ids.contains(&parent) {
                break;
            }
            ids.push(parent);
        }
        ids.iter().rev().map(|o| self.org_ref_at(o, date)).collect()
    }

    fn person_ref(&self, id: &str) -> Value {
        note(Dep::People);
        note(Dep::PersonLinks(id.to_string()));
        let name = self.site.people.get(id).map_or(id, |p| p.name.as_str());
        let title = self.site.people.get(id).and_then(|p| p.title.clone());
        let path = self.site.has_person_page(id).then(|| urls::person(id));
        json!({"id": id, "name": name, "title": title, "path": path})
    }

    fn theme_ref(&self, name: &str) -> Value {
        let slug = crate::model::slug::slugify(name);
        let path = urls::theme(&slug);
        json!({"name": name, "slug": slug, "path": path})
    }

    fn meeting_ref(&self, i: usize) -> Value {
        note(Dep::MeetingRef(i));
        self.meeting_refs[i]
            .get_or_init(|| {
                let m = &self.site.meetings[i];
                json!({
                    "code": m.code(), "number": m.number, "year": chrono::Datelike::year(&m.date),
                    "date": iso(m.date), "date_text": date_long(m.date), "path": m.path(),
                    "title": format!("Møte {}", m.code()), "case_count": m.cases.len(),
                    "revised": m.revised,
                })
            })
            .clone()
    }

    fn case_ref(&self, r: CaseRef) -> Value {
        // Noted here, not where the value is made: that happens once per build.
        note(Dep::CaseHead(r));
        note(Dep::MeetingRef(r.meeting));
        self.case_refs[r.meeting][r.case]
            .get_or_init(|| {
                let c = self.site.case(r);
                json!({
                    "number": c.number, "title": c.title, "kind": c.kind, "kind_label": c.kind.map(|k| k.label()),
                    "was": c.was.as_ref().map(|(was, _)| was),
                    "status": c.status, "status_label": c.status.map(|s| s.label()),
                    "status_note": c.status_note,
                    "path": self.site.case_path(r), "description": c.description,
                    "meeting": self.meeting_ref(r.meeting),
                    "themes": c.themes.iter().map(|t| self.theme_ref(t)).collect::<Vec<_>>(),
                    "item_count": c.body.item_count(),
                })
            })
            .clone()
    }

    fn item_ref(&self, r: &ItemRef) -> Value {
        note(Dep::Items(r.case));
        let case = self.site.case(r.case);
        let item = case.body.item(&r.anchor);
        json!({
            "anchor": r.anchor,
            "label": item.map(|i| i.label.clone()),
            "text": item.map(|i| i.text.clone()),
            "group": item.and_then(|i| i.group.clone()),
            "raised_by_many": item.is_some_and(|i| i.raised_by_many),
            "path": format!("{}#{}", self.site.case_path(r.case), r.anchor),
            "case": self.case_ref(r.case),
        })
    }

    fn paper_ref(&self, i: usize) -> Value {
        note(Dep::Paper(i));
        let p = &self.site.papers[i];
        json!({
            "title": p.title, "path": p.path, "description": p.description,
            "date": p.date.map(iso), "date_text": p.date.map(date_long),
            "authors": p.authors.iter().map(|a| self.org_ref(a)).collect::<Vec<_>>(),
            "recipient": p.recipient.as_deref().map(|r| self.org_ref(r)),
        })
    }

    fn attendance_row(&self, row: &SeatAttendance, date: chrono::NaiveDate) -> Value {
        json!({
            "organisation": self.org_ref_at(&row.organisation, date),
            "status": row.status, "status_label": row.status.label(),
            "person": row.person.as_deref().map(|p| self.person_ref_at(p, date)),
            "role": row.role, "role_label": row.role.map(|r| r.label()),
            "label": row.label, "seat": row.seat,
        })
    }

    /// A seat holder as the organisation and person pages show one: a start
    /// or end that is not known has no date.
    fn holding(&self, s: &crate::model::Seat, h: &crate::model::Holding) -> Value {
        json!({
            "person": self.person_ref(&h.person),
            "organisation": self.org_ref(s.organisation_at(h.from)), "term": s.term,
            "role": h.role, "role_label": h.role.label(),
            "from": h.from_known.then(|| date_long(h.from)), "to": h.to_known.then(|| date_long(h.to)),
            "from_iso": h.from_known.then(|| iso(h.from)), "to_iso": h.to_known.then(|| iso(h.to)),
            "note": h.note,
            // The seat changed organisation while they held it.
            "moves": s.moves.iter().filter(|m| h.from < m.from && m.from <= h.to).map(|m| json!({
                "organisation": self.org_ref(&m.organisation),
                "from": date_long(m.from), "from_iso": iso(m.from),
            })).collect::<Vec<_>>(),
        })
    }

    fn attendance_ref(&self, r: &AttendanceRef) -> Value {
        note(Dep::Attendance(r.meeting));
        let m: &Meeting = &self.site.meetings[r.meeting];
        let row = if r.observer {
            &m.attendance.observers[r.row]
        } else {
            &m.attendance.seats[r.row]
        };
        let mut v = self.attendance_row(row, m.date);
        v["meeting"] = self.meeting_ref(r.meeting);
        v["observer"] = json!(r.observer);
        // Lists of one organisation's rows name the seat when it has several,
        // and keep a label the meeting printed.
        let seat = row.seat.as_deref().and_then(|id| {
            self.site
                .council
                .seats
                .iter()
                .find(|s| s.id == id && s.exists_on(m.date))
        });
        note(Dep::OrganisationLinks(row.organisation.clone()));
        let several = seat.is_some_and(|seat| {
            self.site
                .organisation_links
                .get(&row.organisation)
                .is_some_and(|l| {
                    l.seats
                        .iter()
                        .filter(|si| self.site.council.seats[**si].term == seat.term)
                        .count()
                        > 1
                })
        });
        let printed =
            row.label.is_some() && row.label.as_deref() != seat.and_then(|s| s.label_at(m.date));
        v["show_label"] = json!(row.label.is_some() && (several || printed));
        v
    }

    // ---- pages ----

    pub(super) fn home(&self) -> tera::Context {
        let site = self.site;
        let mut ctx = self.base(
            &site.home.title,
            &site.home.description,
            urls::HOME,
            Vec::new(),
        );
        ctx.insert(
            "council",
            &json!({
                "name": site.council.name,
                "description_html": self.html(&site.council_description),
            }),
        );
        ctx.insert("intro_html", &self.html(&site.home.body));
        note(Dep::Meetings);
        let latest = (!site.meetings.is_empty()).then(|| {
            let mut m = self.meeting_ref(0);
            m["cases"] = json!((0..site.meetings[0].cases.len())
                .map(|c| self.case_ref(CaseRef {
                    meeting: 0,
                    case: c
                }))
                .collect::<Vec<_>>());
            m
        });
        ctx.insert("latest_meeting", &latest);
        // The newest meeting's top-level advice, items raised by many or attributed first.
        let mut latest_advice: Vec<(bool, ItemRef)> = site
            .all_cases()
            .take_while(|r| r.meeting == 0)
            .flat_map(|r| {
                note(Dep::MeetingRef(0));
                note(Dep::Items(r));
                site.case(r)
                    .body
                    .items()
                    .into_iter()
                    .filter(|i| !i.label.contains('.'))
                    .map(move |i| {
                        let notable = i.raised_by_many || !i.organisations.is_empty();
                        (
                            !notable,
                            ItemRef {
                                case: r,
                                anchor: i.anchor.clone(),
                            },
                        )
                    })
            })
            .collect();
        latest_advice.sort_by_key(|(plain, _)| *plain);
        let latest_advice: Vec<Value> = latest_advice
            .iter()
            .take(6)
            .map(|(_, r)| self.item_ref(r))
            .collect();
        ctx.insert("latest_advice", &latest_advice);
        ctx.insert("themes", &self.theme_list());
        note(Dep::Papers);
        ctx.insert(
            "papers",
            &(0..site.papers.len().min(3))
                .map(|i| self.paper_ref(i))
                .collect::<Vec<_>>(),
        );
        ctx
    }

    fn theme_list(&self) -> Vec<Value> {
        note(Dep::Themes);
        self.site
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| {
                note(Dep::Theme(i));
                let mut v = self.theme_ref(&t.name);
                v["count"] = json!(t.cases.len() + t.papers.len() + t.items.len());
                v["case_count"] = json!(t.cases.len());
                v
            })
            .collect()
    }

    pub(super) fn meetings(&self) -> tera::Context {
        let site = self.site;
        let section = site.meetings_section.as_ref().expect("checked");
        let mut ctx = self.base(
            &section.title,
            &section.description,
            &section.path,
            Vec::new(),
        );
        let mut years: Vec<(i32, Vec<Value>)> = Vec::new();
        note(Dep::Meetings);
        for (i, m) in site.meetings.iter().enumerate() {
            note(Dep::MeetingRef(i));
            let year = chrono::Datelike::year(&m.date);
            let mut v = self.meeting_ref(i);
            v["cases"] = json!((0..m.cases.len())
                .map(|c| self.case_ref(CaseRef {
                    meeting: i,
                    case: c
                }))
                .collect::<Vec<_>>());
            match years.last_mut() {
                Some((y, list)) if *y == year => list.push(v),
                _ => years.push((year, vec![v])),
            }
        }
        ctx.insert("intro_html", &self.html(&section.body));
        ctx.insert(
            "years",
            &years
                .into_iter()
                .map(|(y, m)| json!({"year": y, "meetings": m}))
                .collect::<Vec<_>>(),
        );
        ctx
    }

    pub(super) fn meeting(&self, i: usize) -> tera::Context {
        note(Dep::Meeting(i));
        note(Dep::Attendance(i));
        let site = self.site;
        let m = &site.meetings[i];
        let title = format!("Møte {}", m.code());
        let mut ctx = self.base(
            &title,
            &format!(
                "Referat fra {} i {}, {}",
                title.to_lowercase(),
                site.council.short_name,
                date_long(m.date)
            ),
            &m.path(),
            self.meetings_crumb(),
        );
        let case_path = |c: usize| {
            let r = CaseRef {
                meeting: i,
                case: c,
            };
            note(Dep::CaseHead(r));
            site.case_path(r)
        };
        let mut v = self.meeting_ref(i);
        v["start"] = json!(m.start.map(|t| t.format("%H:%M").to_string()));
        v["end"] = json!(m.end.map(|t| t.format("%H:%M").to_string()));
        v["place"] = json!(m.place);
        v["chair"] = json!(m.chair.as_deref().map(|p| self.person_ref_at(p, m.date)));
        v["minute_takers"] = json!(m
            .minute_takers
            .iter()
            .map(|p| self.person_ref_at(p, m.date))
            .collect::<Vec<_>>());
        v["agenda"] = json!(m
            .agenda
            .iter()
            .map(|a| json!({
                "time": a.time.format("%H:%M").to_string(),
                "text": a.text,
                "case_path": a.case.map(case_path),
            }))
            .collect::<Vec<_>>());
        v["decisions"] = json!(m
            .decisions
            .iter()
            .map(|d| json!({
                "text": d.text,
                "case": d.case.map(|c| self.case_ref(CaseRef { meeting: i, case: c })),
            }))
            .collect::<Vec<_>>());
        v["body_html"] = json!(self.html_shifted(&m.body, 1, Some(m.date)));
        v["cases"] = json!((0..m.cases.len())
            .map(|c| self.case_ref(CaseRef {
                meeting: i,
                case: c
            }))
            .collect::<Vec<_>>());
        let a = &m.attendance;
        v["attendance"] = json!({
            "seats": a.seats.iter().map(|r| self.attendance_row(r, m.date)).collect::<Vec<_>>(),
            "observers": a.observers.iter().map(|r| self.attendance_row(r, m.date)).collect::<Vec<_>>(),
            "guests": a.guests.iter().map(|g| json!({
                "organisation": g.organisation.as_deref().map(|o| self.org_ref_at(o, m.date)),
                "name": g.published_name,
            })).collect::<Vec<_>>(),
            "leadership": a.leadership.iter().map(|p| self.person_ref_at(p, m.date)).collect::<Vec<_>>(),
            "secretariat": a.secretariat.iter().map(|p| self.person_ref_at(p, m.date)).collect::<Vec<_>>(),
            "present": a.seats.iter().filter(|r| r.status == crate::model::AttendanceStatus::Present).count(),
            "regrets": a.seats.iter().filter(|r| r.status == crate::model::AttendanceStatus::Regrets).count(),
            "seat_count": a.seat_count,
        });
        put(&mut ctx, "meeting", v);
        ctx
    }

    pub(super) fn case(&self, r: CaseRef) -> tera::Context {
        note(Dep::Case(r));
        note(Dep::MeetingRef(r.meeting));
        note(Dep::Later(r));
        let site = self.site;
        let c = site.case(r);
        let m = &site.meetings[r.meeting];
        let title = format!("Sak {} {}", c.number, c.title);
        let mut crumbs = self.meetings_crumb();
        crumbs.push((format!("Møte {}", m.code()), m.path()));
        let mut ctx = self.base(&title, &c.description, &site.case_path(r), crumbs);
        let mut v = self.case_ref(r);
        v["submitted_by"] = json!(c
            .submitted_by
            .as_deref()
            .map(|u| self.org_ref_at(u, m.date)));
        v["submitted_by_path"] = json!(c
            .submitted_by
            .as_deref()
            .map(|u| self.unit_path_at(u, m.date)));
        v["body_html"] = json!(self.html_at(&c.body, m.date));
        v["attachments"] = json!(c.attachments.iter().map(|a| json!({
            "title": a.title,
            "kind": a.kind,
            "file": a.file.as_ref().map(|(path, size)| json!({
                "path": urls::file(path), "type": file_type(path), "size": file_size(*size),
            })),
            "text_path": a.text.as_ref().map(|(slug, _)| urls::attachment(&site.case_path(r), slug)),
        })).collect::<Vec<_>>());
        v["earlier"] = json!(c
            .earlier
            .iter()
            .map(|e| match e {
                Earlier::Case {
                    target: Some((mi, ci)),
                    ..
                } => {
                    let target = CaseRef {
                        meeting: *mi,
                        case: *ci,
                    };
                    let mut v = self.case_ref(target);
                    note(Dep::MeetingRef(*mi));
                    v["date_text"] = json!(date_long(site.meetings[*mi].date));
                    v
                }
                Earlier::Case { number, .. } =>
                    json!({"title": format!("Sak {number}"), "path": Value::Null}),
                Earlier::Text { date, text } => json!({
                    "title": text, "path": Value::Null, "date_text": date.map(date_long),
                }),
            })
            .collect::<Vec<_>>());
        let later = site.later.get(&r).map(Vec::as_slice).unwrap_or_default();
        let later = refs(later, |other| self.case_ref(*other));
        v["later"] = json!(later);
        put(&mut ctx, "case", v);
        ctx
    }

    pub(super) fn attachment(&self, r: CaseRef, i: usize) -> tera::Context {
        note(Dep::Case(r));
        note(Dep::MeetingRef(r.meeting));
        let site = self.site;
        let c = site.case(r);
        let a = &c.attachments[i];
        let (slug, body) = a.text.as_ref().expect("checked");
        let m = &site.meetings[r.meeting];
        let mut crumbs = self.meetings_crumb();
        crumbs.push((format!("Møte {}", m.code()), m.path()));
        crumbs.push((format!("Sak {}", c.number), site.case_path(r)));
        let path = urls::attachment(&site.case_path(r), slug);
        let mut ctx = self.base(&a.title, "", &path, crumbs);
        ctx.insert("attachment", &json!({
            "title": a.title, "kind": a.kind, "body_html": self.html(body),
            "file": a.file.as_ref().map(|(p, size)| json!({"path": urls::file(p), "type": file_type(p), "size": file_size(*size)})),
        }));
        ctx.insert("case", &self.case_ref(r));
        ctx
    }

    pub(super) fn papers(&self) -> tera::Context {
        let section = self.site.papers_section.as_ref().expect("checked");
        let mut ctx = self.base(
            &section.title,
            &section.description,
            &section.path,
            Vec::new(),
        );
        ctx.insert("intro_html", &self.html(&section.body));
        note(Dep::Papers);
        ctx.insert(
            "papers",
            &(0..self.site.papers.len())
                .map(|i| self.paper_ref(i))
                .collect::<Vec<_>>(),
        );
        ctx
    }

    pub(super) fn paper(&self, i: usize) -> tera::Context {
        note(Dep::Paper(i));
        let p = &self.site.papers[i];
        let crumbs = self
            .site
            .papers_section
            .as_ref()
            .map(|s| vec![(s.title.clone(), s.path.clone())])
            .unwrap_or_default();
        let mut ctx = self.base(&p.title, &p.description, &p.path, crumbs);
        let mut v = self.paper_ref(i);
        v["body_html"] = json!(self.html(&p.body));
        v["themes"] = json!(p
            .themes
            .iter()
            .map(|t| self.theme_ref(t))
            .collect::<Vec<_>>());
        put(&mut ctx, "paper", v);
        ctx
    }

    pub(super) fn page(&self, i: usize) -> tera::Context {
        let p = &self.site.pages[i];
        let parent: Vec<(String, String)> = self
            .site
            .pages
            .iter()
            .filter(|s| s.children.contains(&i))
            .map(|s| (s.title.clone(), s.path.clone()))
            .collect();
        let mut ctx = self.base(&p.title, &p.description, &p.path, parent);
        ctx.insert("content_html", &self.html(&p.body));
        ctx.insert("date", &p.date.map(date_long));
        ctx.insert(
            "children",
            &p.children
                .iter()
                .map(|c| {
                    let c = &self.site.pages[*c];
                    json!({"title": c.title, "path": c.path, "description": c.description})
                })
                .collect::<Vec<_>>(),
        );
        ctx
    }

    pub(super) fn themes(&self) -> tera::Context {
        let mut ctx = self.base(
            "Temaer",
            "Saker, innspill og uttalelser etter tema",
            urls::THEMES,
            Vec::new(),
        );
        ctx.insert("themes", &self.theme_list());
        ctx
    }

    pub(super) fn theme(&self, i: usize) -> tera::Context {
        note(Dep::Theme(i));
        let t = &self.site.themes[i];
        let path = urls::theme(&t.slug);
        let mut ctx = self.base(
            &format!("Tema: {}", t.name),
            &format!("Alt om {} fra {}", t.name, self.site.council.short_name),
            &path,
            vec![("Temaer".into(), urls::THEMES.into())],
        );
        let mut cases = t.cases.clone();
        cases.sort();
        let mut items = t.items.clone();
        items.sort();
        put(
            &mut ctx,
            "theme",
            json!({
                "name": t.name, "slug": t.slug,
                "cases": cases.iter().map(|r| self.case_ref(*r)).collect::<Vec<_>>(),
                "papers": t.papers.iter().map(|p| self.paper_ref(*p)).collect::<Vec<_>>(),
                "items": items.iter().map(|r| self.item_ref(r)).collect::<Vec<_>>(),
            }),
        );
        ctx
    }

    pub(super) fn organisations(&self) -> tera::Context {
        let site = self.site;
        let mut ctx = self.base(
            "Organisasjoner",
            "Organisasjonene i brukerrådet og andre aktører",
            urls::ORGANISATIONS,
            Vec::new(),
        );
        note(Dep::Organisations);
        let mut groups: Vec<(crate::model::OrganisationKind, Vec<Value>)> = Vec::new();
        let mut orgs: Vec<_> = site.organisations.values().collect();
        orgs.sort_by_key(|o| (o.kind, o.name.to_lowercase()));
        for o in orgs {
            let mut v = self.org_ref(&o.id);
            v["has_seat"] = json!(site.council.has_any_seat(&o.id));
            v["umbrella"] = json!(o.umbrella.as_deref().map(|u| self.org_ref(u)));
            match groups.last_mut() {
                Some((k, list)) if *k == o.kind => list.push(v),
                _ => groups.push((o.kind, vec![v])),
            }
        }
        ctx.insert(
            "groups",
            &groups
                .into_iter()
                .map(|(k, list)| {
                    json!({
                        "kind": k, "label": kind_plural(k), "organisations": list,
                    })
                })
                .collect::<Vec<_>>(),
        );
        ctx
    }

    pub(super) fn organisation(&self, id: &str) -> tera::Context {
        note(Dep::Organisations);
        note(Dep::OrganisationLinks(id.to_string()));
        let site = self.site;
        let o = &site.organisations[id];
        let links = &site.organisation_links[id];
        let path = urls::organisation(id);
        let mut ctx = self.base(
            &o.name,
            o.description.as_deref().unwrap_or(""),
            &path,
            vec![("Organisasjoner".into(), urls::ORGANISATIONS.into())],
        );
        let mut v = self.org_ref(id);
        v["kind"] = json!(o.kind);
        v["kind_label"] = json!(o.kind.label());
        v["umbrella"] = json!(o.umbrella.as_deref().map(|u| self.org_ref(u)));
        v["parent"] = json!(o.parent.as_deref().map(|u| self.org_ref(u)));
        v["former_names"] = json!(o.names.earlier());
        // Every parent it had, with the days: a unit that moved says where it was.
        v["parents"] = json!(if o.parents.changes.is_empty() {
            Vec::new()
        } else {
            let mut spans = Vec::new();
            let mut from = None;
            let mut parent = o.parents.first.as_deref();
            for change in &o.parents.changes {
                let to = change.from.pred_opt();
                spans.push(json!({
                    "organisation": parent.map(|p| self.org_ref_at(p, to.unwrap_or(change.from))),
                    "from": from.map(date_long), "from_iso": from.map(iso),
                    "to": to.map(date_long), "to_iso": to.map(iso),
                }));
                from = Some(change.from);
                parent = change.value.as_deref();
            }
            spans.push(json!({
                "organisation": parent.map(|p| self.org_ref(p)),
                "from": from.map(date_long), "from_iso": from.map(iso),
                "to": Value::Null, "to_iso": Value::Null,
            }));
            spans
        });
        v["website"] = json!(o.website);
        v["description"] = json!(o.description);
        v["members"] = json!(links
            .members
            .iter()
            .map(|m| self.org_ref(m))
            .collect::<Vec<_>>());
        put(&mut ctx, "organisation", v);
        ctx.insert(
            "seats",
            &links
                .seats
                .iter()
                .map(|si| {
                    let s = &site.council.seats[*si];
                    let term = site.council.terms.iter().find(|t| t.id == s.term);
                    json!({
                        "id": s.id,
                        "named": s.id != s.organisation,
                        "term": s.term,
                        "label": s.label,
                        "term_start": term.map(|t| date_long(t.start)),
                        "term_end": term.map(|t| date_long(t.end)),
                        "created": s.created.then(|| date_long(s.from)),
                        "created_iso": s.created.then(|| iso(s.from)),
                        "ended": s.ended.then(|| date_long(s.to)),
                        "ended_iso": s.ended.then(|| iso(s.to)),
                        "note": s.note,
                        "first_organisation": self.org_ref(&s.organisation),
                        "moves": s.moves.iter().enumerate().map(|(i, m)| json!({
                            "organisation": self.org_ref(&m.organisation),
                            "from_organisation": self.org_ref(if i == 0 { &s.organisation } else { &s.moves[i - 1].organisation }),
                            "from": date_long(m.from), "from_iso": iso(m.from),
                            "label": m.label, "note": m.note,
                        })).collect::<Vec<_>>(),
                        "holders": s.holders.iter().map(|h| self.holding(s, h)).collect::<Vec<_>>(),
                    })
                })
                .collect::<Vec<_>>(),
        );
        put(
            &mut ctx,
            "attendance",
            refs(&links.attendance, |r| self.attendance_ref(r)),
        );
        put(&mut ctx, "items", refs(&links.items, |r| self.item_ref(r)));
        put(
            &mut ctx,
            "papers",
            refs(&links.papers, |p| self.paper_ref(*p)),
        );
        put(
            &mut ctx,
            "received",
            refs(&links.received, |p| self.paper_ref(*p)),
        );
        put(&mut ctx, "cases", refs(&links.cases, |r| self.case_ref(*r)));
        ctx
    }

    pub(super) fn people(&self) -> tera::Context {
        let site = self.site;
        let mut ctx = self.base(
            "Representanter",
            "Medlemmer og varamedlemmer i brukerrådet",
            urls::PEOPLE,
            Vec::new(),
        );
        note(Dep::People);
        let mut people: Vec<Value> = site
            .people
            .values()
            .filter(|p| {
                note(Dep::PersonLinks(p.id.clone()));
                site.has_person_page(&p.id)
            })
            .map(|p| {
                let mut v = self.person_ref(&p.id);
                let links = &site.person_links[&p.id];
                v["seats"] = json!(links.holdings.iter().map(|(si, hi)| {
                    let s = &site.council.seats[*si];
                    let h = &s.holders[*hi];
                    json!({"organisation": self.org_ref(s.organisation_at(h.from)), "role": h.role, "role_label": h.role.label(), "term": s.term})
                }).collect::<Vec<_>>());
                v
            })
            .collect();
        people.sort_by(|a, b| a["name"].as_str().cmp(&b["name"].as_str()));
        put(&mut ctx, "people", people);
        ctx
    }

    pub(super) fn person(&self, id: &str) -> tera::Context {
        note(Dep::People);
        note(Dep::PersonLinks(id.to_string()));
        let site = self.site;
        let p = &site.people[id];
        let links = &site.person_links[id];
        let path = urls::person(id);
        let mut ctx = self.base(
            &p.name,
            "",
            &path,
            vec![("Representanter".into(), urls::PEOPLE.into())],
        );
        let mut v = self.person_ref(id);
        v["former_names"] = json!(p.names.earlier());
        v["titles"] = json!(p
            .titles
            .iter()
            .map(|t| json!({
                "title": t.title,
                "from": t.from.map(date_long), "from_iso": t.from.map(iso),
                "to": t.to.map(date_long), "to_iso": t.to.map(iso),
            }))
            .collect::<Vec<_>>());
        v["undated_title"] = json!(p.undated_title);
        ctx.insert("person", &v);
        ctx.insert(
            "holdings",
            &links
                .holdings
                .iter()
                .map(|(si, hi)| {
                    let s = &site.council.seats[*si];
                    let h = &s.holders[*hi];
                    self.holding(s, h)
                })
                .collect::<Vec<_>>(),
        );
        ctx.insert("committees", &links.committees.iter().map(|(ci, mi)| {
            let c = &site.council.committees[*ci];
            json!({"name": c.name, "short_name": c.short_name, "term": c.term, "role": c.members[*mi].role})
        }).collect::<Vec<_>>());
        put(
            &mut ctx,
            "attendance",
            refs(&links.attendance, |r| self.attendance_ref(r)),
        );
        put(&mut ctx, "items", refs(&links.items, |r| self.item_ref(r)));
        ctx
    }

    pub(super) fn search(&self) -> tera::Context {
        let site = self.site;
        let mut ctx = self.base(
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
        let browse: Vec<Value> = [
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
        .map(|(title, path)| json!({"title": title, "path": path}))
        .collect();
        ctx.insert(
            "search",
            &json!({
                "kinds": DocKind::ALL.iter().map(|k| json!({"key": k.key(), "label": k.label()})).collect::<Vec<_>>(),
                "years": years,
                "themes": site.themes.iter().map(|t| json!({"slug": t.slug, "name": t.name})).collect::<Vec<_>>(),
                "organisations": site.organisations.values().map(|o| json!({"id": o.id, "name": o.name})).collect::<Vec<_>>(),
                "browse": browse,
            }),
        );
        ctx
    }

    pub(super) fn not_found(&self) -> tera::Context {
        self.base("Fant ikke siden", "", urls::NOT_FOUND, Vec::new())
    }

    pub(super) fn feed(&self) -> tera::Context {
        let site = self.site;
        let mut entries = Vec::new();
        note(Dep::Meetings);
        for (i, m) in site.meetings.iter().enumerate() {
            // Only what the feed shows is read, so an edit to an old case leaves it be.
            if entries.len() >= FEED_ENTRIES {
                break;
            }
            note(Dep::MeetingRef(i));
            entries.push(json!({
                "title": format!("Møte {}", m.code()), "path": m.path(),
                "updated": format!("{}T00:00:00Z", iso(m.date)),
                "summary": format!("Referat fra møte {} ({})", m.code(), date_long(m.date)),
            }));
            for c in 0..m.cases.len() {
                let r = CaseRef {
                    meeting: i,
                    case: c,
                };
                note(Dep::CaseHead(r));
                let case = site.case(r);
                entries.push(json!({
                    "title": format!("Sak {} {}", case.number, case.title), "path": site.case_path(r),
                    "updated": format!("{}T00:00:00Z", iso(m.date)),
                    "summary": match (case.description.is_empty(), case.kind) {
                        (false, _) => case.description.clone(),
                        (true, Some(kind)) => kind.label().to_string(),
                        (true, None) => format!("Sak {} i møte {}", case.number, m.code()),
                    },
                }));
            }
        }
        entries.truncate(FEED_ENTRIES);
        let mut ctx = self.base(&site.config.title, "", urls::FEED, Vec::new());
        ctx.insert(
            "updated",
            &entries
                .first()
                .and_then(|e| e["updated"].as_str().map(String::from))
                .unwrap_or_else(|| "1970-01-01T00:00:00Z".into()),
        );
        put(&mut ctx, "entries", entries);
        ctx
    }

    pub(super) fn sitemap(&self) -> tera::Context {
        let site = self.site;
        note(Dep::SiteMap);
        let urls: Vec<Value> = site
            .site_map
            .iter()
            .filter(|p| p.listed)
            .map(|p| {
                let mut m = Map::new();
                m.insert(
                    "permalink".into(),
                    json!(format!("{}{}", site.config.base_url, p.path)),
                );
                m.insert("date".into(), json!(p.date.map(iso)));
                Value::Object(m)
            })
            .collect();
        let mut ctx = self.base("", "", urls::SITEMAP, Vec::new());
        put(&mut ctx, "entries", urls);
        ctx
    }
}

/// Entries in the Atom feed, newest first.
const FEED_ENTRIES: usize = 100;

/// Maps a list of references to their template values.
/// Moves `value` into the context under `key`; [`tera::Context::insert`]
/// would serialise a deep copy of it, which for a theme's thousands of items
/// costs as much as making them.
fn put(ctx: &mut tera::Context, key: &str, value: impl Into<Value>) {
    let mut one = Map::new();
    one.insert(key.to_string(), value.into());
    ctx.extend(tera::Context::from_value(Value::Object(one)).expect("an object"));
}

fn refs<T>(items: &[T], f: impl Fn(&T) -> Value) -> Vec<Value> {
    items.iter().map(f).collect()
}

fn kind_plural(kind: crate::model::OrganisationKind) -> &'static str {
    use crate::model::OrganisationKind::*;
    match kind {
        Member => "Medlemsorganisasjoner",
        Umbrella => "Paraplyorganisasjoner",
        AppointingBody => "Oppnevnende instanser",
        Agency => "Etaten",
        AgencyUnit => "Enheter i etaten",
        Observer => "Observatører",
        External => "Andre organer",
    }
}

#[cfg(test)]
mod tests;
