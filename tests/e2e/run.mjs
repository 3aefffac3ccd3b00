// End-to-end tests of the built playground (dist/) in Debian's headless
// Chromium, driven by playwright-core. Also measures the performance
// figures the UI issue asks for and prints them (no timing assertions).
//
//   node tests/e2e/run.mjs [--perf] [--screenshot docs/screenshot.png]

import { chromium } from 'playwright-core';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dist = path.join(root, 'dist');
const fixtures = path.join(root, 'tests/fixtures');
const args = process.argv.slice(2);
const wantPerf = args.includes('--perf');
const shotAt = args.includes('--screenshot') ? args[args.indexOf('--screenshot') + 1] : null;

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.png': 'image/png', '.txt': 'text/plain' };
function serve() {
  const server = http.createServer((req, res) => {
    // dist/ is also served under /sub/path/ to prove it works from any sub-path.
    const url = decodeURIComponent(req.url.split('?')[0].split('#')[0]).replace(/^\/sub\/path\//, '/');
    let file = path.join(dist, url === '/' ? 'index.html' : url);
    if (!file.startsWith(dist) || !fs.existsSync(file)) file = path.join(dist, 'index.html');
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const results = [];
async function test(name, fn) {
  // `ONLY=words node tests/e2e/run.mjs` runs the tests whose name has them.
  if (process.env.ONLY && !name.includes(process.env.ONLY)) return;
  const t0 = Date.now();
  try {
    await fn();
    results.push([name, 'ok']);
    console.log(`ok    ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push([name, 'FAIL']);
    console.log(`FAIL  ${name}\n      ${String(e.stack || e).split('\n').slice(0, 4).join('\n      ')}`);
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg); }

const server = await serve();
const base = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
const page = await context.newPage();
page.on('pageerror', (e) => console.log('page error:', e.message));

async function fresh() {
  await page.goto(base);
  await page.evaluate(() => localStorage.clear());
  await page.goto(base);
  await page.waitForSelector('[data-testid=apply]');
}
async function setText(text) {
  const ed = page.locator('[data-testid=manifest-editor]');
  await ed.fill(text);
}
async function applyAndRun(text) {
  await setText(text);
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=job]');
  await page.click('[data-testid=run-to-end]');
}
const fixture = (f) => fs.readFileSync(path.join(fixtures, f), 'utf8');

await test('loads the app', async () => {
  await fresh();
  assert(await page.locator('h1').textContent() === 'Job Playground', 'title');
  assert(await page.locator('[data-testid=clock]').isVisible(), 'clock visible');
});

await test('the release bundle (wasm + js + css) stays within 540 KB gzip', async () => {
  // The budget of issue 9, measured the way --perf reports it.
  let gz = 0;
  for (const f of fs.readdirSync(dist)) {
    // tools*: the worker fetched when a tool is first used, not on load.
    if (/\.(wasm|js|css)$/.test(f) && !f.startsWith('tools')) gz += zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
  }
  // 500 KB until the exercises and predictions (issue 17, which allows
  // 540 KB); what the added KB bought is in the README's performance table.
  assert(gz <= 540 * 1000, `bundle is ${(gz / 1000).toFixed(1)} KB gzip, over the 540 KB budget`);
});

await test('static build works from a sub-path', async () => {
  const urls = [];
  const onRequest = (r) => urls.push(r.url());
  page.on('request', onRequest);
  await page.goto(base + 'sub/path/');
  await page.waitForSelector('[data-testid=apply]', { timeout: 10000 });
  page.off('request', onRequest);
  assert(await page.locator('h1').textContent() === 'Job Playground', 'title from sub-path');
  const assets = urls.filter((u) => /\.(js|wasm|css)$/.test(u));
  assert(assets.length === 3 && assets.every((u) => u.startsWith(base + 'sub/path/')), `assets relative: ${assets}`);
});

await test('seed Job: 7 pods in Error and a Failed Job', async () => {
  await fresh();
  await applyAndRun(fixture('abnormal-end.yaml'));
  await page.waitForSelector('[data-testid=job][data-name=abnormal-end][data-condition=Failed]', { timeout: 20000 });
  const statuses = await page.locator('[data-testid=pod]').evaluateAll((els) => els.map((e) => e.dataset.status));
  assert(statuses.length === 7, `7 pods, got ${statuses.length}`);
  assert(statuses.every((s) => s === 'Error'), `all Error: ${statuses}`);
  const names = await page.locator('[data-testid=pod]').evaluateAll((els) => els.map((e) => e.dataset.name));
  assert(names.every((n) => /^abnormal-end-0-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n)), `names ${names}`);
  const explain = await page.locator('[data-testid=job-explain]').textContent();
  assert(explain.includes('BackoffLimitExceeded'), explain);
  const events = await page.locator('[data-testid=events]').textContent();
  assert(events.includes('Job has reached the specified backoff limit'), 'event shown');
});

await test('timeline labels the growing back-off; pod details show describe and logs', async () => {
  // Continues from the seed run above.
  const svg = await page.locator('svg.timeline').innerHTML();
  for (const gap of [10, 20, 40, 80, 160, 320]) assert(svg.includes(`back-off ${gap} s`), `gap ${gap} in timeline`);
  await page.locator('[data-testid=pod] button').first().click();
  const details = page.locator('.details pre');
  await details.waitFor();
  const text = await details.textContent();
  assert(text.includes('Exit Code:') && text.includes('Reason:       Error'), text.slice(0, 400));
  assert(text.includes('--- logs '), 'logs section');
});

await test('failure injection: the third attempt succeeds', async () => {
  await fresh();
  await setText(fixture('abnormal-end.yaml'));
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=job]');
  const form = page.locator('form.inject');
  await form.getByLabel('Job').fill('abnormal-end');
  await form.getByLabel('Attempt').fill('3');
  await form.getByLabel('Value').fill('0');
  await form.getByRole('button', { name: 'Add behaviour' }).click();
  assert((await page.locator('[data-testid=manifest-editor]').inputValue()).includes('exitCode: 0'), 'behaviour recorded');
  await page.click('[data-testid=run-to-end]');
  await page.waitForSelector('[data-testid=job][data-name=abnormal-end][data-condition=Complete]', { timeout: 20000 });
  const statuses = await page.locator('[data-testid=pod]').evaluateAll((els) => els.map((e) => e.dataset.status).sort());
  assert(JSON.stringify(statuses) === JSON.stringify(['Completed', 'Error', 'Error']), `statuses ${statuses}`);
});

await test('play, pause, step, reset and the clock', async () => {
  await fresh();
  await setText(fixture('abnormal-end.yaml'));
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=job]');
  const clock = () => page.locator('[data-testid=clock] .elapsed').textContent();
  assert(await clock() === '+00:00:00', 'starts at zero');
  await page.click('button:has-text("600×")');
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => document.querySelector('[data-testid=clock] .elapsed').textContent > '+00:00:30');
  await page.click('[data-testid=pause]');
  const paused = await clock();
  await page.waitForTimeout(300);
  assert(await clock() === paused, `clock stops when paused (${paused})`);
  assert((await page.locator('[data-testid=clock]').textContent()).includes('2024-07-06T12:'), 'wall clock from the scenario origin');
  await page.click('[data-testid=step]');
  assert(await clock() >= paused, 'step moves forward');
  await page.click('[data-testid=reset]');
  await page.waitForFunction(() => document.querySelector('[data-testid=clock] .elapsed').textContent === '+00:00:00');
});

await test('broken manifest: error on its line, text kept', async () => {
  await fresh();
  const broken = fixture('abnormal-end.yaml').replace('  parallelism: 1', '  backofLimit: 1');
  await setText(broken);
  const err = page.locator('[data-testid=editor-error][data-line="9"]');
  await err.waitFor({ timeout: 5000 });
  assert((await err.textContent()).includes('unknown field "spec.backofLimit"'), await err.textContent());
  assert(await page.locator('[data-testid=manifest-editor]').inputValue() === broken, 'text unchanged');
  await page.click('[data-testid=apply]');
  assert(await page.locator('[data-testid=manifest-editor]').inputValue() === broken, 'text unchanged after apply');
  // Autosave: the broken text survives a reload.
  await page.reload();
  await page.waitForSelector('[data-testid=apply]');
  assert(await page.locator('[data-testid=manifest-editor]').inputValue() === broken, 'autosaved');
  await page.locator('[data-testid=editor-error][data-line="9"]').waitFor({ timeout: 5000 });
  // Loading an example keeps the user's text one click away.
  await page.selectOption('select[aria-label="Load an example"]', 'Docs: pi');
  await page.waitForFunction(() => document.querySelector('[data-testid=manifest-editor]').value.includes('name: pi'), null, { timeout: 5000 });
  await page.click('[data-testid=restore]');
  assert(await page.locator('[data-testid=manifest-editor]').inputValue() === broken, 'restored');
});

await test('node crash: the Job replaces the pod on another node', async () => {
  await fresh();
  const job = `apiVersion: batch/v1
kind: Job
metadata:
  name: render
spec:
  completions: 3
  parallelism: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: render
        image: busybox:1.36
        command: ["sh", "-c", "sleep 60"]
`;
  await setText(job);
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=job]');
  for (let i = 0; i < 60; i++) {
    if ((await page.locator('[data-testid=pod][data-status=Running]').count()) === 3) break;
    await page.click('[data-testid=step]');
  }
  const running = await page.locator('[data-testid=pod][data-status=Running]').evaluateAll((els) => els.map((e) => [e.dataset.name, e.dataset.node]));
  assert(running.length === 3, `3 running, got ${JSON.stringify(running)}`);
  const [victim, node] = running[0];
  await page.click(`[data-testid=node][data-name="${node}"] [data-testid=crash-node]`);
  await page.waitForSelector(`[data-testid=node][data-name="${node}"] [data-testid=recover-node]`);
  assert((await page.locator('[data-testid=manifest-editor]').inputValue()).includes(`crashNode: ${node}`), 'action recorded');
  await page.click('[data-testid=run-to-end]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=pod][data-status=Completed]').length === 3, null, { timeout: 20000 });
  const pods = await page.locator('[data-testid=pod]').evaluateAll((els) => els.map((e) => [e.dataset.name, e.dataset.node, e.dataset.status]));
  const lost = pods.filter(([, n]) => n === node).map(([p]) => p);
  const replacements = pods.filter(([p]) => !running.some(([r]) => r === p));
  assert(replacements.length === 1, `one replacement pod: ${JSON.stringify(pods)}`);
  assert(replacements.every(([, n, s]) => n !== node && s === 'Completed'), `replacements elsewhere: ${JSON.stringify(replacements)}`);
  // The lost pod stays Terminating/Unknown until the node comes back, so
  // (1.31+) the Job gets Complete only after recovery.
  assert((await page.locator('[data-testid=job][data-name=render]').getAttribute('data-condition')) === '', 'not Complete while a pod is terminating');
  await page.click(`[data-testid=node][data-name="${node}"] [data-testid=recover-node]`);
  await page.click('[data-testid=run-to-end]');
  await page.waitForSelector('[data-testid=job][data-name=render][data-condition=Complete]', { timeout: 20000 });
  assert(lost.includes(victim), `the lost pod stayed visible on ${node}: ${JSON.stringify(pods)}`);
});

await test('kubectl console answers get pods', async () => {
  await fresh();
  await applyAndRun(fixture('pi.yaml'));
  await page.waitForSelector('[data-testid=job][data-condition=Complete]', { timeout: 20000 });
  const input = page.locator('[data-testid=kubectl-input]');
  await input.fill('get pods');
  await input.press('Enter');
  const out = await page.locator('[data-testid=kubectl-output]').textContent();
  assert(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE/.test(out), out);
  assert(/pi-[a-z0-9]{5}\s+0\/1\s+Completed\s+0/.test(out), out);
  await input.fill('kubectl describe job pi');
  await input.press('Enter');
  assert((await page.locator('[data-testid=kubectl-output]').textContent()).includes('Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed'), 'describe');
  await input.press('ArrowUp');
  assert(await input.inputValue() === 'kubectl describe job pi', 'history');
});

await test('share link: the same pods at the same virtual time in a fresh context; old #m= links open; hostile links get a banner', async () => {
  await fresh();
  await setText(fixture('node-crash.yaml'));
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=job]');
  await seekTo(90000);
  await page.waitForFunction(() => document.querySelector('[data-testid=clock] .elapsed').textContent === '+00:01:30');
  const pods = (p) => p.locator('[data-testid=pod]').evaluateAll((els) => els.map((e) => `${e.dataset.name} ${e.dataset.status} ${e.dataset.node}`).sort());
  const here = await pods(page);
  await page.click('[data-testid=share]');
  const link = await page.locator('[data-testid=share-url]').textContent();
  assert(link.startsWith(base + '#v1.'), link);
  assert(link.length - base.length < 600, `short link: ${link.length}`);
  const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const p2 = await other.newPage();
  await p2.goto(link);
  await p2.waitForFunction(() => document.querySelector('[data-testid=clock] .elapsed')?.textContent === '+00:01:30', null, { timeout: 10000 });
  await p2.waitForFunction(() => !/moving the clock/.test(document.querySelector('[data-testid=run-status]').textContent));
  const there = await pods(p2);
  assert(await p2.locator('[data-testid=manifest-editor]').inputValue() === fixture('node-crash.yaml'), 'same text');
  await other.close();
  assert(JSON.stringify(there) === JSON.stringify(here), `same pods at 1m30s:\n${there}\n${here}`);

  // Links of the older #m= form keep opening.
  const pi = fixture('pi.yaml');
  await page.goto(base + '#m=' + Buffer.from(pi).toString('base64url'));
  await page.reload();
  await page.waitForSelector('[data-testid=apply]');
  assert(await page.locator('[data-testid=manifest-editor]').inputValue() === pi, 'text from an #m= link');

  // Hostile links: each leaves a working page and a banner that says why.
  const v1 = (body) => 'v1.' + zlib.deflateRawSync(Buffer.from(body)).toString('base64url');
  const good = link.slice(link.indexOf('#') + 1);
  const scripted = fixture('pi.yaml').replace('name: pi', 'name: "<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>"');
  const cases = [
    ['corrupt', 'v1.AAAAAAAAAAAA', 'damaged'],
    ['not base64', 'v1.ab*cd', 'not base64url'],
    ['truncated', good.slice(0, good.length - 8), 'cut short'],
    ['unknown version', 'v7.' + good.slice(3), 'does not know'],
    ['decompression bomb', 'v1.' + zlib.deflateRawSync(Buffer.alloc(8 << 20, 97), { level: 9 }).toString('base64url'), 'more than'],
    ['markup in a Job name', v1('0 \n' + scripted), 'does not load'],
  ];
  for (const [name, fragment, words] of cases) {
    await page.goto(base);
    await page.evaluate(() => localStorage.clear());
    await page.goto(base + '#' + fragment);
    await page.reload();
    await page.waitForSelector('[data-testid=link-error]:not(.hidden)', { timeout: 10000 });
    const banner = await page.locator('[data-testid=link-error]').textContent();
    assert(banner.includes(words), `${name}: ${banner}`);
    assert(await page.evaluate(() => window.__pwned) === undefined, `${name}: nothing ran`);
    assert(await page.evaluate(() => document.querySelectorAll('img[src=x]').length === 0 && [...document.scripts].every((s) => !s.textContent.includes('__pwned'))), `${name}: no markup injected`);
    // The page still works: the editor takes text and Apply builds it.
    await setText(fixture('pi.yaml'));
    await page.click('[data-testid=apply]');
    await page.waitForSelector('[data-testid=job][data-name=pi]');
  }
});

await test('every lesson loads from the gallery and runs to the outcome its card states', async () => {
  await fresh();
  // A first visit starts with the first lesson applied: Run to end works at once.
  await page.waitForSelector('[data-testid=lesson-card]');
  assert(!(await page.locator('[data-testid=run-to-end]').isDisabled()), 'first lesson applied');
  const presets = await page.locator('[data-testid=preset]').evaluateAll((els) => els.map((e) => [e.dataset.name, e.textContent]));
  assert(presets.length >= 11, `lessons: ${presets.length}`);
  for (const [name, label] of presets) {
    const title = label.replace(/^\d+\. /, '');
    await page.click(`[data-testid=preset][data-name="${name}"]`);
    await page.waitForFunction((t) => document.querySelector('[data-testid=lesson-card] h2')?.textContent === t, title, { timeout: 10000 });
    await page.waitForSelector('[data-testid=run-to-end]:not([disabled])');
    // A lesson with a stop time opens at that moment.
    const stop = await page.locator('[data-testid=lesson-card]').getAttribute('data-stop-ms');
    if (stop) {
      await page.waitForFunction((ms) => {
        const [h, m, s] = document.querySelector('[data-testid=clock] .elapsed').textContent.slice(1).split(':').map(Number);
        return (h * 3600 + m * 60 + s) * 1000 === Number(ms);
      }, stop, { timeout: 10000 });
    }
    await page.click('[data-testid=run-to-end]');
    await page.waitForFunction(() => /ran to end in/.test(document.querySelector('[data-testid=run-status]').textContent), null, { timeout: 30000 });
    const o = await page.locator('[data-testid=lesson-card]').evaluate((e) => ({ ...e.dataset }));
    if (o.outcomeCronjob) {
      const kept = await page.locator(`[data-testid=cronjob][data-name="${o.outcomeCronjob}"] [data-testid=cron-history][data-deleted=false]`).count();
      assert(String(kept) === o.outcomeJobs, `${name}: ${kept} Jobs kept, card says ${o.outcomeJobs}`);
    } else if (o.outcomeCondition === 'deleted') {
      assert(await page.locator(`[data-testid=job][data-name="${o.outcomeJob}"]`).count() === 0, `${name}: Job gone`);
      assert(await page.locator(`[data-testid=pod][data-name^="${o.outcomeJob}-"]`).count() === 0, `${name}: pods gone`);
    } else {
      const c = await page.locator(`[data-testid=job][data-name="${o.outcomeJob}"]`).getAttribute('data-condition');
      assert(c === o.outcomeCondition, `${name}: ${o.outcomeJob} is ${c}, card says ${o.outcomeCondition}`);
    }
  }
});

await test('export then import gives back the same text; an oversized file is refused', async () => {
  await fresh();
  const text = fixture('lessons/05-node-failure.yaml');
  await setText(text);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-yaml]')]);
  const file = await download.path();
  assert(fs.readFileSync(file, 'utf8') === text, 'exported text');
  await setText('# something else\n');
  await page.setInputFiles('[data-testid=import]', { name: 'scenario.yaml', mimeType: 'text/yaml', buffer: fs.readFileSync(file) });
  await page.waitForFunction((t) => document.querySelector('[data-testid=manifest-editor]').value === t, text, { timeout: 5000 });
  await page.setInputFiles('[data-testid=import]', { name: 'huge.yaml', mimeType: 'text/yaml', buffer: Buffer.alloc(1024 * 1024 + 1, 35) });
  await page.waitForFunction(() => /accepts at most 1024 KiB/.test(document.querySelector('.notice').textContent), null, { timeout: 5000 });
  assert(await page.locator('[data-testid=manifest-editor]').inputValue() === text, 'text kept');
});

await test('presenter view: ?present folds the editor away; Space, → and R drive the clock', async () => {
  await fresh();
  await page.click('[data-testid=presenter-link]');
  const link = await page.locator('[data-testid=share-url]').textContent();
  assert(link.includes('?present#v1.'), link);
  const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const p2 = await other.newPage();
  await p2.goto(link);
  await p2.waitForSelector('main.layout.present');
  await p2.waitForSelector('[data-testid=lesson-card]');
  assert(!(await p2.locator('[data-testid=manifest-editor]').isVisible()), 'editor folded away');
  const clock = () => p2.locator('[data-testid=clock] .elapsed').textContent();
  await p2.keyboard.press('ArrowRight');
  await p2.waitForFunction(() => document.querySelector('[data-testid=clock] .elapsed').textContent !== '+00:00:00');
  await p2.keyboard.press(' ');
  await p2.waitForSelector('[data-testid=pause]:not(.hidden)');
  await p2.keyboard.press(' ');
  await p2.waitForSelector('[data-testid=play]:not(.hidden)');
  await p2.keyboard.press('r');
  await p2.waitForFunction(() => document.querySelector('[data-testid=clock] .elapsed').textContent === '+00:00:00');
  assert(await clock() === '+00:00:00', 'reset');
  // `PRESENTER_SHOT=docs/presenter.png` keeps a picture of the view.
  if (process.env.PRESENTER_SHOT) {
    for (let i = 0; i < 12; i++) await p2.keyboard.press('ArrowRight');
    await p2.evaluate(() => window.scrollTo(0, 0));
    await p2.screenshot({ path: process.env.PRESENTER_SHOT });
  }
  await other.close();
});

// Boxes of the presenter view's four panels and of every timeline label,
// for the layout checks (and a readable dump when one fails).
async function presenterGeometry(p) {
  return p.evaluate(() => {
    const box = (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; };
    const card = document.querySelector('[data-testid=job], [data-testid=cronjob]:not(.hidden)') || document.querySelector('#jobs');
    const parts = {
      lesson: document.querySelector('[data-testid=lesson-card]'),
      card,
      board: document.querySelector('#pods'),
      timeline: document.querySelector('#timeline'),
    };
    const out = { vw: innerWidth, vh: innerHeight, panels: {} };
    for (const [k, e] of Object.entries(parts)) out.panels[k] = e ? box(e) : null;
    const svg = document.querySelector('svg.timeline');
    out.labels = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent, ...box(t) }))
      .filter((b) => b.right > b.left && b.bottom > b.top);
    out.bars = [...svg.querySelectorAll('rect.seg')].map(box);
    return out;
  });
}
function overlap(a, b) {
  // Half a pixel of slack for anti-aliased edges.
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
}
function checkPresenter(g, label) {
  for (const [k, b] of Object.entries(g.panels)) {
    assert(b, `${label}: no ${k}`);
    assert(b.top >= 0 && b.left >= 0 && b.bottom <= g.vh + 0.5 && b.right <= g.vw + 0.5,
      `${label}: ${k} outside the ${g.vw}×${g.vh} viewport: ${JSON.stringify(b)}`);
  }
  for (let i = 0; i < g.labels.length; i++) {
    for (let j = i + 1; j < g.labels.length; j++) {
      assert(!overlap(g.labels[i], g.labels[j]), `${label}: timeline labels overlap: ${JSON.stringify(g.labels[i])} ${JSON.stringify(g.labels[j])}`);
    }
    for (const bar of g.bars) {
      assert(!overlap(g.labels[i], bar), `${label}: label over a bar: ${JSON.stringify(g.labels[i])} ${JSON.stringify(bar)}`);
    }
  }
}

await test('presenter view fits each lesson on one screen (1366×768, 1920×1080) and timeline labels never overlap', async () => {
  const cli = path.join(root, 'target/debug/jobsim');
  const lessons = fs.readdirSync(path.join(fixtures, 'lessons')).filter((f) => f.endsWith('.yaml')).sort();
  assert(lessons.length === 11, `lessons: ${lessons.length}`);
  for (const [w, h] of [[1366, 768], [1920, 1080]]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: h } });
    const p = await ctx.newPage();
    for (const f of lessons) {
      const frag = execFileSync(cli, ['link', path.join(fixtures, 'lessons', f)], { encoding: 'utf8' }).trim();
      await p.goto(base + '?present' + frag);
      await p.waitForSelector('main.layout.present [data-testid=lesson-card]');
      await p.click('[data-testid=run-to-end]');
      await p.waitForFunction(() => /ran to end in/.test(document.querySelector('[data-testid=run-status]').textContent), null, { timeout: 30000 });
      // Views re-render at once when the run is done; let the frame land.
      await p.waitForTimeout(150);
      await p.evaluate(() => window.scrollTo(0, 0));
      checkPresenter(await presenterGeometry(p), `${f} at ${w}×${h}`);
    }
    await ctx.close();
  }
});

await test('timeline: the seed Job back-off gaps are labelled without overlap on the normal page at 1366 px', async () => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const p = await ctx.newPage();
  await p.goto(base);
  await p.waitForSelector('[data-testid=lesson-card]');
  await p.click('[data-testid=run-to-end]');
  await p.waitForFunction(() => /ran to end in/.test(document.querySelector('[data-testid=run-status]').textContent), null, { timeout: 30000 });
  await p.waitForTimeout(150);
  const g = await presenterGeometry(p);
  const texts = g.labels.map((l) => l.text);
  // Six gaps, 10 s doubling to 320 s: each labelled in full, or shortened,
  // or (no room at all) named on hover and focus.
  const gaps = await p.locator('svg.timeline g.gap').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert(JSON.stringify(gaps) === JSON.stringify(['back-off 10 s', 'back-off 20 s', 'back-off 40 s', 'back-off 80 s', 'back-off 160 s', 'back-off 320 s']), `gaps: ${gaps}`);
  for (const s of [80, 160, 320]) assert(texts.includes(`back-off ${s} s`), `back-off ${s} s shown in full: ${texts}`);
  assert(texts.includes('40 s') || texts.includes('back-off 40 s'), `40 s shown: ${texts}`);
  g.panels = {};
  checkPresenter(g, 'normal page');
  await ctx.close();
});

await test('exercises: a wrong change says which goal failed and why, a right one passes (English and Korean)', async () => {
  // (exercise, wrong edit, right edit, a failed goal's words in en / ko)
  const cases = [
    ['01-fail-fast.yaml', 'spec:\n  backoffLimit: 3\n  template:', 'spec:\n  backoffLimit: 2\n  template:',
      ['pods created must be at most 3; the run shows 4', '만든 파드 수은(는) 3 이하이어야 합니다; 실행 결과 4']],
    ['03-parallel.yaml', '  completions: 6\n  parallelism: 2\n', '  completions: 6\n  parallelism: 3\n',
      ['finished must be at most 1m30s; the run shows', '끝난 시각은(는) 1m30s 이하이어야 합니다; 실행 결과']],
  ];
  for (const [lang, i] of [['en', 0], ['ko', 1]]) {
    await fresh();
    if (lang === 'ko') {
      await page.selectOption('[data-testid=language]', 'ko');
      await page.waitForFunction(() => document.documentElement.lang === 'ko');
    }
    for (const [file, wrong, right, words] of cases) {
      await page.click(`[data-testid=exercise-preset][data-exercise="${file}"]`);
      const from = file.startsWith('01') ? 'spec:\n  template:' : '  completions: 6\n';
      await page.waitForFunction((f) => document.querySelector('[data-testid=manifest-editor]').value.includes(f), from, { timeout: 10000 });
      await page.waitForSelector('[data-testid=task] [data-testid=check]');
      const text = await page.locator('[data-testid=manifest-editor]').inputValue();
      for (const [edit, pass] of [[wrong, false], [right, true]]) {
        await setText(text.replace(from, edit));
        await page.click('[data-testid=check]');
        await page.waitForSelector('[data-testid=check-summary]', { timeout: 30000 });
        const summary = page.locator('[data-testid=check-summary]');
        assert(await summary.getAttribute('data-passed') === String(pass), `${lang} ${file}: ${await summary.textContent()}`);
        if (!pass) {
          const failed = await page.locator('[data-testid=goal][data-passed=false]').allTextContents();
          assert(failed.some((t) => t.includes(words[i])), `${lang} ${file}: ${failed}`);
        }
      }
    }
  }
  await page.selectOption('[data-testid=language]', 'en');
});

await test('predict, then reveal: the seed lesson asks how many pods, the run answers', async () => {
  for (const [choice, right] of [['6', 'false'], ['7', 'true']]) {
    await fresh();
    await page.waitForSelector('[data-testid=predict] [data-testid=predict-choice]');
    await page.click(`[data-testid=predict-choice][data-choice="${choice}"]`);
    await page.waitForSelector('[data-testid=predict-answer]');
    assert((await page.locator('[data-testid=predict-answer]').textContent()).includes(`Your answer: ${choice}`), 'locked');
    await page.click('[data-testid=run-to-end]');
    await page.waitForSelector('[data-testid=predict-reveal]', { timeout: 30000 });
    const reveal = page.locator('[data-testid=predict-reveal]');
    assert(await reveal.getAttribute('data-right') === right, `${choice}: ${await reveal.textContent()}`);
    assert((await reveal.textContent()).includes('the run: 7'), await reveal.textContent());
  }
  // A number to type (no choices): the CronJob lesson asks how many Jobs
  // ten minutes make.
  await page.click('[data-testid=preset][data-name="09-cronjob-history.yaml"]');
  await page.waitForSelector('[data-testid=predict] [data-testid=predict-input]');
  await page.fill('[data-testid=predict-input]', '10');
  await page.click('[data-testid=predict-lock]');
  await page.waitForSelector('[data-testid=predict-answer]');
  await page.click('[data-testid=run-to-end]');
  await page.waitForSelector('[data-testid=predict-reveal][data-right=true]', { timeout: 30000 });
});

const axeSource = fs.readFileSync(path.join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
// axe-core's WCAG 2 A and AA rules; serious and critical violations only.
async function axeScan(p) {
  await p.addScriptTag({ content: axeSource });
  return p.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}

await test('accessibility: axe-core finds no serious or critical WCAG 2 A/AA violation (light, dark, presenter)', async () => {
  for (const [label, scheme, present] of [['light', 'light', false], ['dark', 'dark', false], ['presenter', 'light', true]]) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 720 }, colorScheme: scheme });
    const p = await ctx.newPage();
    await p.goto(base + (present ? '?present' : ''));
    await p.waitForSelector('[data-testid=lesson-card]');
    await p.click('[data-testid=run-to-end]');
    await p.waitForFunction(() => /ran to end in/.test(document.querySelector('[data-testid=run-status]').textContent), null, { timeout: 30000 });
    const found = await axeScan(p);
    await ctx.close();
    assert(found.length === 0, `${label}:\n${found.join('\n')}`);
  }
});

await test('compare: the seed Job beside a copy with restartPolicy OnFailure, one clock, the first difference, and a share link round trip', async () => {
  await fresh();
  await page.waitForSelector('[data-testid=lesson-card]');
  await page.click('[data-testid=compare-form] summary');
  await page.fill('[data-testid=compare-name]', 'abnormal-end');
  await page.fill('[data-testid=compare-field]', 'spec.template.spec.restartPolicy');
  await page.fill('[data-testid=compare-value]', 'OnFailure');
  await page.click('[data-testid=compare-open]');
  await page.waitForSelector('[data-testid=compare]:not(.hidden) [data-testid=job]');
  const heading = await page.locator('[data-testid=compare-change]').textContent();
  assert(heading.includes('spec.template.spec.restartPolicy = "OnFailure"'), heading);
  assert((await page.locator('[data-testid=divergence]').textContent()).startsWith('No difference yet'), 'none at 0');
  await page.click('[data-testid=run-to-end]');
  await page.waitForFunction(() => /ran to end in/.test(document.querySelector('[data-testid=run-status]').textContent), null, { timeout: 30000 });
  // One clock: the copy lands at the same moment, both Jobs Failed.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=job]')].filter((j) => j.dataset.condition === 'Failed').length === 2, null, { timeout: 10000 });
  const specs = await page.locator('[data-testid=job] .spec').allTextContents();
  assert(specs[0].includes('Never') && specs[1].includes('OnFailure'), specs.join(' | '));
  await page.waitForFunction(() => /^First difference at \+00:00:\d\d/.test(document.querySelector('[data-testid=divergence]').textContent), null, { timeout: 10000 });
  const first = await page.locator('[data-testid=divergence]').textContent();
  // The copy's panels have ids of their own: every id in the page is unique.
  const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
  assert(new Set(ids).size === ids.length, `duplicate ids: ${ids.filter((x, i) => ids.indexOf(x) !== i).join(', ')}`);
  assert(ids.includes('copy-jobs') && ids.includes('copy-timeline') && ids.includes('jobs'), ids.join(' '));
  const found = await axeScan(page);
  assert(found.length === 0, `axe in compare mode:\n${found.join('\n')}`);
  // The link carries spec.compare in the text: it reopens both runs.
  await page.click('[data-testid=share]');
  const link = await page.locator('[data-testid=share-url]').textContent();
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const p = await ctx.newPage();
  await p.goto(link);
  await p.waitForSelector('[data-testid=compare]:not(.hidden) [data-testid=job]');
  assert(await p.locator('[data-testid=compare-change]').textContent() === heading, 'same change');
  await p.click('[data-testid=run-to-end]');
  await p.waitForFunction((f) => document.querySelector('[data-testid=divergence]').textContent === f, first, { timeout: 10000 });
  await ctx.close();
});

await test('a real cluster: the study log\'s describe output explained (seven failures, growing gaps), in English and Korean; the tools worker loads only then', async () => {
  const fetched = [];
  const onReq = (r) => fetched.push(r.url());
  page.on('request', onReq);
  await fresh();
  await page.waitForSelector('[data-testid=lesson-card]');
  assert(!fetched.some((u) => u.includes('tools')), 'no tools worker on load');
  await page.click('[data-testid=explain-real] summary');
  await page.fill('[data-testid=explain-input]', fixture('seed-transcript/describe-job-abnormal-end.txt'));
  await page.click('[data-testid=explain-run]');
  await page.waitForSelector('[data-testid=explain-out] li', { timeout: 20000 });
  page.off('request', onReq);
  assert(fetched.some((u) => u.includes('tools_bg.wasm')), 'the worker was fetched on use');
  const lines = await page.locator('[data-testid=explain-out] li').allTextContents();
  const retries = lines.filter((l) => /^pod \d \(abnormal-end-0-\w+\) was created/.test(l));
  assert(retries.length === 6, lines.join('\n'));
  // The gaps grow: the back-off each retry waited for doubles.
  const expected = retries.map((l) => Number(l.match(/= (\d+) s/)[1]));
  assert(JSON.stringify(expected) === JSON.stringify([10, 20, 40, 80, 160, 320]), expected.join());
  assert(retries[5].includes('169 s after pod 6'), retries[5]);
  assert(lines.some((l) => l.startsWith('Failed (BackoffLimitExceeded): 7 pod(s) failed, more than backoffLimit 6')), lines.join('\n'));
  // The two waits shorter than 1.34's back-off are marked.
  assert(await page.locator('[data-testid=explain-out] li.differs').count() === 2, 'two differ');
  await page.selectOption('[data-testid=language]', 'ko');
  await page.click('[data-testid=explain-run]');
  await page.waitForFunction(() => /연속 6번 실패/.test(document.querySelector('[data-testid=explain-out]').textContent), null, { timeout: 10000 });
  await page.selectOption('[data-testid=language]', 'en');
  // Not kubectl output: a clear error.
  await page.fill('[data-testid=explain-input]', 'hello: world');
  await page.click('[data-testid=explain-run]');
  await page.waitForSelector('[data-testid=explain-out] [role=alert]');
  assert((await page.locator('[data-testid=explain-out] [role=alert]').textContent()).includes('not a kubectl List'), 'error');
});

await test('a real cluster: the KWOK files download as a tar of the five files', async () => {
  await fresh();
  await page.waitForSelector('[data-testid=lesson-card]');
  await page.click('[data-testid=explain-real] summary');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.click('[data-testid=export-kwok]')]);
  const name = download.suggestedFilename();
  assert(/-kwok\.tar$/.test(name), name);
  const dir = fs.mkdtempSync(path.join(root, 'target/kwok-e2e-'));
  fs.copyFileSync(await download.path(), path.join(dir, name));
  execFileSync('tar', ['-xf', name], { cwd: dir });
  const sub = path.join(dir, name.replace(/\.tar$/, ''));
  for (const f of ['kwok.yaml', 'nodes.yaml', 'manifests.yaml', 'run.sh', 'NOTES.txt']) assert(fs.existsSync(path.join(sub, f)), f);
  const kwok = fs.readFileSync(path.join(sub, 'kwok.yaml'), 'utf8');
  assert(kwok.includes('kind: KwokctlConfiguration') && kwok.includes('exitCode: 1'), kwok.slice(0, 300));
  fs.rmSync(dir, { recursive: true });
});

await test('embed: a lesson in an 800×450 iframe, no page chrome, no horizontal scroll, keyboard-driven, axe-core clean', async () => {
  const cli = path.join(root, 'target/debug/jobsim');
  const frag = execFileSync(cli, ['link', path.join(fixtures, 'lessons/01-backoff-limit.yaml')], { encoding: 'utf8' }).trim();
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const p = await ctx.newPage();
  await p.setContent(`<!doctype html><html lang="en"><title>slides</title><body><iframe title="Job Playground" width="800" height="450" style="border:0" src="${base}?embed${frag}"></iframe></body></html>`);
  const frame = p.frames().find((f) => f !== p.mainFrame());
  assert(frame, 'iframe');
  await frame.waitForSelector('main.layout.embed [data-testid=lesson-card]');
  assert(!(await frame.locator('[data-testid=manifest-editor]').isVisible()), 'no editor');
  assert(!(await frame.locator('.top h1').isVisible()) && !(await frame.locator('.foot').isVisible()), 'no page chrome');
  await frame.locator('#pods h2').click();
  await p.keyboard.press('ArrowRight');
  await frame.waitForFunction(() => document.querySelector('[data-testid=clock] .elapsed').textContent !== '+00:00:00');
  const size = await frame.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth, w: innerWidth, h: innerHeight }));
  assert(size.w === 800 && size.h === 450, JSON.stringify(size));
  assert(size.sw <= size.cw, `horizontal scroll: ${JSON.stringify(size)}`);
  await frame.addScriptTag({ content: axeSource });
  const found = await frame.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} ×${v.nodes.length}`);
  });
  assert(found.length === 0, found.join('\n'));
  await ctx.close();
});

await test('Korean: the UI, an explanation line and a validation error switch language, and it survives a reload', async () => {
  await fresh();
  await page.waitForSelector('[data-testid=lesson-card]');
  await page.selectOption('[data-testid=language]', 'ko');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  assert(await page.locator('[data-testid=apply]').textContent() === '적용', 'Apply in Korean');
  assert(await page.locator('[data-testid=run-to-end]').textContent() === '» 끝까지 실행', 'Run to end in Korean');
  assert((await page.locator('[data-testid=lesson-card] h2').textContent()).includes('재시도'), 'lesson card in Korean');
  await page.click('[data-testid=step]');
  await page.waitForFunction(() => /파드/.test(document.querySelector('[data-testid=job-explain]')?.textContent || ''));
  // The playground's own Scenario rule, worded in Korean; kubectl's words stay.
  await setText(fixture('pi.yaml') + '---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  until: 1m\n  actions:\n  - {at: 5m, crashNode: node-1}\n');
  await page.waitForFunction(() => /동작 시각/.test(document.querySelector('[data-testid=editor-error]')?.textContent || ''), null, { timeout: 5000 });
  await page.reload();
  await page.waitForSelector('[data-testid=apply]');
  await page.waitForFunction(() => document.documentElement.lang === 'ko');
  assert(await page.locator('[data-testid=apply]').textContent() === '적용', 'still Korean after a reload');
  await page.selectOption('[data-testid=language]', 'en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert(await page.locator('[data-testid=apply]').textContent() === 'Apply', 'back to English');
});

await test('console changes the run: delete pod and patch parallelism are recorded and replay from a shared link', async () => {
  await fresh();
  const text = `apiVersion: batch/v1
kind: Job
metadata: {name: work}
spec:
  parallelism: 1
  completions: 10
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: main, image: busybox:1.36, command: [sh, -c, "sleep 300"]}
`;
  await setText(text);
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=job]');
  await seekTo(5000);
  const running = () => page.locator('[data-testid=pod][data-status=Running]').count();
  assert(await running() === 1, `one pod at 5 s, got ${await running()}`);
  const first = await page.locator('[data-testid=pod]').first().getAttribute('data-name');
  const input = page.locator('[data-testid=kubectl-input]');
  await input.fill(`kubectl patch job work -p '{"spec":{"parallelism":3}}'`);
  await input.press('Enter');
  assert((await page.locator('[data-testid=kubectl-output]').textContent()).includes('job.batch/work patched'), 'patched');
  await input.fill(`kubectl delete pod ${first}`);
  await input.press('Enter');
  assert((await page.locator('[data-testid=kubectl-output]').textContent()).includes(`pod "${first}" deleted`), 'deleted');
  await input.fill('kubectl delete pod nope');
  await input.press('Enter');
  assert((await page.locator('[data-testid=kubectl-output]').textContent()).includes('Error from server (NotFound): pods "nope" not found'), 'not found');
  const recorded = await page.locator('[data-testid=manifest-editor]').inputValue();
  assert(recorded.includes('patchJob') && recorded.includes('deletePod'), `recorded into the Scenario:\n${recorded}`);
  // The deleted pod counts as failed at once (isPodFailed: terminating),
  // so the new pods wait out the 10 s back-off: three run at 20 s.
  await seekTo(20000);
  await page.waitForFunction(() => document.querySelector('[data-testid=clock] .elapsed').textContent === '+00:00:20');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=pod][data-status=Running]').length === 3, null, { timeout: 5000 });
  const at16 = await page.locator('[data-testid=pod]').evaluateAll((els) => els.map((e) => `${e.dataset.name} ${e.dataset.status}`).sort());
  assert(!at16.some((x) => x.startsWith(first)), `the deleted pod is gone: ${at16}`);
  // The shared link (taken at 20 s) replays the same pods at 20 s.
  await page.click('[data-testid=share]');
  const link = await page.locator('[data-testid=share-url]').textContent();
  const other = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const p2 = await other.newPage();
  await p2.goto(link);
  await p2.waitForFunction(() => document.querySelector('[data-testid=clock] .elapsed')?.textContent === '+00:00:20', null, { timeout: 10000 });
  await p2.waitForFunction(() => !/moving the clock/.test(document.querySelector('[data-testid=run-status]').textContent));
  await p2.waitForFunction(() => document.querySelectorAll('[data-testid=pod][data-status=Running]').length === 3, null, { timeout: 5000 });
  const again = await p2.locator('[data-testid=pod]').evaluateAll((els) => els.map((e) => `${e.dataset.name} ${e.dataset.status}`).sort());
  await other.close();
  assert(JSON.stringify(again) === JSON.stringify(at16), `same pods at 20 s:\n${again}\n${at16}`);
});

const scenarioUntil = (until) => `---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  until: ${until}\n`;
async function applyRunToEnd(text) {
  await setText(text);
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=run-to-end]:not([disabled])');
  await page.click('[data-testid=run-to-end]');
  await page.waitForFunction(() => /ran to end in/.test(document.querySelector('[data-testid=run-status]').textContent), null, { timeout: 30000 });
}

