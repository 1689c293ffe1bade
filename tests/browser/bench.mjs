// Browser benchmark (figures, not pass/fail): headless Chromium on loopback against the real
// server. Prints markdown tables of medians with the targets and baselines measured in the same
// run: for loading the lines, a bare fetch() of the same payload in the same page (bench_lines.mjs);
// for searching, a plain-JavaScript JSON.parse + Array.filter + sort on the same lines.
//   nice node tests/browser/bench.mjs [--runs N] [--lines 100000,1000000 | --skip-million]
//                                     [--lines-only] [--seed-cache DIR] [--timeline] [--worker]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { benchArgs, kb, loadAverage, mb, median, memory, ms, startLinesServer } from './bench_lib.mjs';
import { bareFetches, timedLinesLoad } from './bench_lines.mjs';
import { clickWidget, fillWidget, launchChromium, newPortalContext, scrollToWidget, waitForState } from './browser.mjs';
import { IDS } from './portal.mjs';
import { PortalServer, checkPrerequisites, webRoot } from './server.mjs';

const { runs: RUNS, lines: SIZES, linesOnly: LINES_ONLY, seedCache: SEED_CACHE, worker: WORKER } = benchArgs(3);

function compressedSizes() {
  const sizeOf = (name, compress) => {
    const file = path.join(webRoot(), name);
    return fs.existsSync(file) ? compress(fs.readFileSync(file)).length : NaN;
  };
  const gzip = (b) => zlib.gzipSync(b, { level: 9 });
  const brotli = (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
  return {
    wasmGzip: sizeOf('portal.wasm', gzip), wasmBrotli: sizeOf('portal.wasm', brotli),
    jsGzip: sizeOf('portal.js', gzip) + sizeOf('boot.js', gzip),
    jsBrotli: sizeOf('portal.js', brotli) + sizeOf('boot.js', brotli),
  };
}

// Cold load: a fresh context (empty cache) to the login screen ready, and the bytes on the wire.
// `inPage` is the page's own clock from navigation start to the moment the client declares itself
// ready (body.portal-ready: the login screen drawn with the Japanese font, loading overlay gone);
// `elapsed` adds the harness's goto and polling around it.
async function coldLoad(browser, server) {
  const context = await newPortalContext(browser, server);
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.body && document.body.classList.contains('portal-ready')) {
        window.__portalReadyAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { attributes: true, subtree: true, attributeFilter: ['class'] });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  const started = Date.now();
  await page.goto('/');
  await waitForState(page, (s) => s.screen === 'login' && s.ready !== false, 'login ready', 60000);
  const elapsed = Date.now() - started;
  const inPage = await page.evaluate(() => window.__portalReadyAt);
  await context.close();
  return { elapsed, inPage, bytes };
}

// One keystroke (the 8th digit of a prefix) to the next frame drawn with the filtered table.
async function keystrokeToFrame(page, prefix) {
  await fillWidget(page, IDS.searchPrefix, prefix.slice(0, 7));
  await waitForState(page, (s) => s.fields.phonePrefix === prefix.slice(0, 7), 'prefix typed', 30000);
  const beforeCount = (await waitForState(page, () => true, 'state')).rowCount;
  await page.evaluate((expected) => {
    window.__bench = new Promise((resolve) => {
      let pressed = 0;
      window.addEventListener('keydown', () => { pressed = performance.now(); }, { once: true, capture: true });
      // Registered after the client's own frame callback, so this runs once its frame is drawn.
      const tick = () => {
        const s = window.portalTest.state();
        if (pressed && s.fields.phonePrefix === expected && s.lines.firstVisibleIndex === 0) {
          resolve({ frame: performance.now() - pressed, query: s.lines.lastQueryMs, rows: s.rowCount });
        } else {
          requestAnimationFrame(tick);
        }
      };
      requestAnimationFrame(tick);
    });
  }, prefix);
  await page.keyboard.type(prefix.slice(7));
  const result = await page.evaluate(() => window.__bench);
  return { ...result, beforeCount };
}

