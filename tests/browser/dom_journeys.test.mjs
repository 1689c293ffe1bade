// The journeys of the HTML page (no WebGL2, ?render=dom) that no_webgl.test.mjs leaves out, each
// against the server's own answers: masked passwords (dots for the eye, their name for a screen
// reader), reveal and copy, sorting by a column, the language switch, call details for a number
// and a period, and the idle dialog ("stay" keeps the session, letting it run out logs out). A
// start date typed into the search conditions is in dom_paging.test.mjs, whose customer's lines
// start on many days. Screenshots of each screen at 1280 and 375 go to tests/artifacts (dom-*).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { accessibilityTree, axeViolations, findNode } from './a11y.mjs';
import { apiLines } from './api.mjs';
import { waitForState } from './browser.mjs';
import { GRID, control, domLogin, domMenuPage, gridRows, openDomPage, shoot } from './dom_page.mjs';
import { listMessages, waitForCode } from './mail.mjs';
import { pollUntil, pollValue } from './poll.mjs';
import { DEMO_PASSWORD, IDS, usePortal } from './portal.mjs';

// One server and browser; the contract tests share one HTML page of a customer whose plan shows
// both password columns (they run in order and leave it on the contract screen).
const shared = {};
const portal = usePortal({}, async (p) => {
  Object.assign(shared, await domMenuPage(p, 'demo-standard'));
  await control(shared.page, 'menu.contract').click();
  await waitForState(shared.page, (s) => s.screen === 'contract' && s.totalRows > 0 && s.idle, 'the lines loaded', 30000);
});

// The text a sighted customer sees on the page: text in elements larger than the 1×1 box of a
// visually hidden one, in the page's order; `words` leaves out the data in table cells (the
// contract's service name and plan are Japanese in either language), keeping their buttons.
function visibleText(page, { words = false } = {}) {
  return page.evaluate((onlyWords) => {
    const out = [];
    const walker = document.createTreeWalker(document.getElementById('portal-mirror'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement, box = parent.getBoundingClientRect();
      if (onlyWords && parent.tagName === 'SPAN' && parent.parentElement.tagName === 'TD') continue;
      if (box.width > 1 && box.height > 1 && node.textContent.trim()) out.push(node.textContent.trim());
    }
    return out.join(' ');
  }, words);
}

const cellText = (page, key) => page.locator(`[id="pm-${key}"]`).evaluate((cell) => cell.innerText.trim());

async function clipboardAfter(page, click, expected) {
  await page.evaluate(() => navigator.clipboard.writeText('(before)'));
  await click();
  return pollValue(() => page.evaluate(() => navigator.clipboard.readText()), (copied) => copied === expected,
                   { timeoutMs: 10000, intervalMs: 50 });
}

test('masked passwords: dots on the page, 非表示のパスワード for a screen reader; one ご契約内容; reveal and copy give the API\'s values', { timeout: 120000 }, async () => {
  const { page, context } = shared;
  const line = (await apiLines(context, { sort: 'no' })).rows[0];
  const align = (key) => page.locator(`[id="pm-${key}"]`).evaluate((cell) => getComputedStyle(cell).textAlign);
  assert.deepEqual([await align('table.row.0.no'), await align('table.row.0.phone'), await align('table.row.0.start_date'),
                    await align('table.row.0.channels')], ['right', 'left', 'left', 'right'],
                   'No and チャンネル (numbers in the engine\'s column table) right-aligned, the others not');
  const seen = await visibleText(page);
  assert.doesNotMatch(seen, /非表示のパスワード/, 'the words for a screen reader are not on the page');
  assert.match(seen, /●●●●●●/, 'a masked password shows as dots');
  assert.equal(seen.split('ご契約内容').length - 1, 1, 'ご契約内容 shows once (the heading, not the caption)');
  const tree = await accessibilityTree(page);
  findNode(tree, 'table', 'ご契約内容');
  findNode(tree, 'gridcell', /非表示のパスワード/);
  assert.ok(!tree.some((node) => /●/.test(node.name)), 'no dots read out');
  await shoot(page, 'contract');

  await control(page, IDS.rowReveal(0)).click();
  await page.waitForFunction((want) => document.getElementById('pm-table.row.0.line_password')?.innerText.includes(want),
                             line.line_password, { timeout: 15000 });
  assert.match(await cellText(page, 'table.row.0.service_password'), new RegExp(`^${line.service_password}`));
  assert.doesNotMatch(await cellText(page, 'table.row.0.line_password'), /●/, 'no dots left in a revealed cell');
  assert.match(await cellText(page, 'table.row.1.line_password'), /^●●●●●●/, 'only that row is revealed');
  await shoot(page, 'contract-revealed');
  const copies = [['copyLinePassword', line.line_password], ['copyServicePassword', line.service_password],
                  ['copyAccount', line.account_id]];
  for (const [what, value] of copies) {
    assert.equal(await clipboardAfter(page, () => control(page, IDS.rowCopy(0, what)).click(), value), value,
                 `${what} puts the API's value on the clipboard`);
  }
  await control(page, IDS.rowReveal(0)).click();
  await page.waitForFunction(() => /^●/.test(document.getElementById('pm-table.row.0.line_password')?.innerText ?? ''),
                             null, { timeout: 15000 });
});

test('sorting by a column header on the HTML page gives the API\'s order, both ways', { timeout: 120000 }, async () => {
  const { page, context } = shared;
  for (const sort of ['start_date:asc', 'start_date:desc', 'no:asc']) {
    const [key] = sort.split(':');
    await control(page, IDS.tableHeader(key)).click();
    await waitForState(page, (s) => s.lines.sort === sort && s.idle, `sorted by ${sort}`);
    const expected = (await apiLines(context, { sort })).rows.map((row) => String(row.no));
    const shown = (await gridRows(page)).map((row) => row.cells[0]);
    assert.deepEqual(shown, expected.slice(0, shown.length), `the grid's lines in the API's order for ${sort}`);
    const th = page.locator(`${GRID} th:has([data-key="${IDS.tableHeader(key)}"])`);
    assert.equal(await th.getAttribute('aria-sort'), sort.endsWith('asc') ? 'ascending' : 'descending');
  }
});

test('the language switch turns the page, its captions, pager and spoken words into English and back', { timeout: 90000 }, async () => {
  const { page } = shared;
  await control(page, 'header.language').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 15000 });
  await waitForState(page, (s) => s.language === 'en' && s.idle, 'English');
  const seen = await visibleText(page, { words: true });
  assert.doesNotMatch(seen, /[\u3040-\u30ff]/, `no kana left on the English page: ${seen.match(/.{0,20}[\u3040-\u30ff].{0,20}/)?.[0]}`);
  findNode(await accessibilityTree(page), 'gridcell', /password hidden/);
  await shoot(page, 'contract-en');
  await control(page, 'header.language').click();
  await page.waitForFunction(() => document.documentElement.lang === 'ja', null, { timeout: 15000 });
});

