// Each 検索条件 of the manual and their combination, on the 100,000-line company: what the table
// shows (count and first rows) must equal the server's own answer to GET /api/v1/lines with the
// same parameters, asked with the browser's session cookie.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { apiContract, apiLines, displayCells, minStartYear } from './api.mjs';
import { clickWidget, launchChromium, newPortalContext, screenshot, waitForState } from './browser.mjs';
import { IDS, contractPage, setConditions } from './portal.mjs';
import { PortalServer, checkPrerequisites } from './server.mjs';

let server, browser, context, page;
let allRows, minYear;

before(async () => {
  checkPrerequisites();
  server = new PortalServer();
  await server.start();
  browser = await launchChromium();
  context = await newPortalContext(browser, server);
  page = await contractPage(context, server, 'demo-large');
  const contract = await apiContract(context);
  allRows = (await apiLines(context)).rows;
  minYear = minStartYear(allRows, contract.as_of);
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.dispose();
});

function apiParams({ prefix, status, from, to }) {
  return { prefix, status: status === 'active' ? 'active' : undefined, start_from: from, start_to: to };
}

// The table must show exactly the server's answer: the count, and the first rows cell by cell.
async function expectTableMatchesServer(conditions, what) {
  const expected = await apiLines(context, apiParams(conditions));
  const rowsAsServer = (s) => JSON.stringify(s.firstRows) ===
    JSON.stringify(expected.rows.slice(0, s.firstRows.length).map((r) => displayCells(r, s.lines.columns)));
  const state = await waitForState(page, (s) => s.rowCount === expected.count && s.lines.firstVisibleIndex === 0 &&
                                                 rowsAsServer(s), `${what}: ${expected.count} matching lines`)
    .catch(() => waitForState(page, () => true, 'state'));  // the assertions below show the difference
  assert.equal(state.rowCount, expected.count, `${what}: the count of matching lines`);
  assert.equal(state.totalRows, allRows.length, 'the total stays all lines');
  const columns = state.lines.columns;
  const shown = Math.min(expected.count, state.firstRows.length);
  assert.ok(shown > 0 || expected.count === 0);
  assert.deepEqual(state.firstRows.slice(0, shown),
                   expected.rows.slice(0, shown).map((row) => displayCells(row, columns)),
                   `${what}: the first rows equal the server's`);
  assert.deepEqual(state.lines.validationErrors, []);
  return expected;
}

// A prefix of 8 digits shared by some but not all lines (taken from the data, not hard-coded).
function somePrefix() {
  const row = allRows[Math.floor(allRows.length / 3)];
  return row.phone.slice(0, 8);
}

const cases = [
  { name: 'phone prefix (前方一致, 8 digits) only', conditions: () => ({ prefix: somePrefix() }) },
  { name: 'phone prefix typed with hyphens', conditions: () => ({ prefix: `${somePrefix().slice(0, 3)}-${somePrefix().slice(3)}` }),
    api: () => ({ prefix: somePrefix() }) },
  { name: 'status: in service only', conditions: () => ({ status: 'active' }) },
  { name: 'start date from only', conditions: () => ({ from: '2024-02-29' }) },
  { name: 'start date range', conditions: () => ({ from: '2015-03-10', to: '2016-07-31' }) },
  { name: 'start date to only', conditions: () => ({ to: '2011-06-15' }) },
  { name: 'every condition at once', conditions: () => ({ prefix: somePrefix().slice(0, 7), status: 'active',
                                                           from: '2012-01-01', to: '2025-12-31' }) },
];

for (const c of cases) {
  test(`search: ${c.name}`, { timeout: 60000 }, async () => {
    const conditions = c.conditions();
    await setConditions(page, conditions, minYear);
    // Filtering happens as the customer types; 検索する gives the same answer.
    const expected = await expectTableMatchesServer(c.api ? { ...conditions, ...c.api() } : conditions, c.name);
    assert.ok(expected.count > 0 && expected.count < allRows.length,
              `${c.name}: the condition narrows the lines (${expected.count} of ${allRows.length})`);
    await clickWidget(page, IDS.searchSubmit);
    await expectTableMatchesServer(c.api ? { ...conditions, ...c.api() } : conditions, `${c.name} after 検索する`);
  });
}

test('search: a 6-digit prefix is refused with the engine message and keeps the last result',
     { timeout: 60000 }, async () => {
  await setConditions(page, { prefix: somePrefix().slice(0, 7) }, minYear);
  const before7 = await expectTableMatchesServer({ prefix: somePrefix().slice(0, 7) }, '7-digit prefix');
  // Backspace over the 7th digit: six digits are too few, so the table keeps the 7-digit result.
  await clickWidget(page, IDS.searchPrefix);
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  const state = await waitForState(page, (s) => s.lines.validationErrors.length > 0, 'a validation error');
  assert.equal(state.lines.validationErrors[0].code, 'prefix_too_short');
  assert.equal(state.lines.validationErrors[0].field, 'phone_prefix');
  assert.equal(state.rowCount, before7.count, 'the table keeps the last valid result');
  const refused = await context.request.get(`/api/v1/lines?prefix=${somePrefix().slice(0, 6)}`);
  assert.equal(refused.status(), 400, 'the server refuses the same prefix');
  assert.equal((await refused.json()).error.code, 'prefix_too_short');
  await screenshot(page, 'search-prefix-too-short@1x');
});
