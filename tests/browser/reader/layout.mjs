// Headings and tables at 320 px (issue 17, "Reading order", last bullet): a heading breaks a
// word only where the build put a soft hyphen, and a table shows all its columns or scrolls in
// a labelled, focusable region whose caption stays in view.

import fs from 'node:fs';
import path from 'node:path';

const SHY = '\u00AD';

/** The site's pages, from its sitemap, as paths. */
function pages(site) {
  const xml = fs.readFileSync(path.join(site, 'sitemap.xml'), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
}

/** Every file under `dir`. */
function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

/** In the page: each place a heading's word breaks across lines with no soft hyphen. */
function wordBreaks() {
  const SHY = '\u00AD';
  const found = [];
  const lineOf = (node, i) => {
    const r = document.createRange();
    r.setStart(node, i);
    r.setEnd(node, i + 1);
    // After a break at a soft hyphen, the next letter's range also covers the hyphen drawn at
    // the end of the line above; its own glyph is the last box.
    const rects = [...r.getClientRects()].filter((x) => x.width > 0);
    const box = rects.at(-1);
    return box ? box.top + box.height / 2 : null;
  };
  for (const h of document.querySelectorAll('h1, h2, h3, th, .kort-tittel, .nettsted')) {
    if (!h.getClientRects().length) continue;
    // The heading's characters in order, across inline markup.
    const chars = [];
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) chars.push({ node: n, i, c: n.data[i] });
    }
    let prev = null;
    let shyBetween = false;
    for (const ch of chars) {
      if (ch.c === SHY) { shyBetween = true; continue; }
      if (!/\p{L}/u.test(ch.c)) { prev = null; shyBetween = false; continue; }
      const y = lineOf(ch.node, ch.i);
      if (y === null) continue;
      if (prev && !shyBetween && y - prev.y > 4) {
        const word = chars.map((x) => x.c).join('');
        found.push(`"${word.replaceAll(SHY, '|').trim()}" between "${prev.c}" and "${ch.c}"`);
      }
      prev = { y, c: ch.c };
      shyBetween = false;
    }
  }
  return found;
}

