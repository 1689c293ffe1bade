// Browser benchmark (figures, not pass/fail): the 回線一覧 of all lines saved as CSV (UTF-8) and as
// an Excel workbook from a real Chromium tab, for the 100,000-line company and (unless
// --skip-million) the 1,000,000-line one. Prints click → file times (median of the runs, the CSV
// of the same rows in the same tab as the baseline, the ratio), file sizes, and the tab's
// WebAssembly memory after each download (the workbook is written to memory streams in WASM).
//   node tests/browser/bench_xlsx.mjs [--runs N] [--skip-million]
import assert from 'node:assert/strict';
import fs from 'node:fs';

import { benchArgs, contractWithTable, median, mb, startMillionServer } from './bench_lib.mjs';
import { clickWidget, launchChromium, scrollToWidget, waitForState } from './browser.mjs';
import { IDS } from './portal.mjs';
import { PortalServer, checkPrerequisites } from './server.mjs';

const { runs: RUNS, skipMillion: SKIP_MILLION } = benchArgs(3);
const DOWNLOAD_TIMEOUT_MS = 600000;

async function contractTab(browser, server, id) {
  const { context, page } = await contractWithTable(browser, server, id);
  await scrollToWidget(page, IDS.csvDownload, [IDS.contractBack, IDS.tableCount, IDS.searchSubmit]);
  await clickWidget(page, IDS.csvScopeAll);
  return { context, page };
}

const wasmBytes = (page) => page.evaluate(() => (window.Module && window.Module.HEAPU8 ? window.Module.HEAPU8.buffer.byteLength : NaN));

// Chooses the format, clicks the download button, and waits for the browser's file.
async function download(page, formatMark) {
  await clickWidget(page, formatMark);
  const saved = page.waitForEvent('download', { timeout: DOWNLOAD_TIMEOUT_MS });
  const started = Date.now();
  await clickWidget(page, IDS.csvDownload);
  const file = await saved;
  const elapsed = Date.now() - started;
  const bytes = fs.readFileSync(await file.path());
  return { elapsed, size: bytes.length, head: bytes.subarray(0, 2).toString('latin1'), wasm: await wasmBytes(page) };
}

async function measure(browser, server, id, runs) {
  const out = { csv: [], xlsx: [], csvSize: 0, xlsxSize: 0, wasmBefore: 0, wasmAfter: 0, rows: 0 };
  for (let run = 0; run < runs; run++) {
    const { context, page } = await contractTab(browser, server, id);
    out.rows = (await waitForState(page, () => true, 'state')).totalRows;
    out.wasmBefore = Math.max(out.wasmBefore, await wasmBytes(page));
    const csv = await download(page, IDS.csvUtf8);
    const xlsx = await download(page, 'csv.xlsx');
    assert.equal(xlsx.head, 'PK', 'the workbook is a ZIP package');
    out.csv.push(csv.elapsed);
    out.xlsx.push(xlsx.elapsed);
    out.csvSize = csv.size;
    out.xlsxSize = xlsx.size;
    out.wasmAfter = Math.max(out.wasmAfter, xlsx.wasm);
    await context.close();
  }
  return out;
}

function report(rows, m) {
  const csv = median(m.csv);
  const xlsx = median(m.xlsx);
  rows.push(`| ${m.rows.toLocaleString('en')} | ${csv} ms (${mb(m.csvSize)}) | ${xlsx} ms (${mb(m.xlsxSize)}) | ` +
            `${(xlsx / csv).toFixed(1)} | ${mb(m.wasmBefore)} → ${mb(m.wasmAfter)} |`);
}

async function main() {
  checkPrerequisites();
  const browser = await launchChromium();
  const rows = [];
  try {
    const server = new PortalServer();
    await server.start();
    report(rows, await measure(browser, server, 'demo-large', RUNS));
    await server.dispose();
    if (!SKIP_MILLION) {
      const million = await startMillionServer();
      report(rows, await measure(browser, million, 'demo-large', Math.min(RUNS, 2)));
      await million.dispose();
    }
  } finally {
    await browser.close();
  }
  console.log(`\n回線一覧 downloads in headless Chromium (/usr/bin/chromium), all lines, median of ${RUNS} runs\n`);
  console.log('| lines | CSV UTF-8: click → file | Excel (.xlsx): click → file | ratio | WASM memory before → after |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
