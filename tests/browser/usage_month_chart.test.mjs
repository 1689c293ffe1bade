// ご利用状況照会's per-month chart (per number or per month): each bar is the month's
// total over the numbers shown, exactly the sum of the server's /api/v1/usage answer for that
// month (and for the prefix, the server's own prefix filter); the months are fetched once and
// kept while logged in, hovering shows the month's values, and logout wipes them.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { animationFrames, clickWidget, fillWidget, launchChromium, newPortalContext, openPortal, screenshot,
         waitForState, widgetRect } from './browser.mjs';
import { IDS, loginToMenu } from './portal.mjs';
import { PortalServer, checkPrerequisites } from './server.mjs';

let server, browser, context, page;
const usageRequests = [];

before(async () => {
  checkPrerequisites();
  server = new PortalServer();
  await server.start();
  browser = await launchChromium();
  // Tall enough for the table, the chart and every month's bar without scrolling.
  context = await newPortalContext(browser, server, { viewport: { width: 1280, height: 1500 } });
  page = await openPortal(context);
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/v1/usage') usageRequests.push(request.url());
  });
  await loginToMenu(page, server, 'demo-details');
  await clickWidget(page, 'menu.usage');
  await waitForState(page, (s) => s.screen === 'usage' && s.reports.usage.loaded, 'usage loaded', 30000);
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.dispose();
});

async function apiJson(url) {
  const res = await context.request.get(url, { failOnStatusCode: false });
  assert.equal(res.status(), 200, `GET ${url}`);
  return res.json();
}

// The server's rows of one month summed as the chart's bar should be.
function sumRows(month, rows) {
  return {
    month,
    numbers: rows.length,
    calls: rows.reduce((a, r) => a + r.call_count, 0),
    seconds: rows.reduce((a, r) => a + r.call_seconds, 0),
    charge: rows.reduce((a, r) => a + r.charge_yen, 0),
  };
}

async function serverMonthTotals(months, prefix = '') {
  const totals = [];
  for (const month of months) {
    const answer = await apiJson(`/api/v1/usage?month=${month}${prefix ? `&prefix=${prefix}` : ''}`);
    assert.equal(answer.month, month);
    totals.push(sumRows(month, answer.rows));
  }
  return totals;
}

function monthChartReady(months, prefix) {
  return (s) => s.reports.usage.monthChart.pending === 0 && s.reports.usage.monthChart.prefix === prefix &&
                s.reports.usage.monthChart.months.length === months.length;
}

test('per month: every month\'s bar is the sum of the server\'s answer, newest first', { timeout: 120000 }, async () => {
  const { months } = await apiJson('/api/v1/usage/months');
  assert.ok(months.length >= 2, 'the demo customer has several months of usage');
  const before = usageRequests.length;
  await clickWidget(page, 'usage.chart.byMonth');
  const state = await waitForState(page, monthChartReady(months, ''), 'every month fetched for the chart', 60000);
  const chart = state.reports.usage.monthChart;
  assert.equal(chart.byMonth, true);
  assert.equal(chart.error, '');
  assert.deepEqual(chart.months.map((m) => m.month), months, 'the API\'s months, newest first');
  assert.deepEqual(chart.months, await serverMonthTotals(months));
  // The table's month was already there: only the others were asked for, once each.
  assert.equal(usageRequests.length - before, months.length - 1);
  await screenshot(page, 'usage-month-chart@1x');
});

test('per month with a prefix: the totals follow the numbers shown, as the server filters them',
     { timeout: 120000 }, async () => {
  const { months } = await apiJson('/api/v1/usage/months');
  const newest = await apiJson(`/api/v1/usage?month=${months[0]}`);
  // One whole number: a prefix that keeps a proper subset whatever the demo's numbering.
  const prefix = newest.rows[newest.rows.length - 1].phone;
  const before = usageRequests.length;
  await fillWidget(page, 'usage.prefix', prefix);
  const state = await waitForState(page, monthChartReady(months, prefix), `month totals for prefix ${prefix}`);
  const expected = await serverMonthTotals(months, prefix);
  assert.ok(expected.some((m) => m.numbers > 0 && m.numbers < newest.rows.length), 'the prefix keeps some numbers');
  assert.deepEqual(state.reports.usage.monthChart.months, expected);
  assert.equal(usageRequests.length, before, 'a new prefix is computed from the cached months: no request');
  await fillWidget(page, 'usage.prefix', '');
  await waitForState(page, monthChartReady(months, ''), 'month totals without prefix');
});

test('hovering a month\'s bar shows its values, in Japanese and English', { timeout: 60000 }, async () => {
  const { months } = await apiJson('/api/v1/usage/months');
  const month = months[1];
  const bar = await widgetRect(page, `usage.chart.month.${month}`);
  await page.mouse.move(bar.x + bar.width * 0.2, bar.y + bar.height / 2);
  await animationFrames(page, 3);
  await waitForState(page, (s) => s.reports.usage.monthChart.hovered === month, `the ${month} bar hovered`);
  await screenshot(page, 'usage-month-chart-hover-ja@1x');
  await clickWidget(page, 'header.language');
  await waitForState(page, (s) => s.language === 'en', 'English');
  const again = await widgetRect(page, `usage.chart.month.${month}`);
  await page.mouse.move(again.x + again.width * 0.2, again.y + again.height / 2);
  await animationFrames(page, 3);
  await waitForState(page, (s) => s.reports.usage.monthChart.hovered === month, `the ${month} bar hovered (en)`);
  await screenshot(page, 'usage-month-chart-hover-en@1x');
  await clickWidget(page, 'header.language');
  await waitForState(page, (s) => s.language === 'ja', 'Japanese again');
});

test('the months stay cached while logged in and are wiped at logout', { timeout: 120000 }, async () => {
  const { months } = await apiJson('/api/v1/usage/months');
  await clickWidget(page, 'usage.chart.byMonth');  // already on when the tests above ran
  await waitForState(page, monthChartReady(months, ''), 'the per-month chart', 60000);
  const before = usageRequests.length;
  await clickWidget(page, 'usage.chart.byNumber');
  await waitForState(page, (s) => !s.reports.usage.monthChart.byMonth && s.idle, 'the per-number chart');
  await clickWidget(page, 'usage.chart.byMonth');
  let state = await waitForState(page, monthChartReady(months, ''), 'the per-month chart again');
  assert.equal(usageRequests.length, before, 'switching back fetches nothing');
  assert.equal(state.reports.usage.monthChart.cachedMonths, months.length);

  await clickWidget(page, IDS.logout);
  state = await waitForState(page, (s) => s.screen === 'login', 'the login screen after logout');
  assert.equal(state.reports.usage.monthChart.cachedMonths, 0, 'nothing of the months is kept');
  assert.deepEqual(state.reports.usage.monthChart.months, []);
  assert.equal(state.reports.usage.monthChart.byMonth, false);
});
