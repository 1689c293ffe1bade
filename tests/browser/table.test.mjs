// The line table: sorting by a column header (both directions) must give the server's order for
// the same sort; 表示 reveals a row's passwords, コピー puts the value on the real clipboard.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { apiLines, displayCells } from './api.mjs';
import { animationFrames, clickWidget, screenshot, waitForState } from './browser.mjs';
import { pollValue } from './poll.mjs';
import { IDS, useContractPage } from './portal.mjs';

let context, page;

useContractPage('demo-large', {}, async (portal) => {
  ({ context, page } = portal);
});

// Clicks a column header and waits until the client took the click: ImGui changes the sort key on
// the frame of the click. A click the client never saw (it drew its frames and went idle with the
// old key) is made again, twice at most; any other key is a failure.
async function clickHeaderFor(key, sort) {
  const before = (await waitForState(page, () => true, 'state')).lines.sort;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const frames = (await waitForState(page, () => true, 'state')).screenFrames;
    await clickWidget(page, IDS.tableHeader(key));
    // Moving, pressing and releasing take three frames at least: idle before those is no answer.
    const state = await waitForState(page, (s) => s.lines.sort !== before || (s.idle && s.screenFrames >= frames + 3),
                                     `the click on the ${key} header handled`);
    if (state.lines.sort === sort) return;
    if (state.lines.sort !== before) {
      throw new Error(`clicking the ${key} header sorted by ${state.lines.sort}, not ${sort}`);
    }
  }
  throw new Error(`three clicks on the ${key} header left the sort at ${before} (wanted ${sort})`);
}

// The rows must come in the server's order for the same sort. The sort key changes on the frame
// of the click, the rows on the next one (the query runs before drawing): between those frames the
// hook shows the new key with the old rows, so the wait is for the rows themselves (all 20 of
// them, never a shorter list); a timeout shows both orders and the state.
async function expectOrder(sort) {
  const expected = await apiLines(context, { sort });
  const serverRows = (columns, count) => expected.rows.slice(0, count).map((r) => displayCells(r, columns));
  const inServerOrder = (s) => s.lines.sort === sort && s.lines.firstVisibleIndex === 0 &&
    s.rowCount === expected.count && s.firstRows.length === Math.min(expected.count, 20) &&
    JSON.stringify(s.firstRows) === JSON.stringify(serverRows(s.lines.columns, s.firstRows.length));
  try {
    await waitForState(page, inServerOrder, `the table sorted by ${sort}`, 30000);
  } catch (error) {
    const now = await waitForState(page, () => true, 'state');
    throw new Error(`rows not in the server's order for sort=${sort}: server starts ` +
                    `${JSON.stringify(serverRows(now.lines.columns, 3))}, the table (sort ${now.lines.sort}) ` +
                    `${JSON.stringify(now.firstRows.slice(0, 3))}\n${error.message}`);
  }
}

// ImGui's sortable header: the first click sorts ascending, the next one descending.
for (const key of ['phone', 'start_date', 'end_date']) {
  test(`sorting by ${key}, ascending then descending`, { timeout: 90000 }, async () => {
    await clickHeaderFor(key, `${key}:asc`);
    await expectOrder(`${key}:asc`);
    await clickHeaderFor(key, `${key}:desc`);
    await expectOrder(`${key}:desc`);
  });
}

test('back to the manual order by the No column', { timeout: 60000 }, async () => {
  await clickHeaderFor('no', 'no:asc');
  await expectOrder('no:asc');
});

test('表示 reveals a row\'s passwords, コピー copies them to the clipboard, 非表示 masks them again',
     { timeout: 60000 }, async () => {
  const expected = (await apiLines(context, { sort: 'no' })).rows[0];
  let state = await waitForState(page, (s) => s.firstRows.length > 0 && s.lines.firstVisibleIndex === 0, 'rows');
  const columns = state.lines.columns;
  const lineColumn = columns.indexOf('line_password');
  const serviceColumn = columns.indexOf('service_password');
  assert.equal(state.firstRows[0][lineColumn], '******', 'passwords start masked');

  await clickWidget(page, IDS.rowReveal(0));
  state = await waitForState(page, (s) => s.firstRows[0][lineColumn] !== '******', 'the first row revealed');
  assert.deepEqual(state.firstRows[0], displayCells(expected, columns, { revealed: true }));
  assert.equal(state.firstRows[1][lineColumn], '******', 'only that row is revealed');
  assert.equal(state.firstRows[0][serviceColumn], expected.service_password);
  await screenshot(page, 'table-revealed@1x');

  const copies = [
    ['copyAccount', expected.account_id],
    ['copyLinePassword', expected.line_password],
    ['copyServicePassword', expected.service_password],
  ];
  for (const [what, value] of copies) {
    await page.evaluate(() => navigator.clipboard.writeText('(before)'));
    await clickWidget(page, IDS.rowCopy(0, what));
    await animationFrames(page, 3);
    // The client writes the clipboard on the frame of the click; poll it for up to 10 s.
    const copied = await pollValue(() => page.evaluate(() => navigator.clipboard.readText()), (now) => now === value,
                                   { timeoutMs: 10000, intervalMs: 50 });
    assert.equal(copied, value, `${what} puts the value on the clipboard`);
  }

  await clickWidget(page, IDS.rowReveal(0));
  state = await waitForState(page, (s) => s.firstRows[0][lineColumn] === '******', 'the row masked again');
  assert.equal(state.lines.revealedRows, 0);
});