test('call details on the HTML page: a number and a period typed in, the calls and totals of the API, sorted by duration', { timeout: 150000 }, async () => {
  const { context, page } = await domMenuPage(portal, 'demo-details');
  try {
    await control(page, 'menu.details').click();
    await waitForState(page, (s) => s.screen === 'callDetails' && s.idle, 'the call-detail screen');
    const number = '05058202003';
    await control(page, 'details.number').fill(number);
    await waitForState(page, (s) => s.reports.details.selectedPhone === number, 'the number chosen');
    const period = (await waitForState(page, (s) => s.reports.details.from, 'the period')).reports.details;
    // A later start, typed: the Japan date of the middle call of the default period.
    const all = await (await context.request.get(`/api/v1/call-details?number=${number}&from=${period.from}&to=${period.to}`)).json();
    const middle = all.calls[Math.floor(all.calls.length / 2)].start;
    const to = period.to, from = new Date((middle + 9 * 3600) * 1000).toISOString().slice(0, 10);
    await control(page, 'details.from').fill(from);
    await control(page, 'details.from').press('Tab');
    await waitForState(page, (s) => s.reports.details.from === from, `the period from ${from}`);
    await control(page, 'details.query').click();
    const state = await waitForState(page, (s) => s.reports.details.loaded && !s.reports.details.loading && s.idle, 'the calls');
    const res = await context.request.get(`/api/v1/call-details?number=${number}&from=${from}&to=${to}`);
    const answer = await res.json();
    assert.ok(answer.calls.length > 0 && answer.calls.length < all.calls.length, `some calls from ${from} to ${to}`);
    assert.equal(state.reports.details.rowCount, answer.calls.length);
    assert.equal(state.reports.details.totalSeconds, answer.calls.reduce((a, c) => a + c.duration_seconds, 0));
    assert.equal(state.reports.details.totalCharge, answer.calls.reduce((a, c) => a + c.charge_yen, 0));
    const rows = await gridRows(page);
    assert.equal(rows[0].cells[1], answer.calls[0].destination, 'the first call\'s destination');
    assert.equal(await page.locator(GRID).getAttribute('aria-rowcount'), String(answer.calls.length + 1));
    assert.deepEqual(await numberAlignment(page, 'details.grid'), ['left', 'left', 'right', 'right'],
                     'duration and charge right-aligned, as on the canvas');
    await shoot(page, 'details');
    await control(page, 'details.header.duration').click();
    await waitForState(page, (s) => s.idle, 'sorted once');
    await control(page, 'details.header.duration').click();
    const longest = Math.max(...answer.calls.map((c) => c.duration_seconds));
    const hms = `${Math.floor(longest / 3600)}:${String(Math.floor(longest / 60) % 60).padStart(2, '0')}:${String(longest % 60).padStart(2, '0')}`;
    await page.waitForFunction(([selector, want]) => document.querySelector(`${selector} tbody tr`)?.cells[2].innerText.trim() === want,
                               [GRID, hms], { timeout: 15000 });
  } finally {
    await context.close();
  }
});

