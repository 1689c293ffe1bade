// Each 検索条件 of the manual and their combination, on the 100,000-line company: what the table
// shows (count and first rows) must equal the server's own answer to GET /api/v1/lines with the
// same parameters, asked with the browser's session cookie.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { apiContract, apiLines, displayCells, minStartYear } from './api.mjs';
import { clickWidget, pressKey, screenshot, waitForState } from './browser.mjs';
import { IDS, setConditions, useContractPage } from './portal.mjs';

let context, page, allRows, minYear;

useContractPage('demo-large', {}, async (portal) => {
  ({ context, page } = portal);
  const contract = await apiContract(context);
  allRows = (await apiLines(context)).rows;
  minYear = minStartYear(allRows, contract.as_of);
});

function apiParams({ prefix, status, from, to }) {
  return { prefix, status: status === 'active' ? 'active' : undefined, start_from: from, start_to: to };
}

// The table must show exactly the server's answer: the count, and the first rows cell by cell.
// The client filters on the frame after the change, so the wait is for the whole answer; a
// timeout says which part differs and shows the state.
async function expectTableMatchesServer(conditions, what) {
  const expected = await apiLines(context, apiParams(conditions));
  const rowsAsServer = (s) => s.firstRows.length === Math.min(expected.count, 20) &&
    JSON.stringify(s.firstRows) ===
    JSON.stringify(expected.rows.slice(0, s.firstRows.length).map((r) => displayCells(r, s.lines.columns)));
  let state;
  try {
    state = await waitForState(page, (s) => s.rowCount === expected.count && s.lines.firstVisibleIndex === 0 &&
                                            rowsAsServer(s), `${what}: ${expected.count} matching lines`, 30000);
  } catch (error) {
    const now = await waitForState(page, () => true, 'state');
    const server = expected.rows.slice(0, 3).map((r) => displayCells(r, now.lines.columns));
    throw new Error(`${what}: the table never showed the server's answer (${expected.count} lines, first rows ` +
                    `${JSON.stringify(server)}); it shows ${now.rowCount} lines, first rows ` +
                    `${JSON.stringify(now.firstRows.slice(0, 3))}\n${error.message}`);
  }
  assert.equal(state.totalRows, allRows.length, 'the total stays all lines');
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
  await pressKey(page, 'End');
  await pressKey(page, 'Backspace');
  const state = await waitForState(page, (s) => s.lines.validationErrors.length > 0, 'a validation error');
  assert.equal(state.lines.validationErrors[0].code, 'prefix_too_short');
  assert.equal(state.lines.validationErrors[0].field, 'phone_prefix');
  assert.equal(state.rowCount, before7.count, 'the table keeps the last valid result');
  const refused = await context.request.get(`/api/v1/lines?prefix=${somePrefix().slice(0, 6)}`);
  assert.equal(refused.status(), 400, 'the server refuses the same prefix');
  assert.equal((await refused.json()).error.code, 'prefix_too_short');
  await screenshot(page, 'search-prefix-too-short@1x');
});
