// A person's page states attendance as facts, meeting by meeting (issue 17, "Statement,
// people, small things"): attended, regrets or not listed, as the meeting's own list of
// participants has it, also for a member who never came; no rates or league tables.

import { pagesUnder, rate } from '../demo-pages.mjs';

/** What a meeting page's list of participants says of each person linked in it: "til stede", "avbud", … */
async function participants(page, t, meetingPath, cache) {
  if (!cache.has(meetingPath)) {
    await page.goto(t.base + meetingPath);
    cache.set(meetingPath, await page.evaluate(() => {
      const clean = (s) => (s ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
      const section = document.getElementById('deltakere')?.closest('section');
      const said = {};
      for (const a of section?.querySelectorAll('a[href^="/personer/"]') ?? []) {
        const row = a.closest('tr');
        // In the table the status has a column; in a list (observers, leadership) being named is being there.
        const status = row ? clean(row.querySelector('td')?.textContent) : 'til stede';
        (said[new URL(a.href).pathname] ??= []).push(status);
      }
      return said;
    }));
  }
  return cache.get(meetingPath);
}

export default async function (t) {
  const people = pagesUnder(t.site, 'personer');
  t.check('the demo has person pages', people.length > 0, t.site);
  // One tab for the whole walk: a page per context made the run three times as long.
  const meetingPage = await t.page('/');
  const page = await t.page('/');
  const cache = new Map();
  // Every meeting's list first, to find the meetings that name a person whose page leaves them out.
  for (const meeting of pagesUnder(t.site, 'moter')) await participants(meetingPage, t, meeting, cache);
  t.check('the meetings list their participants, with links to their pages',
    [...cache.values()].some((said) => Object.keys(said).length > 0), [...cache.keys()].join(', '));
  let neverCame = 0;
  let withMeetings = 0;

  for (const url of people) {
    await page.goto(t.base + url);
    const name = url.split('/')[2];
    const person = await page.evaluate(() => {
      const clean = (s) => (s ?? '').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
      const h = [...document.querySelectorAll('main h2')].find((x) => clean(x.textContent) === 'Møter');
      const rows = h ? [...h.closest('section').querySelectorAll('li')].map((li) => {
        const a = li.querySelector('a[href^="/moter/"]');
        const text = clean(li.textContent);
        return { meeting: a ? new URL(a.href).pathname : null, fact: clean(text.slice(text.indexOf(':') + 1)).toLowerCase() };
      }) : [];
      return { rows, text: clean(document.querySelector('main').innerText) };
    });
    if (person.rows.length > 0) withMeetings++;
    const wrong = [];
    for (const row of person.rows) {
      if (!row.meeting) { wrong.push(`a row without a meeting link: "${row.fact}"`); continue; }
      const said = (await participants(meetingPage, t, row.meeting, cache))[url] ?? [];
      if (row.fact === 'ikke oppført i deltakerlisten') {
        if (said.length > 0) wrong.push(`${row.meeting}: "not listed", but the meeting lists them as ${said.join(', ')}`);
      } else if (!said.some((s) => row.fact.startsWith(`${s} for `))) {
        wrong.push(`${row.meeting}: "${row.fact}", the meeting says ${said.join(', ') || 'nothing'}`);
      }
    }
    // Every meeting that names the person is on the person's page.
    for (const [meeting, said] of cache) {
      if (said[url] && !person.rows.some((r) => r.meeting === meeting)) wrong.push(`${meeting} lists them, their page does not`);
    }
    t.check(`${name}: attendance is stated meeting by meeting, as each meeting's list has it`, wrong.length === 0, wrong.join('; '));
    if (person.rows.length > 0 && person.rows.every((r) => r.fact === 'ikke oppført i deltakerlisten')) neverCame++;
    t.check(`${name}: no attendance rate, share or percentage`, !rate.test(person.text), person.text.match(rate)?.[0]);
  }
  t.check('people with attendance have it on their page', withMeetings > 0, `${withMeetings} of ${people.length}`);
  // The demo has two (Jon Kirkenes, Rabia Musavi): their pages say "ikke oppført" for each meeting.
  t.check('a member who never came has a page stating, meeting by meeting, that they were not listed', neverCame > 0, `${neverCame} found`);
}
