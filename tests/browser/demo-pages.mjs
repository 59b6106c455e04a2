// What the reader specs (reader/*.mjs) share: the pages of one kind in a built
// site, found on disk so that a spec loops over every one of them, and the
// demo's sources beside it, to compare a page with what the minutes say.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo site's root (config.toml, content/), two folders above tests/browser. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every case page of a built site, as "/moter/2024-2/sak-07-24/": one per case file in content/moter/. */
export function casePages(site) {
  const out = [];
  const meetings = path.join(site, 'moter');
  for (const m of fs.readdirSync(meetings, { withFileTypes: true }).filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    for (const c of fs.readdirSync(path.join(meetings, m.name), { withFileTypes: true }).filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
      // An attachment's page sits one folder further down, in its case's folder.
      if (fs.existsSync(path.join(meetings, m.name, c.name, 'index.html'))) out.push(`/moter/${m.name}/${c.name}/`);
    }
  }
  return out;
}

/** The Markdown a case page was built from ("/moter/2024-2/sak-07-24/" → content/moter/2024-2/sak-07-24.md). */
export function caseSource(casePath) {
  const [, , meeting, slug] = casePath.split('/');
  return fs.readFileSync(path.join(root, 'content', 'moter', meeting, `${slug}.md`), 'utf8');
}

/** The number of case files in the demo's content (every .md in a meeting folder but _index.md). */
export function caseSourceCount() {
  const meetings = path.join(root, 'content', 'moter');
  return fs.readdirSync(meetings, { withFileTypes: true }).filter((d) => d.isDirectory())
    .flatMap((m) => fs.readdirSync(path.join(meetings, m.name)).filter((f) => f.endsWith('.md') && f !== '_index.md'))
    .length;
}

/** The pages directly under a section ("organisasjoner" → "/organisasjoner/kreftforeningen/", …), its index left out. */
export function pagesUnder(site, section) {
  return fs.readdirSync(path.join(site, section), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(site, section, d.name, 'index.html')))
    .map((d) => `/${section}/${d.name}/`)
    .sort();
}

/** Text as a reader sees it: soft hyphens (inserted for line breaking) dropped, spaces collapsed. */
export function plain(text) {
  return (text ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
}

/** A phone's first screen: 320 CSS pixels wide, as the issue asks, and 568 high (the smallest common phone). */
export const phone = { width: 320, height: 568 };

/** A rate or a share ("75 %", "3 av 4"), which the site must not compute for a person or an organisation. */
export const rate = /\d\s*%|prosent|\bandel\b|\b\d+\s+av\s+\d+\b/i;
