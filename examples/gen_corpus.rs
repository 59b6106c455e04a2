//! Writes a deterministic benchmark corpus shaped like a user council's
//! minutes: meetings of five cases, about 20 input items a case (some nested,
//! some attributed, some tagged), attendance for 20 seats a meeting, 40 themes,
//! 25 member organisations, Norwegian text with æøå, case bodies of
//! 600–1,200 words.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --cases 1000 --out /tmp/corpus-1k
//!     [--zola DIR] [--hugo DIR] [--seed N]
//! ```
//!
//! `--zola` and `--hugo` also write the same pages as a plain Zola and a plain
//! Hugo site (two taxonomies, themes and organisations; feeds on; Zola's
//! search index on with language `no`), so the three tools build the same
//! content side by side (`benches/run.sh`).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Content words, most frequent first (picked with a skew, like real text).
const WORDS: &[&str] = &[
    "brukerne",
    "pasienter",
    "pårørende",
    "tjenestene",
    "helsetjenesten",
    "kommunene",
    "informasjon",
    "oppfølging",
    "behandling",
    "brukermedvirkning",
    "fastlegen",
    "samhandling",
    "kvalitet",
    "tilgjengelighet",
    "digitale",
    "løsninger",
    "helsenorge",
    "spesialisthelsetjenesten",
    "tilbud",
    "rettigheter",
    "erfaring",
    "kunnskap",
    "helsepersonell",
    "ventetid",
    "likeverdig",
    "mestring",
    "læring",
    "forebygging",
    "rehabilitering",
    "koordinering",
    "ansvar",
    "økonomi",
    "egenandeler",
    "prioritering",
    "veileder",
    "retningslinjer",
    "barn",
    "unge",
    "eldre",
    "psykisk",
    "helse",
    "rus",
    "avhengighet",
    "kreft",
    "diabetes",
    "hørsel",
    "demens",
    "funksjonsnedsettelse",
    "språk",
    "tolk",
    "minoriteter",
    "samisk",
    "kompetanse",
    "sykepleiere",
    "legevakt",
    "akuttmottaket",
    "ambulanse",
    "avstand",
    "distriktene",
    "bolig",
    "arbeid",
    "skole",
    "utdanning",
    "familien",
    "nettverk",
    "frivillige",
    "organisasjonene",
    "medlemmene",
    "forskning",
    "data",
    "personvern",
    "samtykke",
    "journalen",
    "prøvesvar",
    "innsyn",
    "åpenhet",
    "dialog",
    "møteplasser",
    "høringen",
    "rapporten",
    "strategien",
    "målene",
    "tiltakene",
    "planen",
    "evalueringen",
    "budsjettet",
    "finansiering",
    "pakkeforløp",
    "henvisning",
    "behandlingsvalg",
    "brukerutvalg",
    "brukerrådet",
    "direktoratet",
    "departementet",
    "sykehusene",
    "helseforetakene",
    "legemidler",
    "screening",
    "vaksinasjon",
    "ernæring",
    "fysisk",
    "aktivitet",
    "ensomhet",
    "velferdsteknologi",
    "hjemmetjenesten",
    "sykehjem",
    "omsorg",
    "avlastning",
    "trygghet",
    "verdighet",
    "medbestemmelse",
    "selvbestemmelse",
    "tverrfaglig",
    "samarbeid",
    "lokalt",
    "nasjonalt",
    "regionalt",
    "forskjeller",
    "ulikhet",
    "sosioøkonomisk",
    "helsekompetanse",
    "klarspråk",
    "universell",
    "utforming",
    "nettsider",
    "videokonsultasjon",
    "pasientreiser",
    "klage",
    "tilsyn",
    "ombudet",
    "fritt",
    "valg",
    "tillit",
    "overgangene",
    "utskrivning",
    "kontinuitet",
    "fastlegeordningen",
    "listeansvar",
    "legekontor",
    "allmennlegetjenesten",
    "akuttmedisin",
    "beredskap",
    "krise",
    "pandemi",
    "smittevern",
];

