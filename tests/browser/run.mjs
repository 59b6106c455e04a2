// Accessibility checks of every page of a built site, in Debian's headless Chromium.
//
//   node run.mjs [SITE_DIR] [--statement FILE | --write-statement FILE]
//   (default SITE_DIR: ../../target/demo-public)
//
// Per page: axe-core (WCAG 2.0/2.1/2.2 A and AA, best practice, td-has-header),
// landmarks and headings, the skip link as the first Tab stop, a visible focus
// indicator on every link and control, no keyboard trap, no horizontal scrolling
// at 320 CSS px (also with WCAG 1.4.12 text spacing), forced colours, and the same
// main text without JavaScript; per page type, print (content without site
// chrome) and reduced motion. Then the Nu HTML Checker over every file.
// Screenshots of each page type at 1280 and 320 px go to out/screenshots/.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serve } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const site = path.resolve(process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : path.join(here, '../../target/demo-public'));
const out = path.join(here, 'out');
const shots = path.join(out, 'screenshots');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(shots, { recursive: true });

// ---- the pages ----
const pages = [];
(function walk(dir) {
  for (const name of fs.readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.html')) pages.push('/' + path.relative(site, p).split(path.sep).join('/').replace(/index\.html$/, ''));
  }
})(site);
if (pages.length === 0) throw new Error(`no HTML pages under ${site}; build the site first`);

/** The page type, for one screenshot per type. */
function pageType(p) {
  const parts = p.split('/').filter(Boolean);
  if (p === '/') return 'forside';
  if (p === '/404.html') return '404';
  if (parts[0] === 'moter') return ['moteoversikt', 'mote', 'sak', 'vedlegg'][parts.length - 1] ?? 'annet';
  if (['innspill', 'temaer', 'organisasjoner', 'personer'].includes(parts[0])) return parts[0] + (parts.length === 1 ? '-oversikt' : '');
  return 'side';
}

