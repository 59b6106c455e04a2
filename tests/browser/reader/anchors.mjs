// Anchors that do not move (issue 17): every anchor the demo's record
// (data/ankre.toml) gives a live item is on its case page exactly once, a
// retired one on none, and an item's copy-link control and citation name the
// item's own anchor. Then a copy of the demo with an item inserted before
// item 2 of case 16/23, built with the debug binary (target/debug/medvirk):
// a saved link to #innspill-2 still lands on the same item.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../lib.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The record's cases: { page, live: [anchor], removed: [anchor] }, read line by line as medvirk writes it. */
function record() {
  const text = fs.readFileSync(path.join(repo, 'data/ankre.toml'), 'utf8');
  const cases = [];
  for (const line of text.split('\n')) {
    const file = line.match(/^file = "(.*)"$/);
    if (file) {
      const page = file[1].replace(/^content/, '').replace(/\.md$/, '/');
      cases.push({ page, live: [], removed: [] });
      continue;
    }
    const item = line.match(/^ {2}\{ anchor = "([^"]+)"/);
    if (item && cases.length) {
      (/, removed = true,/.test(line) ? cases.at(-1).removed : cases.at(-1).live).push(item[1]);
    }
  }
  return cases;
}

export default async function (t) {
  const cases = record();
  const items = cases.reduce((n, c) => n + c.live.length, 0);
  // Every case page of the built site that lists input items is in the record.
  const withItems = [];
  for (const meeting of fs.readdirSync(path.join(t.site, 'moter'), { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const c of fs.readdirSync(path.join(t.site, 'moter', meeting.name))) {
      const file = path.join(t.site, 'moter', meeting.name, c, 'index.html');
      if (c.startsWith('sak-') && fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('innspill-liste')) withItems.push(`/moter/${meeting.name}/${c}/`);
    }
  }
  const missing = withItems.filter((p) => !cases.some((c) => c.page === p));
  t.check('the demo commits its anchor record, with every case that has input items', withItems.length > 0 && missing.length === 0 && items > 0, `${cases.length} cases, ${items} items; missing: ${missing.join(', ')}`);

  for (const c of cases) {
    const page = await t.page(c.page, { javaScript: false });
    const counts = await page.evaluate((ids) => ids.map((id) => document.querySelectorAll(`[id="${CSS.escape(id)}"]`).length), [...c.live, ...c.removed]);
    const wrong = [...c.live, ...c.removed].filter((id, i) => counts[i] !== (i < c.live.length ? 1 : 0));
    t.check(`every recorded anchor of ${c.page} is on the page once (retired ones on none)`, wrong.length === 0, wrong.join(', '));
    await page.close();
  }

  // One item, with JavaScript off: the copy-link control is a plain link to the stable anchor.
  const c = cases.find((x) => x.live.includes('innspill-2-1'));
  t.check('a case has a sub-item to link to', Boolean(c));
  if (!c) return;
  for (const anchor of ['innspill-2', 'innspill-2-1']) {
    const page = await t.page(`${c.page}#${anchor}`, { javaScript: false });
    const own = await page.evaluate((id) => {
      const item = document.getElementById(id);
      const link = item.querySelector(':scope > .innspill-meta a.innspill-lenke');
      const cite = item.querySelector(':scope > .innspill-meta details.siter p');
      return { href: link && link.getAttribute('href'), cite: cite ? cite.textContent : null };
    }, anchor);
    t.check(`the copy-link control of ${anchor} points to its stable anchor`, own.href === `#${anchor}`, JSON.stringify(own));
    t.check(`the "Sitér" text of ${anchor} names its stable address`, own.cite !== null && own.cite.includes(`${c.page}#${anchor}`), JSON.stringify(own));
    await page.close();
  }

  // With JavaScript on, the control is a button that copies the stable address.
  const context = await t.browser.newContext({ viewport: { width: 320, height: 700 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.base });
  const page = await context.newPage();
  await page.goto(`${t.base}${c.page}#innspill-2`);
  const button = page.locator('[id="innspill-2"] > .innspill-meta button.kopier').first();
  await button.click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  t.check('the copy button copies the address of innspill-2', copied.endsWith(`${c.page}#innspill-2`), copied);
  await context.close();

  await corrected(t);
}

/** The demo with an item inserted before item 2 of case 16/23, built and served. */
async function corrected(t) {
  const bin = path.join(repo, 'target/debug/medvirk');
  if (!fs.existsSync(bin)) {
    t.check('the debug binary is built for the corrected copy', false, `${bin} is missing: run cargo build`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medvirk-anchors-'));
  try {
    for (const part of ['content', 'data', 'templates']) fs.cpSync(path.join(repo, part), path.join(dir, part), { recursive: true });
    fs.copyFileSync(path.join(repo, 'config.toml'), path.join(dir, 'config.toml'));
    const file = path.join(dir, 'content/moter/2023-4/sak-16-23.md');
    const text = fs.readFileSync(file, 'utf8');
    const item = '- Tilgjengelighet er viktig for pasientene\n';
    t.check('case 16/23 has the item the correction goes before', text.includes(item));
    fs.writeFileSync(file, text.replace(item, `- Et innspill som manglet i referatet\n${item}`));
    execFileSync(bin, ['-q', 'build', '--root', dir, '--output-dir', path.join(dir, 'public')]);
    const record = fs.readFileSync(path.join(dir, 'data/ankre.toml'), 'utf8');
    t.check('the build recorded the inserted item', record.includes('text = "Et innspill som manglet i referatet"'));

    const { base, server } = await serve(path.join(dir, 'public'));
    try {
      const context = await t.browser.newContext({ viewport: { width: 320, height: 700 } });
      const page = await context.newPage();
      await page.goto(`${base}/moter/2023-4/sak-16-23/#innspill-2`);
      const target = await page.evaluate(() => {
        const item = document.querySelector(':target');
        const text = item && item.querySelector(':scope > p:not(.innspill-kontekst)');
        const number = item && item.querySelector(':scope > .innspill-nr');
        return { text: text ? text.textContent : null, number: number ? number.textContent : null };
      });
      t.check('after the correction, a saved link to #innspill-2 lands on the same item', target.text === 'Tilgjengelighet er viktig for pasientene', JSON.stringify(target));
      t.check('the item it lands on shows its new number, 3', target.number !== null && target.number.replace(/\s+/g, ' ').trim() === 'Innspill 3', JSON.stringify(target));
      await context.close();
    } finally {
      server.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
