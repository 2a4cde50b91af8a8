const { chromium } = require('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.goto('file://' + require('path').resolve(process.argv[2]));
  const r = await page.evaluate(() => {
    const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?\'"()[]{}<>&%$€£@#*+-=/\\|_~^×−⁰¹²³⁴⁵⁶⁷⁸⁹⁻абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ中日“”’–—…éèàüöäßçñ';
    const ns = 'http://www.w3.org/2000/svg';
    const t = document.createElementNS(ns, 'text');
    document.documentElement.appendChild(t);
    const out = {};
    for (const bold of [false, true]) {
      t.setAttribute('font-size', '100');
      t.setAttribute('font-weight', bold ? '700' : '400');
      for (const c of chars) { t.textContent = c + c + c + c + c + c + c + c + c + c; out[(bold ? 'b' : 'r') + c] = t.getComputedTextLength() / 1000; }
    }
    return out;
  });
  const groups = {};
  for (const [k, v] of Object.entries(r)) { const key = k[0]; (groups[key] = groups[key] || []).push(k.slice(1) + '=' + v.toFixed(2)); }
  console.log('regular: ' + groups.r.join(' '));
  console.log('bold: ' + groups.b.join(' '));
  await browser.close();
})();
