// A reader links to and cites one piece of advice (issue 17, "Finding one's own input"): every
// item has a visible copy-link control that puts its address on the clipboard and says so, a
// plain link to it without JavaScript, and a "Sitér" text naming the case, the item, the meeting,
// the date and the address; a deep link on a phone lands with the case and the question above
// the item, and a sub-item shows its parent.

import { casePages, phone, plain } from '../demo-pages.mjs';

/** The items of a case page in the browser, each with what a reader needs to check it. */
function readItems() {
  const clean = (s) => (s ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
  return [...document.querySelectorAll('main li[id].innspill')].map((li) => {
    const parentLi = li.parentElement.closest('li[id].innspill');
    // The question an item answers: the last h3 before its list, in its section.
    let question = null;
    let outer = li;
    while (outer.parentElement.closest('li[id].innspill')) outer = outer.parentElement.closest('li[id].innspill');
    for (let el = outer.parentElement.previousElementSibling; el; el = el.previousElementSibling) {
      if (el.tagName === 'H3') { question = clean(el.textContent); break; }
      if (el.tagName === 'H2') break;
    }
    // Its own text: the first paragraph shown (the deep-link context is hidden until targeted).
    const ownText = (item) => clean([...item.children].find((c) => c.tagName === 'P' && c.checkVisibility())?.textContent);
    return { id: li.id, parent: parentLi ? { id: parentLi.id, text: ownText(parentLi) } : null, question, text: ownText(li) };
  });
}

export default async function (t) {
  const cases = casePages(t.site);
  const context = await t.browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: t.base });
  const noScript = await t.browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
  const deep = await t.browser.newContext({ viewport: phone });

  for (const url of cases) {
    const name = url.split('/')[3];

    // With JavaScript: a button per item that copies the item's own address and says so.
    const page = await context.newPage();
    await page.goto(t.base + url);
    const items = await page.evaluate(readItems);
    const controls = await page.evaluate(() => [...document.querySelectorAll('main li[id].innspill')].map((li) => {
      const own = [...li.querySelectorAll('button')].filter((b) => b.closest('li[id].innspill') === li);
      const b = own.find((x) => /kopier/i.test(x.textContent));
      const r = b?.getBoundingClientRect();
      return { id: li.id, visible: !!b && b.checkVisibility() && r.width >= 24 && r.height >= 24 };
    }));
    const without = controls.filter((c) => !c.visible).map((c) => c.id);
    t.check(`${name}: every input item has a visible copy-link button (at least 24 × 24 px)`,
      controls.length > 0 && without.length === 0, `${without.length} of ${controls.length} without: ${without.slice(0, 5).join(', ')}`);

    // Copy two items (the first, and the first sub-item where there is one) and read the clipboard.
    const tried = [items[0], items.find((i) => i.parent)].filter(Boolean);
    for (const item of tried) {
      const button = page.locator(`[id="${item.id}"] > * button, [id="${item.id}"] > button`).filter({ hasText: /kopier/i }).first();
      const before = await page.evaluate(() => [...document.querySelectorAll('[role=status], [aria-live]')].map((e) => e.textContent).join('|'));
      await button.click();
      const expected = new URL(`#${item.id}`, page.url()).href;
      let copied = '';
      for (let i = 0; i < 20 && copied !== expected; i++) {
        copied = await page.evaluate(() => navigator.clipboard.readText());
        if (copied !== expected) await page.waitForTimeout(50);
      }
      t.check(`${name}: the copy button of item ${item.id} puts the item's address on the clipboard`, copied === expected,
        `copied "${copied}", expected "${expected}"`);
      const told = await page.evaluate(({ before, expected }) => {
        const live = [...document.querySelectorAll('[role=status], [aria-live]')].filter((e) => e.getAttribute('aria-live') !== 'off');
        const now = live.map((e) => e.textContent).join('|');
        return { changed: now !== before && /kopiert/i.test(now) && now.includes(expected), now };
      }, { before, expected });
      t.check(`${name}: after copying item ${item.id}, screen readers are told the link was copied`, told.changed, told.now);
    }

    // "Sitér": case number and title, item number, meeting, date and the address of the item.
    const facts = await page.evaluate(() => ({
      number: document.querySelector('main .saksnr')?.textContent.trim(),
      title: document.querySelector('main h1')?.textContent.trim(),
      meeting: document.querySelector('main dl dd a')?.textContent.trim(),
      date: document.querySelector('main dl dd time')?.textContent.trim(),
    }));
    const citations = await page.evaluate(() => [...document.querySelectorAll('main li[id].innspill')].map((li) => {
      const d = [...li.querySelectorAll('details')].find((x) => x.closest('li[id].innspill') === li && /Sitér/.test(x.querySelector('summary')?.textContent));
      if (!d) return { id: li.id, label: null, text: null, visible: false };
      const summary = d.querySelector('summary');
      const closedVisible = summary.checkVisibility();
      d.open = true;
      const text = [...d.children].filter((c) => c !== summary).map((c) => c.innerText).join(' ');
      const openVisible = [...d.children].some((c) => c !== summary && c.checkVisibility());
      d.open = false;
      const label = li.querySelector(':scope > .innspill-nr')?.textContent.replace(/^\s*Innspill\s*/, '').trim();
      return { id: li.id, label, text, visible: closedVisible && openVisible };
    }));
    const wrong = [];
    for (const c of citations) {
      const text = plain(c.text);
      const lacks = [];
      if (!c.visible) lacks.push('a visible "Sitér" control');
      if (!text.includes(plain(facts.number))) lacks.push(`the case number "${facts.number}"`);
      if (!text.includes(plain(facts.title))) lacks.push('the case title');
      if (!c.label || !text.toLowerCase().includes(`innspill ${c.label.toLowerCase()}`)) lacks.push(`"innspill ${c.label}"`);
      if (!text.toLowerCase().includes(plain(facts.meeting).toLowerCase())) lacks.push(`the meeting "${facts.meeting}"`);
      if (!text.includes(plain(facts.date))) lacks.push(`the date "${facts.date}"`);
      if (!new RegExp(`https?://\\S*${url.replace(/[/.]/g, '\\$&')}#${c.id}(?![\\w-])`).test(text)) lacks.push(`the address ${url}#${c.id}`);
      if (lacks.length) wrong.push(`${c.id} lacks ${lacks.join(', ')}`);
    }
    t.check(`${name}: every item's "Sitér" text names the case, the item number, the meeting, the date and the item's address`,
      citations.length > 0 && wrong.length === 0, `${wrong.length} of ${citations.length}: ${wrong.slice(0, 3).join('; ')}`);
    await page.close();

    // Without JavaScript: a plain, visible link to the item's own anchor.
    const plainPage = await noScript.newPage();
    await plainPage.goto(t.base + url);
    const links = await plainPage.evaluate(() => [...document.querySelectorAll('main li[id].innspill')].map((li) => {
      const own = [...li.querySelectorAll('a[href]')].filter((a) => a.closest('li[id].innspill') === li);
      const a = own.find((x) => x.getAttribute('href') === `#${li.id}` || new URL(x.href).hash === `#${li.id}` && new URL(x.href).pathname === location.pathname);
      return { id: li.id, visible: !!a && a.checkVisibility() && a.getBoundingClientRect().height >= 24 };
    }));
    const unlinked = links.filter((l) => !l.visible).map((l) => l.id);
    t.check(`${name}: without JavaScript, every item has a visible link to its own anchor`,
      links.length > 0 && unlinked.length === 0, `${unlinked.length} of ${links.length} without: ${unlinked.slice(0, 5).join(', ')}`);
    await plainPage.close();

    // A deep link on a phone: the first item, the first sub-item, the first item under a question.
    const landings = [items[0], items.find((i) => i.parent), items.find((i) => i.question && !i.parent)]
      .filter((x, i, all) => x && all.findIndex((y) => y?.id === x.id) === i);
    for (const item of landings) {
      const p = await deep.newPage();
      await p.goto(`${t.base}${url}#${item.id}`);
      await p.waitForFunction(() => document.readyState === 'complete');
      const seen = await p.evaluate(({ id, wanted }) => {
        const clean = (s) => s.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
        const li = document.getElementById(id);
        const number = li.querySelector(':scope > .innspill-nr') ?? li;
        const itemTop = number.getBoundingClientRect().top;
        // Text a reader sees on screen above the item's own text.
        const shown = [];
        const walk = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          if (!n.parentElement.checkVisibility() || !n.textContent.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(n);
          const r = range.getBoundingClientRect();
          if (r.height > 0 && r.top >= -1 && r.bottom <= itemTop + 1) shown.push(clean(n.textContent));
        }
        const screenText = shown.join(' ');
        const r = li.getBoundingClientRect();
        // Highlighted: drawn apart from the items around it (outline or background).
        const cs = getComputedStyle(li);
        return {
          target: li.matches(':target') && (cs.outlineStyle !== 'none' || cs.backgroundColor !== 'rgba(0, 0, 0, 0)'),
          onScreen: r.top >= -1 && itemTop < window.innerHeight,
          found: Object.fromEntries(Object.entries(wanted).map(([k, v]) => [k, v === null || screenText.includes(v)])),
          screenText: screenText.slice(0, 300),
        };
      }, {
        id: item.id,
        wanted: {
          'the case title': plain(facts.title),
          // A long question or parent wraps; its first 60 characters are on screen.
          'the question': item.question ? item.question.slice(0, 60) : null,
          "the parent item's text": item.parent ? item.parent.text.slice(0, 60) : null,
        },
      });
      t.check(`${name} at 320 px: a link to #${item.id} lands on the highlighted item`, seen.target && seen.onScreen);
      for (const [what, ok] of Object.entries(seen.found)) {
        const applies = (what === 'the question' && item.question) || (what === "the parent item's text" && item.parent) || what === 'the case title';
        if (applies) t.check(`${name} at 320 px: a link to #${item.id} shows ${what} above the item`, ok, `on screen above it: "${seen.screenText}"`);
      }
      await p.close();
    }
  }
  await context.close();
  await noScript.close();
  await deep.close();
}
