// Search tests: the client's text pipeline against rust-stemmers, the index
// against the elasticlunr npm package, the split layout against the single
// file, and the search page in headless Chromium, on both layouts.
//
//   node search.mjs --root ../.. --single ../../target/demo-public \
//     --words ../../target/stem-words.jsonl --bin ../../target/release/medvirk
//
// --single is the demo as built; its index is past the single file's limit,
// so it is split, and the single layout is built here with split = "never".
//
// --words is the output of `cargo run --example stem_words -- --synthetic`.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, serve } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return path.resolve(i > 0 ? process.argv[i + 1] : path.join(here, fallback));
};
const root = arg('root', '../..');
const demo = arg('single', '../../target/demo-public');
const wordsFile = arg('words', '../../target/stem-words.jsonl');
const bin = arg('bin', '../../target/release/medvirk');

const engine = require(path.join(root, 'theme/static/sok.js'));
const elasticlunr = require('elasticlunr');

const failures = [];
let passed = 0;
const check = (name, ok, detail = '') => {
  if (ok) passed++;
  else failures.push(`${name}${detail ? ': ' + detail : ''}`);
};
const sameSet = (a, b) => a.length === b.length && [...a].sort((x, y) => x - y).every((x, i) => x === [...b].sort((p, q) => p - q)[i]);

// ---- 1. The text pipeline agrees with elasticlunr-rs and rust-stemmers on every word ----
const words = fs.readFileSync(wordsFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const disagreements = [];
for (const w of words) {
  const tokens = engine.tokenize(w.raw);
  const trimmed = engine.trim(w.raw.toLowerCase());
  const stop = trimmed !== '' && engine.stopWords.has(trimmed);
  const stem = trimmed === '' || stop ? '' : engine.stem(trimmed);
  if (tokens.length !== 1 || tokens[0] !== w.raw || trimmed !== w.trimmed || stop !== w.stop || stem !== w.stem) {
    disagreements.push(`${w.raw}: rust ${JSON.stringify([w.trimmed, w.stop, w.stem])}, js ${JSON.stringify([trimmed, stop, stem])}`);
  }
}
check(`stemmer agrees with rust-stemmers on all ${words.length} words`, words.length > 3000 && disagreements.length === 0,
  `${disagreements.length} differ: ${disagreements.slice(0, 5).join('; ')}`);

// ---- 2. The single file is a standard elasticlunr index ----
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'medvirk-split-'));
const buildWith = (name, split) => {
  for (const part of ['config.toml', 'content', 'data', 'static', 'templates']) {
    if (fs.existsSync(path.join(root, part))) fs.cpSync(path.join(root, part), path.join(tmp, name, part), { recursive: true });
  }
  fs.appendFileSync(path.join(tmp, name, 'config.toml'), `\n[search]\nsplit = "${split}"\n`);
  const out = path.join(tmp, `${name}-public`);
  execFileSync(bin, ['-q', 'build', '--root', path.join(tmp, name), '--output-dir', out], { stdio: 'inherit' });
  return out;
};
check('the demo as built has a split index', fs.existsSync(path.join(demo, 'search_index.nb/manifest.json')) && !fs.existsSync(path.join(demo, 'search_index.nb.json')));
const single = buildWith('single', 'never');
const indexJson = JSON.parse(fs.readFileSync(path.join(single, 'search_index.nb.json'), 'utf8'));
check('index pipeline is Norwegian', JSON.stringify(indexJson.pipeline) === '["trimmer-no","stopWordFilter-no","stemmer-no"]', JSON.stringify(indexJson.pipeline));
// elasticlunr.js has no Norwegian of its own: register the client's functions under the index's names.
const registered = {
  'trimmer-no': (t) => engine.trim(t) || undefined,
  'stopWordFilter-no': (t) => (engine.stopWords.has(t) ? undefined : t),
  'stemmer-no': (t) => engine.stem(t) || undefined,
};
for (const [name, fn] of Object.entries(registered)) elasticlunr.Pipeline.registerFunction(fn, name);
const lunr = elasticlunr.Index.load(indexJson);
const ours = new engine.SingleIndex(indexJson);
const stems = [...new Set(words.filter((w) => w.stem).map((w) => w.trimmed))];
const sample = stems.filter((_, i) => i % 5 === 0);
let lunrMismatch = [];
for (const word of sample) {
  const fields = Object.fromEntries(indexJson.fields.map((f) => [f, { bool: 'OR', expand: false }]));
  const theirs = lunr.search(word, { fields, bool: 'OR', expand: false }).map((r) => +r.ref);
  const mine = (await engine.search(ours, word, {}, { exact: true })).hits;
  if (!sameSet(theirs, mine)) lunrMismatch.push(`${word} (${theirs.length} vs ${mine.length})`);
}
check(`elasticlunr npm finds the same documents as the client for ${sample.length} words`, sample.length > 300 && lunrMismatch.length === 0, lunrMismatch.slice(0, 5).join(', '));
const hit = lunr.search('pårørende', { expand: false })[0];
check('elasticlunr npm returns result data from the document store', hit && typeof lunr.documentStore.getDoc(hit.ref).u === 'string', JSON.stringify(hit));

