// csvダウンロード: the file the browser saves (built by the engine in WASM) must equal, byte for
// byte, the server's GET /api/v1/lines.csv for the same conditions, in UTF-8 (BOM) and Shift_JIS,
// for the lines shown and for all lines.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

import { apiContract, apiCsv, apiLines, minStartYear } from './api.mjs';
import { clickWidget, portalState, screenshot, scrollToWidget, waitForState } from './browser.mjs';
import { IDS, setConditions, useContractPage } from './portal.mjs';

let context, page, minYear, contract;

// A tall window: the 検索条件, the table and the CSV controls all fit.
useContractPage('demo-large', { viewport: { width: 1280, height: 1400 } }, async (portal) => {
  ({ context, page } = portal);
  contract = await apiContract(context);
  minYear = minStartYear((await apiLines(context)).rows, contract.as_of);
});

// Clicks csvダウンロード and returns what the browser saved (the bytes come from the browser's own
// download: the client keeps no copy of a file it has saved).
async function download(scopeId, encodingId) {
  await scrollToWidget(page, IDS.csvDownload, [IDS.contractBack, IDS.tableCount, IDS.searchSubmit]);
  await clickWidget(page, scopeId);
  await clickWidget(page, encodingId);
  const saved = page.waitForEvent('download', { timeout: 60000 });
  await clickWidget(page, IDS.csvDownload);
  const file = await saved;
  const bytes = fs.readFileSync(await file.path());
  const state = await portalState(page);
  assert.equal(state.csvFileName, file.suggestedFilename(), 'the client names the file it built');
  return { bytes, name: file.suggestedFilename() };
}

function assertSameBytes(actual, expected, what) {
  if (Buffer.compare(actual, expected) === 0) return;
  let at = 0;
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at++;
  assert.fail(`${what}: ${actual.length} bytes in the browser vs ${expected.length} from the server, ` +
              `first difference at byte ${at}: browser ${JSON.stringify(actual.subarray(at, at + 40).toString('latin1'))}` +
              ` server ${JSON.stringify(expected.subarray(at, at + 40).toString('latin1'))}`);
}

// Back up to the 検索条件 (they are above the table).
function scrollToTop() {
  return scrollToWidget(page, IDS.searchPrefix, [IDS.csvDownload, IDS.contractBack, IDS.tableCount], { up: true });
}

const conditions = { status: 'active', from: '2018-04-01', to: '2019-03-31' };
const params = { status: 'active', start_from: '2018-04-01', start_to: '2019-03-31' };

for (const [encoding, encodingId] of [['utf-8', IDS.csvUtf8], ['cp932', IDS.csvSjis]]) {
  test(`the lines shown, ${encoding}: byte for byte the server's /lines.csv`, { timeout: 90000 }, async () => {
    await scrollToTop();
    await setConditions(page, conditions, minYear);
    const expectedCount = (await apiLines(context, params)).count;
    await waitForState(page, (s) => s.rowCount === expectedCount, `${expectedCount} lines shown`);
    const got = await download(IDS.csvScopeShown, encodingId);
    const expected = await apiCsv(context, { ...params, encoding });
    assertSameBytes(got.bytes, expected.bytes, `shown lines (${encoding})`);
    assert.match(got.name, new RegExp(`^${contract.summary.customer_code}_.*\\.csv$`),
                 'the file is named after the customer code');
    if (encoding === 'utf-8') assert.deepEqual([...got.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
    await screenshot(page, `csv-${encoding}@1x`);
  });
}

test('all lines (100,000), utf-8: byte for byte the server\'s /lines.csv', { timeout: 120000 }, async () => {
  const got = await download(IDS.csvScopeAll, IDS.csvUtf8);
  const expected = await apiCsv(context, { encoding: 'utf-8' });
  assertSameBytes(got.bytes, expected.bytes, 'all lines (utf-8)');
  assert.ok(got.bytes.length > 1000000, 'a hundred thousand lines');
});
