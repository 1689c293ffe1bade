// ご利用状況照会 and 明細照会 in the browser against the server's own answers: months,
// rows, totals, the prefix filter with the engine's messages, sorting, the chart, the CSV bytes
// (UTF-8 with BOM and Shift_JIS) compared with /usage.csv and /call-details.csv, the drill-down
// from a line, and the explanation for customers without the call-detail option.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

import { assertDrawnAt, clickWidget, fillWidget, mirrorTextWith, portalState, screenshot, scrollToWidget,
         waitForState, widgetRect } from './browser.mjs';
import { menuPage, openContract, usePortal, withContext } from './portal.mjs';
import { BIG_ID, BIG_MONTHS, BIG_PHONE, REPORTS_SERVER_ENV, importBigCustomer } from './report_data.mjs';

// One server and browser for the file; every test has a context (a customer session) of its own.
const portal = usePortal({ env: REPORTS_SERVER_ENV });

async function apiGet(context, url) {
  const res = await context.request.get(url, { failOnStatusCode: false });
  return { status: res.status(), body: Buffer.from(await res.body()) };
}
async function apiJson(context, url) {
  const res = await apiGet(context, url);
  assert.equal(res.status, 200, `GET ${url}: ${res.body.toString().slice(0, 300)}`);
  return JSON.parse(res.body.toString());
}

const yen = (n) => n.toLocaleString('en-US');
const duration = (s) => `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
const usageCells = (row) => [row.phone, yen(row.call_count), duration(row.call_seconds), yen(row.charge_yen)];

function assertSameBytes(actual, expected, what) {
  if (Buffer.compare(actual, expected) === 0) return;
  let at = 0;
  while (at < actual.length && at < expected.length && actual[at] === expected[at]) at++;
  assert.fail(`${what}: ${actual.length} bytes in the browser vs ${expected.length} from the server, first difference at byte ${at}`);
}

// Clicks a CSV button and returns the bytes the browser saved.
async function downloadCsv(page, prefix, encoding) {
  await clickWidget(page, encoding === 'cp932' ? `${prefix}.csv.sjis` : `${prefix}.csv.utf8`);
  const saved = page.waitForEvent('download', { timeout: 30000 });
  await clickWidget(page, `${prefix}.csv.download`);
  const file = await saved;
  return { bytes: fs.readFileSync(await file.path()), name: file.suggestedFilename() };
}

async function usagePage(context, selfcareId) {
  const page = await menuPage(context, portal.server, selfcareId);
  await clickWidget(page, 'menu.usage');
  return page;
}

test('usage: months newest first, rows and totals as the server says, month switch', { timeout: 90000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const page = await usagePage(context, 'demo-details');
    const months = (await apiJson(context, '/api/v1/usage/months')).months;
    assert.ok(months.length >= 13, 'thirteen months of demo usage');
    assert.deepEqual([...months].sort().reverse(), months, 'the API lists the newest first');
    let state = await waitForState(page, (s) => s.screen === 'usage' && s.reports.usage.loaded, 'usage loaded');
    assert.deepEqual(state.reports.usage.months, months);
    assert.equal(state.reports.usage.month, months[0], 'the newest month first');
    const newest = await apiJson(context, `/api/v1/usage?month=${months[0]}`);
    assert.deepEqual(state.reports.usage.firstRows, newest.rows.map(usageCells));
    const sum = (key) => newest.rows.reduce((a, r) => a + r[key], 0);
    assert.deepEqual(state.reports.usage.totals, [yen(sum('call_count')), duration(sum('call_seconds')), yen(sum('charge_yen'))]);
    await screenshot(page, 'usage@1x');

    // Another month through the month drop-down.
    await clickWidget(page, 'usage.month');
    await clickWidget(page, `usage.month.${months[3]}`);
    // The month changes on the click's frame and its request goes out after it: wait for the rows.
    const older = await apiJson(context, `/api/v1/usage?month=${months[3]}`);
    const olderCells = JSON.stringify(older.rows.map(usageCells));
    state = await waitForState(page, (s) => s.reports.usage.month === months[3] && !s.reports.usage.loading &&
                                            JSON.stringify(s.reports.usage.firstRows) === olderCells,
                               `month ${months[3]} with the server's rows ${olderCells.slice(0, 200)}`);

    // Hovering a bar of the chart shows its tooltip (drawn, so checked through a screenshot).
    const chart = await widgetRect(page, 'usage.chart');
    await page.mouse.move(chart.x + chart.width * 0.3, chart.y + 4);
    await screenshot(page, 'usage-chart-hover@1x');
  });
});