// The baseline: the same lines as an array of objects built in the page from the columnar JSON,
// then JSON.parse of that array, filter by prefix + in service, sort by phone.
async function javascriptBaseline(page, prefix, asOf) {
  return page.evaluate(async ({ prefix, asOf }) => {
    const columnar = await (await fetch('/api/v1/lines?format=json', { credentials: 'same-origin' })).json();
    const keys = Object.keys(columnar.columns);
    const rows = [];
    for (let i = 0; i < columnar.count; i++) {
      const row = {};
      for (const k of keys) row[k] = columnar.columns[k][i];
      rows.push(row);
    }
    const text = JSON.stringify(rows);
    const t0 = performance.now();
    const parsed = JSON.parse(text);
    const t1 = performance.now();
    const filtered = parsed.filter((r) => r.phone.startsWith(prefix) && (!r.end_date || r.end_date >= asOf));
    const t2 = performance.now();
    filtered.sort((a, b) => (a.phone < b.phone ? -1 : a.phone > b.phone ? 1 : 0));
    const t3 = performance.now();
    const all = parsed.filter((r) => !r.end_date || r.end_date >= asOf);
    all.sort((a, b) => (a.phone < b.phone ? -1 : a.phone > b.phone ? 1 : 0));
    const t4 = performance.now();
    return { parse: t1 - t0, filterPrefix: t2 - t1, sort: t3 - t2, filterSortAll: t4 - t3, jsonBytes: text.length,
             matched: filtered.length };
  }, { prefix, asOf });
}

async function csvAllLines(page) {
  await scrollToWidget(page, IDS.csvDownload, [IDS.contractBack, IDS.tableCount, IDS.searchSubmit]);
  await clickWidget(page, IDS.csvScopeAll);
  await clickWidget(page, IDS.csvUtf8);
  const saved = page.waitForEvent('download', { timeout: 120000 });
  const started = Date.now();
  await clickWidget(page, IDS.csvDownload);
  const file = await saved;
  const elapsed = Date.now() - started;
  return { elapsed, bytes: fs.statSync(await file.path()).size };
}

// Each run signs in twice: right after a server restart (cold: nothing of the customer in the
// server's memory; the warm-up at the password step starts loading while the code is typed), then
// again with the server warm. Each sign-in is followed by the bare fetches in the same page. The
// keystroke, CSV and JS baseline figures come from the first warm run (not with --lines-only).
async function measureCompany(browser, server, runs, extras) {
  const out = { cold: [], warm: [], frame: [], query: [], base: [], csv: [], rows: 0, csvBytes: 0,
                loadBefore: loadAverage(), loadAfter: '' };
  for (let run = 0; run < runs; run++) {
    for (const kind of ['cold', 'warm']) {
      if (kind === 'cold') await server.restart();
      const timed = await timedLinesLoad(browser, server, 'demo-large', { worker: WORKER });
      const { page } = timed;
      const state = await waitForState(page, () => true, 'state');
      out.rows = state.totalRows;
      // Before the bare fetches, whose buffers would count in the same page's heap.
      const mem = await memory(page);
      const bare = await bareFetches(page);
      out[kind].push({ ...timed, page: undefined, context: undefined, heapAfter: mem.heap, bare });
      console.error(`${out.rows} lines, ${kind}: code → table ${ms(timed.tableMs)} (on screen ${ms(timed.tableShownMs)}), first rows ${ms(timed.firstRowsMs)}, ` +
                    `bare PLN1 ${ms(bare.v1)}, touched ahead ${mb(timed.touchedAhead.touched)} of ${mb(timed.touchedAhead.asked)} ` +
                    `(load ${loadAverage()})`);
      if (process.argv.includes('--timeline')) {  // each frame: ms after the code, screen, contract in, rows in, loaded
        console.error(`  frames: ${timed.ticks.map((t) => t.join(' ')).join(' | ')}`);
        console.error(`  requests (path sent answered): ${timed.requestSpans.map((r) => r.join(' ')).join(' | ')}`);
      }
      if (extras && kind === 'warm' && run === 0) {
        const phone = state.firstRows[Math.min(5, state.firstRows.length - 1)][1];
        const key = await keystrokeToFrame(page, phone.slice(0, 8));
        out.frame.push(key.frame);
        out.query.push(key.query);
        const csv = await csvAllLines(page);
        out.csv.push(csv.elapsed);
        out.csvBytes = csv.bytes;
        out.base.push(await javascriptBaseline(page, phone.slice(0, 8), state.contract.asOf));
      }
      await timed.context.close();
    }
  }
  out.loadAfter = loadAverage();
  return out;
}

