// A case page answers a reader's first questions on a phone (issue 17, "What came of the
// advice" and "Reading order"): what the case is, how much advice it has and what came of it,
// in the first screen; the advice one action away; the outcome stated on every page, as the
// minutes have it; "Hva skjedde videre" with the case's own meeting; item numbers on paper.

import { casePages, caseSource, caseSourceCount, phone, plain } from '../demo-pages.mjs';

/** The agency's reply in the minutes: a section the README names ("Tilbakemelding…", "Kort oppsummering…", "Kort sammendrag…"). */
const replyHeading = /^##\s+((?:Tilbakemelding|Kort oppsummering|Kort sammendrag)[^\n{]*)/m;
const noReply = 'Helsedirektoratet har ikke gitt tilbakemelding i referatet';

export default async function (t) {
  const cases = casePages(t.site);
  t.check('every case in the minutes has a case page', cases.length > 0 && cases.length === caseSourceCount(),
    `${cases.length} case pages, ${caseSourceCount()} case files`);

  for (const url of cases) {
    const page = await t.page(url, phone);
    const name = url.split('/')[3];

    // The summary: what a reader wants to know before deciding to read on, above the case's text.
    const summary = await page.evaluate(() => {
      const firstSection = document.querySelector('main h2');
      const above = (el) => !!el && el.checkVisibility()
        && (!firstSection || (el.compareDocumentPosition(firstSection) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0);
      const dl = document.querySelector('main dl');
      const fact = (word) => {
        const dt = [...(dl?.querySelectorAll('dt') ?? [])].find((d) => d.textContent.replace(/\u00ad/g, '').trim() === word);
        const dd = dt?.nextElementSibling;
        return { shown: above(dt) && above(dd) && dd.textContent.trim() !== '', text: dd?.textContent ?? '' };
      };
      const jump = [...document.querySelectorAll('main a')].find((a) => a.textContent.replace(/\u00ad/g, '').trim() === 'Gå til innspillene');
      const kind = document.querySelector('main .overtittel');
      return {
        kind: { shown: above(kind), text: kind?.textContent ?? '' },
        submitted: fact('Fremmet av'),
        items: fact('Innspill'),
        outcome: fact('Tilbakemelding'),
        jump: above(jump),
        itemCount: document.querySelectorAll('main li[id].innspill').length,
      };
    });
    // The kind and the unit that submitted the case are shown when the minutes give them.
    const front = caseSource(url).split(/^\+\+\+$/m)[1] ?? '';
    const hasKind = /^kind\s*=/m.test(front);
    t.check(`${name}: the top of the page names the case's number${hasKind ? ' and kind' : ''}`,
      summary.kind.shown && (hasKind ? /\S+ · sak\s+\d+\/\d+/i : /sak\s+\d+\/\d+/i).test(plain(summary.kind.text)), summary.kind.text);
    if (/^submitted_by\s*=/m.test(front)) {
      t.check(`${name}: the summary at the top says who submitted the case`, summary.submitted.shown, summary.submitted.text);
    } else {
      t.check(`${name}: the minutes do not say who submitted the case, and the summary names no one`,
        summary.submitted.text === '', summary.submitted.text);
    }
    t.check(`${name}: the summary at the top gives the number of input items, and it is right`,
      summary.items.shown && plain(summary.items.text).startsWith(`${summary.itemCount} innspill`),
      `"${plain(summary.items.text)}", ${summary.itemCount} items on the page`);
    t.check(`${name}: the summary at the top says what came of the advice`, summary.outcome.shown, plain(summary.outcome.text));
    t.check(`${name}: "Gå til innspillene" is in the summary, above the case's text`, summary.jump);
    // One action from the first screen: the jump is on it without scrolling (the phone viewport).
    const jumpBottom = await page.evaluate(() => {
      const a = [...document.querySelectorAll('main a')].find((x) => x.textContent.replace(/\u00ad/g, '').trim() === 'Gå til innspillene');
      return a ? a.getBoundingClientRect().bottom : Infinity;
    });
    t.check(`${name}: "Gå til innspillene" is on the first screen at ${phone.width}×${phone.height}`, jumpBottom <= phone.height,
      `it ends ${Math.round(jumpBottom)} px down`);

    // One action to the advice: the jump lands on the section's heading, not on item 1.
    // Found by its text as a reader sees it (soft hyphens may split the word in the markup).
    const jump = await page.evaluateHandle(() => [...document.querySelectorAll('main a')]
      .find((a) => a.textContent.replace(/\u00ad/g, '').trim() === 'Gå til innspillene'));
    await jump.asElement().click();
    await page.waitForFunction(() => location.hash !== '');
    const landed = await page.evaluate(() => {
      const target = document.querySelector(':target');
      const r = target?.getBoundingClientRect();
      const section = target?.closest('section');
      return {
        tag: target?.tagName ?? 'nothing',
        text: target?.textContent.trim().slice(0, 60) ?? '',
        isItem: !!target?.closest('li.innspill'),
        highlighted: document.querySelectorAll('.innspill:target, .innspill :target').length,
        itemsBelow: section ? section.querySelectorAll('li.innspill').length : 0,
        // Sub-pixel: a heading scrolled to the top may sit a fraction of a pixel above it.
        inScreen: !!r && r.top > -1 && r.top < window.innerHeight / 2,
      };
    });
    t.check(`${name}: "Gå til innspillene" lands on the heading of the input section, at the top of the screen`,
      /^H[2-3]$/.test(landed.tag) && landed.itemsBelow > 0 && landed.inScreen,
      `landed on <${landed.tag}> "${landed.text}", ${landed.itemsBelow} items in its section, at the top: ${landed.inScreen}`);
    t.check(`${name}: the jump to the advice does not highlight item 1`, !landed.isItem && landed.highlighted === 0,
      `the target is an item: ${landed.isItem}`);

    // The outcome, as the minutes have it.
    const source = caseSource(url);
    const reply = source.match(replyHeading)?.[1].trim();
    const outcome = await page.evaluate((noReply) => {
      const dt = [...document.querySelectorAll('main dl dt')].find((d) => d.textContent.replace(/\u00ad/g, '').trim() === 'Tilbakemelding');
      const link = dt?.nextElementSibling?.querySelector('a[href^="#"]');
      const target = link ? document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1))) : null;
      const said = [...document.querySelectorAll('main p')].filter((p) => p.checkVisibility() && p.textContent.replace(/\u00ad/g, '').includes(noReply));
      return {
        summary: dt?.nextElementSibling?.textContent.trim() ?? '',
        target: target ? { tag: target.tagName, text: target.textContent.trim() } : null,
        saysNone: said.length > 0,
      };
    }, noReply);
    if (reply) {
      t.check(`${name}: the summary links to the agency's reply that the minutes hold ("${reply}")`,
        plain(outcome.target?.text) === plain(reply) && /^H\d$/.test(outcome.target?.tag ?? ''),
        `the summary says "${outcome.summary}" and links to ${JSON.stringify(outcome.target)}`);
      t.check(`${name}: a case with a reply does not say there is none`, !outcome.saysNone && !outcome.summary.includes(noReply));
    } else {
      t.check(`${name}: the minutes hold no reply, and the summary says "${noReply}"`, plain(outcome.summary) === noReply, outcome.summary);
      t.check(`${name}: the page says "${noReply}" in its text, not only in the summary`, outcome.saysNone && outcome.target !== null,
        `the summary links to ${JSON.stringify(outcome.target)}`);
    }

    // What happened next, starting with this meeting.
    const meetingPath = url.split('/').slice(0, 3).join('/') + '/';
    const next = await page.evaluate((meetingPath) => {
      const h = [...document.querySelectorAll('main h2')].find((x) => x.textContent.replace(/\u00ad/g, '').trim() === 'Hva skjedde videre');
      const section = h?.closest('section');
      const link = section && [...section.querySelectorAll('a')].find((a) => new URL(a.href).pathname === meetingPath);
      const date = document.querySelector('main dl time')?.getAttribute('datetime');
      const entry = link?.closest('li');
      return {
        heading: !!h && h.checkVisibility(),
        meeting: link ? link.closest('li')?.textContent.trim() : null,
        dated: !!entry && !!date && !!entry.querySelector(`time[datetime="${date}"]`),
      };
    }, meetingPath);
    t.check(`${name}: the page has "Hva skjedde videre"`, next.heading);
    t.check(`${name}: "Hva skjedde videre" names the case's own meeting, with a link and its date`,
      next.meeting !== null && next.dated, `${meetingPath}: ${next.meeting}`);

    // On paper: each item keeps its number (the link naming it is not printed).
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const items = [...document.querySelectorAll('main li[id].innspill')];
      const missing = [];
      const labels = new Set();
      for (const li of items) {
        const number = li.querySelector(':scope > .innspill-nr');
        const label = number?.textContent.replace(/\u00ad/g, '').replace(/^\s*Innspill\s*/, '').trim() ?? '';
        const box = number?.getBoundingClientRect();
        const shown = !!number && number.checkVisibility() && box.width > 0 && li.innerText.includes(label);
        if (!label || !shown || labels.has(label)) missing.push(li.id);
        labels.add(label);
      }
      // Controls that do nothing on paper: the copy button, "Sitér", any button.
      const controls = [...document.querySelectorAll('main button, main summary')].filter((e) => e.checkVisibility());
      return { count: items.length, missing, controls: controls.map((e) => e.textContent.trim()) };
    });
    t.check(`${name}: printed, every input item shows its own number`,
      printed.count > 0 && printed.missing.length === 0, `${printed.missing.length} of ${printed.count} without: ${printed.missing.slice(0, 5).join(', ')}`);
    t.check(`${name}: printed, no copy button or "Sitér" control is on paper`, printed.controls.length === 0,
      `${printed.controls.length} printed, such as "${printed.controls[0]}"`);
    await page.context().close();
  }
}
