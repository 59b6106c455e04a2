// What a reader does on the demo site, in Debian's headless Chromium: one spec
// module per area in reader/*.mjs, each a list of named checks written as a
// reader would state them ("a deep link shows the case title at 320 px").
//
//   node reader.mjs [SITE_DIR]   (default: ../../target/demo-public)
//   node reader.mjs SITE_DIR --only layout   (the specs whose file name contains "layout")
//
// A spec module exports `default async function (t)`, where `t` holds:
//   t.base      the address of the site, served on loopback (no trailing slash)
//   t.site      the built site's directory, for reading files directly
//   t.browser   a launched Chromium (make your own contexts: viewport, JavaScript off, print)
//   t.check(what, ok, detail)   records one check; `detail` explains a failure
//   t.page(url, options)        a new page at 1280×900 (options.width/height/javaScript), loaded

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch, serve } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1] : null;
const positional = args.filter((a, i) => !a.startsWith('--') && (onlyAt < 0 || i !== onlyAt + 1));
const site = path.resolve(positional[0] ?? path.join(here, '../../target/demo-public'));
if (!fs.existsSync(path.join(site, 'index.html'))) throw new Error(`no built site at ${site}; build the demo first`);

const specs = fs.readdirSync(path.join(here, 'reader'))
  .filter((f) => f.endsWith('.mjs') && (!only || f.includes(only)))
  .sort();
if (specs.length === 0) throw new Error(`no spec in reader/${only ? ` matching "${only}"` : ''}`);

const { base, server } = await serve(site);
const browser = await launch();
const failures = [];
let passed = 0;

for (const file of specs) {
  const spec = path.basename(file, '.mjs');
  const contexts = [];
  const t = {
    base, site, browser,
    check(what, ok, detail = '') {
      if (ok) { passed++; console.log(`ok - ${spec}: ${what}`); }
      else { failures.push(`${spec}: ${what}${detail ? ': ' + detail : ''}`); console.log(`not ok - ${spec}: ${what}`); }
    },
    async page(url, { width = 1280, height = 900, javaScript = true } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled: javaScript });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(url.startsWith('http') ? url : base + url);
      return page;
    },
  };
  try {
    const module = await import(pathToFileURL(path.join(here, 'reader', file)).href);
    await module.default(t);
  } catch (e) {
    failures.push(`${spec}: the spec stopped: ${e.stack ?? e}`);
  }
  for (const c of contexts) await c.close();
}

await browser.close();
server.close();
console.log(`\n${passed} passed, ${failures.length} failed (${specs.length} spec files)`);
for (const f of failures) console.log(`FAIL ${f}`);
process.exit(failures.length === 0 ? 0 : 1);