await test('CronJob hello: ten minutes make ten Jobs, the newest three are kept', async () => {
  await fresh();
  await applyRunToEnd(fixture('hello-cronjob.yaml') + scenarioUntil('10m'));
  const card = page.locator('[data-testid=cronjob][data-name=hello]');
  await card.waitFor();
  const history = await card.locator('[data-testid=cron-history]').evaluateAll((els) => els.map((e) => [e.dataset.job, e.dataset.deleted]));
  assert(history.length === 10, `10 Jobs in the history: ${JSON.stringify(history)}`);
  assert(history.filter(([, d]) => d === 'true').length === 7, `7 deleted: ${JSON.stringify(history)}`);
  assert(history[0][0] === 'hello-28671151' && history[9][0] === 'hello-28671142', `newest first: ${JSON.stringify(history)}`);
  const jobs = await page.locator('[data-testid=job][data-cronjob=hello]').evaluateAll((els) => els.map((e) => e.dataset.name));
  assert(JSON.stringify(jobs) === JSON.stringify(['hello-28671149', 'hello-28671150', 'hello-28671151']), `kept Jobs: ${jobs}`);
  const next = await card.locator('[data-testid=next-run]').evaluateAll((els) => els.map((e) => e.dataset.time));
  assert(JSON.stringify(next) === JSON.stringify(['2024-07-06T12:32:00Z', '2024-07-06T12:33:00Z', '2024-07-06T12:34:00Z', '2024-07-06T12:35:00Z', '2024-07-06T12:36:00Z']), `next runs: ${next}`);
  assert((await card.locator('[data-testid=schedule-words]').textContent()) === 'every minute', 'schedule in words');
  assert((await card.locator('[data-testid=cronjob-zone]').textContent()).includes('UTC (timeZone unset'), 'zone note');
  const events = await page.locator('[data-testid=events]').textContent();
  assert(events.includes('Deleted job hello-28671148'), 'SuccessfulDelete event');
});