test('the idle dialog on the HTML page: "stay" keeps the session, letting it run out logs out', { timeout: 150000 }, async () => {
  for (const stay of [true, false]) {
    const url = `/?render=dom&idle=5&countdown=${stay ? 30 : 5}`;
    // The page runs on Playwright's clock, moved past the 5 s idle time and then past the
    // countdown instead of waiting them out: a frame of the client's loop meets each deadline.
    const { context, page } = await openDomPage(portal, { url, clock: true });
    try {
      await waitForState(page, (s) => s.screen === 'login' && s.ready && s.render === 'dom', 'the HTML login page', 30000);
      await domLogin(page, portal.server, 'demo-standard');
      await page.clock.fastForward(6000);
      const dialog = page.locator('#portal-mirror [role="alertdialog"]');
      await dialog.waitFor({ state: 'visible', timeout: 30000 });
      const box = await dialog.boundingBox();
      assert.ok(box.width > 100 && box.y >= 0 && box.y + box.height <= 800, `the dialog is on screen (${JSON.stringify(box)})`);
      assert.match(await dialog.innerText(), /\d/, 'it says the time left');
      if (stay) {
        await shoot(page, 'idle');
        await control(page, 'idle.stay').click();
        await dialog.waitFor({ state: 'detached', timeout: 15000 });
        const state = await waitForState(page, (s) => s.screen === 'menu' && s.idle, 'the menu again');
        assert.equal(state.session.active, true, '"stay" keeps the session');
        assert.equal((await context.request.get('/api/v1/contract', { failOnStatusCode: false })).status(), 200);
      } else {
        await page.clock.fastForward(6000);
        const state = await waitForState(page, (s) => s.screen === 'login' && s.ready && !s.session.active,
                                         'logged out by the idle timer', 30000);
        assert.equal(state.render, 'dom', 'the HTML login page again');
        assert.equal((await context.request.get('/api/v1/contract', { failOnStatusCode: false })).status(), 401,
                     'the server ended the session');
        await shoot(page, 'idle-logged-out');
      }
    } finally {
      await context.close();
    }
  }
});

