// Reading order on a phone (issue 17, "Reading order"): a case's background
// folds so the advice is near the top, the position paper opens with its
// contents, the timeline dates every step, and a theme page says what each
// item answers and where it is from.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const axeSource = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core's findings on `page` as it is now (the same rules as run.mjs). */
async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  return result.violations.map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}

// Screens of 320×640 down to the first input item, with JavaScript on. The
// longest demo case (10/24) measured 18.2 with the background open and 2.8
// folded, and no demo case more than 3.5 folded (16/23, whose questions are
// long); the bound leaves room for a line or two more above the input.
const MAX_SCREENS = 4;
const W = 320;
const H = 640;

/** The site paths of the pages under `dir` ("moter", …) `depth` folders down. */
function pages(site, dir, depth) {
  let found = [dir];
  for (let i = 0; i < depth; i++) {
    found = found.flatMap((d) => fs.readdirSync(path.join(site, d), { withFileTypes: true })
      .filter((e) => e.isDirectory()).map((e) => `${d}/${e.name}`));
  }
  return found.filter((d) => fs.existsSync(path.join(site, d, 'index.html'))).map((d) => `/${d}/`);
}

/** How many screens down the first input item starts. */
const firstItemScreens = (page) => page.$eval('.innspill', (el, h) =>
  (el.getBoundingClientRect().top + window.scrollY) / h, H);

