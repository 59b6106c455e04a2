// Screen-reader users get a quiet page frame (issue 17, "Statement, people, small things"): the
// breadcrumb's separators are drawn but not read, and the meeting page has a handful of
// landmarks, not one per part of the minutes. Read from Chromium's accessibility tree.

import { casePages, pagesUnder, plain } from '../demo-pages.mjs';

const landmarkRoles = new Set(['banner', 'complementary', 'contentinfo', 'form', 'main', 'navigation', 'region', 'search']);

/** Chromium's full accessibility tree of a page, as the DevTools protocol gives it. */
async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  await cdp.detach();
  return nodes;
}

/** The text of every node under the first node with `role` and `name`, as a screen reader reads it. */
function spoken(nodes, role, name) {
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const root = nodes.find((n) => n.role?.value === role && n.name?.value === name && !n.ignored);
  if (!root) return null;
  const out = [];
  const walk = (n) => {
    if (!n.ignored && ['StaticText', 'text'].includes(n.role?.value) && n.name?.value) out.push(n.name.value);
    for (const id of n.childIds ?? []) if (byId.has(id)) walk(byId.get(id));
  };
  walk(root);
  return out.join(' ');
}

export default async function (t) {
  // Every meeting page, and a case's (the longest trail), an organisation's and a person's.
  const meetings = pagesUnder(t.site, 'moter');
  const pages = [...meetings, casePages(t.site)[0], pagesUnder(t.site, 'organisasjoner')[0], pagesUnder(t.site, 'personer')[0]];
  for (const url of pages) {
    const page = await t.page(url);
    const drawn = await page.evaluate(() => {
      const li = document.querySelectorAll('nav[aria-label="Brødsmulesti"] li')[1];
      return li ? getComputedStyle(li, '::before').content : null;
    });
    const heard = spoken(await axTree(page), 'navigation', 'Brødsmulesti');
    t.check(`${url}: the breadcrumb draws a separator between its links`, !!drawn && /›/.test(drawn), String(drawn));
    t.check(`${url}: a screen reader reads the breadcrumb's links without the separator`,
      heard !== null && heard.length > 0 && !/[›>»|]|(^|\s)\/(\s|$)/.test(heard), `read as "${heard}"`);
    await page.context().close();
  }

  // A meeting page's frame is banner, search, main menu, breadcrumb, main, contents and footer
  // (seven), and the participants table sits in a named region so that it can be scrolled from
  // the keyboard on a phone: eight. Agenda, minutes, cases and decisions are parts of main,
  // found by heading, not landmarks of their own (the issue counted 15).
  const bound = 8;
  for (const url of meetings) {
    const page = await t.page(url);
    const nodes = await axTree(page);
    const landmarks = nodes.filter((n) => !n.ignored && landmarkRoles.has(n.role?.value))
      .map((n) => `${n.role.value}${n.name?.value ? ` "${plain(n.name.value)}"` : ''}`);
    t.check(`${url}: the meeting page has at most ${bound} landmarks`, landmarks.length > 0 && landmarks.length <= bound,
      `${landmarks.length}: ${landmarks.join(', ')}`);
    t.check(`${url}: the meeting page has one main landmark`, landmarks.filter((l) => l === 'main').length === 1, landmarks.join(', '));
    await page.context().close();
  }
}