const yen = (value) => `¥${value.toLocaleString('en-US')}`;
const hms = (s) => `${Math.floor(s / 3600)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
const chartBars = (page) => page.locator('[id="pm-usage.chart.table"] tbody tr').evaluateAll((rows) =>
  rows.map((row) => Array.from(row.cells, (cell) => cell.innerText.trim())));

// The text-align of each cell of the first data row of the grid `key`.
const numberAlignment = (page, key) => page.locator(`[id="pm-${key}"] tbody tr`).first().evaluate((row) =>
  Array.from(row.cells, (cell) => getComputedStyle(cell).textAlign));

// Waits (bounded) until the chart's table shows `expected` (per bar: its value, or [label, value]
// with `labels`), then asserts it. Numbers with equal values may be drawn in either order, so
// the per-number chart is compared by its values.
async function chartShows(page, expected, what, { labels = false } = {}) {
  const shown = async () => (await chartBars(page)).map((bar) => (labels ? bar : bar[1]));
  const bars = await pollValue(shown, (now) => JSON.stringify(now) === JSON.stringify(expected), { timeoutMs: 20000 });
  assert.deepEqual(bars, expected, what);
}

const checked = (page, key) => control(page, key).isChecked();

// Waits (bounded) until radio `on` is checked and `off` is not: the page's own click checks a radio
// at once, and the mirror can redraw the frame before the app took the click before it follows.
async function radioFollows(page, on, off) {
  await pollUntil(async () => [await checked(page, on), await checked(page, off)], ([onChecked, offChecked]) => onChecked && !offChecked,
                  `${on} checked and ${off} not`, { timeoutMs: 10000 });
}

// The chart's switches as the HTML page offers them (two radio groups and a <select>): each
// changes the bars to what the API's usage says; by month, each month's totals over all numbers.
async function operateChartSwitches(page, context, answer) {
  const top = (n, metric) => [...answer.rows].sort((a, b) => b[metric] - a[metric]).slice(0, n);
  await control(page, 'usage.chart.time').click();
  await chartShows(page, top(10, 'call_seconds').map((row) => hms(row.call_seconds)),
                   'by call time: the ten longest totals of the month');
  await radioFollows(page, 'usage.chart.time', 'usage.chart.charge');
  const count = page.locator('[id="pm-usage.chart.top-input"]');
  assert.equal(await count.inputValue(), '10', 'the <select> says the count shown');
  await count.selectOption('5');
  await chartShows(page, top(5, 'call_seconds').map((row) => hms(row.call_seconds)), 'the top 5 by call time');
  assert.equal(await count.inputValue(), '5');
  await control(page, 'usage.chart.charge').click();
  await chartShows(page, top(5, 'charge_yen').map((row) => yen(row.charge_yen)), 'the top 5 by charge');

  await control(page, 'usage.chart.byMonth').click();
  const months = [];
  for (const month of answer.months) {
    const rows = (await (await context.request.get(`/api/v1/usage?month=${month}`)).json()).rows;
    months.push({ month, seconds: rows.reduce((a, r) => a + r.call_seconds, 0), charge: rows.reduce((a, r) => a + r.charge_yen, 0) });
  }
  assert.ok(months.length > 1, `several months to chart (${answer.months})`);
  await chartShows(page, months.map((m) => [m.month, yen(m.charge)]), 'by month: each month\'s charges, newest first',
                   { labels: true });
  assert.equal(await count.count(), 0, 'by month there is no count of numbers to choose');
  await control(page, 'usage.chart.time').click();
  await chartShows(page, months.map((m) => [m.month, hms(m.seconds)]), 'by month: each month\'s call time',
                   { labels: true });
  await radioFollows(page, 'usage.chart.byMonth', 'usage.chart.byNumber');
  await shoot(page, 'usage-by-month');
  const tree = await accessibilityTree(page);
  findNode(tree, 'radiogroup', 'グラフの集計');
  findNode(tree, 'radio', '月別');
  assert.deepEqual(await axeViolations(page), [], 'axe: the chart\'s switches and table');
  await control(page, 'usage.chart.byNumber').click();
  const again = page.locator('[id="pm-usage.chart.top-input"]');
  await again.waitFor({ state: 'visible', timeout: 15000 });
  assert.equal(await again.inputValue(), '5', 'the count chosen is kept');
  findNode(await accessibilityTree(page), 'combobox', '表示する番号数');
}

test('the other screens of the HTML page, as screenshots without layout faults: login, code, menu, usage with its chart as a table, security', { timeout: 180000 }, async () => {
  const { context, page } = await openDomPage(portal, { url: '/?render=dom' });
  try {
    await waitForState(page, (s) => s.screen === 'login' && s.ready && s.render === 'dom', 'the HTML login page', 30000);
    await shoot(page, 'login');
    const before = listMessages(portal.server.outbox).length;
    await page.locator('#portal-login-username').fill('demo-details');
    await page.locator('#portal-login-password').fill(DEMO_PASSWORD);
    await page.locator('#portal-login-password').press('Enter');
    await waitForState(page, (s) => s.screen === 'code' && s.idle, 'the code screen');
    await shoot(page, 'code');
    const mail = await waitForCode(portal.server.outbox, { afterCount: before });
    await page.locator('#portal-login-code').fill(mail.code);
    await page.locator('#portal-login-code').press('Enter');
    await waitForState(page, (s) => s.screen === 'menu' && s.contract !== null && s.idle, 'the menu', 20000);
    await shoot(page, 'menu');

    await control(page, 'menu.usage').click();
    const usage = (await waitForState(page, (s) => s.screen === 'usage' && s.reports.usage.loaded && s.idle, 'usage', 30000)).reports.usage;
    const answer = await (await context.request.get(`/api/v1/usage?month=${usage.month}`)).json();
    const byCharge = [...answer.rows].sort((a, b) => b.charge_yen - a.charge_yen).slice(0, 10);
    const bars = await chartBars(page);
    assert.deepEqual(bars.map((bar) => bar[1]), byCharge.map((row) => yen(row.charge_yen)),
                     'the chart as a table: the top numbers\' charges, largest first, as the API says');
    assert.deepEqual(await numberAlignment(page, 'usage.grid'), ['left', 'right', 'right', 'right'],
                     'the usage table\'s numbers right-aligned, as on the canvas');
    assert.deepEqual(await numberAlignment(page, 'usage.chart.table'), ['left', 'right'],
                     'the chart\'s table: the number left, its yen amount right-aligned like the other tables');
    await shoot(page, 'usage');
    await operateChartSwitches(page, context, answer);
    await control(page, 'usage.back').click();
    await waitForState(page, (s) => s.screen === 'menu', 'the menu');
    await control(page, 'menu.security').click();
    await waitForState(page, (s) => s.screen === 'security' && s.idle, 'the security screen', 20000);
    await shoot(page, 'security');
  } finally {
    await context.close();
  }
});