await test('CronJob Forbid: the skipped run is explained', async () => {
  await fresh();
  await applyRunToEnd(fixture('cronjob-forbid.yaml').replace('until: 10m', 'until: 2m20s'));
  const explain = await page.locator('[data-testid=cronjob][data-name=slow-forbid] [data-testid=cronjob-explain]').textContent();
  assert(explain.startsWith('2024-07-06T12:24:00Z was skipped: concurrencyPolicy Forbid and slow-forbid-28671143 is still running.'), explain);
  assert(explain.includes('Next: 2024-07-06T12:25:00Z'), explain);
});

await test('CronJob in a time zone: zone data loads on demand, the DST gap is skipped', async () => {
  await fresh();
  const zoneRequests = [];
  const onRequest = (r) => { if (r.url().endsWith('zones.txt')) zoneRequests.push(r.url()); };
  page.on('request', onRequest);
  await setText(fixture('cronjob-dst.yaml'));
  await page.click('[data-testid=apply]');
  const card = page.locator('[data-testid=cronjob][data-name=nightly]');
  await card.waitFor();
  await page.waitForFunction(() => {
    const e = document.querySelector('[data-testid=cronjob][data-name=nightly] [data-testid=next-run]');
    return e && e.dataset.time.endsWith('-05:00');
  }, null, { timeout: 10000 });
  page.off('request', onRequest);
  const next = await card.locator('[data-testid=next-run]').evaluateAll((els) => els.map((e) => e.dataset.time));
  assert(JSON.stringify(next.slice(0, 3)) === JSON.stringify(['2026-03-07T02:30:00-05:00', '2026-03-09T02:30:00-04:00', '2026-03-10T02:30:00-04:00']), `next: ${next}`);
  assert(zoneRequests.length === 1, `zones fetched once: ${zoneRequests}`);
});

