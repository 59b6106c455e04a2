// The accessibility statement gives a reader somewhere to turn (issue 17, "Statement, people,
// small things"): an address from config.toml to report a problem, the supervisory authority
// (Tilsynet for universell utforming av IKT), and the agency's statement on uustatus.no when
// config.toml names one (and no such link when it does not).

import fs from 'node:fs';
import path from 'node:path';
import { plain, root } from '../demo-pages.mjs';

/** A string value of [extra] in the demo's config.toml, or null when it is absent or commented out. */
function extra(key) {
  const config = fs.readFileSync(path.join(root, 'config.toml'), 'utf8');
  const section = config.split(/^\[extra\]\s*$/m)[1]?.split(/^\[/m)[0] ?? '';
  return section.match(new RegExp(`^${key}\\s*=\\s*"([^"]*)"`, 'm'))?.[1] ?? null;
}

export default async function (t) {
  const home = await t.page('/');
  const link = await home.evaluate(() => [...document.querySelectorAll('footer a')].find((a) => /tilgjengelighet/i.test(a.textContent))?.getAttribute('href'));
  t.check('every page\'s footer links to the accessibility statement', !!link, 'no footer link naming "tilgjengelighet"');

  const page = await t.page(link ?? '/tilgjengelighet/', { width: 320, height: 568 });
  const links = await page.evaluate(() => [...document.querySelectorAll('main a[href]')]
    .filter((a) => a.checkVisibility())
    .map((a) => ({ href: a.getAttribute('href'), text: a.textContent.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim() })));

  const contact = extra('accessibility_contact');
  t.check('config.toml names an address for reports (accessibility_contact)', !!contact);
  t.check(`the statement offers to write to ${contact} (a mailto link) to report a problem`,
    links.some((l) => l.href === `mailto:${contact}`), JSON.stringify(links.filter((l) => l.href.startsWith('mailto:'))));

  const authority = links.find((l) => /^https:\/\/(www\.)?uutilsynet\.no\/?/.test(l.href));
  t.check('the statement links to Tilsynet for universell utforming av IKT by name',
    !!authority && plain(authority.text) === 'Tilsynet for universell utforming av IKT', JSON.stringify(authority));

  // The demo leaves accessibility_uustatus out; a site that sets it is built in tests/statement_and_menu.rs.
  const uustatus = extra('accessibility_uustatus');
  const toUustatus = links.filter((l) => /uustatus\.no/.test(l.href));
  if (uustatus) {
    t.check(`the statement links to the agency's statement on uustatus.no (${uustatus})`, toUustatus.some((l) => l.href === uustatus), JSON.stringify(toUustatus));
  } else {
    t.check('config.toml names no uustatus.no statement, and the page links to none', toUustatus.length === 0, JSON.stringify(toUustatus));
  }
}