// ---- 3. The split layout finds what the single file finds ----
const splitDir = buildWith('site', 'always');
check('split layout writes a manifest and no single file', fs.existsSync(path.join(splitDir, 'search_index.nb/manifest.json')) && !fs.existsSync(path.join(splitDir, 'search_index.nb.json')));
const readJson = (url) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(splitDir, url), 'utf8')));
const split = await engine.load('/search_index.nb/manifest.json', readJson);
check('split index has every document', split.n === ours.n, `${split.n} vs ${ours.n}`);
const queries = [...sample, ...sample.filter((w) => w.length > 4).map((w) => w.slice(0, 4)), 'pårørende fastlegen', 'digitale tjenester'];
const filterSets = [{}, { type: 'sak' }, { type: 'innspill', year: '2024' }, { theme: 'parorende' }, { org: 'ffo' }];
let splitMismatch = [];
for (const q of queries) {
  for (const f of (q.length > 5 ? filterSets : [{}])) {
    const a = (await engine.search(ours, q, f)).hits;
    const b = (await engine.search(split, q, f)).hits;
    if (!sameSet(a, b)) splitMismatch.push(`${q} ${JSON.stringify(f)} (${a.length} vs ${b.length})`);
  }
}
check(`split and single layouts give the same hits for ${queries.length} queries with filters`, splitMismatch.length === 0, splitMismatch.slice(0, 5).join(', '));

// ---- 3b. Highlighting follows the (light) stem, not a raw prefix ----
const marked = async (ix, q) => {
  const r = await engine.search(ix, q, {});
  const rows = await engine.withTexts(ix, await ix.results(r.hits), r.words);
  const marks = new Set();
  for (const row of rows) {
    for (const text of [row.title, engine.excerptFor(row, r.words), row.text]) {
      engine.highlight(text, r.words).filter((m) => m.mark).forEach((m) => marks.add(m.text.toLowerCase()));
    }
  }
  return { marks: [...marks], rows, words: r.words };
};
const ki = await marked(split, 'KI');
check('"KI" marks "KI" and nothing else (not "Kirkenes")', ki.marks.length === 1 && ki.marks[0] === 'ki', ki.marks.join(','));
check('"KI" finds no document by the prefix "ki"', ki.rows.every((r) => !/kirkenes/i.test(r.title + r.text + r.excerpt)), ki.rows.map((r) => r.url).join(' '));
const fastlegen = await marked(split, 'fastlegen');
check('"fastlegen" marks fastlegen and its compounds, never "fast"', fastlegen.marks.includes('fastlegen') && fastlegen.marks.every((m) => m.startsWith('fastlege')),
  fastlegen.marks.join(','));
const withFast = fastlegen.rows.find((r) => /\bfast person\b/.test(r.excerpt));
check('"fastlegen" finds an item that says "fast" (stem "fast") but does not mark it',
  !!withFast && !engine.highlight(withFast.excerpt, fastlegen.words).some((m) => m.mark), withFast?.url);