await test('Job card shows per-index failures; a cordoned node is Ready,SchedulingDisabled', async () => {
  await fresh();
  await applyRunToEnd(fixture('backoff-limit-per-index.yaml'));
  const budget = await page.locator('[data-testid=job] [data-testid=failure-budget]').first().textContent();
  assert(budget === '✖ 5 failed index(es) (0,2,4,6,8) / maxFailedIndexes 5 · backoffLimitPerIndex 1 · 10 failed pod(s)', budget);
  await page.click('[data-testid=reset]');
  await page.locator('[data-testid=node][data-name=node-1] button:has-text("Cordon")').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=node][data-name=node-1] [data-testid=node-status]').textContent.trim() === 'Ready,SchedulingDisabled');
  const statuses = await page.locator('[data-testid=node] [data-testid=node-status]').evaluateAll((els) => els.map((e) => e.textContent.trim()));
  assert(JSON.stringify(statuses) === JSON.stringify(['Ready,SchedulingDisabled', 'Ready', 'Ready']), `node statuses: ${statuses}`);
});

await test('same input and seed: the wasm run and the native CLI give the same JSON', async () => {
  const cli = path.join(root, 'target/debug/jobsim');
  assert(fs.existsSync(cli), 'target/debug/jobsim is built by cargo test');
  const sha = (s) => crypto.createHash('sha256').update(s).digest('hex');
  for (const f of ['abnormal-end.yaml', 'indexed-job.yaml', 'node-crash.yaml', 'pod-failure-policy.yaml', 'backoff-limit-per-index.yaml']) {
    const native = execFileSync(cli, ['run', path.join(fixtures, f), '-o', 'json'], { encoding: 'utf8' });
    await fresh();
    await applyRunToEnd(fixture(f));
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
    const wasm = fs.readFileSync(await download.path(), 'utf8');
    assert(sha(wasm) === sha(native), `${f}: wasm ${sha(wasm).slice(0, 12)} (${wasm.length} B) != native ${sha(native).slice(0, 12)} (${native.length} B)`);
    assert(JSON.parse(wasm).items.length > 0, `${f}: objects in the List`);
  }
});