const { base, server } = await serve(site);
const browser = await launch();
const axeSource = fs.readFileSync(path.join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const narrow = await browser.newContext({ viewport: { width: 320, height: 640 } });
const noJs = await browser.newContext({ javaScriptEnabled: false });
const failures = [];
let passed = 0;
const check = (page, name, ok, detail = '') => {
  if (ok) passed++;
  else failures.push(`${page}: ${name}${detail ? ': ' + detail : ''}`);
};
const screenshotted = new Set();

for (const p of pages) {
  const page = await wide.newPage();
  await page.goto(base + p);

  // axe-core
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    rules: { 'td-has-header': { enabled: true } },
  }));
  check(p, 'axe', axe.violations.length === 0,
    axe.violations.map((v) => `${v.id} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`).join('; '));

  // Structure as assistive technology reads it.
  const s = await page.evaluate(() => {
    const visible = (el) => !el.closest('[hidden],[aria-hidden="true"]');
    const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].filter(visible).map((h) => +h.tagName[1]);
    const navs = [...document.querySelectorAll('nav')];
    const tables = [...document.querySelectorAll('table')];
    return {
      mains: document.querySelectorAll('main').length,
      h1s: levels.filter((l) => l === 1).length,
      skips: levels.slice(1).filter((l, i) => l > levels[i] + 1).length,
      unlabelledNavs: navs.filter((n) => !n.getAttribute('aria-label') && !n.getAttribute('aria-labelledby')).length,
      banners: document.querySelectorAll('body > header').length,
      contentinfos: document.querySelectorAll('body > footer').length,
      badTables: tables.filter((t) => !t.querySelector('caption') || !t.querySelector('th')).length,
      lang: document.documentElement.lang,
    };
  });
  check(p, 'one main', s.mains === 1, `${s.mains}`);
  check(p, 'one h1', s.h1s === 1, `${s.h1s}`);
  check(p, 'headings do not skip levels', s.skips === 0);
  check(p, 'navigation landmarks are labelled', s.unlabelledNavs === 0);
  check(p, 'banner and contentinfo', s.banners === 1 && s.contentinfos === 1);
  check(p, 'tables have a caption and header cells', s.badTables === 0);
  check(p, 'lang="nb"', s.lang === 'nb', s.lang);

  // Keyboard: the first Tab reaches a visible skip link that moves focus to <main>.
  await page.keyboard.press('Tab');
  const skip = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return { href: el.getAttribute('href'), visible: r.top >= 0 && r.bottom <= innerHeight && r.width > 0 };
  });
  check(p, 'first Tab reaches the skip link', skip.href === '#hovedinnhold' && skip.visible, JSON.stringify(skip));
  await page.keyboard.press('Enter');
  check(p, 'skip link moves focus to main', await page.evaluate(() => document.activeElement?.tagName === 'MAIN'));

  // Every link and control shows a visible focus indicator.
  const unfocusable = await page.evaluate(() => {
    const bad = [];
    const look = (el) => { const c = getComputedStyle(el); return [c.outlineStyle, c.outlineWidth, c.boxShadow, c.backgroundColor].join('|'); };
    for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')) {
      el.blur();
      const before = look(el);
      el.focus();
      if (document.activeElement === el && look(el) === before) bad.push(el.outerHTML.slice(0, 80));
    }
    document.activeElement?.blur();
    return bad;
  });
  check(p, 'visible focus indicator on every link and control', unfocusable.length === 0, unfocusable.slice(0, 3).join(' '));

  // No keyboard trap: Tab visits every focusable element once and leaves the page.
  await page.goto(base + p);
  const count = await page.evaluate(() => {
    // Only what a keyboard user can reach: hidden parts (the no-JS notice once the script runs) do not count.
    const all = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
      .filter((el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
      // Inside a closed <details> only its summary can take focus.
      .filter((el) => { const d = el.closest('details:not([open])'); return !d || el.closest('summary')?.parentElement === d; });
    all.forEach((el, i) => { el.dataset.tabStop = String(i); });
    return all.length;
  });
  const seen = new Set();
  for (let i = 0; i < count + 1; i++) {
    await page.keyboard.press('Tab');
    seen.add(await page.evaluate(() => document.activeElement?.dataset?.tabStop ?? 'outside'));
  }
  seen.delete('outside');
  check(p, 'no keyboard trap', seen.size >= count, `${seen.size} of ${count} reached`);

  // Forced colours: focus indicator and table borders stay visible.
  await page.emulateMedia({ forcedColors: 'active' });
  const forced = await page.evaluate(() => {
    const link = document.querySelector('a.hopp');
    link.focus();
    const c = getComputedStyle(link);
    const cell = document.querySelector('th, td');
    const b = cell ? getComputedStyle(cell).borderTopStyle : 'solid';
    return { outline: c.outlineStyle !== 'none' && parseFloat(c.outlineWidth) >= 2, border: b !== 'none' && b !== 'hidden' };
  });
  check(p, 'forced colours keep focus and table borders', forced.outline && forced.border, JSON.stringify(forced));

  // A control JavaScript puts in place of its plain fallback (a copy button
  // for a link) is not text to read: both are left out of the comparison.
  const readText = (p) => p.evaluate(() => {
    const swapped = [...document.querySelectorAll('main .kopier, main a.innspill-lenke[data-kopier]')];
    swapped.forEach((el) => { el.dataset.display = el.style.display; el.style.display = 'none'; });
    const text = document.querySelector('main').innerText;
    swapped.forEach((el) => { el.style.display = el.dataset.display; });
    return text;
  });
  const mainText = await readText(page);
  const type = pageType(p);
  const split = await brokenAcrossLines(page);
  check(p, 'no agenda time or case number breaks across lines at 1280 px', split.length === 0, split.join(' | '));

  // Once per page type: print shows the content without site chrome, and
  // reduced motion turns transitions and animations off.
  if (!screenshotted.has(type)) {
    await page.emulateMedia({ forcedColors: 'none', media: 'print' });
    const print = await page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((el) => getComputedStyle(el).display !== 'none');
      return { chrome: shown('header.topp') || shown('footer.bunn') || shown('a.hopp') || shown('nav.smuler'), main: shown('main'), text: document.querySelector('main').innerText.length };
    });
    check(p, 'print shows the content without header, footer and navigation', !print.chrome && print.main && print.text > 0, JSON.stringify(print));
    await page.emulateMedia({ media: 'screen', reducedMotion: 'reduce' });
    const moving = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((el) => {
      const c = getComputedStyle(el);
      return c.animationName !== 'none' || c.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
    }).length);
    check(p, 'reduced motion: no transitions or animations', moving === 0, `${moving} elements move`);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
  }
  if (!screenshotted.has(type)) {
    await page.emulateMedia({ forcedColors: 'none' });
    await page.screenshot({ path: path.join(shots, `${type}-1280.png`), fullPage: true });
  }
  await page.close();

  // Reflow at 320 CSS px, with and without WCAG 1.4.12 text spacing.
  const small = await narrow.newPage();
  await small.goto(base + p);
  const overflow = () => small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  check(p, 'no horizontal scrolling at 320 px', (await overflow()) <= 0, `${await overflow()} px`);
  const splitSmall = await brokenAcrossLines(small);
  check(p, 'no agenda time or case number breaks across lines at 320 px', splitSmall.length === 0, splitSmall.join(' | '));
  if (!screenshotted.has(type)) {
    await small.screenshot({ path: path.join(shots, `${type}-320.png`), fullPage: true });
    screenshotted.add(type);
  }
  await small.addStyleTag({ content: '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }' });
  check(p, 'no horizontal scrolling at 320 px with text spacing', (await overflow()) <= 0, `${await overflow()} px`);
  const clipped = await small.evaluate(() => [...document.querySelectorAll('body *')].filter((el) => {
    const c = getComputedStyle(el);
    // Text hidden on purpose for screen readers only (the 1 px, clip-path
    // pattern) is not visible text that spacing could clip.
    if (c.clipPath !== 'none' && el.getBoundingClientRect().width <= 1) return false;
    return (c.overflowY === 'hidden' || c.overflowY === 'clip') && el.scrollHeight > el.clientHeight + 1;
  }).length);
  check(p, 'text spacing does not clip text', clipped === 0, `${clipped} clipped`);
  await small.close();

  // Without JavaScript every page shows the same main text; the search page
  // says search needs JavaScript and where to browse instead.
  const plain = await noJs.newPage();
  await plain.goto(base + p);
  const plainText = await readText(plain);
  if (p === '/sok/') {
    const links = await plain.evaluate(() => [...document.querySelectorAll('main a')].filter((a) => a.offsetParent).map((a) => a.getAttribute('href')));
    check(p, 'without JavaScript the search page says it needs JavaScript', /Søket trenger JavaScript/.test(plainText) && !/Søket trenger JavaScript/.test(mainText));
    check(p, 'without JavaScript the search page links to themes and organisations', links.includes('/temaer/') && links.includes('/organisasjoner/'), links.join(' '));
  } else {
    check(p, 'same main text without JavaScript', plainText === mainText);
  }
  await plain.close();
}

