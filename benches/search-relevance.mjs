// Relevance of the search on a built site, over the judged queries in
// tests/search/judged.json: precision at 5 and recall, per query and on
// average, for medvirk's client (theme/static/sok.js on the site's index)
// and, with --pagefind, for Pagefind run over the same built pages.
//
//   node benches/search-relevance.mjs --site SITE_DIR
//        [--pagefind DIR]   DIR holds node_modules/.bin/pagefind (npm i pagefind)
//        [--check FILE]     exit 1 if medvirk's averages drop below FILE's
//        [--write FILE]     write medvirk's averages to FILE
//        [--verbose]        the figures of each query
//        [--client FILE]    another search client (an older sok.js) for medvirk
//
// Two levels. "hit": medvirk's hits as they are (an input item at its
// anchor is its own hit), against the judged documents. "page": every
// result list cut to pages (anchors dropped, first occurrence kept), against
// the pages of the judged documents: the level Pagefind answers at (it
// returns pages, with headings as sub-results; input items are list items,
// not headings). Precision at 5 divides by 5 however few results there are;
// recall counts every result, not only the first page.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : null;
};
const site = path.resolve(arg('site') ?? 'public');
const verbose = process.argv.includes('--verbose');
const judged = JSON.parse(fs.readFileSync(path.join(here, '../tests/search/judged.json'), 'utf8')).queries;
const engine = createRequire(import.meta.url)(path.resolve(arg('client') ?? path.join(here, '../theme/static/sok.js')));

const page = (url) => url.replace(/#.*$/, '');
const pagesOf = (urls) => [...new Set(urls.map(page))];

/** P@5 and recall of a ranked list against a set of relevant URLs. */
function score(ranked, relevant) {
  const rel = new Set(relevant);
  const top = ranked.slice(0, 5).filter((u) => rel.has(u)).length;
  const found = new Set(ranked.filter((u) => rel.has(u))).size;
  return { p5: top / 5, recall: rel.size ? found / rel.size : 1 };
}

function mean(list, key) {
  return list.reduce((s, x) => s + x[key], 0) / list.length;
}

/** Every hit's URL, best first, for each judged query. */
async function medvirk() {
  const read = (url) => Promise.resolve(JSON.parse(fs.readFileSync(path.join(site, url), 'utf8')));
  const single = fs.existsSync(path.join(site, 'search_index.nb.json'));
  const index = await engine.load(single ? '/search_index.nb.json' : '/search_index.nb/manifest.json', read);
  const out = [];
  for (const { query } of judged) {
    const { hits } = await engine.search(index, query, {});
    out.push((await index.results(hits)).map((r) => r.url));
  }
  return out;
}

/** The same with Pagefind, indexing a copy of the site. */
async function pagefind(dir) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'medvirk-pagefind-'));
  const copy = path.join(tmp, 'site');
  fs.cpSync(site, copy, { recursive: true });
  execFileSync(path.join(path.resolve(dir), 'node_modules/.bin/pagefind'), ['--site', copy], { stdio: 'ignore' });
  const server = http.createServer((req, res) => {
    const file = path.join(copy, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    fs.readFile(file, (err, body) => {
      if (err) { res.writeHead(404); return res.end(); }
      res.writeHead(200, { 'content-type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream' });
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  // pagefind.js is an ES module whose file name says script: import a copy.
  const module = path.join(tmp, 'pagefind.mjs');
  fs.copyFileSync(path.join(copy, 'pagefind/pagefind.js'), module);
  const pf = await import(pathToFileURL(module).href);
  await pf.options({ basePath: `${base}/pagefind/`, baseUrl: '/' });
  await pf.init();
  const out = [];
  for (const { query } of judged) {
    const result = await pf.search(query);
    const data = await Promise.all(result.results.map((r) => r.data()));
    out.push(data.map((d) => d.url.replace(base, '')));
  }
  server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
  const version = JSON.parse(fs.readFileSync(path.join(path.resolve(dir), 'node_modules/pagefind/package.json'), 'utf8')).version;
  return { lists: out, version };
}

function evaluate(lists, level) {
  return judged.map(({ query, relevant }, i) => {
    const ranked = level === 'page' ? pagesOf(lists[i]) : lists[i];
    const rel = level === 'page' ? pagesOf(relevant) : relevant;
    return { query, results: ranked.length, ...score(ranked, rel) };
  });
}

const ours = await medvirk();
const rows = [
  ['medvirk', 'hit', evaluate(ours, 'hit')],
  ['medvirk', 'page', evaluate(ours, 'page')],
];
const pfDir = arg('pagefind');
let pfVersion = null;
if (pfDir) {
  const pf = await pagefind(pfDir);
  pfVersion = pf.version;
  rows.push([`Pagefind ${pf.version}`, 'page', evaluate(pf.lists, 'page')]);
}

const pct = (x) => `${(100 * x).toFixed(1)} %`;
console.log(`${judged.length} judged queries, ${judged.reduce((s, q) => s + q.relevant.length, 0)} judged documents; site ${site}`);
console.log('\n| engine | level | precision at 5 | recall | queries with no result |');
console.log('|---|---|---:|---:|---:|');
for (const [name, level, list] of rows) {
  console.log(`| ${name} | ${level} | ${pct(mean(list, 'p5'))} | ${pct(mean(list, 'recall'))} | ${list.filter((q) => q.results === 0).length} |`);
}
if (verbose) {
  for (const [name, level, list] of rows) {
    console.log(`\n${name} (${level}):`);
    for (const q of list) console.log(`  ${q.query.padEnd(30)} P@5 ${q.p5.toFixed(2)}  recall ${q.recall.toFixed(2)}  (${q.results} results)`);
  }
}

const figures = { p5: mean(rows[0][2], 'p5'), recall: mean(rows[0][2], 'recall') };
const write = arg('write');
if (write) {
  const round = (x) => Math.floor(x * 1000) / 1000;
  fs.writeFileSync(write, JSON.stringify({ p5: round(figures.p5), recall: round(figures.recall) }, null, 1) + '\n');
}
const check = arg('check');
if (check) {
  const floor = JSON.parse(fs.readFileSync(check, 'utf8'));
  const failed = ['p5', 'recall'].filter((k) => figures[k] < floor[k]);
  for (const k of failed) console.log(`FAIL medvirk's ${k} ${figures[k].toFixed(4)} is below the committed ${floor[k]}`);
  if (failed.length) process.exit(1);
  console.log(`medvirk meets the committed figures (P@5 ≥ ${floor.p5}, recall ≥ ${floor.recall})`);
}