test('usage: prefix filter with the engine\'s messages, sorting, CSV byte-identical', { timeout: 90000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const page = await usagePage(context, 'demo-details');
    const state0 = await waitForState(page, (s) => s.reports.usage.loaded, 'usage loaded');
    const month = state0.reports.usage.month;

    await fillWidget(page, 'usage.prefix', '0505');
    let state = await waitForState(page, (s) => s.reports.usage.validationErrors.length > 0, 'a prefix error');
    const refused = await apiGet(context, `/api/v1/usage?month=${month}&prefix=0505`);
    assert.equal(refused.status, 400);
    const serverErrors = JSON.parse(refused.body.toString());
    assert.ok(JSON.stringify(serverErrors).includes(state.reports.usage.validationErrors[0].ja),
              'the same message as the server (one engine)');

    const prefix = '0505820200';
    await fillWidget(page, 'usage.prefix', prefix);
    const filtered = await apiJson(context, `/api/v1/usage?month=${month}&prefix=${prefix}`);
    state = await waitForState(page, (s) => s.reports.usage.validationErrors.length === 0 &&
                                            s.reports.usage.rowCount === filtered.rows.length, 'filtered rows');
    assert.deepEqual(state.reports.usage.firstRows, filtered.rows.map(usageCells));

    for (const encoding of ['utf-8', 'cp932']) {
      const got = await downloadCsv(page, 'usage', encoding);
      const expected = await apiGet(context, `/api/v1/usage.csv?month=${month}&prefix=${prefix}&encoding=${encoding}`);
      assert.equal(expected.status, 200);
      assertSameBytes(got.bytes, expected.body, `usage CSV (${encoding})`);
      assert.match(got.name, /^C9004_.*usage.*\.csv$/);
    }

    // Sorting by charge: first ascending, then descending on a second click.
    await clickWidget(page, 'usage.header.charge');
    const byCharge = [...filtered.rows].sort((a, b) => a.charge_yen - b.charge_yen || a.phone.localeCompare(b.phone));
    await waitForState(page, (s) => JSON.stringify(s.reports.usage.firstRows) === JSON.stringify(byCharge.map(usageCells)),
                       'rows by charge, ascending');
    await clickWidget(page, 'usage.header.charge');
    const byChargeDesc = [...filtered.rows].sort((a, b) => b.charge_yen - a.charge_yen || a.phone.localeCompare(b.phone));
    await waitForState(page, (s) => JSON.stringify(s.reports.usage.firstRows) === JSON.stringify(byChargeDesc.map(usageCells)),
                       'rows by charge, descending');
    // The CSV of the sorted table is the server's CSV with the same sort (one engine sort for both).
    const sortedCsv = await downloadCsv(page, 'usage', 'utf-8');
    const sortedExpected = await apiGet(context, `/api/v1/usage.csv?month=${month}&prefix=${prefix}&sort=-charge&encoding=utf-8`);
    assert.equal(sortedExpected.status, 200);
    assertSameBytes(sortedCsv.bytes, sortedExpected.body, 'usage CSV sorted by charge, descending');
  });
});