// An item's excerpt shows the word when its text has it; an item that only
// inherits the word from its case ranks below every item that says it.
const parorende = await engine.search(split, 'pårørende', { type: 'innspill' });
const itemRows = await engine.withTexts(split, await split.results(parorende.hits), parorende.words);
const says = itemRows.map((r) => engine.highlight(engine.excerptFor(r, parorende.words), parorende.words).some((m) => m.mark));
const firstSilent = says.indexOf(false);
check('"pårørende" in items: every item that says it before any that inherits it', firstSilent > 10 && says.slice(firstSilent).every((x) => !x),
  `${says.filter(Boolean).length} say it of ${says.length}; first silent at ${firstSilent}`);
const digital = await engine.search(split, 'digital', {});
const digitalRows = await engine.withTexts(split, await split.results(digital.hits.slice(0, 20)), digital.words);
const digitalShown = digitalRows.filter((r) => engine.highlight(r.title + ' ' + engine.excerptFor(r, digital.words), digital.words).some((m) => m.mark)).length;
check('"digital": the first 20 results show the word in title or excerpt', digitalShown >= 18, `${digitalShown} of 20`);
// "Ingen treff": the closest spelling in the word list.
const wordList = JSON.parse(fs.readFileSync(path.join(splitDir, split.wordsUrl), 'utf8'));
check('a misspelling gets the closest word of the index', engine.closest('pårørnde', wordList) === 'pårørende' && engine.closest('xqzvwy', wordList) === null,
  engine.closest('pårørnde', wordList));

// With the excerpt text, which the split layout fetches only when needed.
const [fromSingle] = await engine.withTexts(ours, await ours.results([0]), []);
const [fromSplit] = await engine.withTexts(split, await split.results([0]), []);
check('split result data matches the single file', JSON.stringify(fromSingle) === JSON.stringify(fromSplit), `${JSON.stringify(fromSingle)} vs ${JSON.stringify(fromSplit)}`);

