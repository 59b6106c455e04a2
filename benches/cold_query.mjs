// Bytes a browser downloads for a cold one-word search on a built site:
// the search script, then the index (single layout) or the manifest, the
// shards the word needs, the result data of the first page of hits and the
// excerpt texts they need (split layout). Counted raw and gzipped, as a server with compression sends them.
//
//   node benches/cold_query.mjs SITE_DIR [WORD…]

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const engine = createRequire(import.meta.url)(path.join(here, '../theme/static/sok.js'));
const site = path.resolve(process.argv[2] ?? 'public');
const words = process.argv.slice(3).length ? process.argv.slice(3) : ['pårørende', 'fastlegen', 'screening', 'helse', 'pasientreiser'];
const PAGE = 20;

const gz = (buf) => zlib.gzipSync(buf, { level: 6 }).length;
const script = fs.readdirSync(site).find((f) => /^sok\.[0-9a-f]+\.js$/.test(f));
const scriptBytes = fs.readFileSync(path.join(site, script));
const indexUrl = fs.existsSync(path.join(site, 'search_index.nb.json')) ? '/search_index.nb.json' : '/search_index.nb/manifest.json';

const rows = [];
for (const word of words) {
  const fetched = new Map([[`/${script}`, scriptBytes]]);
  const fetchJson = (url) => {
    const buf = fs.readFileSync(path.join(site, url));
    fetched.set(url, buf);
    return Promise.resolve(JSON.parse(buf));
  };
  const index = await engine.load(indexUrl, fetchJson);
  const result = await engine.search(index, word, {});
  // With the excerpt texts a result shown needs (split layout: fetched for
  // the hits whose stored excerpt does not show the word).
  await engine.withTexts(index, await index.results(result.hits.slice(0, PAGE)), result.words);
  let raw = 0;
  let zipped = 0;
  for (const buf of fetched.values()) { raw += buf.length; zipped += gz(buf); }
  rows.push({ word, hits: result.hits.length, files: fetched.size, raw, gzip: zipped });
}
const layout = indexUrl.endsWith('manifest.json') ? 'split' : 'single';
console.log(`cold one-word query on ${site} (${layout} layout, first ${PAGE} hits):`);
for (const r of rows) {
  console.log(`  ${r.word.padEnd(14)} ${String(r.hits).padStart(7)} hits  ${String(r.files).padStart(3)} files  ${(r.raw / 1024).toFixed(1).padStart(8)} KB raw  ${(r.gzip / 1024).toFixed(1).padStart(7)} KB gzip`);
}
const worst = Math.max(...rows.map((r) => r.gzip));
console.log(`  worst: ${(worst / 1024).toFixed(1)} KB gzip`);
console.log(JSON.stringify({ layout, worstGzip: worst, rows }));
