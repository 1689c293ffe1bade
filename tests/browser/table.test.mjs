// The line table: sorting by a column header (both directions) must give the server's order for
// the same sort; 表示 reveals a row's passwords, コピー puts the value on the real clipboard.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { apiLines, displayCells } from './api.mjs';
import { animationFrames, clickWidget, launchChromium, newPortalContext, screenshot,
         waitForState } from './browser.mjs';
import { IDS, contractPage } from './portal.mjs';
import { PortalServer, checkPrerequisites } from './server.mjs';

let server, browser, context, page;

before(async () => {
  checkPrerequisites();
  server = new PortalServer();
  await server.start();
  browser = await launchChromium();
  context = await newPortalContext(browser, server);
  page = await contractPage(context, server, 'demo-large');
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.dispose();
});

async function expectOrder(sort) {
  const expected = await apiLines(context, { sort });
  // The sort key changes on the frame the header is clicked, the rows on the next one: wait for both.
  const rowsAsServer = (s) => JSON.stringify(s.firstRows) ===
    JSON.stringify(expected.rows.slice(0, s.firstRows.length).map((r) => displayCells(r, s.lines.columns)));
  const state = await waitForState(page, (s) => s.lines.sort === sort && s.lines.firstVisibleIndex === 0 &&
                                                 rowsAsServer(s), `the table sorted by ${sort}`)
    .catch(() => waitForState(page, () => true, 'state'));  // the assertions below show the difference
  const columns = state.lines.columns;
  assert.equal(state.rowCount, expected.count);
  assert.deepEqual(state.firstRows, expected.rows.slice(0, state.firstRows.length).map((r) => displayCells(r, columns)),
                   `rows in the server's order for sort=${sort}`);
}

// ImGui's sortable header: the first click sorts ascending, the next one descending.
for (const key of ['phone', 'start_date', 'end_date']) {
  test(`sorting by ${key}, ascending then descending`, { timeout: 60000 }, async () => {
    await clickWidget(page, IDS.tableHeader(key));
    await expectOrder(`${key}:asc`);
    await clickWidget(page, IDS.tableHeader(key));
    await expectOrder(`${key}:desc`);
  });
}

test('back to the manual order by the No column', { timeout: 60000 }, async () => {
  await clickWidget(page, IDS.tableHeader('no'));
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
    let copied = '';
    for (let i = 0; i < 40 && copied !== value; i++) {
      copied = await page.evaluate(() => navigator.clipboard.readText());
      if (copied !== value) await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(copied, value, `${what} puts the value on the clipboard`);
  }

  await clickWidget(page, IDS.rowReveal(0));
  state = await waitForState(page, (s) => s.firstRows[0][lineColumn] === '******', 'the row masked again');
  assert.equal(state.lines.revealedRows, 0);
});
