// The main menu names its sections for what they hold (issue 17, "Reading order").

export default async function (t) {
  const page = await t.page('/');
  const labels = await page.$$eval('header nav a', (as) => as.map((a) => a.textContent.trim()));
  for (const name of ['Møter', 'Saker og oppfølging', 'Råd', 'Uttalelser', 'Temaer', 'Organisasjoner']) {
    t.check(`the menu has "${name}"`, labels.includes(name), labels.join(', '));
  }
  const cases = await page.$eval('header nav a[href$="/oppfolging/"]', (a) => a.textContent.trim()).catch(() => null);
  t.check('the menu entry for every case and its outcome is "Saker og oppfølging"', cases === 'Saker og oppfølging', String(cases));
  t.check('"Råd" comes right after "Saker og oppfølging"', labels.indexOf('Råd') === labels.indexOf('Saker og oppfølging') + 1, labels.join(', '));
  const advice = await page.$eval('header nav a[href$="/rad/"]', (a) => a.textContent.trim()).catch(() => null);
  t.check('the menu entry for the list of every input item is "Råd"', advice === 'Råd', String(advice));
  const wide = await (await t.page('/', { width: 320, height: 640 })).evaluate(() => document.documentElement.scrollWidth);
  t.check('the menu does not scroll sideways at 320 px', wide <= 320, `${wide} px`);
  t.check('no menu entry is the bare word "Innspill" for a list of position papers', !labels.includes('Innspill'), labels.join(', '));
}