// Helpers for the 100,000-completion run.
const statusText = () => page.locator('[data-testid=run-status]').textContent();
const clockText = () => page.locator('[data-testid=clock] .elapsed').textContent();
async function seekTo(ms) {
  await page.evaluate((t) => {
    const s = document.querySelector('.scrubber');
    // The scrubber spans the time reached so far; moving ahead is allowed.
    s.max = String(Math.max(Number(s.max), t));
    s.value = String(t);
    s.dispatchEvent(new Event('input', { bubbles: true }));
  }, ms);
  await page.waitForFunction(() => !/moving the clock/.test(document.querySelector('[data-testid=run-status]').textContent));
}

await test('100,000 completions: Pause and the editor respond mid-run, pictures show the final counts, the clock moves back', async () => {
  await fresh();
  await setText(fixture('bench-100k.yaml'));
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=job]');
  // Pause cancels a run to the end: the clock then stands still. Pressed
  // as soon as the clock has moved (the run takes a few tenths of a second,
  // less than Playwright's own checks before a click).
  await page.click('[data-testid=run-to-end]');
  await page.waitForFunction(() => document.querySelector('[data-testid=clock] .elapsed').textContent !== '+00:00:00', null, { polling: 'raf' });
  await page.evaluate(() => document.querySelector('[data-testid=pause]').click());
  const paused = await clockText();
  await page.waitForTimeout(300);
  assert(await clockText() === paused, `clock moved after Pause: ${paused} -> ${await clockText()}`);
  assert(!/ran to end/.test(await statusText()), 'the run was cancelled, not finished');
  // Typing in the editor while the run computes.
  await page.click('[data-testid=run-to-end]');
  const ed = page.locator('[data-testid=manifest-editor]');
  await ed.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n# typed while it runs');
  assert((await ed.inputValue()).endsWith('# typed while it runs'), 'the editor took the keystrokes');
  await page.waitForFunction(() => /ran to end in/.test(document.querySelector('[data-testid=run-status]').textContent), null, { timeout: 120000 });
  await page.waitForSelector('[data-testid=job][data-condition=Complete]');
  // No cards for 111,246 pods: counts, a chart and the index map instead.
  assert(await page.locator('[data-testid=pod]').count() === 0, 'no pod cards at this scale');
  const col = async (c) => Number(await page.locator(`[data-testid=column-count][data-column=${c}]`).textContent());
  const done = await col('Completed'), errors = await col('Error');
  const chart = page.locator('[data-testid=phase-chart]');
  assert(Number(await chart.getAttribute('data-succeeded')) === done, `chart succeeded ${await chart.getAttribute('data-succeeded')} = Completed column ${done}`);
  assert(Number(await chart.getAttribute('data-failed')) === errors, `chart failed = Error column ${errors}`);
  assert(Number(await chart.getAttribute('data-running')) === 0 && Number(await chart.getAttribute('data-pending')) === 0, 'nothing left running');
  const map = page.locator('[data-testid=index-map][data-job=bench]');
  assert(Number(await map.getAttribute('data-succeeded')) === done, `every index succeeded once: map ${await map.getAttribute('data-succeeded')} vs ${done}`);
  const retried = Number(await map.getAttribute('data-retried'));
  assert(retried > 0 && retried <= errors, `indexes retried after a failure: ${retried} (failed pods ${errors})`);
  assert(Number(await map.getAttribute('data-active')) === 0, 'no index active at the end');
  // Back to 10 s: index 0's first pod was running then.
  await seekTo(10000);
  assert(await clockText() === '+00:00:10', `clock at ${await clockText()}`);
  assert(Number(await map.getAttribute('data-active')) > 0, 'indexes active at 10 s');
  await page.fill('[data-testid=pod-search]', 'bench-0-');
  await page.waitForSelector('[data-testid=pod][data-status=Running]');
  const found = await page.locator('[data-testid=pod]').first().getAttribute('data-name');
  assert(/^bench-0-[a-z0-9]{5}$/.test(found), `found ${found}`);
});

