// Time to the first interactive chart on the built chart page, served with gzip from loopback,
// at 400 kbit/s and 400 ms RTT (CDP network emulation), optionally with the CPU slowed 4x.
// The page waits for the reader's first move before loading plotly.js: the clock starts at a
// mouse move after the page's load event and stops when the chart has swapped in (.is-drawn).
const { chromium } = require('playwright-core');
const serve = require('./server');
const path = require('path');
const [site, pagePath, cpu, runs] = [process.argv[2], process.argv[3], Number(process.argv[4] || 1), Number(process.argv[5] || 3)];
(async () => {
  const server = await serve(path.resolve(site), 8932);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const results = [];
  for (let i = 0; i < runs; i++) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const errors = [];
    page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', e => errors.push(String(e)));
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 400000 / 8, uploadThroughput: 400000 / 8 });
    if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    let bytes = 0;
    cdp.on('Network.loadingFinished', e => { bytes += e.encodedDataLength; });
    await page.goto(`http://127.0.0.1:8932/${pagePath}`, { waitUntil: 'load', timeout: 300000 });
    const loaded = await page.evaluate(() => performance.now());
    await page.mouse.move(300, 300);
    const t0 = await page.evaluate(() => performance.now());
    await page.waitForSelector('.is-drawn', { timeout: 300000 });
    const t1 = await page.evaluate(() => performance.now());
    results.push({ load: loaded, afterMove: t1 - t0, fromStart: t1, bytes, errors: errors.length });
    await ctx.close();
  }
  const med = k => results.map(r => r[k]).sort((a, b) => a - b)[results.length >> 1];
  console.log(`${site} ${pagePath} cpu ${cpu}x: load event ${(med('load') / 1000).toFixed(1)} s; first move -> interactive chart ${(med('afterMove') / 1000).toFixed(1)} s (median of ${runs}); transferred ${(med('bytes') / 1e3).toFixed(0)} kB; console errors ${results.map(r => r.errors).join(',')}`);
  await browser.close();
  server.close();
})().catch(e => { console.error(e); process.exit(1); });
