// Time to first render of the dashboard in headless Chromium: from navigation to the first
// run's key judgements on screen (body[data-state=ready]), over 5 fresh page loads (each
// loads the scenario list and description and makes the baseline run). Prints the median.
// Usage: node test/first_render.mjs --cli build/bin/geobalance
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = resolve(args.cli || '../build/bin/geobalance');
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!chromium || !existsSync(cli) || !existsSync(join(webDir, 'dist', 'index.html'))) {
  console.log('time to first render: skipped (Chromium, the CLI or the built page absent)');
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'geobalance-render-'));
const server = spawn(cli, ['serve', '--port', '0', '--store', join(work, 'runs.sqlite'), '--web', join(webDir, 'dist')], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((ok) => {
  let log = '';
  server.stdout.on('data', (d) => { log += d; const m = /http:\/\/\S+/.exec(log); if (m) ok(m[0]); });
});
const browser = await puppeteer.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const times = [];
try {
  for (let i = 0; i < 5; ++i) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 1000 });
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => document.body.dataset.state === 'ready', { timeout: 120000 });
    times.push(Date.now() - t0);
    await page.close();
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
times.sort((a, b) => a - b);
console.log(`time to first render (navigation to key judgements, 5 loads): median ${times[2]} ms, min ${times[0]} ms, max ${times[4]} ms`);