test('call details: number by prefix, period, table, totals and CSV as the server', { timeout: 90000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const page = await menuPage(context, portal.server, 'demo-details');
    await clickWidget(page, 'menu.details');
    await waitForState(page, (s) => s.screen === 'callDetails', 'the call-detail screen');
    await fillWidget(page, 'details.number', '05058202003');
    await waitForState(page, (s) => s.reports.details.selectedPhone === '05058202003', 'the number chosen');
    await clickWidget(page, 'details.query');
    const state = await waitForState(page, (s) => s.reports.details.loaded && !s.reports.details.loading, 'calls loaded');
    const { from, to } = state.reports.details;
    const answer = await apiJson(context, `/api/v1/call-details?number=05058202003&from=${from}&to=${to}`);
    assert.equal(state.reports.details.rowCount, answer.calls.length);
    assert.equal(state.reports.details.totalSeconds, answer.calls.reduce((a, c) => a + c.duration_seconds, 0));
    assert.equal(state.reports.details.totalCharge, answer.calls.reduce((a, c) => a + c.charge_yen, 0));
    assert.ok(answer.calls.length > 0, 'the demo number made calls');
    assert.equal(state.reports.details.firstRows[0][1], answer.calls[0].destination);
    await screenshot(page, 'details@1x');
    for (const encoding of ['utf-8', 'cp932']) {
      const got = await downloadCsv(page, 'details', encoding);
      const expected = await apiGet(context, `/api/v1/call-details.csv?number=05058202003&from=${from}&to=${to}&encoding=${encoding}`);
      assert.equal(expected.status, 200);
      assertSameBytes(got.bytes, expected.body, `call-detail CSV (${encoding})`);
    }
    // Longest call first after two clicks on 通話時間.
    await clickWidget(page, 'details.header.duration');
    await clickWidget(page, 'details.header.duration');
    const longest = Math.max(...answer.calls.map((c) => c.duration_seconds));
    await waitForState(page, (s) => s.reports.details.firstRows[0][2] === duration(longest), 'longest call first');
  });
});

test('drill-down: one click on a line opens its usage and its call details', { timeout: 90000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const page = await menuPage(context, portal.server, 'demo-details');
    await openContract(page);
    const row = (await portalState(page)).firstRows[0];
    const phone = row[1];
    await clickWidget(page, 'table.row.0.usage');
    let state = await waitForState(page, (s) => s.screen === 'usage' && s.reports.usage.loaded &&
                                                s.reports.usage.rowCount === 1, 'usage of the one number');
    assert.equal(state.reports.usage.prefix, phone);
    assert.equal(state.reports.usage.firstRows[0][0], phone);
    await screenshot(page, 'drilldown-usage@1x');
    await clickWidget(page, 'usage.toDetails');
    state = await waitForState(page, (s) => s.screen === 'callDetails' && s.reports.details.loaded, 'its call details');
    assert.equal(state.reports.details.selectedPhone, phone);
  });
});

test('call details without the option: the menu and the screen say why and how to apply; the API refuses with 403', { timeout: 60000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const page = await menuPage(context, portal.server, 'demo-standard');
    const state = await waitForState(page, (s) => s.contract !== null, 'the contract');
    assert.equal(state.contract.callDetailsAvailable, false);
    // The menu draws the reason on the frame after the contract arrived (the hook's state changes
    // first): wait for its rectangle, as for any widget.
    await widgetRect(page, 'menu.detailsDisabledReason');
    const refused = await apiGet(context, '/api/v1/call-details?number=05058150001');
    assert.equal(refused.status, 403);
    await clickWidget(page, 'menu.detailsHowToApply');
    await waitForState(page, (s) => s.screen === 'callDetails', 'the call-detail screen');
    // The screen changes during the frame of the click; the new screen draws from the next one.
    await widgetRect(page, 'details.notSubscribed');
    await screenshot(page, 'details-not-subscribed@1x');
    await clickWidget(page, 'details.back');
    await waitForState(page, (s) => s.screen === 'menu', 'back to the menu');
  });
});

