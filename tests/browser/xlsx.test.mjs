// Excel (.xlsx) downloads of 回線一覧, ご利用状況照会 and 明細照会: the workbook the browser saves
// (written by the engine in WASM) is read back with openpyxl (tests/xlsx_check.py) against the
// server's CSV of the same query, and must hold the same cells as the server's /….xlsx.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { clickWidget, fillWidget, screenshot, scrollToWidget, waitForState } from './browser.mjs';
import { IDS, contractPage, menuPage, usePortal, withContext } from './portal.mjs';

const portal = usePortal();
const CHECKER = new URL('../xlsx_check.py', import.meta.url).pathname;
const PYTHON = process.env.PORTAL_PYTHON ?? '/usr/bin/python3';

async function apiGet(context, url) {
  const res = await context.request.get(url, { failOnStatusCode: false });
  assert.equal(res.status(), 200, `GET ${url}`);
  return Buffer.from(await res.body());
}

// Chooses Excel (.xlsx) in the table's CSV options, clicks the button, returns the saved bytes.
async function downloadXlsx(page, prefix) {
  await clickWidget(page, `${prefix}.xlsx`);
  const saved = page.waitForEvent('download', { timeout: 60000 });
  await clickWidget(page, `${prefix}.download`);
  const file = await saved;
  // The bytes come from the browser's own download: the client keeps no copy of a saved file.
  return { bytes: fs.readFileSync(await file.path()), name: file.suggestedFilename() };
}

// openpyxl: the browser's workbook against the server's CSV, then against the server's workbook.
function check(got, csv, serverXlsx, sheet, code, asOf) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-xlsx-'));
  try {
    const files = { client: path.join(dir, 'client.xlsx'), csv: path.join(dir, 'server.csv'),
                    server: path.join(dir, 'server.xlsx') };
    fs.writeFileSync(files.client, got);
    fs.writeFileSync(files.csv, csv);
    fs.writeFileSync(files.server, serverXlsx);
    for (const args of [[files.client, files.csv, '--sheet', sheet, '--code', code, '--as-of', asOf],
                        ['--same', files.client, files.server]]) {
      const run = spawnSync(PYTHON, [CHECKER, ...args], { encoding: 'utf8' });
      assert.equal(run.status, 0, `${sheet}: ${run.stdout}${run.stderr}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('回線一覧: the browser\'s workbook holds the CSV\'s rows as typed cells, as the server\'s', { timeout: 120000 }, async () => {
  await withContext(portal, { viewport: { width: 1280, height: 1400 } }, async (context) => {
    const page = await contractPage(context, portal.server, 'demo-standard');
    await scrollToWidget(page, IDS.csvDownload, [IDS.contractBack, IDS.tableCount, IDS.searchSubmit]);
    const got = await downloadXlsx(page, 'csv');
    const contract = JSON.parse((await apiGet(context, '/api/v1/contract')).toString());
    const code = contract.summary.customer_code;
    assert.match(got.name, new RegExp(`^${code}_\\d{8}_\\d{6}\\.xlsx$`));
    check(got.bytes, await apiGet(context, '/api/v1/lines.csv'), await apiGet(context, '/api/v1/lines.xlsx'),
          '回線一覧', code, contract.as_of);
    await screenshot(page, 'xlsx-lines@1x');
  });
});

test('ご利用状況 and 明細: the browser\'s workbooks as the server\'s', { timeout: 120000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const page = await menuPage(context, portal.server, 'demo-details');
    const contract = JSON.parse((await apiGet(context, '/api/v1/contract')).toString());
    const code = contract.summary.customer_code;
    await clickWidget(page, 'menu.usage');
    const { month } = (await waitForState(page, (s) => s.screen === 'usage' && s.reports.usage.loaded, 'usage')).reports.usage;
    const usage = await downloadXlsx(page, 'usage.csv');
    assert.equal(usage.name, `${code}_${month.replace('-', '')}_usage.xlsx`);
    check(usage.bytes, await apiGet(context, `/api/v1/usage.csv?month=${month}`),
          await apiGet(context, `/api/v1/usage.xlsx?month=${month}`), `ご利用状況 ${month}`, code, contract.as_of);
    await screenshot(page, 'xlsx-usage@1x');

    await clickWidget(page, 'usage.back');
    await clickWidget(page, 'menu.details');
    await waitForState(page, (s) => s.screen === 'callDetails', 'the call-detail screen');
    const phone = '05058202003';
    await fillWidget(page, 'details.number', phone);
    await waitForState(page, (s) => s.reports.details.selectedPhone === phone, 'the number chosen');
    await clickWidget(page, 'details.query');
    const { from, to } = (await waitForState(page, (s) => s.reports.details.loaded && !s.reports.details.loading,
                                             'calls loaded')).reports.details;
    const calls = await downloadXlsx(page, 'details.csv');
    const query = `number=${phone}&from=${from}&to=${to}`;
    check(calls.bytes, await apiGet(context, `/api/v1/call-details.csv?${query}`),
          await apiGet(context, `/api/v1/call-details.xlsx?${query}`), `明細 ${phone}`, code, contract.as_of);
  });
});
