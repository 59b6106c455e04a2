// The council's advice in one list: /rad/ lists every case's input items,
// each number linking to the item on its case page (issue 17, "Reading
// order": the menu's "Råd/innspill").

import fs from 'node:fs';
import path from 'node:path';

/** Every recorded item as the link /rad/ should have: /moter/<m>/<case>/#<anchor>. */
function recordedLinks() {
  const record = fs.readFileSync(path.join(import.meta.dirname, '../../../data/ankre.toml'), 'utf8');
  const links = [];
  let page = null;
  for (const line of record.split('\n')) {
    const file = line.match(/^file = "content(\/.+)\.md"/);
    if (file) page = `${file[1]}/`;
    const anchor = line.match(/^\s*\{ anchor = "([^"]+)"/);
    if (anchor && page) links.push(`${page}#${anchor[1]}`);
  }
  return links;
}

export default async function (t) {
  const expected = recordedLinks();
  t.check('the anchor record names the demo\'s items', expected.length > 100, String(expected.length));

  // From the home page at 320 px, through the menu.
  const page = await t.page('/', { width: 320, height: 640 });
  const link = page.locator('header nav a', { hasText: /^Råd$/ });
  t.check('the menu has "Råd"', (await link.count()) === 1);
  await link.click();
  await page.waitForLoadState();
  t.check('the menu link reaches /rad/', new URL(page.url()).pathname === '/rad/', page.url());
  t.check('the page has one h1', (await page.locator('h1').count()) === 1);
  const levels = await page.$$eval('main h1, main h2, main h3, main h4, main h5, main h6', (hs) => hs.map((h) => Number(h.tagName[1])));
  const skipped = levels.filter((l, i) => i > 0 && l > levels[i - 1] + 1);
  t.check('no heading level is skipped', skipped.length === 0, levels.join(' '));

  const listed = await page.$$eval('main li a.rad-nr', (as) => as.map((a) => new URL(a.href).pathname + new URL(a.href).hash));
  const missing = expected.filter((l) => !listed.includes(l));
  const twice = listed.filter((l, i) => listed.indexOf(l) !== i);
  t.check('every input item of every case is listed', missing.length === 0, missing.slice(0, 5).join(', '));
  t.check('no item is listed twice', twice.length === 0, twice.slice(0, 5).join(', '));
  t.check('the list holds nothing but input items', listed.length === expected.length, `${listed.length} listed, ${expected.length} recorded`);
  const inLists = await page.$$eval('main a.rad-nr', (as) => as.every((a) => a.closest('ul > li') !== null));
  t.check('the items are list items', inLists);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  t.check('/rad/ does not scroll sideways at 320 px', wide <= 320, `${wide} px`);

  // Every link lands on an element that exists on its case page.
  const byPage = new Map();
  for (const l of listed) {
    const [p, anchor] = l.split('#');
    if (!byPage.has(p)) byPage.set(p, []);
    byPage.get(p).push(anchor);
  }
  const broken = [];
  for (const [p, anchors] of byPage) {
    const html = fs.readFileSync(path.join(t.site, p, 'index.html'), 'utf8');
    for (const a of anchors) {
      if (!html.includes(`id="${a}"`) && !html.includes(`id=${a}>`) && !html.includes(`id=${a} `)) broken.push(`${p}#${a}`);
    }
  }
  t.check('every number links to an item that is on its case page', broken.length === 0, broken.slice(0, 5).join(', '));

  // Follow one link at 320 px: it lands on the highlighted item.
  const one = page.locator('main a.rad-nr').nth(3);
  const target = new URL(await one.evaluate((a) => a.href));
  await one.click();
  await page.waitForLoadState();
  t.check('following a number opens its case page', new URL(page.url()).pathname === target.pathname, page.url());
  const landed = await page.evaluate((id) => {
    const el = document.getElementById(id);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return {
      targeted: el.matches(':target'),
      visible: r.top < window.innerHeight && r.bottom > 0,
      outline: getComputedStyle(el).outlineStyle,
    };
  }, target.hash.slice(1));
  t.check('the item is the target and in view', landed?.targeted && landed?.visible, JSON.stringify(landed));
  t.check('the item is highlighted', landed?.outline && landed.outline !== 'none', JSON.stringify(landed));
}