// ---- 4. The search page in Chromium, on both layouts ----
const browser = await launch();
const axeSource = fs.readFileSync(path.join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
for (const [layout, dir] of [['single', single], ['split', splitDir]]) {
  const requests = [];
  const { base, server } = await serve(dir, (u) => requests.push(u));
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const name = (n) => `[${layout}] ${n}`;
  const results = () => page.evaluate(() => [...document.querySelectorAll('#sok-treff li')].map((li) => ({
    href: li.querySelector('a').getAttribute('href'), meta: li.querySelector('.treff-meta').textContent, title: li.querySelector('a').textContent,
  })));
  const settle = async () => {
    await page.waitForFunction(() => document.getElementById('sok-status').textContent !== '');
    await page.waitForTimeout(100);
  };
  const query = async (url) => {
    await page.goto(base + url);
    await settle();
    return { status: await page.textContent('#sok-status'), hits: await results() };
  };

  // Typing: the status (a polite live region) changes once, after typing settles.
  await page.goto(base + '/sok/');
  await page.evaluate(() => {
    window.statusChanges = 0;
    new MutationObserver(() => { window.statusChanges++; }).observe(document.getElementById('sok-status'), { childList: true, characterData: true, subtree: true });
  });
  await page.click('#sok-q');
  await page.keyboard.type('pårørende', { delay: 80 });
  await settle();
  const live = await page.evaluate(() => ({ changes: window.statusChanges, role: document.getElementById('sok-status').getAttribute('role'), search: location.search }));
  check(name('result count announced once in a polite live region'), live.changes === 1 && live.role === 'status', JSON.stringify(live));
  check(name('typing writes ?q= to the address'), new URLSearchParams(live.search).get('q') === 'pårørende', live.search);
  let hits = await results();
  check(name('"pårørende" lists case 10/24'), hits.some((h) => h.href === '/moter/2024-2/sak-10-24/'), hits.slice(0, 5).map((h) => h.href).join(' '));

  // Everything, via "Vis flere treff"; focus lands on the first new result.
  let rounds = 0;
  while (await page.isVisible('#sok-flere') && rounds++ < 20) {
    const before = (await results()).length;
    await page.click('#sok-flere');
    await page.waitForFunction((n) => document.querySelectorAll('#sok-treff li').length > n, before);
    if (rounds === 1) {
      const focused = await page.evaluate((n) => document.activeElement === document.querySelectorAll('#sok-treff li a')[n], before);
      check(name('"Vis flere treff" moves focus to the first new result'), focused);
    }
  }
  hits = await results();
  const items0724 = hits.filter((h) => h.href.startsWith('/moter/2024-2/sak-07-24/#innspill-'));
  check(name('"pårørende" lists input items of 07/24, each at its anchor'), items0724.length >= 3, `${items0724.length}`);

  // A linked result list reads the same.
  const linked = await query('/sok/?q=p%C3%A5r%C3%B8rende');
  check(name('?q= in a link gives the same results'), linked.hits.length === Math.min(20, hits.length) && linked.hits[0].href === hits[0].href);

  const fast = await query('/sok/?q=fastlegen');
  // An item tagged "fastlege" may come first; the case is in the first two.
  check(name('"fastlegen": the case about the GP scheme comes first or second'), fast.hits.slice(0, 2).some((h) => h.href === '/moter/2023-4/sak-16-23/'), fast.hits.slice(0, 2).map((h) => h.href).join(' '));
  check(name('the page title names the query and the count'), (await page.title()).startsWith(`«fastlegen»: ${(await page.textContent('#sok-status')).match(/^\d+/)[0]} treff – Søk`), await page.title());
  const fastMarks = await page.evaluate(() => [...document.querySelectorAll('#sok-treff mark')].map((m) => m.textContent.toLowerCase()));
  check(name('"fastlegen" highlights whole words of its stem, never "fast"'), fastMarks.length > 0 && fastMarks.every((m) => m.startsWith('fastlege')), fastMarks.join(','));
  await query('/sok/?q=KI');
  const kiMarks = await page.evaluate(() => [...document.querySelectorAll('#sok-treff mark')].map((m) => m.textContent));
  check(name('"KI" highlights "KI" only'), kiMarks.length > 0 && kiMarks.every((m) => m === 'KI'), kiMarks.join(','));
  const fastCases = (await query('/sok/?q=fastlegen&type=sak')).hits.map((h) => h.href);
  check(name('"fastlegen" finds the cases about fastlege'), ['/moter/2023-4/sak-16-23/', '/moter/2024-2/sak-07-24/'].every((c) => fastCases.includes(c)), fastCases.join(' '));
  check(name('hits are highlighted'), await page.evaluate(() => document.querySelectorAll('#sok-treff mark').length > 0));

  const none = await query('/sok/?q=xqzvwy');
  check(name('a nonsense word says "Ingen treff" with a hint'), /^Ingen treff på «xqzvwy»\. Prøv/.test(none.status) && none.hits.length === 0, none.status);
  check(name('with no hits the title says so'), (await page.title()).startsWith('«xqzvwy»: ingen treff – '), await page.title());
  check(name('a nonsense word is offered the themes'), await page.evaluate(() => !document.getElementById('sok-videre').hidden &&
    !!document.querySelector('#sok-videre a[href="/temaer/"]')));
  const typo = await query('/sok/?q=p%C3%A5r%C3%B8rnde');
  check(name('a misspelling is offered the closest word'), / Mente du «pårørende»\?$/.test(typo.status), typo.status);
  const way = await page.evaluate(() => [...document.querySelectorAll('#sok-videre a')].map((a) => [a.textContent, a.getAttribute('href')]));
  check(name('… as a link, with related themes'), way.some(([t, h]) => t === 'pårørende' && h.includes('q=p%C3%A5r%C3%B8rende')) &&
    way.some(([, h]) => h === '/temaer/parorende/'), JSON.stringify(way));
  await page.click('#sok-videre a');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'pårørende');
  await settle();
  check(name('following the suggestion searches for it'), (await results()).length > 0);

  // Filters narrow the results, and Back undoes a filter.
  const all = await query('/sok/?q=brukermedvirkning');
  await page.selectOption('#sok-type', 'sak');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('type') === 'sak');
  await settle();
  const cases = await results();
  check(name('type filter narrows to cases'), cases.length > 0 && cases.length < all.hits.length && cases.every((h) => h.meta.startsWith('Sak')), `${cases.length} of ${all.hits.length}`);
  await page.selectOption('#sok-ar', '2024');
  await page.waitForFunction(() => new URLSearchParams(location.search).get('ar') === '2024');
  await settle();
  const cases2024 = await results();
  check(name('year filter narrows further'), cases2024.length > 0 && cases2024.length < cases.length && cases2024.every((h) => h.meta.includes('2024')), `${cases2024.length} of ${cases.length}`);
  await page.goBack();
  await page.waitForFunction(() => !new URLSearchParams(location.search).get('ar'));
  await settle();
  check(name('Back restores the previous filters and results'), (await page.inputValue('#sok-ar')) === '' && (await results()).length === cases.length);
  const themed = await query('/sok/?q=brukermedvirkning&tema=parorende');
  check(name('theme filter narrows'), themed.hits.length > 0 && themed.hits.length < all.hits.length, `${themed.hits.length}`);
  const byOrg = await query('/sok/?q=brukermedvirkning&org=ffo');
  check(name('organisation filter narrows'), byOrg.hits.length < all.hits.length, `${byOrg.hits.length}`);

  // Keyboard: Tab from the field reaches the results; axe on the results state.
  await query('/sok/?q=fastlegen');
  await page.focus('#sok-q');
  let reached = false;
  for (let i = 0; i < 12 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => !!document.activeElement.closest('#sok-treff'));
  }
  check(name('results are reachable by Tab'), reached);
  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  check(name('axe: no violations with results shown'), axe.violations.length === 0, axe.violations.map((v) => v.id).join(', '));
  await query('/sok/?q=xqzvwy');
  await page.addScriptTag({ content: axeSource });
  const axeNone = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'] } }));
  check(name('axe: no violations with no hits'), axeNone.violations.length === 0, axeNone.violations.map((v) => v.id).join(', '));

  // The header field loads the client at the first key typed (not on
  // focus: Tab past it downloads nothing) and leads to the search page.
  await page.goto(base + '/temaer/');
  requests.length = 0;
  check(name('the client is not loaded before the header field is used'), !(await page.evaluate(() => !!window.medvirkSok)));
  await page.focus('#topp-sok');
  await page.waitForTimeout(300);
  check(name('focusing the header field downloads nothing'), !(await page.evaluate(() => !!window.medvirkSok)) &&
    !requests.some((u) => /^\/sok\./.test(u) || u.startsWith('/search_index')), requests.join(' '));
  await page.keyboard.type('f');
  await page.waitForFunction(() => !!window.medvirkSok);
  await page.waitForTimeout(300);
  check(name('the first key typed loads the client and the index'), requests.some((u) => /^\/sok\.[0-9a-f]+\.js$/.test(u)) && requests.some((u) => u.startsWith('/search_index.nb')), requests.join(' '));
  await page.keyboard.type('astlegen');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/sok\/\?q=fastlegen/);
  await settle();
  check(name('the header field leads to results'), (await results()).length > 0);

  // A cold one-word query: what a phone downloads (the page itself aside).
  const cold = await ctx.browser().newContext();
  const coldPage = await cold.newPage();
  let bytes = 0;
  coldPage.on('response', async (r) => {
    if (!r.url().endsWith('/sok/?q=fastlegen')) bytes += (await r.body().catch(() => Buffer.alloc(0))).length;
  });
  await coldPage.goto(base + '/sok/?q=fastlegen');
  await coldPage.waitForFunction(() => document.getElementById('sok-status').textContent !== '');
  await coldPage.waitForTimeout(200);
  console.log(`[${layout}] cold query "fastlegen": ${bytes} bytes uncompressed (CSS, script, index)`);
  await cold.close();

  await ctx.close();
  server.close();
}
await browser.close();
fs.rmSync(tmp, { recursive: true, force: true });

for (const f of failures) console.log(`FAIL ${f}`);
console.log(`search: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
