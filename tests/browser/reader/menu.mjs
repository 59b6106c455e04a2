// The main menu names its sections for what they hold (issue 17, "Reading order").

export default async function (t) {
  const page = await t.page('/');
  const labels = await page.$$eval('header nav a', (as) => as.map((a) => a.textContent.trim()));
  for (const name of ['Møter', 'Uttalelser', 'Temaer', 'Organisasjoner']) {
    t.check(`the menu has "${name}"`, labels.includes(name), labels.join(', '));
  }
  t.check('no menu entry is the bare word "Innspill" for a list of position papers', !labels.includes('Innspill'), labels.join(', '));
}