export default async function (t) {
  const cases = pages(t.site, 'moter', 2).filter((p) => /\/sak-[^/]+\/$/.test(p));
  t.check('the demo has case pages', cases.length >= 5, `${cases.length}`);
  let withBackground = 0;
  for (const url of cases) {
    const on = await t.page(url, { width: W, height: H });
    const folds = await on.$$('details.bakgrunn');
    if (folds.length > 0 && await on.$('.innspill')) {
      withBackground++;
      const screens = await firstItemScreens(on);
      t.check(`${url}: at 320 px the first input item starts within ${MAX_SCREENS} screens`, screens <= MAX_SCREENS, screens.toFixed(1));
      const closed = await on.$$eval('details.bakgrunn', (ds) => ds.every((d) => !d.open));
      t.check(`${url}: the background is folded on a phone`, closed);
      const found = await axe(on);
      t.check(`${url}: axe finds nothing with the background folded`, found.length === 0, found.join('; '));
      await on.click('details.bakgrunn > summary');
      const shown = await on.$eval('details.bakgrunn', (d) => d.open
        && [...d.querySelectorAll(':scope > section')].every((s) => s.checkVisibility() && s.getBoundingClientRect().height > 0));
      t.check(`${url}: its summary opens the background`, shown);
      const wide = await t.page(url, { width: 1280, height: 900 });
      t.check(`${url}: on a wide screen the background stays open`,
        await wide.$$eval('details.bakgrunn', (ds) => ds.every((d) => d.open)));
      // Without JavaScript: every background section is in the page and shown.
      const off = await t.page(url, { width: W, height: H, javaScript: false });
      const hidden = await off.$$eval('details.bakgrunn', (ds) => ds.flatMap((d) => [...d.querySelectorAll(':scope > section')]
        .filter((s) => !d.open || !s.checkVisibility() || s.getBoundingClientRect().height === 0)
        .map((s) => s.querySelector('h2')?.textContent ?? '?')));
      t.check(`${url}: without JavaScript all of the background is shown`, hidden.length === 0, hidden.join(', '));
      const offScreens = await firstItemScreens(off);
      console.log(`  ${url}: first input item at ${offScreens.toFixed(1)} screens open, ${screens.toFixed(1)} folded`);
    }
    const steps = await on.$$eval('ol.tidslinje > li', (lis) => lis.map((li) => {
      const time = li.querySelector('time[datetime]');
      return { dated: !!time && /\d{4}/.test(time.textContent) && /^\d{4}-\d{2}-\d{2}/.test(time.getAttribute('datetime')),
        label: li.querySelector('.tidslinje-status')?.textContent.trim() ?? '' };
    }));
    t.check(`${url}: the timeline has a step`, steps.length > 0);
    t.check(`${url}: every step of the timeline has a date`, steps.every((s) => s.dated), JSON.stringify(steps));
    t.check(`${url}: every step says in words what happened`, steps.every((s) => s.label.length > 0), JSON.stringify(steps));
  }
  t.check('some case pages have background to fold', withBackground >= 5, `${withBackground}`);

  const papers = pages(t.site, 'innspill', 1).filter((p) => p !== '/innspill/');
  t.check('the demo has a position paper', papers.length > 0);
  for (const url of papers) {
    const page = await t.page(url, { width: W, height: H });
    const top = await page.$eval('nav.innhold', (n) => n.getBoundingClientRect().top).catch(() => null);
    t.check(`${url}: the contents list starts in the first screen at 320 px`, top !== null && top < H, `${top}`);
    const firstLink = await page.$eval('nav.innhold li a', (a) => a.getBoundingClientRect().top).catch(() => null);
    t.check(`${url}: its first link is in the first screen at 320 px`, firstLink !== null && firstLink + 24 <= H, `${firstLink}`);
    const found = await axe(page);
    t.check(`${url}: axe finds nothing on the paper`, found.length === 0, found.join('; '));
    const first = await page.$eval('nav.innhold li a', (a) => a.getAttribute('href')).catch(() => '');
    const target = (page) => page.evaluate((href) => {
      const h = document.getElementById(decodeURIComponent(href.slice(1)));
      if (!h) return null;
      const r = h.getBoundingClientRect();
      return { summary: !!h.closest('section')?.classList.contains('del-sammendrag'), top: r.top, height: window.innerHeight };
    }, first);
    t.check(`${url}: the first link of the contents reaches the summary`, (await target(page))?.summary === true, first);
    await page.click('nav.innhold li a');
    await page.waitForFunction((href) => location.hash === href, first);
    const landed = await target(page);
    t.check(`${url}: following it shows the summary's heading`, landed && landed.top > -2 && landed.top < landed.height, JSON.stringify(landed));
    const broken = await page.$$eval('nav.innhold a', (as) => as.map((a) => a.getAttribute('href'))
      .filter((h) => !document.getElementById(decodeURIComponent(h.slice(1)))));
    t.check(`${url}: every link of the contents reaches a heading`, broken.length === 0, broken.join(', '));
  }

  const themes = pages(t.site, 'temaer', 1).filter((p) => p !== '/temaer/');
  let items = 0;
  for (const url of themes) {
    const page = await t.page(url, { width: W, height: H });
    const listed = await page.$$eval('#innspill ~ .tema-sak', (groups) => groups.flatMap((g) => {
      const title = g.querySelector('h3 a')?.textContent.trim() ?? '';
      const note = g.querySelector(':scope > .kort-meta')?.textContent.trim() ?? '';
      return [...g.querySelectorAll('li.kort')].map((li) => ({
        title, note,
        question: li.querySelector('.tema-sporsmal')?.textContent.trim() ?? '',
        link: li.querySelector('a[href*="#"]')?.getAttribute('href') ?? '',
      }));
    }));
    items += listed.length;
    if (listed.length > 0) {
      const found = await axe(page);
      t.check(`${url}: axe finds nothing on the theme page`, found.length === 0, found.join('; '));
    }
    for (const item of listed) {
      const where = `${url} ${item.link}`;
      t.check(`${where}: the item shows the question it answers`, /^(Svar på|Fra):\s*\S/.test(item.question), item.question);
      t.check(`${where}: the item shows its case`, /^Sak \d+\/\d+\s+\S/.test(item.title) && item.link.startsWith('/moter/'), `${item.title} ${item.link}`);
      t.check(`${where}: its case group says whether the case has the theme itself`, /Hele saken har temaet|Saken har ikke temaet selv/.test(item.note), item.note);
    }
  }
  t.check('theme pages list input items', items > 0, `${items}`);
  // "Pårørende" alone means nothing: on its theme page it shows the question of case 09/24.
  const relatives = await t.page('/temaer/parorende/');
  const bare = await relatives.$$eval('.tema-sak li.kort', (lis) => lis
    .filter((li) => li.querySelector('p:nth-of-type(2)')?.textContent.trim() === 'Pårørende')
    .map((li) => li.querySelector('.tema-sporsmal')?.textContent.trim() ?? ''));
  t.check('the item "Pårørende" shows the question it answers', bare.length === 1 && /Svar på: Hva er Brukerrådets innspill/.test(bare[0]), JSON.stringify(bare));
}
