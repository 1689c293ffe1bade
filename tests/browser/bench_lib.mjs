// What the browser benchmarks share (figures, not pass/fail): their command line, medians and
// units, the 1,000,000-line server, and signing in as a customer up to the contract screen with
// every line in the table.
import { clickWidget, fillWidget, newPortalContext, openPortal, waitForScreen, waitForState } from './browser.mjs';
import { waitForCode } from './mail.mjs';
import { IDS, openContract, submitLogin } from './portal.mjs';
import { PortalServer } from './server.mjs';

// --runs N (default `runs`) and --skip-million.
export function benchArgs(runs = 3) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--runs');
  return { runs: (at >= 0 && Number(args[at + 1])) || runs, skipMillion: args.includes('--skip-million') };
}

// The middle value (the lower of the two middle ones for an even count); NaN for none.
export const median = (values) => {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
};
export const ms = (v) => (Number.isFinite(v) ? `${v.toFixed(v < 10 ? 2 : 0)} ms` : 'n/a');
export const kb = (v) => (Number.isFinite(v) ? `${(v / 1024).toFixed(0)} KiB` : 'n/a');
export const mb = (v) => (Number.isFinite(v) ? `${(v / 1048576).toFixed(1)} MiB` : 'n/a');

// The demo company with 1,000,000 lines: seeding it takes minutes on a loaded machine.
export async function startMillionServer() {
  const server = new PortalServer({ env: { PORTAL_DEMO_LARGE_LINES: '1000000' }, readyTimeoutMs: 900000 });
  const started = Date.now();
  await server.start();
  console.error(`1,000,000-line server seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return server;
}

// The table holds every line (the first rows shown while the rest arrive do not count).
export const tableComplete = (s) => s.lines.loaded && s.rowCount === s.totalRows && s.firstRows.length > 0;

// A fresh context signed in as `id` on the contract screen with every line in the table.
// `beforeCode(page)` runs with the code typed, just before it is sent; `started` is the harness's
// clock then.
export async function contractWithTable(browser, server, id, { timeoutMs = 300000, beforeCode = async () => {} } = {}) {
  const context = await newPortalContext(browser, server, { viewport: { width: 1280, height: 1400 } });
  const page = await openPortal(context, 60000);
  const before = await submitLogin(page, server, id);
  await waitForScreen(page, 'code');
  const { code } = await waitForCode(server.outbox, { afterCount: before });
  await fillWidget(page, IDS.codeInput, code);
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
