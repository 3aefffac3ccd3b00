// scratch probe (not committed)
import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
const root = '/work/main', dist = root + '/dist';
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.txt': 'text/plain' };
const server = http.createServer((req, res) => {
  const url = decodeURIComponent(req.url.split('?')[0]);
  let file = path.join(dist, url === '/' ? 'index.html' : url);
  if (!fs.existsSync(file)) file = path.join(dist, 'index.html');
  res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
page.on('pageerror', (e) => console.log('page error:', e.message));
page.on('console', (m) => console.log('console:', m.text()));
await page.goto(base);
await page.evaluate(() => localStorage.clear());
await page.goto(base);
await page.waitForSelector('[data-testid=apply]');
const text = fs.readFileSync(root + '/tests/fixtures/bench-100k.yaml', 'utf8');
const core = await page.evaluate((t) => [window.wasmBindings.core_run_ms(t), window.wasmBindings.core_run_ms(t)], text);
console.log('core ms', core);
await page.locator('[data-testid=manifest-editor]').fill(text);
await page.waitForTimeout(1500);
const applyMs = await page.evaluate(() => { const t0 = performance.now(); document.querySelector('[data-testid=apply]').click(); return performance.now() - t0; });
console.log('apply ms', applyMs);
await page.waitForSelector('[data-testid=job]');
const t0 = Date.now();
await page.evaluate(() => { window.__tmp_frames = []; window.__frames = []; let last = performance.now(); const f = (n) => { window.__frames.push(n - last); last = n; requestAnimationFrame(f); }; requestAnimationFrame(f); });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
await page.click('[data-testid=run-to-end]');
await page.waitForFunction(() => /ran to end in/.test(document.querySelector('[data-testid=run-status]')?.textContent || ''), null, { timeout: 120000 });
const { profile } = await cdp.send('Profiler.stop');
{ const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map(); for (const id of profile.samples) counts.set(id, (counts.get(id) || 0) + 1);
  for (const [id, c] of counts) { const n = byId.get(id); const k = n.callFrame.functionName + ' ' + (n.callFrame.url||'').split('/').pop(); self.set(k, (self.get(k) || 0) + c); }
  const tot = profile.samples.length; console.log('samples', tot);
  for (const [k, c] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log((100 * c / tot).toFixed(1) + '%', k); }
console.log('status', await page.locator('[data-testid=run-status]').textContent(), 'wall', Date.now() - t0);
const fr = await page.evaluate(() => window.__frames.slice().sort((a, b) => a - b));
console.log('frames', fr.length, 'p95', fr[Math.floor(fr.length * 0.95)], 'max', fr[fr.length - 1]);
//, JSON.stringify(await page.evaluate(() => window.__tmp_frames.map((x) => Math.round(x)))));
//, JSON.stringify(await page.evaluate(() => window.__frames.map((x) => Math.round(x)))));
for (const frac of [0.5, 0.1, 0.9, 0.3, 0.0]) {
  const r = await page.evaluate(async (frac) => {
    const s = document.querySelector('.scrubber');
    const max = Number(s.max);
    const t = Math.round(max * frac / 1000) * 1000;
    const t0 = performance.now();
    s.value = String(t); s.dispatchEvent(new Event('input', { bubbles: true }));
    while (/moving the clock/.test(document.querySelector('[data-testid=run-status]').textContent) || performance.now() - t0 < 20) await new Promise((ok) => requestAnimationFrame(ok));
    return [t, performance.now() - t0, document.querySelector('[data-testid=run-status]').dataset.seekMs, document.querySelector('[data-testid=clock] .elapsed').textContent];
  }, frac);
  console.log('seek', frac, r);
}
console.log('mem MB', await page.evaluate(() => window.wasmBindings.wasm_memory_bytes() / 1048576));
await browser.close(); server.close();
