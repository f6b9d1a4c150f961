// Browser test of the dashboard in Debian's headless Chromium, driven over the DevTools
// protocol with puppeteer-core: starts `geobalance serve` on a free port with a fresh store,
// loads the page, moves one control (the population weight to 0), and checks that the power
// answers change while every other answer stays the same (the weights feed only the
// composite index; the seed is unchanged). Screenshots at 1400 and 800 px go to --out.
//
// Usage: node test/browser.mjs --cli build/bin/geobalance --out build/artefacts
// Exit status: 0 pass, 1 fail, 77 skipped (Chromium or the CLI absent; the reason is printed).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const cli = resolve(args.cli || process.env.GEOBALANCE_CLI || '../build/bin/geobalance');
const out = resolve(args.out || 'artefacts');
const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const chromium = process.env.CHROMIUM || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

function skip(msg) {
  console.log(`SKIP: ${msg}`);
  process.exit(77);
}
if (!chromium) skip('no Chromium (Debian package chromium; tools/setup.sh installs it)');
if (!existsSync(join(webDir, 'dist', 'index.html'))) skip('the page is not built (cd web && npm ci && npm run build)');
if (!existsSync(cli)) skip(`no geobalance CLI at ${cli} (build the geobalance_cli target)`);
let puppeteer;
try {
  puppeteer = (await import('puppeteer-core')).default;
} catch {
  skip('puppeteer-core is not installed (cd web && npm ci)');
}

const work = mkdtempSync(join(tmpdir(), 'geobalance-browser-'));
const server = spawn(cli, ['serve', '--port', '0', '--store', join(work, 'runs.sqlite'), '--web', join(webDir, 'dist')], { stdio: ['ignore', 'pipe', 'pipe'] });
let log = '';
const url = await new Promise((ok, fail) => {
  const t = setTimeout(() => fail(new Error(`serve did not print its address:\n${log}`)), 60000);
  server.stdout.on('data', (d) => {
    log += d;
    const m = /http:\/\/[^\s]+/.exec(log);
    if (m) { clearTimeout(t); ok(m[0]); }
  });
  server.stderr.on('data', (d) => { log += d; });
  server.on('exit', (code) => fail(new Error(`serve exited with ${code}:\n${log}`)));
});

const failures = [];
const check = (cond, msg) => { if (!cond) failures.push(msg); console.log(`${cond ? 'ok  ' : 'FAIL'} ${msg}`); };
let browser;
try {
  browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  const ready = () => page.waitForFunction(() => document.body.dataset.state === 'ready' && document.querySelectorAll('[data-answer-id]').length > 0, { timeout: 120000 });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  await ready();
  const firstRender = Date.now() - t0;
  const answers = () => page.$$eval('[data-answer-id]', (els) => els.map((e) => ({ id: e.dataset.answerId, module: e.dataset.module, value: e.dataset.value })));
  const before = await answers();
  const run0 = await page.evaluate(() => document.body.dataset.runId);
  check(before.length > 0, `page shows ${before.length} key judgements (run ${run0})`);
  check((await page.$$('svg.chart')).length >= 3, 'page draws the charts');

  // Move one control: the population weight to 0.
  await page.$eval('#weight-tpop', (el) => { el.value = '0'; el.dispatchEvent(new Event('input')); el.dispatchEvent(new Event('change')); });
  await page.waitForFunction((r) => document.body.dataset.runId !== r && document.body.dataset.state === 'ready', { timeout: 120000 }, run0);
  await page.waitForFunction(() => document.querySelectorAll('[data-compare-id]').length > 0, { timeout: 60000 });
  const after = await answers();
  const run1 = await page.evaluate(() => document.body.dataset.runId);
  const by = Object.fromEntries(after.map((a) => [a.id, a]));
  for (const a of before) {
    const b = by[a.id];
    // The crisis game reads the US/Russian capability ratio from the same index: it may move too.
    if (a.module === 'games') continue;
    if (a.module === 'power') check(b && b.value !== a.value, `${a.id} (power) moved: ${a.value} -> ${b && b.value}`);
    else check(b && b.value === a.value, `${a.id} (${a.module}) stayed at ${a.value}`);
  }
  const moved = await page.$$eval('[data-compare-id]', (els) => els.map((e) => ({ id: e.dataset.compareId, moved: e.dataset.moved === 'true' })));
  for (const m of moved) {
    const mod = by[m.id] && by[m.id].module;
    if (mod === 'games') continue;
    check(m.moved === (mod === 'power'), `comparison table marks ${m.id} as ${m.moved ? 'moved' : 'same'}`);
  }
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: join(out, 'serve-dashboard-1400.png'), fullPage: true });
  await page.setViewport({ width: 800, height: 1000 });
  await new Promise((r) => setTimeout(r, 300));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  check(overflow <= 800, `no horizontal scrolling at 800 px (page width ${overflow})`);
  await page.screenshot({ path: join(out, 'serve-dashboard-800.png'), fullPage: true });
  writeFileSync(join(out, 'serve-browser.json'), JSON.stringify({ url, run_before: run0, run_after: run1, first_render_ms: firstRender, before, after }, null, 1));
  console.log(`first render: ${firstRender} ms; screenshots in ${out}`);
} catch (e) {
  failures.push(String(e && e.stack ? e.stack : e));
  console.log(`FAIL ${e}`);
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
process.exit(failures.length ? 1 : 0);