const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');

// Loading the lines, cold and warm server side by side, against the bare fetch of PLN1 measured
// in the same pages; then where the time went, step by step on the page's clock.
function linesTable(c, target, seedSeconds) {
  const n = c.rows.toLocaleString('en');
  const all = [...c.cold, ...c.warm];
  const v1 = median(all.map((x) => x.bare.v1));
  const v2 = median(all.map((x) => x.bare.v2));
  const m = (kind, f) => median(c[kind].map(f));
  const out = [];
  const row = (what, f, target = '', baseline = '') => out.push(`| ${what} | ${f('cold')} | ${f('warm')} | ${target} | ${baseline} |`);
  out.push(`\n**${n} lines** — median of ${c.cold.length} cold and ${c.warm.length} warm runs, load average ` +
           `${c.loadBefore} before, ${c.loadAfter} after${seedSeconds ? `; seeded in ${seedSeconds.toFixed(0)} s` : ''}; ` +
           `decoded ${WORKER ? 'in the Web Worker (--worker)' : 'on the page\'s main thread'}\n`);
  out.push('| code sent → … (page clock) | cold server | warm server | target | baseline: bare fetch() of PLN1 in the same page |');
  out.push('|---|--:|--:|--:|--:|');
  row('first rows drawn', (k) => ms(m(k, (x) => x.firstRowsMs)));
  row('every line loaded', (k) => ms(m(k, (x) => x.linesMs)));
  row('whole table drawn', (k) => ms(m(k, (x) => x.tableMs)), target, ms(v1));
  row('whole table drawn ÷ bare fetch of PLN1', (k) => ratio(m(k, (x) => x.tableMs), v1), '≤ 1.3×');
  row('whole table on screen (the next frame\'s start: layout and canvas read-back done)', (k) => ms(m(k, (x) => x.tableShownMs)));
  row('every line loaded ÷ bare fetch of PLN1', (k) => ratio(m(k, (x) => x.linesMs), v1));
  row('the same through the harness (its clicks and polling)', (k) => ms(m(k, (x) => x.elapsed)));
  out.push(`\nBare fetch() + arrayBuffer() in the same pages (median of ${all.length} pages × 3): PLN1 gzip ` +
           `${mb(all[0].bare.v1Bytes)} ${ms(v1)}; PLN2 ${mb(all[0].bare.v2Bytes)} ${ms(v2)} ` +
           `(${(all[0].bare.v2Bytes / c.rows).toFixed(1)} bytes per line, target ≤ 20; PLN1 gzip ` +
           `${(all[0].bare.v1Bytes / c.rows).toFixed(1)}).`);
  out.push(`Peak memory while loading: JS heap ${mb(Math.max(...all.map((x) => x.heapPeak)))} ` +
           `(${mb(Math.max(...all.map((x) => x.heapAfter)))} after, CDP), WASM ${mb(Math.max(...all.map((x) => x.wasmPeak)))}; ` +
           `made resident on the code screen before the code was sent: ${mb(Math.min(...all.map((x) => x.touchedAhead.touched)))} ` +
           `(at the least) of ${mb(all[0].touchedAhead.asked)}.\n`);
  out.push('| where the time goes, ms after the code was sent (median) | cold server | warm server |');
  out.push('|---|--:|--:|');
  const step = (what, f) => out.push(`| ${what} | ${ms(m('cold', f))} | ${ms(m('warm', f))} |`);
  step('code request answered (session)', (x) => x.verifyAnswered);
  step('/contract sent', (x) => x.contractSent);
  step('/lines sent', (x) => x.linesSent);
  step('/contract answered', (x) => x.contractAnswered);
  step('menu drawn (its 契約情報 entry on screen)', (x) => x.menuMs);
  step('menu entry clicked (by the page, next frame)', (x) => x.menuClickMs);
  step('contract screen drawn', (x) => x.contractMs);
  step('/lines first byte', (x) => x.linesFirstByte);
  step('progress bar drawn', (x) => x.progressMs);
  step('first rows drawn', (x) => x.firstRowsMs);
  step('/lines last byte', (x) => x.linesLastByte);
  step('every line loaded', (x) => x.linesMs);
  step('whole table drawn', (x) => x.tableMs);
  step('whole table on screen (next frame\'s start)', (x) => x.tableShownMs);
  step('client: request → answer complete (load.fetchMs)', (x) => x.load && x.load.fetchMs);
  step('client: decoding in WASM, all pieces, worker or page (load.decodeMs)', (x) => x.load && x.load.decodeMs);
  step('client: the worker\'s columns copied into WASM (load.adoptMs)', (x) => x.load && x.load.adoptMs);
  step('client: prepare the table (load.prepareMs)', (x) => x.load && x.load.prepareMs);
  out.push(`| frames drawn from the code to the table | ${median(c.cold.map((x) => x.frames))} | ${median(c.warm.map((x) => x.frames))} |`);
  out.push(`\nAPI calls after the code: ${[...new Set(all.map((x) => x.apiAfterCode.join(', ')))].join(' / ')}`);
  return out;
}