test('screenshots at devicePixelRatio 2', { timeout: 180000 }, async () => {
  await withContext(portal, { scale: 2 }, async (context) => {
    const page = await usagePage(context, 'demo-details');
    const usage = (await waitForState(page, (s) => s.reports.usage.loaded && s.reports.usage.rowCount > 0,
                                      'usage loaded')).reports.usage;
    await assertDrawnAt(page, 2);
    // What the pictures must show: the month's rows and totals, in Japanese, then in English.
    assert.ok(usage.firstRows.length > 0 && usage.totals.length === 3, JSON.stringify(usage));
    await mirrorTextWith(page, 'ご利用状況照会');
    await screenshot(page, 'usage@2x');
    await clickWidget(page, 'header.language');
    await waitForState(page, (s) => s.language === 'en', 'English');
    const english = await mirrorTextWith(page, 'Usage by number');
    assert.doesNotMatch(english, /ご利用状況照会/, 'no Japanese title left on the English screen');
    await widgetRect(page, 'usage.back');
    await screenshot(page, 'usage-en@2x');
    await clickWidget(page, 'header.language');
    await waitForState(page, (s) => s.language === 'ja', 'Japanese again');
    await clickWidget(page, 'usage.back');
    await clickWidget(page, 'menu.details');
    await fillWidget(page, 'details.number', '05058202001');
    await waitForState(page, (s) => s.reports.details.selectedPhone === '05058202001', 'the number chosen');
    await clickWidget(page, 'details.query');
    const details = (await waitForState(page, (s) => s.reports.details.loaded, 'calls loaded')).reports.details;
    assert.ok(details.rowCount > 0 && details.firstRows.length > 0, JSON.stringify(details));
    await mirrorTextWith(page, '明細照会');
    await screenshot(page, 'details@2x');
  });
});

test('100,000 numbers and 100,000 calls: totals as the server, smooth scrolling', { timeout: 300000 }, async () => {
  importBigCustomer(portal.server);
  await withContext(portal, {}, async (context) => {
    const page = await usagePage(context, BIG_ID);
    let state = await waitForState(page, (s) => s.reports.usage.loaded, 'usage of 100,000 numbers', 60000);
    assert.equal(state.reports.usage.totalRows, 100000);
    const older = await apiJson(context, `/api/v1/usage?month=${BIG_MONTHS[1]}`);
    await clickWidget(page, 'usage.month');
    await clickWidget(page, `usage.month.${BIG_MONTHS[1]}`);
    state = await waitForState(page, (s) => s.reports.usage.month === BIG_MONTHS[1] && !s.reports.usage.loading,
                               'the other month', 60000);
    const sum = (key) => older.rows.reduce((a, r) => a + r[key], 0);
    assert.deepEqual(state.reports.usage.totals, [yen(sum('call_count')), duration(sum('call_seconds')), yen(sum('charge_yen'))]);

    await scrollToWidget(page, 'usage.back', ['usage.count', 'usage.month']);
    await clickWidget(page, 'usage.back');
    await clickWidget(page, 'menu.details');
    await fillWidget(page, 'details.number', BIG_PHONE);
    await waitForState(page, (s) => s.reports.details.selectedPhone === BIG_PHONE, 'the number chosen', 30000);
    await clickWidget(page, 'details.query');
    state = await waitForState(page, (s) => s.reports.details.loaded, '100,000 calls', 60000);
    const answer = await apiJson(context, `/api/v1/call-details?number=${BIG_PHONE}&from=${state.reports.details.from}&to=${state.reports.details.to}`);
    assert.equal(state.reports.details.rowCount, answer.calls.length);
    assert.equal(answer.calls.length, 100000);
    assert.equal(state.reports.details.totalSeconds, answer.calls.reduce((a, c) => a + c.duration_seconds, 0));
    // Scrolling the table: only visible rows are drawn, so each frame stays short.
    const table = await widgetRect(page, 'details.table');
    await page.mouse.move(table.x + table.width / 2, table.y + table.height / 2);
    let slowest = 0;
    for (let i = 0; i < 20; i++) {
      await page.mouse.wheel(0, 2000);
      await new Promise((r) => setTimeout(r, 30));
      slowest = Math.max(slowest, (await portalState(page)).lastFrameMs);
    }
    state = await portalState(page);
    assert.ok(state.reports.details.firstVisibleIndex > 100, `scrolled down (${state.reports.details.firstVisibleIndex})`);
    assert.ok(slowest < 50, `frames stay short while scrolling 100,000 calls (slowest ${slowest} ms)`);
    await screenshot(page, 'details-100k@1x');
  });
});
