// Browser benchmark (figures, not pass/fail): headless Chromium on
// loopback against the real server. Prints a markdown table of medians with the targets, and a
// plain-JavaScript baseline (JSON.parse + Array.filter + sort) run on the same lines in the same page.
//   node tests/browser/bench.mjs [--runs N] [--skip-million]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

import { benchArgs, contractWithTable, kb, mb, median, memory, ms, startMillionServer } from './bench_lib.mjs';
import { animationFrames, clickWidget, fillWidget, launchChromium, newPortalContext, scrollToWidget,
         waitForState } from './browser.mjs';
import { IDS } from './portal.mjs';
import { PortalServer, checkPrerequisites, webRoot } from './server.mjs';

const { runs: RUNS, skipMillion: SKIP_MILLION } = benchArgs(3);

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

// Timestamps on the page's clock: the last mousedown on the canvas, and the first animation frame
// after the client's frame in which a condition on its state held.
async function watchPage(page) {
  await page.evaluate(() => {
    window.__bench = { mousedowns: [], firstRowsAt: 0, linesAt: 0, tableAt: 0 };
    document.getElementById('canvas').addEventListener('mousedown', () => {
      window.__bench.mousedowns.push(performance.now());
    }, { capture: true });
    const tick = () => {
      const s = window.portalTest.state();
      const b = window.__bench;
      if (!b.linesAt && s.totalRows > 0) b.linesAt = performance.now();
      const onContract = s.screen === 'contract';
      if (!b.firstRowsAt && onContract && (s.lines.firstRowsOnly > 0 || s.firstRows.length > 0)) {
        b.firstRowsAt = performance.now();
      }
      if (!b.tableAt && onContract && s.lines.loaded && s.rowCount === s.totalRows && s.firstRows.length > 0) {
        b.tableAt = performance.now();
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

// Logs in as `id`; returns the page on the contract screen, the harness's wall time from sending
// the code to the table drawn with every line (`elapsed`, the menu click and the harness's polling
// included), and the page's own figures: code sent → lines loaded (they load while the menu
// shows), code sent → first rows shown and → table drawn, and the menu click → table drawn.
async function loginTimed(browser, server, id) {
  const { context, page, started } = await contractWithTable(browser, server, id, { beforeCode: watchPage });
  await animationFrames(page, 1);
  const elapsed = Date.now() - started;
  const b = await page.evaluate(() => window.__bench);
  const [codeSent, menuClick] = [b.mousedowns[0], b.mousedowns[b.mousedowns.length - 1]];
  return {
    context, page, elapsed, linesMs: b.linesAt - codeSent, firstRowsMs: b.firstRowsAt - codeSent,
    tableMs: b.tableAt - codeSent, menuToTableMs: b.tableAt - menuClick,
  };
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

// The baseline for loading the lines: a bare fetch() + arrayBuffer() of the same payload in the
// same page, version 1 (PLN1, gzip: what the client fetched before) and version 2 (PLN2), each
// once unmeasured (the server encodes on first use) then alternately, median of `times`.
async function bareFetches(page, times = 3) {
  return page.evaluate(async (times) => {
    const forms = {
      v1: 'application/vnd.portal050.lines',
      v2: 'application/vnd.portal050.lines; version=2',
    };
    const once = async (accept) => {
      const t0 = performance.now();
      const response = await fetch('/api/v1/lines', { credentials: 'same-origin', cache: 'no-store', headers: { Accept: accept } });
      const buffer = await response.arrayBuffer();
      return { ms: performance.now() - t0, bytes: buffer.byteLength };
    };
    const out = { v1: [], v2: [], v1Bytes: 0, v2Bytes: 0 };
    for (const key of Object.keys(forms)) await once(forms[key]);
    for (let i = 0; i < times; i++) {
      for (const key of Object.keys(forms)) {
        const r = await once(forms[key]);
        out[key].push(r.ms);
        out[`${key}Bytes`] = r.bytes;
      }
    }
    const median = (v) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
    return { v1: median(out.v1), v2: median(out.v2), v1Bytes: out.v1Bytes, v2Bytes: out.v2Bytes };
  }, times);
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

// Each run signs in twice: first right after a server restart (cold: nothing of the customer in
// the server's memory; the warm-up at the password step starts loading while the code is typed),
// then again with the server warm (the lines cached). The keystroke, CSV and JS baseline figures
// come from the first warm run.
async function measureCompany(browser, server, id, runs, withCsv) {
  const out = { cold: [], warm: [], frame: [], query: [], base: [], csv: [], heap: [], wasm: [], rows: 0, csvBytes: 0,
                payloadBytes: 0 };
  for (let run = 0; run < runs; run++) {
    for (const kind of ['cold', 'warm']) {
      if (kind === 'cold') await server.restart();
      const timed = await loginTimed(browser, server, id);
      const { page } = timed;
      const state = await waitForState(page, () => true, 'state');
      out.rows = state.totalRows;
      out.payloadBytes = state.lines.load.payloadBytes;
      // Before the bare fetches and the baseline, whose buffers would count in the same page's heap.
      const mem = await memory(page);
      out.heap.push(mem.heap);
      out.wasm.push(mem.wasm);
      out[kind].push({ ...timed, page: undefined, context: undefined, decode: state.lines.load.decodeMs,
                       bare: await bareFetches(page) });
      if (kind === 'warm' && run === 0) {
        const phone = state.firstRows[Math.min(5, state.firstRows.length - 1)][1];
        const key = await keystrokeToFrame(page, phone.slice(0, 8));
        out.frame.push(key.frame);
        out.query.push(key.query);
        if (withCsv) {
          const csv = await csvAllLines(page);
          out.csv.push(csv.elapsed);
          out.csvBytes = csv.bytes;
        }
        const after = await memory(page);
        out.heap.push(after.heap);
        out.wasm.push(after.wasm);
        out.base.push(await javascriptBaseline(page, phone.slice(0, 8), state.contract.asOf));
      }
      await timed.context.close();
    }
  }
  return out;
}

// Rows for loading the lines, cold and warm server, against the bare fetch of the same payload.
function loadRows(add, c, tableTarget) {
  const n = c.rows.toLocaleString('en');
  const all = [...c.cold, ...c.warm];
  const v1 = median(all.map((x) => x.bare.v1));
  for (const kind of ['cold', 'warm']) {
    const runs = c[kind];
    const table = median(runs.map((x) => x.tableMs));
    add(`code sent → table drawn, ${kind} server, page clock (${n} lines; menu click included)`, ms(table),
        kind === 'cold' ? tableTarget : '', ms(v1));
    add(`  code sent → first rows shown, ${kind} server`, ms(median(runs.map((x) => x.firstRowsMs))));
    add(`  code sent → lines loaded, ${kind} server (they load while the menu shows)`,
        ms(median(runs.map((x) => x.linesMs))));
    add(`  menu click → table drawn, ${kind} server`, ms(median(runs.map((x) => x.menuToTableMs))));
    add(`  code sent → table drawn through the harness, ${kind} server (its clicks and polling included)`,
        ms(median(runs.map((x) => x.elapsed))));
    add(`  code sent → table drawn / bare fetch of PLN1, ${kind} server`, `${(table / v1).toFixed(2)}×`, '≤ 1.3×');
  }
  add('  decoding in WASM while the payload arrived (median)', ms(median(all.map((x) => x.decode))));
  add(`  bare fetch() + arrayBuffer() in the same page: PLN1 gzip ${mb(all[0].bare.v1Bytes)}`, '', '', ms(v1));
  add(`  bare fetch() + arrayBuffer() in the same page: PLN2 ${mb(all[0].bare.v2Bytes)}`,
      ms(median(all.map((x) => x.bare.v2))));
  add('  payload bytes per line on the wire (PLN2 / PLN1 gzip)',
      `${(c.payloadBytes / c.rows).toFixed(1)}`, '≤ 20', `${(all[0].bare.v1Bytes / c.rows).toFixed(1)}`);
  add(`peak memory: JS heap used + WASM memory (${n} lines)`, `${mb(Math.max(...c.heap))} + ${mb(Math.max(...c.wasm))}`);
}

async function reportCompany(add, browser, { server, runs, csv, target }) {
  const c = await measureCompany(browser, server, 'demo-large', runs, csv);
  const n = c.rows.toLocaleString('en');
  const base = (f) => median(c.base.map(f));
  loadRows(add, c, target);
  add(`keystroke → filtered table frame (${n} lines)`, ms(median(c.frame)), '≤ 16 ms',
      `JS filter ${ms(base((x) => x.filterPrefix))} + sort ${ms(base((x) => x.sort))}`);
  add('  of which the engine query (filter + sort)', ms(median(c.query)));
  add('  JS baseline: in-service filter + sort by phone of all lines', '', '', ms(base((x) => x.filterSortAll)));
  add(`  JS baseline: JSON.parse of ${mb(base((x) => x.jsonBytes))} array-of-objects`, '', '', ms(base((x) => x.parse)));
  if (csv) add(`CSV of all lines (${mb(c.csvBytes)}, UTF-8, click → file)`, ms(median(c.csv)));
}

async function main() {
  checkPrerequisites();
  const browser = await launchChromium();
  const rows = [];
  const add = (what, value, target = '', baseline = '') => rows.push(`| ${what} | ${value} | ${target} | ${baseline} |`);
  try {
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

    await reportCompany(add, browser, { server, runs: RUNS, csv: true, target: '≤ 400 ms' });
    await server.dispose();
    if (!SKIP_MILLION) {
      const million = await startMillionServer();
      await reportCompany(add, browser, { server: million, runs: Math.min(RUNS, 2), csv: false, target: '≤ 2 s' });
      await million.dispose();
    }
  } finally {
    await browser.close();
  }
  const chromium = '/usr/bin/chromium';
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`\n050 Portal browser benchmark — headless Chromium (${chromium}), loopback, median of ${RUNS} runs` +
              ` (1,000,000 lines: of ${Math.min(RUNS, 2)}), load average at the end ${load}\n`);
  console.log('| measure | 050 Portal (WASM) | target | plain JS baseline |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(row);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
