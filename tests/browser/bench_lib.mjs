// What the browser benchmarks share (figures, not pass/fail): their command line, medians and
// units, the 1,000,000-line server, and signing in as a customer up to the contract screen with
// every line in the table.
import fs from 'node:fs';
import path from 'node:path';

import { clickWidget, fillWidget, newPortalContext, openPortal, waitForScreen, waitForState } from './browser.mjs';
import { waitForCode } from './mail.mjs';
import { IDS, openContract, submitLogin } from './portal.mjs';
import { PortalServer } from './server.mjs';

// The word after `name` on the command line (`--top 40` → '40'); undefined when absent.
export function argValue(name) {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

// --runs N (default `runs`), --skip-million, and for bench.mjs: --lines N[,N…] (the companies'
// sizes; default 100000,1000000, or 100000 with --skip-million), --lines-only (only the lines
// rows), --seed-cache DIR (see startLinesServer) and --worker (the page is opened with
// ?decoder=worker, so the lines decode in the Web Worker instead of on the main thread).
export function benchArgs(runs = 3) {
  const args = process.argv.slice(2);
  const skipMillion = args.includes('--skip-million');
  const lines = (argValue('--lines') || (skipMillion ? '100000' : '100000,1000000')).split(',').map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  return { runs: Number(argValue('--runs')) || runs, skipMillion, lines, linesOnly: args.includes('--lines-only'),
           seedCache: argValue('--seed-cache') || '', worker: args.includes('--worker') };
}

export const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

// The middle value (the lower of the two middle ones for an even count); NaN for none.
export const median = (values) => {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
};
export const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 0)} ms` : 'n/a');
export const kb = (v) => (Number.isFinite(v) ? `${(v / 1024).toFixed(0)} KiB` : 'n/a');
export const mb = (v) => (Number.isFinite(v) ? `${(v / 1048576).toFixed(1)} MiB` : 'n/a');

// The demo company with `lines` lines. Seeding is timed and printed (one transaction; at
// 1,000,000 lines about 15 s of CPU, minutes of wall clock on the loaded 2 cores). With
// `seedCache`, a database seeded once (with its secret key) is kept in that folder per size and
// copied in before the start: the first start after a restart is still cold (nothing of the
// customer in the server's memory), only the seeding is skipped.
export async function startLinesServer(lines, { seedCache = '' } = {}) {
  const server = new PortalServer({ env: { PORTAL_DEMO_LARGE_LINES: String(lines) }, readyTimeoutMs: 1800000 });
  const cached = seedCache ? path.join(seedCache, `lines-${lines}`) : '';
  const databaseFiles = (dir) => fs.readdirSync(dir).filter((f) => f.startsWith('portal.db') || f === 'secret.key');
  if (cached && fs.existsSync(path.join(cached, 'portal.db')) && fs.existsSync(path.join(cached, 'secret.key'))) {
    for (const f of databaseFiles(cached)) fs.copyFileSync(path.join(cached, f), path.join(server.dir, f));
    await server.start();
    console.error(`${lines.toLocaleString('en')}-line server started on the seeded copy in ${cached}`);
    return server;
  }
  const started = Date.now();
  await server.start();
  const seconds = (Date.now() - started) / 1000;
  console.error(`${lines.toLocaleString('en')}-line server seeded in ${seconds.toFixed(1)} s (load ${loadAverage()})`);
  if (cached) {
    await server.stop();  // a consistent copy: no write in flight, the WAL folded in
    fs.mkdirSync(cached, { recursive: true });
    for (const f of databaseFiles(server.dir)) fs.copyFileSync(path.join(server.dir, f), path.join(cached, f));
    await server.start();
  }
  server.seedSeconds = seconds;
  return server;
}

export const startMillionServer = () => startLinesServer(1000000);

// The table holds every line (the first rows shown while the rest arrive do not count).
export const tableComplete = (s) => s.lines.loaded && s.rowCount === s.totalRows && s.firstRows.length > 0;

// A fresh context logged in as `id` up to the code screen, the mailed code typed but not sent:
// what the benchmarks time starts with the click on IDS.codeSubmit.
// `worker`: the page is opened with ?decoder=worker (the lines decode in a Web Worker).
export async function signInToCode(browser, server, id, { worker = false } = {}) {
  const context = await newPortalContext(browser, server, { viewport: { width: 1280, height: 1400 } });
  const page = await openPortal(context, { url: worker ? '/?decoder=worker' : '/', timeoutMs: 60000 });
  const before = await submitLogin(page, server, id);
  await waitForScreen(page, 'code');
  const { code } = await waitForCode(server.outbox, { afterCount: before });
  await fillWidget(page, IDS.codeInput, code);
  return { context, page };
}

// A fresh context signed in as `id` on the contract screen with every line in the table.
// `beforeCode(page)` runs with the code typed, just before it is sent; `started` is the harness's
// clock then.
export async function contractWithTable(browser, server, id, { timeoutMs = 300000, beforeCode = async () => {} } = {}) {
  const { context, page } = await signInToCode(browser, server, id);
  await beforeCode(page);
  const started = Date.now();
  await clickWidget(page, IDS.codeSubmit);
  await waitForScreen(page, 'menu', 60000);
  await openContract(page, timeoutMs);
  await waitForState(page, tableComplete, 'table drawn', timeoutMs);
  return { context, page, started };
}

// The tab's WebAssembly memory (it only grows, so this is its peak) and the JS heap in use.
export async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  const wasm = await page.evaluate(() => {
    const m = window.Module;
    const buffer = m && (m.HEAPU8 || m.HEAP8) ? (m.HEAPU8 || m.HEAP8).buffer : null;
    return buffer ? buffer.byteLength : NaN;
  });
  return { heap, wasm };
}
