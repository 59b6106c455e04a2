// What came of the advice: /oppfolging/ lists every case once, by outcome
// status, and filters by year without JavaScript (issue 17, "What came of
// the advice"; the menu names it, "Reading order").

import fs from 'node:fs';
import path from 'node:path';

/** The case pages of the site, from its sitemap: /moter/<meeting>/<case>/. */
function casePaths(site) {
  const xml = fs.readFileSync(path.join(site, 'sitemap.xml'), 'utf8');
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)]
    .map((m) => new URL(m[1]).pathname)
    .filter((p) => /^\/moter\/[^/]+\/[^/]+\/$/.test(p));
}

/** The case links a follow-up page lists, and the date of each one's meeting. */
async function listed(page) {
  return page.$$eval('.oppfolging-saker > li', (lis) => lis.map((li) => ({
    path: new URL(li.querySelector('a').href).pathname,
    meeting: li.querySelector('time')?.getAttribute('datetime') ?? '',
  })));
}

export default async function (t) {
  const cases = casePaths(t.site);
  t.check('the sitemap names the cases of the demo (more than one)', cases.length > 1, String(cases.length));

  // From the home page, at 320 px and without JavaScript, through the menu.
  const page = await t.page('/', { width: 320, height: 640, javaScript: false });
  const link = page.locator('header nav a', { hasText: 'Saker og oppfølging' });
  t.check('the menu has "Saker og oppfølging"', (await link.count()) === 1);
  await link.click();
  await page.waitForLoadState();
  t.check('the menu link reaches /oppfolging/', new URL(page.url()).pathname === '/oppfolging/', page.url());

  const all = await listed(page);
  const paths = all.map((c) => c.path);
  const twice = paths.filter((p, i) => paths.indexOf(p) !== i);
  const missing = cases.filter((p) => !paths.includes(p));
  t.check('every case of the site is listed on /oppfolging/', missing.length === 0, missing.join(', '));
  t.check('no case is listed twice on /oppfolging/', twice.length === 0, twice.join(', '));
  t.check('/oppfolging/ lists nothing but cases', paths.every((p) => cases.includes(p)), paths.filter((p) => !cases.includes(p)).join(', '));
  const count = await page.textContent('#oppfolging-antall');
  t.check('/oppfolging/ says how many cases it lists', count.includes(`${cases.length} saker`), count);

  // The year filter: a link per year, a page per year, no script needed.
  const years = await page.$$eval('nav[aria-labelledby="filter-ar"] a', (as) => as.map((a) => a.textContent.trim()));
  t.check('the year filter offers every year and all years', years[0] === 'Alle år' && years.includes('2023') && years.includes('2024'), years.join(', '));
  await page.locator('nav[aria-labelledby="filter-ar"] a', { hasText: '2023' }).click();
  await page.waitForLoadState();
  t.check('choosing 2023 opens /oppfolging/2023/', new URL(page.url()).pathname === '/oppfolging/2023/', page.url());
  const of2023 = await listed(page);
  const expected = all.filter((c) => c.meeting.startsWith('2023'));
  t.check('the 2023 page lists only cases of meetings in 2023', of2023.length > 0 && of2023.every((c) => c.meeting.startsWith('2023')),
    of2023.map((c) => `${c.path} ${c.meeting}`).join(', '));
  t.check('the 2023 page lists every case of 2023', expected.every((c) => of2023.some((d) => d.path === c.path)) && of2023.length === expected.length,
    `${of2023.length} listed, ${expected.length} expected`);
  const current = await page.$eval('nav[aria-labelledby="filter-ar"] [aria-current="page"]', (a) => a.textContent.trim()).catch(() => null);
  t.check('the chosen year is marked as the current page', current === '2023', String(current));
  t.check('the page title names the year', (await page.title()).includes('2023'), await page.title());
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  t.check('the year page does not scroll sideways at 320 px', wide <= 320, `${wide} px`);
  await page.locator('nav[aria-labelledby="filter-ar"] a', { hasText: 'Alle år' }).click();
  await page.waitForLoadState();
  t.check('"Alle år" leads back to every case', (await listed(page)).length === cases.length);
}
