// Opens every chart page and the timeline of a built site from file://, lets plotly.js draw,
// and reports console errors and what plotly drew; screenshots in the given scheme.
const { chromium } = require('playwright-core');
const fs = require('fs');
const [site, scheme, width, out] = [process.argv[2], process.argv[3] || 'dark', Number(process.argv[4] || 1280), process.argv[5] || '/tmp/shots'];
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const dir = `${site}/russia-china-partnership`;
  const pages = fs.readdirSync(`${dir}/figures`).filter(f => f !== 'index.html').map(f => `figures/${f}`).concat(['timeline.html']);
  let failures = 0;
  for (const p of pages) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    const errors = [];
    page.on('console', m => { if (m.type() === 'error' || m.type() === 'warning') errors.push(m.type() + ': ' + m.text()); });
    page.on('pageerror', e => errors.push('pageerror: ' + e));
    await page.goto(`file://${dir}/${p}`);
    await page.mouse.move(200, 200);
    await page.mouse.wheel(0, 1);
    let drawn = true;
    try { await page.waitForSelector('.is-drawn .main-svg', { timeout: 30000 }); } catch (e) { drawn = false; }
    const info = await page.evaluate(() => {
      const d = document.querySelector('[data-drawn]');
      if (!d || !d.data) return null;
      return { traces: d.data.map(t => t.type + (t.orientation === 'h' ? '(h)' : '') + (t.marker && t.marker.pattern ? '+pattern' : '')), slider: !!(d.layout.xaxis && d.layout.xaxis.rangeslider && d.layout.xaxis.rangeslider.visible), xtype: d._fullLayout.xaxis.type, bars: d.querySelectorAll('.bars .point').length, points: d.querySelectorAll('.scatterlayer .point').length, patterns: d.querySelectorAll('pattern').length, sliderDrawn: !!d.querySelector('.rangeslider-container') };
    });
    const name = p.replace(/[\/.]/g, '_');
    await page.locator('.is-drawn').first().screenshot({ path: `${out}/drawn-${scheme}-${width}-${name}.png` }).catch(() => {});
    console.log(`${p}: drawn=${drawn} ${JSON.stringify(info)} errors=${JSON.stringify(errors)}`);
    if (!drawn || errors.length) failures++;
    await ctx.close();
  }
  await browser.close();
  console.log(`${pages.length} pages, ${failures} failures`);
})().catch(e => { console.error(e); process.exit(1); });
