//! Names the registry does not know, proposed as new entries: a person or
//! an organisation gets a new id and a proposal beside the draft, and the
//! proposals are written as registry TOML for `--write-registry`.

use std::fmt::Write as _;

use super::{q, Writer};
use crate::import::resolve::{new_id, Proposal};

impl Writer<'_> {
    pub(super) fn propose(&mut self, p: Proposal) {
        if !self.proposals.contains(&p) {
            self.proposals.push(p);
        }
    }

    /// A person's id, proposing a new person when the registry has none.
    pub(super) fn person(&mut self, printed: &str, line: usize) -> (String, Option<String>) {
        if let Some(id) = self.registry.person(printed) {
            return (id.to_string(), None);
        }
        let cleaned =
            crate::import::lines::collapse(&crate::import::resolve::without_brackets(printed));
        let printed = cleaned.as_str();
        let existing = self.proposals.iter().find_map(|p| match p {
            Proposal::Person { id, name } if name == printed => Some(id.clone()),
            _ => None,
        });
        let id = existing.unwrap_or_else(|| {
            let taken = |id: &str| {
                self.registry.people.iter().any(|(p, _)| p == id)
                    || self
                        .proposals
                        .iter()
                        .any(|p| matches!(p, Proposal::Person { id: i, .. } if i == id))
            };
            new_id(printed, &taken)
        });
        self.propose(Proposal::Person {
            id: id.clone(),
            name: printed.to_string(),
        });
        let note = format!("\"{printed}\" is not in data/people.toml: proposed as \"{id}\"");
        self.notice(line, note.clone(), !self.accept_proposals);
        (id, Some(note))
    }

    /// An organisation's id for a printed label, proposing one when unknown.
    pub(super) fn organisation(
        &mut self,
        label: &str,
        kind: &'static str,
        line: usize,
    ) -> (String, Option<String>) {
        if let Some(org) = self.registry.organisation(label) {
            return (org.id.clone(), None);
        }
        let (umbrella, name) = match label.split_once('/') {
            Some((u, n)) => (
                self.registry.organisation(u).map(|o| o.id.clone()),
                n.trim(),
            ),
            None => (None, label.trim()),
        };
        let existing = self.proposals.iter().find_map(|p| match p {
            Proposal::Organisation { id, name: n, .. } if n == name => Some(id.clone()),
            _ => None,
        });
        let id = existing.unwrap_or_else(|| {
            let taken = |id: &str| {
                self.registry.orgs.iter().any(|o| o.id == id)
                    || self
                        .proposals
                        .iter()
                        .any(|p| matches!(p, Proposal::Organisation { id: i, .. } if i == id))
            };
            new_id(name, &taken)
        });
        self.propose(Proposal::Organisation {
            id: id.clone(),
            name: name.to_string(),
            kind,
            parent: None,
            umbrella,
        });
        let note = format!("\"{label}\" is not in data/organisations.toml: proposed as \"{id}\"");
        self.notice(line, note.clone(), !self.accept_proposals);
        (id, Some(note))
    }
}

/// The proposals as registry TOML, to add to `data/`.
pub(crate) fn proposals_toml(proposals: &[Proposal]) -> (String, String, String) {
    let (mut orgs, mut people, mut holders) = (String::new(), String::new(), String::new());
    for p in proposals {
        match p {
            Proposal::Organisation {
                id,
                name,
                kind,
                parent,
                umbrella,
            } => {
                let _ = writeln!(
                    orgs,
                    "\n[[organisation]]\nid = {}\nname = {}\nkind = {}",
                    q(id),
                    q(name),
                    q(kind)
                );
                if let Some(parent) = parent {
                    let _ = writeln!(orgs, "parent = {}", q(parent));
                }
                if let Some(u) = umbrella {
                    let _ = writeln!(orgs, "umbrella = {}", q(u));
                }
            }
            Proposal::Person { id, name } => {
                let _ = writeln!(people, "\n[[person]]\nid = {}\nname = {}", q(id), q(name));
            }
            Proposal::Holder {
                organisation,
                person,
                role,
            } => {
                let _ = writeln!(
                    holders,
                    "\n# In data/council.toml, under the [[seat]] of \"{organisation}\" for the meeting's term:\n# [[seat.holder]]\n# person = {}\n# role = \"unknown\"  # not printed; perhaps {}",
                    q(person),
                    q(role)
                );
            }
        }
    }
    (orgs, people, holders)
}
