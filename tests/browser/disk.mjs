// A copy of the demo site made for disk (`medvirk build --for-disk`), opened
// as file:// in Chromium with no web server: the stylesheet applies, the main
// navigation is followed by clicking (Møter → a meeting → a case → back by the
// breadcrumb), the search page says plainly that search needs the web and
// keeps its links to browse, and no page of the site has a request that fails.
//
//   node disk.mjs --root ../.. --bin ../../target/debug/medvirk

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch } from './lib.mjs';

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const root = path.resolve(option('--root', '../..'));
const bin = path.resolve(option('--bin', '../../target/debug/medvirk'));

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'medvirk-disk-'));
const site = path.join(temp, 'public');
execFileSync(bin, ['-q', 'build', '--for-disk', '--root', root, '--output-dir', site], { stdio: 'inherit' });
const fileUrl = (rel) => pathToFileURL(path.join(site, rel)).href;

const browser = await launch();
const page = await browser.newPage();
const failed = [];
page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText}`));
page.on('pageerror', (e) => failed.push(`script error on ${page.url()}: ${e.message}`));
page.on('console', (m) => { if (m.type() === 'error') failed.push(`console on ${page.url()}: ${m.text()}`); });
let checks = 0;
function check(what, fn) {
  fn();
  checks++;
  console.log(`ok ${checks} - ${what}`);
}

try {
  await page.goto(fileUrl('index.html'));
  const styled = await page.evaluate(() => ({
    sheets: [...document.styleSheets].filter((s) => /\/style\.[0-9a-f]+\.css$/.test(s.href ?? '')).length,
    skip: getComputedStyle(document.querySelector('.hopp')).position,
    margin: getComputedStyle(document.body).margin,
  }));
  check('the stylesheet is loaded from disk and applied', () => {
    assert.equal(styled.sheets, 1);
    assert.equal(styled.skip, 'absolute'); // .hopp { position: absolute }
    assert.equal(styled.margin, '0px'); // body { margin: 0 }
  });

  const menu = page.getByRole('navigation', { name: 'Hovedmeny' });
  await Promise.all([page.waitForURL(/\/moter\/index\.html$/), menu.getByRole('link', { name: 'Møter' }).click()]);
  check('the main menu opens the meetings page', () => assert.equal(page.url(), fileUrl('moter/index.html')));

  const meetingLink = page.locator('main a[href$="2024-2/index.html"]').first();
  await Promise.all([page.waitForURL(/\/moter\/2024-2\/index\.html$/), meetingLink.click()]);
  check('a meeting opens from the list', () => assert.equal(page.url(), fileUrl('moter/2024-2/index.html')));
  const meetingTitle = await page.locator('h1').innerText();

  const caseLink = page.locator('main a[href^="sak-"], main a[href*="/2024-2/sak-"]').first();
  await Promise.all([page.waitForURL(/\/moter\/2024-2\/sak-[^/]+\/index\.html/), caseLink.click()]);
  check('a case opens from its meeting', () => assert.match(page.url(), /\/moter\/2024-2\/sak-[^/]+\/index\.html/));

  const crumbs = page.getByRole('navigation', { name: 'Brødsmulesti' });
  await Promise.all([page.waitForURL(/\/moter\/2024-2\/index\.html$/), crumbs.locator('a[href$="2024-2/index.html"]').click()]);
  const backTitle = await page.locator('h1').innerText();
  check('the breadcrumb leads back to the meeting', () => {
    assert.equal(page.url(), fileUrl('moter/2024-2/index.html'));
    assert.equal(backTitle, meetingTitle);
  });

  // The header's search field submits to the search page, which cannot read
  // its index from file:// and says so, keeping the links to browse.
  await page.locator('#topp-sok').fill('fastlege');
  await Promise.all([page.waitForURL(/\/sok\/index\.html\?q=fastlege$/), page.locator('form.sokefelt button').click()]);
  const note = page.locator('[data-uten-js]');
  const noteText = await note.innerText();
  const browse = note.locator('a');
  const formHidden = await page.locator('#sok-skjema').isHidden();
  check('the search page says that search needs the web, and shows no form', () => {
    assert.match(noteText, /Søket virker ikke når sidene er åpnet fra disk/);
    assert.doesNotMatch(noteText, /JavaScript/);
    assert.equal(formHidden, true);
  });
  const browseCount = await browse.count();
  check('the search page keeps its links to browse', () => assert.ok(browseCount >= 2, `${browseCount} links`));
  const firstBrowse = await browse.first().getAttribute('href');
  await Promise.all([page.waitForURL(/\/index\.html$/), browse.first().click()]);
  check('a browse link opens its page', () => assert.equal(page.url(), new URL(firstBrowse, fileUrl('sok/index.html')).href));

  // Every page of the site: nothing it loads (style, scripts, images) fails.
  const pages = fs.readdirSync(site, { recursive: true }).filter((f) => f.endsWith('.html'));
  for (const rel of pages) await page.goto(fileUrl(rel));
  check(`no request failed on any of ${pages.length} pages`, () => {
    assert.ok(pages.length > 80, `${pages.length} pages`);
    assert.deepEqual(failed, []);
  });
} finally {
  await browser.close();
  fs.rmSync(temp, { recursive: true, force: true });
}
console.log(`disk: ${checks} checks passed`);