export default async function (t) {
  const paths = pages(t.site);
  t.check('the sitemap lists the pages to look at', paths.length > 10, `${paths.length} pages`);

  // Headings: every page of the demo at 320 px.
  const breaks = [];
  const titled = [];
  const attributes = [];
  const wide = [];
  const page = await t.page('/', { width: 320, height: 640 });
  for (const p of paths) {
    await page.goto(t.base + p);
    for (const b of await page.evaluate(wordBreaks)) breaks.push(`${p}: ${b}`);
    if ((await page.title()).includes(SHY)) titled.push(p);
    const attrs = await page.evaluate(() => [...document.querySelectorAll('*')]
      .flatMap((el) => [...el.attributes].filter((a) => a.value.includes('\u00AD')).map((a) => `<${el.localName} ${a.name}>`)));
    for (const a of attrs) attributes.push(`${p}: ${a}`);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (scroll > 0) wide.push(`${p} (${scroll} px)`);
  }
  t.check(`at 320 px no heading (nor table header cell) of the ${paths.length} pages breaks a word except at a soft hyphen`, breaks.length === 0, breaks.slice(0, 10).join('; '));
  t.check('no <title> holds a soft hyphen', titled.length === 0, titled.join(', '));
  t.check('no attribute (aria-label, title, data-*, href, content) holds a soft hyphen', attributes.length === 0, attributes.slice(0, 10).join('; '));
  t.check('no page scrolls sideways at 320 px', wide.length === 0, wide.join(', '));

  await page.goto(t.base + '/organisasjoner/kreftforeningen/');
  const h1 = await page.$eval('h1', (h) => h.textContent);
  t.check('the Kreftforeningen heading on its organisation page carries soft hyphens', h1.includes(SHY) && h1.replaceAll(SHY, '').includes('Kreftforeningen'), JSON.stringify(h1));
  const h1Lines = await page.$eval('h1', (h) => h.getClientRects().length && Math.round(h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight)));
  t.check('at 320 px the Kreftforeningen heading is on one or two lines, not cut letter by letter', h1Lines >= 1 && h1Lines <= 2, `${h1Lines} lines`);

  // What is copied, indexed or fed elsewhere holds no soft hyphen.
  const machine = files(t.site).filter((f) => /search_index|\.xml$|\.json$/.test(path.relative(t.site, f)));
  const withShy = machine.filter((f) => fs.readFileSync(f, 'utf8').includes(SHY)).map((f) => path.relative(t.site, f));
  t.check(`the search index, the feed and the sitemap (${machine.length} files) hold no soft hyphen`,
    machine.some((f) => f.includes('search_index')) && withShy.length === 0, withShy.join(', ') || `${machine.length} files`);

  // Tables: every table of every page with one, at 320 px.
  const tablePages = [];
  const hidden = [];
  for (const p of paths) {
    await page.goto(t.base + p);
    const report = await page.evaluate(() => [...document.querySelectorAll('main table')].map((table, n) => {
      const name = table.caption?.textContent.trim() || `table ${n + 1}`;
      const box = table.getBoundingClientRect();
      const fits = box.right <= document.documentElement.clientWidth + 0.5 && box.left >= -0.5;
      const region = table.closest('[role="region"]');
      if (fits) return { name, ok: true };
      if (!region) return { name, ok: false, why: 'wider than the screen and in no scrolling region' };
      const problems = [];
      if (region.getAttribute('tabindex') !== '0') problems.push('the region is not focusable');
      // Named by the caption; a Markdown table has none, and names its region by its headers.
      const label = region.getAttribute('aria-labelledby');
      const named = table.caption ? table.caption.id === label : /^Tabell/.test(region.getAttribute('aria-label') ?? '');
      if (!named) problems.push('the region is not named by the caption (or, with none, by aria-label)');
      region.scrollLeft = region.scrollWidth;
      const view = region.getBoundingClientRect();
      const atEnd = region.scrollLeft + region.clientWidth >= region.scrollWidth - 1;
      if (!atEnd) problems.push('the region cannot be scrolled to its right end');
      const visible = (el) => {
        const r = document.createRange();
        r.selectNodeContents(el);
        const b = r.getBoundingClientRect();
        return b.width > 0 && b.left >= view.left - 1 && b.right <= view.right + 1;
      };
      if (table.caption && !visible(table.caption)) problems.push('the caption is out of view at the right end');
      const first = table.querySelector('tbody tr > :first-child');
      if (first && !visible(first)) problems.push('the first column is out of view at the right end');
      const last = table.querySelector('tr > :last-child');
      if (last && !visible(last)) problems.push('the last column is not in view at the right end');
      region.scrollLeft = 0;
      return { name, ok: problems.length === 0, why: problems.join('; '), scrolls: true };
    }));
    if (report.length) tablePages.push(p);
    for (const r of report.filter((r) => !r.ok)) hidden.push(`${p} "${r.name}": ${r.why}`);
    // The regions are reached by Tab.
    const regions = await page.$$eval('main [role="region"][tabindex="0"]', (rs) => rs
      .map((r, i) => ({ i, scrolls: r.scrollWidth > r.clientWidth, name: r.getAttribute('aria-label') ?? r.getAttribute('aria-labelledby') }))
      .filter((r) => r.scrolls));
    for (const { i, name } of regions) {
      let reached = false;
      await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
      for (let n = 0; n < 400 && !reached; n++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate((i) => document.activeElement === document.querySelectorAll('main [role="region"][tabindex="0"]')[i], i);
      }
      if (!reached) hidden.push(`${p}: the scrolling region "${name}" is not reached by Tab`);
    }
  }
  t.check('the demo has pages with tables to look at', tablePages.length >= 3, tablePages.join(', '));
  t.check('at 320 px every table shows all its columns, or scrolls in a focusable region labelled by its caption that keeps the caption and first column in view', hidden.length === 0, hidden.slice(0, 10).join('; '));
}
