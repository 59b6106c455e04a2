// A member organisation finds its own input, or a clear reason why there is none (issue 17,
// "Finding one's own input"): on every organisation page, the outcomes of the input attributed
// to it, or the sentence that the minutes tie no input to it with the meetings its
// representatives attended and links to the cases the council gave input on there. No
// attendance rates or league tables.

import { pagesUnder, rate } from '../demo-pages.mjs';

/** The cases of a meeting that have input, as the meeting page lists them ("N innspill"). */
async function casesWithInput(page, t, meetingPath, cache) {
  if (!cache.has(meetingPath)) {
    await page.goto(t.base + meetingPath);
    cache.set(meetingPath, await page.evaluate(() => [...document.querySelectorAll('main a[href]')]
      .filter((a) => /\b\d+ innspill\b/.test(a.closest('li')?.textContent ?? ''))
      .map((a) => new URL(a.href).pathname)
      .filter((p, i, all) => p.split('/').length === 5 && all.indexOf(p) === i)
      .sort()));
  }
  return cache.get(meetingPath);
}

export default async function (t) {
  const organisations = pagesUnder(t.site, 'organisasjoner');
  t.check('the demo has organisation pages', organisations.length > 0, t.site);
  // One tab for the whole walk: a page per context made the run three times as long.
  const meetingsPage = await t.page('/');
  const page = await t.page('/');
  const cache = new Map();
  const kinds = { attributed: 0, none: 0, papers: 0, outside: 0 };

  for (const url of organisations) {
    await page.goto(t.base + url);
    const name = url.split('/')[2];
    const org = await page.evaluate(() => {
      const clean = (s) => (s ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
      const section = (title) => [...document.querySelectorAll('main h2')].find((h) => title.test(clean(h.textContent)))?.closest('section');
      const attendance = section(/^Oppmøte$/);
      const input = section(/^Innspill( tilskrevet|$)/);
      const outcomes = section(/^Hva kom ut av innspillene$/);
      const papers = section(/^Innspill og uttalelser fra/);
      return {
        title: clean(document.querySelector('main h1')?.textContent),
        seat: !!section(/^Sete/),
        attended: attendance ? [...attendance.querySelectorAll('tbody tr')]
          .filter((tr) => /^til stede$/i.test(clean(tr.querySelector('td')?.textContent)))
          .map((tr) => new URL(tr.querySelector('th a').href).pathname) : null,
        input: input ? {
          heading: clean(input.querySelector('h2').textContent),
          text: clean(input.querySelector('p')?.textContent),
          // The meetings listed, each with the case pages linked under it.
          meetings: [...input.querySelectorAll(':scope > ul > li')].map((li) => ({
            path: new URL(li.querySelector('a').href).pathname,
            cases: [...li.querySelectorAll(':scope ul a')].map((a) => new URL(a.href).pathname).sort(),
          })),
          items: input.querySelectorAll('a[href*="#"]').length,
        } : null,
        outcomes: outcomes ? [...outcomes.querySelectorAll('li')].map((li) => clean(li.textContent)) : null,
        papers: papers ? papers.querySelectorAll('a[href]').length : 0,
        text: clean(document.querySelector('main').innerText),
      };
    });
    const member = org.seat || org.attended !== null;

    if (org.input && org.input.heading.startsWith('Innspill tilskrevet')) {
      kinds.attributed++;
      t.check(`${name}: the input attributed to it is listed, each item linked`, org.input.items > 0);
      t.check(`${name}: the page says what came of its input, case by case`,
        org.outcomes !== null && org.outcomes.length > 0
          && org.outcomes.every((o) => /ingen oppfølging registrert|\d{4}/.test(o)),
        JSON.stringify(org.outcomes));
    } else if (member) {
      kinds.none++;
      const says = new RegExp(`Referatene knytter (ikke innspill til enkeltorganisasjoner|ingen innspill til ${org.title.split(' (')[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`);
      t.check(`${name}: the page says the minutes tie no input to the organisation`, !!org.input && says.test(org.input.text),
        org.input ? org.input.text : 'no input section');
      const listed = (org.input?.meetings ?? []).map((m) => m.path).sort();
      t.check(`${name}: the meetings its representatives attended are listed there, and only those`,
        JSON.stringify(listed) === JSON.stringify([...new Set(org.attended ?? [])].sort()),
        `listed ${listed.join(', ') || 'none'}; attended ${(org.attended ?? []).join(', ') || 'none'}`);
      for (const m of org.input?.meetings ?? []) {
        const expected = await casesWithInput(meetingsPage, t, m.path, cache);
        t.check(`${name}: under ${m.path} it links every case the council gave input on there`,
          expected.length > 0 && JSON.stringify(m.cases) === JSON.stringify(expected),
          `links ${m.cases.join(', ')}; the meeting page has ${expected.join(', ')}`);
      }
    } else if (org.papers > 0) {
      kinds.papers++;
      t.check(`${name}: its position papers are listed and linked`, org.papers > 0);
    } else {
      kinds.outside++;
      // The agency's units, a paper's recipient, an umbrella seated through its members.
      t.check(`${name}: outside the council (no seat, no attendance), and the page claims no input for it`,
        !org.input, org.input?.text ?? '');
    }
    t.check(`${name}: no attendance rate, share or percentage`, !rate.test(org.text), org.text.match(rate)?.[0]);
  }
  t.check('the council\'s members are among the organisation pages, each with its input or the reason why not',
    kinds.attributed + kinds.none > 0, JSON.stringify(kinds));
}