/// Words that glue sentences together.
const GLUE: &[&str] = &[
    "og", "i", "på", "for", "med", "til", "som", "det", "er", "at", "av", "en", "et", "de", "kan",
    "skal", "må", "bør", "ikke", "også", "mer", "mange", "alle", "der", "når", "hvordan", "om",
    "eller", "fra", "bedre", "viktig", "godt", "nye", "egne", "hele", "flere",
];

/// The 40 themes.
const THEMES: &[&str] = &[
    "pårørende",
    "fastlege",
    "digitalisering",
    "brukermedvirkning",
    "psykisk helse og rus",
    "barn og unge",
    "eldre",
    "forebygging",
    "læring og mestring",
    "likeverd",
    "prioritering",
    "pasientrettigheter",
    "akuttmedisin",
    "egenandeler",
    "helsekompetanse",
    "kommunale tjenester",
    "samhandling",
    "strategi",
    "frivillighet",
    "universell utforming",
    "rehabilitering",
    "kreft",
    "demens",
    "rus",
    "legemidler",
    "personvern",
    "språk og tolk",
    "samiske pasienter",
    "pasientreiser",
    "ventetider",
    "screening",
    "vaksiner",
    "ernæring",
    "ensomhet",
    "velferdsteknologi",
    "sykehjem",
    "hjemmetjenester",
    "beredskap",
    "forskning",
    "klagesaker",
];

/// The 25 member organisations: id and name.
const ORGANISATIONS: &[(&str, &str)] = &[
    ("ffo", "Funksjonshemmedes Fellesorganisasjon"),
    (
        "safo",
        "Samarbeidsforumet av funksjonshemmedes organisasjoner",
    ),
    ("kreftforeningen", "Kreftforeningen"),
    ("mental-helse", "Mental Helse"),
    ("lhl", "LHL"),
    ("diabetesforbundet", "Diabetesforbundet"),
    ("horselshemmede", "Hørselshemmedes Landsforbund"),
    ("nasjonalforeningen", "Nasjonalforeningen for folkehelsen"),
    ("pensjonistforbundet", "Pensjonistforbundet"),
    ("unge-funksjonshemmede", "Unge funksjonshemmede"),
    ("voksne-for-barn", "Voksne for Barn"),
    ("parorendealliansen", "Pårørendealliansen"),
    ("lin", "Landsforeningen for innvandrere"),
    ("rio", "Rusmisbrukernes interesseorganisasjon"),
    ("bar", "Barn av rusmisbrukere"),
    (
        "fri",
        "FRI – Foreningen for kjønns- og seksualitetsmangfold",
    ),
    ("sametinget", "Sametinget"),
    ("autismeforeningen", "Autismeforeningen"),
    ("epilepsiforbundet", "Norsk Epilepsiforbund"),
    ("astmaforbundet", "Norges Astma- og Allergiforbund"),
    ("revmatikerforbundet", "Norsk Revmatikerforbund"),
    ("blindeforbundet", "Norges Blindeforbund"),
    ("ms-forbundet", "MS-forbundet"),
    ("hjerneradet", "Hjernerådet"),
    ("ombudene", "Pasient- og brukerombudene"),
];

const SEATS: usize = 20;
const CASES_PER_MEETING: usize = 5;
const MEETINGS_PER_YEAR: usize = 12;

/// SplitMix64: a tiny, stable generator, so a seed gives the same corpus on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    /// Skewed towards the start of a list, as word frequencies are.
    fn skewed(&mut self, n: usize) -> usize {
        let r = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((r * r) * n as f64) as usize
    }
}

fn sentence(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    sentence_of(rng, n)
}