// The search and CSV rows (first warm run) against the plain-JS baseline.
function searchRows(add, c) {
  if (!c.frame.length) return;
  const n = c.rows.toLocaleString('en');
  const base = (f) => median(c.base.map(f));
  add(`keystroke → filtered table frame (${n} lines)`, ms(median(c.frame)), '≤ 16 ms',
      `JS filter ${ms(base((x) => x.filterPrefix))} + sort ${ms(base((x) => x.sort))}`);
  add('  of which the engine query (filter + sort)', ms(median(c.query)));
  add('  JS baseline: in-service filter + sort by phone of all lines', '', '', ms(base((x) => x.filterSortAll)));
  add(`  JS baseline: JSON.parse of ${mb(base((x) => x.jsonBytes))} array-of-objects`, '', '', ms(base((x) => x.parse)));
  add(`CSV of all lines (${mb(c.csvBytes)}, UTF-8, click → file)`, ms(median(c.csv)));
}
async function main() {
  checkPrerequisites();
  const browser = await launchChromium();
  const rows = [];
  const tables = [];
  const add = (what, value, target = '', baseline = '') => rows.push(`| ${what} | ${value} | ${target} | ${baseline} |`);
  try {
    if (!LINES_ONLY) {
      const server = new PortalServer();
      await server.start();
      const loads = [];
      for (let i = 0; i < RUNS; i++) loads.push(await coldLoad(browser, server));
      const sizes = compressedSizes();
      add('cold load to login screen ready (page clock, from navigation start)', ms(median(loads.map((l) => l.inPage))),
          '≤ 500 ms');
      add('  the same through the harness (goto + polling)', ms(median(loads.map((l) => l.elapsed))));
      add('bytes transferred (cold load, font included)', kb(median(loads.map((l) => l.bytes))));
      add('WASM + JS gzip / brotli (fonts apart)', `${kb(sizes.wasmGzip + sizes.jsGzip)} / ${kb(sizes.wasmBrotli + sizes.jsBrotli)}`,
          '≤ 1 MB');
      add('  of which WASM gzip / brotli', `${kb(sizes.wasmGzip)} / ${kb(sizes.wasmBrotli)}`);
      await server.dispose();
    }
    for (const lines of SIZES) {
      const server = await startLinesServer(lines, { seedCache: SEED_CACHE });
      try {
        const million = lines >= 1000000;
        const c = await measureCompany(browser, server, million && !LINES_ONLY ? Math.min(RUNS, 2) : RUNS, !LINES_ONLY && !million);
        tables.push(...linesTable(c, million ? '≤ 2 s' : '≤ 400 ms', server.seedSeconds));
        searchRows(add, c);
      } finally {
        await server.dispose();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`\n050 Portal browser benchmark — headless Chromium (/usr/bin/chromium, software GL), loopback, ` +
              `median of ${RUNS} runs (1,000,000 lines: of ${LINES_ONLY ? RUNS : Math.min(RUNS, 2)}), load average at the end ${loadAverage()}`);
  for (const line of tables) console.log(line);
  if (rows.length) {
    console.log('\n| measure | 050 Portal (WASM) | target | plain JS baseline |');
    console.log('|---|---|---|---|');
    for (const row of rows) console.log(row);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