let perf = {};
if (wantPerf) {
  await test('performance figures', async () => {
    // First render: navigation start to the editor being interactive.
    const loads = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(base);
      await page.waitForSelector('[data-testid=manifest-editor]');
      loads.push(await page.evaluate(() => performance.now()));
    }
    perf.firstRenderMs = Math.min(...loads);
    const runToEnd = async (text, condition) => {
      await fresh();
      await setText(text);
      await page.click('[data-testid=apply]');
      await page.waitForSelector('[data-testid=job]');
      await page.click('[data-testid=run-to-end]');
      await page.waitForSelector(`[data-testid=job][data-condition=${condition}]`, { timeout: 60000 });
      await page.waitForFunction(() => /ran to end in/.test(document.querySelector('[data-testid=run-status]').textContent));
      const t = await page.locator('[data-testid=run-status]').textContent();
      return Number(t.match(/([0-9.]+) ms/)[1]);
    };
    perf.runToEndSeedMs = await runToEnd(fixture('abnormal-end.yaml'), 'Failed');
    const big = `apiVersion: batch/v1
kind: Job
metadata: {name: big}
spec:
  completionMode: Indexed
  completions: 10000
  parallelism: 500
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: w, image: busybox:1.36, command: [sh, -c, "sleep 30"]}
---
apiVersion: jobsim/v1alpha1
kind: Scenario
spec:
  nodes: [${Array.from({ length: 20 }, (_, i) => `{name: n${i}, cpu: "64", memory: 256Gi, pods: 300}`).join(', ')}]
`;
    perf.runToEnd10kPodsMs = await runToEnd(big, 'Complete');
    // Frame times while playing at 60x with 1,000 pods on screen.
    const thousand = big.replace('completions: 10000', 'completions: 1000').replace('parallelism: 500', 'parallelism: 1000').replace('sleep 30', 'sleep 3600');
    await fresh();
    await setText(thousand);
    await page.click('[data-testid=apply]');
    await page.waitForSelector('[data-testid=job]');
    await page.click('button:has-text("60×")');
    await page.click('[data-testid=play]');
    perf.frames = await page.evaluate(() => new Promise((ok) => {
      const times = [];
      let last = performance.now();
      const end = last + 5000;
      function f(now) {
        times.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(f); else ok(times);
      }
      requestAnimationFrame(f);
    }));
    perf.podsOnScreen = await page.locator('[data-testid=pod]').count();
    const sorted = [...perf.frames].sort((a, b) => a - b);
    perf.frameP95Ms = sorted[Math.floor(sorted.length * 0.95)];
    perf.frameMaxMs = sorted[sorted.length - 1];
    perf.frameCount = sorted.length;
    delete perf.frames;

    // The benchmark scenario (tests/fixtures/bench-100k.yaml, what
    // `jobsim bench` runs): the core alone in this page, then the page.
    const bench = fixture('bench-100k.yaml');
    await fresh();
    const coreRuns = [];
    for (let i = 0; i < 3; i++) coreRuns.push(await page.evaluate((t) => window.wasmBindings.core_run_ms(t), bench));
    perf.benchCoreWasmMs = Math.round(Math.min(...coreRuns));
    await setText(bench);
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=manifest-editor]').dataset.checkMs) > 0);
    perf.benchKeystrokeValidationMs = Number(await page.locator('[data-testid=manifest-editor]').getAttribute('data-check-ms'));
    perf.benchApplyMs = await page.evaluate(() => {
      const t0 = performance.now();
      document.querySelector('[data-testid=apply]').click();
      return performance.now() - t0;
    });
    await page.waitForSelector('[data-testid=job]');
    await page.evaluate(() => {
      window.__frames = [];
      window.__runFrames = true;
      let last = performance.now();
      const f = (now) => { if (window.__runFrames) { window.__frames.push(now - last); last = now; requestAnimationFrame(f); } };
      requestAnimationFrame(f);
    });
    await page.click('[data-testid=run-to-end]');
    await page.waitForFunction(() => /ran to end in/.test(document.querySelector('[data-testid=run-status]').textContent), null, { timeout: 120000 });
    const runFrames = await page.evaluate(() => { window.__runFrames = false; return window.__frames.slice(1, -1); });
    const st = await statusText();
    perf.benchRunToEndMs = Number(st.match(/in ([0-9.]+) ms/)[1]);
    perf.benchRunSimulatingMs = Number(st.match(/simulating ([0-9.]+) ms/)[1]);
    perf.benchRatioToCore = +(perf.benchCoreWasmMs / perf.benchRunToEndMs).toFixed(2);
    const rs = [...runFrames].sort((a, b) => a - b);
    perf.benchFrameP95Ms = rs[Math.floor(rs.length * 0.95)];
    perf.benchFrames = rs.length;
    const horizon = Number(await page.locator('.scrubber').getAttribute('max'));
    let worst = 0, worstInPage = 0, worstPainted = 0;
    for (const frac of [0.5, 0.1, 0.9, 0.3, 0.75, 0]) {
      const t0 = Date.now();
      const target = Math.round(horizon * frac / 1000) * 1000;
      // What a user waits for: from the scrubber's input event to the
      // first frame painted after the clock got there (all in the page).
      const painted = await page.evaluate((t) => new Promise((ok) => {
        const s = document.querySelector('.scrubber');
        const status = document.querySelector('[data-testid=run-status]');
        s.max = String(Math.max(Number(s.max), t));
        s.value = String(t);
        const start = performance.now();
        s.dispatchEvent(new Event('input', { bubbles: true }));
        const poll = () => {
          if (/moving the clock/.test(status.textContent)) { requestAnimationFrame(poll); return; }
          requestAnimationFrame(() => ok(performance.now() - start));
        };
        requestAnimationFrame(poll);
      }), target);
      worst = Math.max(worst, Date.now() - t0);
      worstPainted = Math.max(worstPainted, painted);
      worstInPage = Math.max(worstInPage, Number(await page.locator('[data-testid=run-status]').getAttribute('data-seek-ms')));
    }
    // Wall time includes the test's round trip; painted is input to the
    // next frame after the move, in the page; the seek itself is restoring
    // a checkpoint and replaying to the target.
    perf.benchWorstSeekMs = worst;
    perf.benchWorstSeekPaintedMs = Math.round(worstPainted);
    perf.benchWorstSeekInPageMs = worstInPage;
    perf.benchWasmMemoryMiB = +((await page.evaluate(() => window.wasmBindings.wasm_memory_bytes())) / 1048576).toFixed(1);
    const ms = (k) => `${perf[k]} ms`;
    console.log(`benchmark in the browser: core alone ${ms('benchCoreWasmMs')}; run to end ${ms('benchRunToEndMs')} (simulating ${ms('benchRunSimulatingMs')}, the rest views, rendering and frame waits), ratio ${perf.benchRatioToCore}; Apply ${perf.benchApplyMs.toFixed(1)} ms, keystroke validation ${perf.benchKeystrokeValidationMs} ms; p95 frame ${perf.benchFrameP95Ms.toFixed(1)} ms over ${perf.benchFrames} frames; worst clock move ${perf.benchWorstSeekPaintedMs} ms from input to painted frame (the seek itself ${worstInPage} ms; ${worst} ms with the test's round trip); wasm memory ${perf.benchWasmMemoryMiB} MiB`);
    // Bundle size (wasm + js + css, gzip).
    // The page's load; the tools worker (fetched on first use) apart.
    let raw = 0, gz = 0, tools = 0;
    for (const f of fs.readdirSync(dist)) {
      if (!/\.(wasm|js|css)$/.test(f)) continue;
      const b = fs.readFileSync(path.join(dist, f));
      const g = zlib.gzipSync(b, { level: 9 }).length;
      if (f.startsWith('tools')) { tools += g; continue; }
      raw += b.length;
      gz += g;
    }
    perf.bundleBytes = raw;
    perf.bundleGzipBytes = gz;
    perf.toolsWorkerGzipBytes = tools;
    console.log('perf', JSON.stringify(perf, null, 2));
    fs.mkdirSync(path.join(root, 'tests/artifacts'), { recursive: true });
    fs.writeFileSync(path.join(root, 'tests/artifacts/perf.json'), JSON.stringify(perf, null, 2));
  });
}

if (shotAt) {
  await fresh();
  await setText(fixture('abnormal-end.yaml'));
  await page.click('[data-testid=apply]');
  await page.waitForSelector('[data-testid=job]');
  const input = page.locator('[data-testid=kubectl-input]');
  await page.evaluate(() => {});
  // Stop mid-way through the back-off so the "next pod in" line shows.
  await page.locator('.scrubber').evaluate((el) => { el.max = '300000'; });
  await page.locator('.scrubber').fill('200000');
  await input.fill('get pods');
  await input.press('Enter');
  await input.blur();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.resolve(root, shotAt), fullPage: false });
  console.log('screenshot', shotAt);
}

await browser.close();
server.close();
const failed = results.filter(([, r]) => r !== 'ok').length;
console.log(`\n${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