fn sentence_of(rng: &mut Rng, words: usize) -> String {
    let mut out = String::new();
    for i in 0..words {
        let word = if rng.chance(40) {
            GLUE[rng.below(GLUE.len())]
        } else {
            WORDS[rng.skewed(WORDS.len())]
        };
        if i == 0 {
            let mut chars = word.chars();
            let first = chars.next().unwrap();
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.push('.');
    out
}

fn paragraph(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let words = rng.range(lo, hi);
    let mut out = Vec::new();
    let mut left = words;
    while left > 0 {
        let n = rng.range(8, 18).min(left);
        out.push(sentence_of(rng, n.max(3)));
        left -= n;
    }
    out.join(" ")
}

/// One input item.
struct Item {
    text: String,
    organisation: Option<usize>,
    theme: Option<usize>,
    children: Vec<String>,
}

/// One generated case.
struct Case {
    number: String,
    slug: String,
    title: String,
    description: String,
    themes: Vec<usize>,
    submitted_by: usize,
    background: Vec<String>,
    questions: Vec<String>,
    groups: Vec<(String, Vec<Item>)>,
}

/// One generated meeting.
struct Meeting {
    year: i32,
    number: usize,
    month: u32,
    cases: Vec<Case>,
    attendance: Vec<(usize, bool)>,
}

fn corpus(cases: usize, seed: u64) -> Vec<Meeting> {
    let mut rng = Rng(seed);
    let meetings = cases.div_ceil(CASES_PER_MEETING);
    let years = meetings.div_ceil(MEETINGS_PER_YEAR) as i32;
    let first_year = 2026 - years + 1;
    let mut out = Vec::new();
    let mut made = 0;
    for m in 0..meetings {
        let year = first_year + (m / MEETINGS_PER_YEAR) as i32;
        let number = m % MEETINGS_PER_YEAR + 1;
        let mut list = Vec::new();
        for c in 0..CASES_PER_MEETING.min(cases - made) {
            let n = (number - 1) * CASES_PER_MEETING + c + 1;
            let yy = year.rem_euclid(100);
            let title = sentence(&mut rng, 4, 9);
            let title = title.trim_end_matches('.').to_string();
            let mut themes: Vec<usize> = (0..rng.range(1, 4))
                .map(|_| rng.below(THEMES.len()))
                .collect();
            themes.sort_unstable();
            themes.dedup();
            let background: Vec<String> = (0..rng.range(3, 6))
                .map(|_| paragraph(&mut rng, 80, 160))
                .collect();
            let questions: Vec<String> = (0..3)
                .map(|_| {
                    let q = sentence(&mut rng, 6, 12);
                    format!("{}?", q.trim_end_matches('.'))
                })
                .collect();
            let mut groups = Vec::new();
            let mut items_left = rng.range(16, 24);
            for q in &questions {
                let count = if groups.len() == 2 {
                    items_left
                } else {
                    items_left / 3 + 1
                };
                items_left -= count.min(items_left);
                let items = (0..count)
                    .map(|_| Item {
                        text: sentence(&mut rng, 8, 22),
                        organisation: rng.chance(30).then(|| rng.below(ORGANISATIONS.len())),
                        theme: rng.chance(20).then(|| rng.below(THEMES.len())),
                        children: if rng.chance(15) {
                            (0..2).map(|_| sentence(&mut rng, 6, 14)).collect()
                        } else {
                            Vec::new()
                        },
                    })
                    .collect();
                groups.push((q.clone(), items));
            }
            list.push(Case {
                number: format!("{n:02}/{yy:02}"),
                slug: format!("sak-{n:02}-{yy:02}"),
                description: sentence(&mut rng, 8, 14),
                title,
                themes,
                submitted_by: rng.below(3),
                background,
                questions,
                groups,
            });
            made += 1;
        }
        let attendance = (0..SEATS).map(|s| (s, rng.chance(85))).collect();
        out.push(Meeting {
            year,
            number,
            month: number as u32,
            cases: list,
            attendance,
        });
    }
    out
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn person(seat: usize, deputy: bool) -> String {
    format!("{}-{seat}", if deputy { "vara" } else { "medlem" })
}

/// The case body in medvirk's Markdown: sections, question groups, items.
fn case_body(c: &Case, medvirk: bool) -> String {
    let mut out = String::from("## Bakgrunn\n\n");
    for p in &c.background {
        out.push_str(p);
        out.push_str("\n\n");
    }
    out.push_str("## Problemstillinger til drøfting\n\n");
    for q in &c.questions {
        let _ = writeln!(out, "- {q}");
    }
    out.push_str("\n## Innspill fra Brukerrådet\n\n");
    for (q, items) in &c.groups {
        let _ = writeln!(out, "### {q}\n");
        for item in items {
            let mut attrs = Vec::new();
            if medvirk {
                if let Some(o) = item.organisation {
                    attrs.push(format!("fra={}", ORGANISATIONS[o].0));
                }
                if let Some(t) = item.theme {
                    attrs.push(format!("tema={}", THEMES[t].replace(' ', "_")));
                }
            }
            let attrs = if attrs.is_empty() {
                String::new()
            } else {
                format!(" {{{}}}", attrs.join(" "))
            };
            let _ = writeln!(out, "- {}{attrs}", item.text);
            for child in &item.children {
                let _ = writeln!(out, "  - {child}");
            }
        }
        out.push('\n');
    }
    out
}

fn write_medvirk(root: &Path, meetings: &[Meeting]) {
    let first_year = meetings.first().map_or(2026, |m| m.year);
    write(
        &root.join("config.toml"),
        "title = \"Brukerrådet (benchmark)\"\nbase_url = \"https://brukerrad.example.no\"\ndefault_language = \"nb\"\n",
    );
    let mut orgs =
        String::from("[[organisation]]\nid = \"etaten\"\nname = \"Etaten\"\nkind = \"agency\"\n");
    for unit in 0..3 {
        let _ = write!(
            orgs,
            "\n[[organisation]]\nid = \"divisjon-{unit}\"\nname = \"Divisjon {unit}\"\nkind = \"agency-unit\"\nparent = \"etaten\"\n"
        );
    }
    for (id, name) in ORGANISATIONS {
        let _ = write!(
            orgs,
            "\n[[organisation]]\nid = \"{id}\"\nname = \"{name}\"\nkind = \"member\"\n"
        );
    }
    write(&root.join("data/organisations.toml"), &orgs);
    let mut people = String::new();
    let mut council = format!(
        "name = \"Etatens brukerråd\"\nshort_name = \"Brukerrådet\"\nagency = \"etaten\"\n\n[[term]]\nid = \"alle\"\nstart = {first_year}-01-01\nend = 2026-12-31\n"
    );
    for (seat, (org, _)) in ORGANISATIONS.iter().enumerate().take(SEATS) {
        for deputy in [false, true] {
            let _ = write!(
                people,
                "[[person]]\nid = \"{}\"\nname = \"{} {seat}\"\n\n",
                person(seat, deputy),
                if deputy { "Vara" } else { "Medlem" }
            );
        }
        let _ = write!(
            council,
            "\n[[seat]]\norganisation = \"{}\"\nterm = \"alle\"\n[[seat.holder]]\nperson = \"{}\"\nrole = \"member\"\n[[seat.holder]]\nperson = \"{}\"\nrole = \"deputy\"\n",
            org,
            person(seat, false),
            person(seat, true)
        );
    }
    write(&root.join("data/people.toml"), &people);
    write(&root.join("data/council.toml"), &council);
    write(
        &root.join("content/_index.md"),
        "+++\ntitle = \"Brukerrådet\"\n+++\nReferater fra brukerrådets møter.\n",
    );
    write(
        &root.join("content/moter/_index.md"),
        "+++\ntitle = \"Møter\"\nkind = \"meetings\"\n+++\n",
    );
    for m in meetings {
        let dir = root.join(format!("content/moter/{}-{}", m.year, m.number));
        let mut front = format!(
            "+++\nnumber = {}\ndate = {}-{:02}-10\nstart = \"10:00\"\nend = \"15:00\"\nchair = \"{}\"\n",
            m.number,
            m.year,
            m.month,
            person(0, false)
        );
        for (i, c) in m.cases.iter().enumerate() {
            let _ = write!(
                front,
                "\n[[agenda]]\ntime = \"{}:00\"\ntext = \"Sak {} {}\"\ncase = \"{}\"\n",
                10 + i,
                c.number,
                c.title.replace('"', ""),
                c.number
            );
        }
        for &(seat, present) in &m.attendance {
            let org = ORGANISATIONS[seat].0;
            if present {
                let _ = write!(
                    front,
                    "\n[[attendance]]\norganisation = \"{org}\"\nperson = \"{}\"\n",
                    person(seat, false)
                );
            } else {
                let _ = write!(
                    front,
                    "\n[[attendance]]\norganisation = \"{org}\"\nstatus = \"avbud\"\n"
                );
            }
        }
        front.push_str("+++\n## Velkommen\n\nMøteleder ønsket velkommen.\n");
        write(&dir.join("_index.md"), &front);
        for c in &m.cases {
            let themes: Vec<String> = c
                .themes
                .iter()
                .map(|t| format!("\"{}\"", THEMES[*t]))
                .collect();
            let text = format!(
                "+++\nnumber = \"{}\"\nkind = \"drøftingssak\"\ntitle = \"{}\"\ndescription = \"{}\"\nsubmitted_by = \"divisjon-{}\"\nthemes = [{}]\n+++\n{}",
                c.number,
                c.title,
                c.description,
                c.submitted_by,
                themes.join(", "),
                case_body(c, true)
            );
            write(&dir.join(format!("{}.md", c.slug)), &text);
        }
    }
}

/// The same pages for Zola: a section per meeting, a page per case, two taxonomies.
fn write_zola(root: &Path, meetings: &[Meeting]) {
    write(
        &root.join("config.toml"),
        "base_url = \"https://brukerrad.example.no\"\ntitle = \"Brukerrådet (benchmark)\"\ndefault_language = \"no\"\ncompile_sass = false\nbuild_search_index = true\ngenerate_feeds = true\ntaxonomies = [\n  { name = \"temaer\", feed = true },\n  { name = \"organisasjoner\", feed = true },\n]\n\n[search]\ninclude_title = true\ninclude_content = true\n\n[markdown]\nrender_emoji = false\n",
    );
    write(
        &root.join("content/_index.md"),
        "+++\ntitle = \"Brukerrådet\"\nsort_by = \"date\"\n+++\n",
    );
    write(
        &root.join("content/moter/_index.md"),
        "+++\ntitle = \"Møter\"\nsort_by = \"date\"\n+++\n",
    );
    for m in meetings {
        let dir = root.join(format!("content/moter/{}-{}", m.year, m.number));
        write(
            &dir.join("_index.md"),
            &format!("+++\ntitle = \"Møte {}/{}\"\nsort_by = \"title\"\n+++\nMøteleder ønsket velkommen.\n", m.number, m.year),
        );
        for c in &m.cases {
            let (themes, orgs) = taxonomy_terms(c);
            write(
                &dir.join(format!("{}.md", c.slug)),
                &format!(
                    "+++\ntitle = \"Sak {} {}\"\ndate = {}-{:02}-10\ndescription = \"{}\"\n[taxonomies]\ntemaer = [{}]\norganisasjoner = [{}]\n+++\n{}",
                    c.number, c.title, m.year, m.month, c.description, themes, orgs, case_body(c, false)
                ),
            );
        }
    }
    let base = "<!DOCTYPE html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>{% block title %}{{ config.title }}{% endblock %}</title></head><body><main>{% block content %}{% endblock %}</main></body></html>";
    write(&root.join("templates/base.html"), base);
    write(&root.join("templates/index.html"), "{% extends \"base.html\" %}{% block content %}<h1>{{ section.title }}</h1>{% for s in section.subsections %}<p>{{ s }}</p>{% endfor %}{% endblock %}");
    write(&root.join("templates/section.html"), "{% extends \"base.html\" %}{% block content %}<h1>{{ section.title }}</h1>{{ section.content | safe }}<ul>{% for p in section.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock %}");
    write(&root.join("templates/page.html"), "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>{{ page.content | safe }}{% endblock %}");
    write(&root.join("templates/taxonomy_list.html"), "{% extends \"base.html\" %}{% block content %}<ul>{% for t in terms %}<li><a href=\"{{ t.permalink }}\">{{ t.name }}</a></li>{% endfor %}</ul>{% endblock %}");
    write(&root.join("templates/taxonomy_single.html"), "{% extends \"base.html\" %}{% block content %}<h1>{{ term.name }}</h1><ul>{% for p in term.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock %}");
}

/// The same pages for Hugo.
fn write_hugo(root: &Path, meetings: &[Meeting]) {
    write(
        &root.join("hugo.toml"),
        "baseURL = \"https://brukerrad.example.no/\"\ntitle = \"Brukerrådet (benchmark)\"\nlanguageCode = \"nb\"\ndisableKinds = [\"robotsTXT\"]\n[taxonomies]\n  tema = \"temaer\"\n  organisasjon = \"organisasjoner\"\n[outputs]\n  home = [\"HTML\", \"RSS\"]\n  section = [\"HTML\", \"RSS\"]\n  taxonomy = [\"HTML\", \"RSS\"]\n  term = [\"HTML\", \"RSS\"]\n",
    );
    write(
        &root.join("content/_index.md"),
        "---\ntitle: Brukerrådet\n---\n",
    );
    write(
        &root.join("content/moter/_index.md"),
        "---\ntitle: Møter\n---\n",
    );
    for m in meetings {
        let dir = root.join(format!("content/moter/{}-{}", m.year, m.number));
        write(
            &dir.join("_index.md"),
            &format!(
                "---\ntitle: \"Møte {}/{}\"\n---\nMøteleder ønsket velkommen.\n",
                m.number, m.year
            ),
        );
        for c in &m.cases {
            let (themes, orgs) = taxonomy_terms(c);
            write(
                &dir.join(format!("{}.md", c.slug)),
                &format!(
                    "---\ntitle: \"Sak {} {}\"\ndate: {}-{:02}-10\ndescription: \"{}\"\ntemaer: [{}]\norganisasjoner: [{}]\n---\n{}",
                    c.number, c.title, m.year, m.month, c.description, themes, orgs, case_body(c, false)
                ),
            );
        }
    }
    let base = "<!DOCTYPE html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><main>{{ block \"main\" . }}{{ end }}</main></body></html>";
    write(&root.join("layouts/_default/baseof.html"), base);
    write(
        &root.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}",
    );
    write(&root.join("layouts/_default/list.html"), "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href=\"{{ .Permalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}");
}

/// A case's themes and attributed organisations as TOML/YAML list items.
fn taxonomy_terms(c: &Case) -> (String, String) {
    let themes: Vec<String> = c
        .themes
        .iter()
        .map(|t| format!("\"{}\"", THEMES[*t]))
        .collect();
    let mut orgs: Vec<usize> = c
        .groups
        .iter()
        .flat_map(|(_, items)| items.iter().filter_map(|i| i.organisation))
        .collect();
    orgs.sort_unstable();
    orgs.dedup();
    let orgs: Vec<String> = orgs
        .iter()
        .map(|o| format!("\"{}\"", ORGANISATIONS[*o].1))
        .collect();
    (themes.join(", "), orgs.join(", "))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let cases: usize = value("--cases")
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let seed: u64 = value("--seed").and_then(|v| v.parse().ok()).unwrap_or(2026);
    let Some(out) = value("--out").map(PathBuf::from) else {
        eprintln!("usage: gen_corpus --cases N --out DIR [--zola DIR] [--hugo DIR] [--seed N]");
        std::process::exit(2);
    };
    let meetings = corpus(cases, seed);
    for dir in [
        Some(out.clone()),
        value("--zola").map(PathBuf::from),
        value("--hugo").map(PathBuf::from),
    ]
    .into_iter()
    .flatten()
    {
        if dir.exists() {
            fs::remove_dir_all(&dir).unwrap();
        }
    }
    write_medvirk(&out, &meetings);
    if let Some(dir) = value("--zola") {
        write_zola(Path::new(&dir), &meetings);
    }
    if let Some(dir) = value("--hugo") {
        write_hugo(Path::new(&dir), &meetings);
    }
    eprintln!(
        "wrote {cases} cases in {} meetings to {}",
        meetings.len(),
        out.display()
    );
}
