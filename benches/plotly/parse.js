// Parse+compile+evaluate time of each plotly bundle with the CPU slowed 4x (CDP), fresh
// browser context per run (no code cache), median of N runs.
const { chromium } = require('playwright-core');
const serve = require('./server');
const path = require('path');
const bundles = process.argv.slice(2);
const N = 7;
(async () => {
  const root = path.resolve(process.env.BUNDLES || '.');
  const server = await serve(root, 8931);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  for (const b of bundles) {
    const times = [], heaps = [];
    for (let i = 0; i < N; i++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      // A blank page of the server's origin: the bundle is fetched from it.
      await page.goto('http://127.0.0.1:8931/');
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      const t = await page.evaluate(async (src) => {
        // Fetch first, so only compile + evaluate is timed.
        const text = await (await fetch(src)).text();
        const s = document.createElement('script');
        const t0 = performance.now();
        s.textContent = text;
        document.head.appendChild(s);
        const t1 = performance.now();
        if (!window.Plotly) throw new Error('no Plotly');
        return t1 - t0;
      }, '/' + b);
      const m = await cdp.send('Performance.enable').then(() => cdp.send('Performance.getMetrics'));
      heaps.push(m.metrics.find(x => x.name === 'JSHeapUsedSize').value / 1e6);
      times.push(t);
      await ctx.close();
    }
    times.sort((a, b) => a - b);
    heaps.sort((a, b) => a - b);
    console.log(`${b}: compile+evaluate at 4x CPU: median ${times[N >> 1].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[N - 1].toFixed(0)}), JS heap after: ${heaps[N >> 1].toFixed(1)} MB`);
  }
  await browser.close();
  server.close();
})().catch(e => { console.error(e); process.exit(1); });