// An agenda time or a case number whose text lies on more than one line
// ("10:0" / "0"): its text's line boxes, counted by their tops.
async function brokenAcrossLines(page) {
  return page.evaluate(() => [...document.querySelectorAll('.dagsorden time, .saksnr')].filter((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
  }).map((el) => el.textContent));
}

const chromiumVersion = browser.version();
await browser.close();
server.close();

// ---- the Nu HTML Checker over every HTML file ----
const vnu = path.join(here, 'node_modules/vnu-jar/build/dist/vnu.jar');
let report;
try {
  report = execFileSync('java', ['-jar', vnu, '--skip-non-html', '--format', 'json', '--exit-zero-always', site], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch (err) {
  report = err.stderr?.toString() ?? '';
}
// vnu writes its JSON report to stderr.
const raw = report.trim() || execFileSync('sh', ['-c', `java -jar '${vnu}' --skip-non-html --format json --exit-zero-always '${site}' 2>&1`], { encoding: 'utf8' });
const messages = JSON.parse(raw).messages ?? [];
const errors = messages.filter((m) => m.type === 'error');
check('(all files)', `Nu HTML Checker over ${pages.length} pages`, errors.length === 0,
  errors.slice(0, 5).map((m) => `${m.url?.replace('file:' + site, '')}:${m.lastLine}: ${m.message}`).join('; '));

// The accessibility statement shows the last run's figures from a data file:
// --write-statement FILE writes them; --statement FILE fails when the file no
// longer describes this site (so the published figures are a real run's).
const versions = JSON.parse(fs.readFileSync(path.join(here, 'package-lock.json'), 'utf8')).packages;
const summary = {
  date: new Date().toISOString().slice(0, 10), pages: pages.length, checks: passed + failures.length, failed: failures.length,
  vnuErrors: errors.length, vnuWarnings: messages.filter((m) => m.subType === 'warning').length,
  axe: versions['node_modules/axe-core'].version, vnu: versions['node_modules/vnu-jar'].version, chromium: chromiumVersion.split('.')[0],
};
fs.writeFileSync(path.join(out, 'result.json'), JSON.stringify(summary, null, 2) + '\n');
const option = (name) => { const i = process.argv.indexOf(name); return i > 0 ? path.resolve(process.argv[i + 1]) : null; };
if (option('--write-statement') && failures.length === 0) {
  fs.writeFileSync(option('--write-statement'), JSON.stringify(summary, null, 2) + '\n');
  console.log(`wrote the statement's figures to ${option('--write-statement')}`);
}
if (option('--statement')) {
  const published = JSON.parse(fs.readFileSync(option('--statement'), 'utf8'));
  check('(statement)', 'the accessibility statement shows a real, clean run of this site', published.pages === pages.length && published.failed === 0 && published.vnuErrors === 0 && published.checks > 0,
    `it says ${published.pages} pages and ${published.failed} failures; this run saw ${pages.length} pages. Run: node run.mjs ../../target/demo-public --write-statement ../../data/tilgjengelighetstest.json, rebuild and commit`);
}
for (const f of failures) console.log(`FAIL ${f}`);
console.log(`Visited ${pages.length} pages; screenshots in ${path.relative(process.cwd(), shots) || shots}`);
console.log(`browser: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
