// The line table of the HTML page (no WebGL2) with 100,000 lines: the page holds only a
// screenful of <tr>s and pages through the rest with its buttons (reachable by Tab, with a visible
// focus), the keys on the grid's cells (the ARIA grid pattern: one cell in the Tab order, the
// arrows cell by cell, Home/End, PageDown/PageUp, Ctrl+Home/Ctrl+End, Enter into a cell's buttons)
// and the wheel. Pages follow each other row for row: the first starts at the first line, the last
// ends at the server's last line, aria-rowindex counts from the header row, and a search starts
// again at the first row. A page holds as many rows at 375 px, ratio 1 or 2, scrolled or resized
// back, as at 1280 px of the same height: only the window's height decides.
// A start date typed into the search conditions finds what the API and the canvas find (these
// lines start on many days).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { accessibilityTree } from './a11y.mjs';
import { apiLines, minStartYear } from './api.mjs';
import { clickWidget, waitForIdle, waitForState } from './browser.mjs';
import { GRID, control, domMenuPage, gridRows, shoot } from './dom_page.mjs';
import { IDS, contractPage, setStartDate, usePortal, withContext } from './portal.mjs';

const LINES = 100000;
// One HTML page on the contract screen of the 100,000-line customer, shared by the tests in order.
const shared = {};
const portal = usePortal({}, async (p) => {
  Object.assign(shared, await domMenuPage(p, 'demo-large'));
  await control(shared.page, 'menu.contract').click();
  await waitForState(shared.page, (s) => s.screen === 'contract' && s.totalRows === LINES && s.idle, 'the lines loaded', 90000);
});
const SCREENFUL = 40;  // more <tr>s than an 800-pixel window shows would be a fault

// The grid's rows once the app has answered the last move, checked as one page: a run of
// aria-rowindex values with no gap, a screenful at most, every row a line of the table.
async function page_(page, what) {
  await waitForIdle(page, what, 30000);
  const rows = await gridRows(page);
  const indexes = rows.map((row) => row.index);
  assert.ok(rows.length > 3 && rows.length <= SCREENFUL, `${what}: a screenful of <tr>s, not ${LINES} (${rows.length})`);
  indexes.forEach((index, i) => assert.equal(index, indexes[0] + i, `${what}: rows in a run (${indexes.join(',')})`));
  assert.ok(indexes[0] >= 2 && indexes.at(-1) <= LINES + 1, `${what}: rows 2..${LINES + 1} (${indexes[0]}..${indexes.at(-1)})`);
  return { first: indexes[0], last: indexes.at(-1), rows };
}

// A move, then the page it led to, once the grid has changed (or `same` when it must not).
async function after(page, move, what) {
  const before = JSON.stringify((await gridRows(page)).map((row) => row.index));
  await move();
  await page.waitForFunction(([selector, was]) => JSON.stringify(Array.from(
    document.querySelectorAll(`${selector} tbody tr`), (row) => Number(row.getAttribute('aria-rowindex')))) !== was,
  [GRID, before], { timeout: 30000 });
  return page_(page, what);
}

// The cell that has the focus: its row's aria-rowindex, its column and its visible text.
function focusedCell(page) {
  return page.evaluate(() => {
    const cell = document.activeElement && document.activeElement.closest('td, th');
    return cell && { row: Number(cell.parentNode.getAttribute('aria-rowindex')), column: cell.cellIndex,
                     text: cell.innerText.trim().split('\n')[0] };
  });
}

// What a screen reader is told has the focus: the focused node of Chromium's accessibility tree.
async function focusedNode(page) {
  return (await accessibilityTree(page)).filter((node) => node.props.focused && node.role !== 'RootWebArea').at(-1);
}

// Inside a cell of several buttons (a revealed password: コピー and 隠す) Tab and Shift+Tab move
// between its buttons, wrapping within the cell as the grid pattern allows, and Escape leaves
// them: a keyboard or screen-reader user who entered the cell is not thrown out of the grid.
// Starts and ends on the first line's 電話番号 cell, the password masked again.
async function cellButtonsByTab(page) {
  const key = () => page.evaluate(() => document.activeElement.dataset.key || document.activeElement.tagName);
  const buttons = () => page.evaluate(() => document.activeElement.closest('td').querySelectorAll('button').length);
  const column = await page.evaluate((selector) =>
    document.querySelector(`${selector} [data-key="table.header.line_password"]`).closest('th').cellIndex, GRID);
  for (let i = 1; i < column; i++) await page.keyboard.press('ArrowRight');
  assert.equal((await focusedCell(page)).column, column, 'on the first line\'s password cell');
  await page.keyboard.press('Enter');
  assert.equal(await key(), 'table.row.0.reveal', 'Enter: into the masked cell\'s one button, 表示');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement.closest('td')?.querySelectorAll('button').length === 2,
                             null, { timeout: 15000 });
  assert.equal(await key(), 'table.row.0.reveal', 'the focus stays on the toggle, now 隠す');
  await page.keyboard.press('Tab');
  assert.equal(await key(), 'table.row.0.copyLinePassword', 'Tab from the last button wraps to the cell\'s first, コピー');
  await page.keyboard.press('Tab');
  assert.equal(await key(), 'table.row.0.reveal', 'Tab: the next button of the cell');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await key(), 'table.row.0.copyLinePassword', 'Shift+Tab: the previous button of the cell');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await key(), 'table.row.0.reveal', 'Shift+Tab from the first button wraps to the last');
  await page.keyboard.press('Enter');  // masked again
  await page.waitForFunction(() => document.activeElement.closest('td')?.querySelectorAll('button').length === 1,
                             null, { timeout: 15000 });
  assert.equal(await buttons(), 1);
  await page.keyboard.press('Escape');
  assert.equal((await focusedCell(page)).column, column, 'Escape: back to the password cell');
  for (let i = column; i > 1; i--) await page.keyboard.press('ArrowLeft');
  assert.equal((await focusedCell(page)).column, 1, 'back on the 電話番号 cell');
}

// The arrows move cell by cell through the rows shown, Home/End to the row's ends; past the last
// row shown the rows move on by one and the focus stays in its column; Enter enters a cell's
// buttons, the arrows (and Tab, see cellButtonsByTab) move between them, Escape goes back to the
// cell; Tab from a cell leaves the grid.
async function cellKeys(page, server, shown) {
  const press = async (key) => { await page.keyboard.press(key); return focusedCell(page); };
  assert.deepEqual(await press('ArrowDown'), { row: 2, column: 0, text: String(server.rows[0].no) }, 'ArrowDown: the first line\'s No');
  let node = await focusedNode(page);
  assert.equal(node.role, 'gridcell', `a screen reader hears a grid cell (${JSON.stringify(node)})`);
  assert.equal(node.name, String(server.rows[0].no));
  const phone = await press('ArrowRight');
  assert.deepEqual([phone.row, phone.column], [2, 1], 'ArrowRight: the next cell');
  assert.ok(phone.text.startsWith(server.rows[0].phone), `the number's cell (${phone.text})`);
  node = await focusedNode(page);
  assert.equal(node.name, server.rows[0].phone, 'the cell is heard by its number, not its button\'s name');
  await press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.key), 'table.row.0.usage', 'Enter: into the cell\'s button');
  assert.deepEqual((await press('Escape')).column, 1, 'Escape: back to the cell');
  await cellButtonsByTab(page);
  const end = await press('End');
  assert.ok(end.column > 5 && end.row === 2, `End: the row's last cell (${end.column})`);
  assert.equal((await press('Home')).column, 0, 'Home: the row\'s first cell');
  for (let i = 1; i < shown; i++) await page.keyboard.press('ArrowDown');
  assert.equal((await focusedCell(page)).row, shown + 1, 'ArrowDown through the rows shown, nothing paged');
  assert.equal((await gridRows(page))[0].index, 2);
  const moved = await after(page, () => page.keyboard.press('ArrowDown'), 'ArrowDown past the last row shown');
  assert.equal(moved.first, 3, 'the rows move on by one');
  assert.deepEqual(await focusedCell(page), { row: shown + 2, column: 0, text: String(server.rows[shown].no) },
                   'the focus on the row that came into view');
  const back = await after(page, () => page.keyboard.press('Control+Home'), 'Ctrl+Home');
  assert.equal(back.first, 2);
  // One cell of the grid is in the Tab order: Tab goes on past the grid.
  assert.equal(await page.locator(`${GRID} [tabindex="0"]`).count(), 1, 'a roving tabindex: one cell to Tab to');
}

test('100,000 lines on the HTML page: a screenful of rows, paged exactly by buttons, keys and the wheel', { timeout: 240000 }, async () => {
  const { context, page } = shared;
  const server = await apiLines(context, { sort: 'no' });
  assert.equal(server.count, LINES);
  assert.equal(await page.locator(GRID).getAttribute('aria-rowcount'), String(LINES + 1), 'the header and every line counted');

  const first = await page_(page, 'the first page');
  assert.equal(first.first, 2, 'the first page starts at the first line (row 1 is the header)');
  assert.equal(first.rows[0].cells[0], String(server.rows[0].no));
  const shown = first.last - first.first + 1;

  // The buttons: 次の行 shows the next rows, none skipped and none repeated; 前の行 goes back.
  const next = page.locator('#portal-mirror .pm-pager button').nth(1);
  const prev = page.locator('#portal-mirror .pm-pager button').nth(0);
  assert.equal(await prev.getAttribute('aria-disabled'), 'true', 'nothing before the first page');
  let now = await after(page, () => next.click(), '次の行');
  assert.equal(now.first, first.last + 1, `次の行 follows on: ${first.first}–${first.last} then ${now.first}–${now.last}`);
  assert.equal(now.rows[0].cells[0], String(server.rows[now.first - 2].no), 'the row is the server\'s line at that place');
  now = await after(page, () => prev.click(), '前の行');
  assert.equal(now.first, 2, '前の行 goes back to the first page');

  // The keys on the grid's cells (the ARIA grid pattern, cellKeys below): PageDown/PageUp a page,
  // Ctrl+End the last line, Ctrl+Home the first.
  await page.locator(GRID).focus();
  assert.deepEqual(await focusedCell(page), { row: 1, column: 0, text: 'No' }, 'the grid\'s focus goes to its first cell');
  now = await after(page, () => page.keyboard.press('PageDown'), 'PageDown');
  assert.equal(now.first, first.last + 1, 'PageDown: the next page');
  now = await after(page, () => page.keyboard.press('PageUp'), 'PageUp');
  assert.equal(now.first, 2, 'PageUp: the first page again');
  assert.equal((await focusedCell(page)).row, 2, 'the focus moved a page and back');
  await page.keyboard.press('ArrowUp');
  assert.equal((await focusedCell(page)).row, 1, 'ArrowUp: the header row');
  await cellKeys(page, server, shown);
  now = await after(page, () => page.keyboard.press('Control+End'), 'Ctrl+End');
  assert.equal(now.last, LINES + 1, 'Ctrl+End: the last page ends at the last line');
  assert.equal((await focusedCell(page)).row, LINES + 1, 'the focus on the last line');
  const lastLine = server.rows[LINES - 1];
  assert.equal(now.rows.at(-1).cells[0], String(lastLine.no), 'the last row is the server\'s last line');
  assert.ok(now.rows.at(-1).cells[1].startsWith(lastLine.phone), `its number: ${now.rows.at(-1).cells[1]}`);
  assert.ok(now.last - now.first + 1 >= shown - 1, `the last page is a full page (${now.first}–${now.last})`);
  assert.equal(await next.getAttribute('aria-disabled'), 'true', 'nothing after the last page');
  assert.equal(await page.evaluate((selector) => document.querySelector(selector).contains(document.activeElement), GRID), true,
               'the grid keeps the focus');
  now = await after(page, () => page.keyboard.press('Control+Home'), 'Ctrl+Home');
  assert.equal(now.first, 2, 'Ctrl+Home: the first line');
  assert.deepEqual(await focusedCell(page), { row: 2, column: 0, text: String(server.rows[0].no) }, 'the focus on the first line\'s first cell');

  // The buttons by Tab, after the grid's own controls, with a focus ring one can see.
  await page.evaluate((selector) => {
    const focusable = document.querySelectorAll(`${selector} button`);
    focusable[focusable.length - 1].focus();
  }, GRID);
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
    return { text: el.textContent, outline: style.outlineStyle, width: parseFloat(style.outlineWidth), w: box.width, h: box.height };
  });
  assert.match(ring.text, /前の行/, 'Tab from the grid reaches ▲前の行');
  assert.ok(ring.outline !== 'none' && ring.width >= 2, `a visible focus ring (${ring.outline} ${ring.width}px)`);
  assert.ok(ring.w >= 24 && ring.h >= 24, `a target of 24×24 at least (${ring.w}×${ring.h})`);
  await page.keyboard.press('Tab');
  now = await after(page, () => page.keyboard.press('Enter'), 'Enter on ▼次の行');
  assert.equal(now.first, first.last + 1, 'Enter on ▼次の行 pages on');

  // The wheel over the grid scrolls it.
  await page.locator(GRID).hover();
  const wheeled = await after(page, () => page.mouse.wheel(0, 300), 'the wheel');
  assert.ok(wheeled.first > now.first, `the wheel scrolls the grid: ${now.first} then ${wheeled.first}`);

  // At the end, a search: its rows start again at the first, counted afresh.
  await page.locator(GRID).focus();
  await after(page, () => page.keyboard.press('Control+End'), 'Ctrl+End before the search');
  const prefix = String(server.rows[LINES / 2].phone).slice(0, 8);
  const matching = (await apiLines(context, { prefix, sort: 'no' })).count;
  assert.ok(matching > shown && matching < LINES, `the prefix ${prefix} picks more than a page (${matching})`);
  await control(page, 'search.prefix').fill(prefix);
  await control(page, 'search.submit').click();
  await waitForState(page, (s) => s.rowCount === matching && s.idle, `the search for ${prefix}`, 30000);
  const searched = await page_(page, 'after the search');
  assert.equal(searched.first, 2, 'the search shows its first row first');
  assert.equal(await page.locator(GRID).getAttribute('aria-rowcount'), String(matching + 1));
  now = await after(page, () => next.click(), '次の行 after the search');
  assert.equal(now.first, searched.last + 1, 'paging goes on through the matches');
});

test('rows per page on the HTML page come from the window\'s height alone: 375×1, 375×2, 1280, scrolled, resized', { timeout: 180000 }, async () => {
  const { page } = shared;
  const cdp = await page.context().newCDPSession(page);
  // The rows the grid holds once the app has laid the page out for this window.
  const rowsAt = async (width, height, ratio, what, scroll = false) => {
    await cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: ratio, mobile: false });
    if (scroll) await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await waitForIdle(page, what, 30000);
    await new Promise((r) => setTimeout(r, 500));
    return (await page_(page, what)).rows.length;
  };
  try {
    const phone = await rowsAt(375, 800, 1, '375×800 ratio 1');
    assert.equal(await rowsAt(375, 800, 2, '375×800 ratio 2'), phone, 'the same rows at ratio 2');
    assert.equal(await rowsAt(375, 800, 2, 'scrolled to the end', true), phone, 'the same rows after scrolling');
    assert.equal(await rowsAt(1280, 800, 1, '1280×800'), phone, 'as many on a wide window of the same height');
    const short = await rowsAt(375, 600, 2, '375×600 ratio 2');
    assert.ok(short < phone, `a shorter window, fewer rows (${short} < ${phone})`);
    assert.equal(await rowsAt(375, 800, 1, '375×800 again'), phone, 'back to the first height, the same rows again');
    await page.evaluate(() => window.scrollTo(0, 0));
  } finally {
    await cdp.send('Emulation.clearDeviceMetricsOverride').catch(() => {});
    await cdp.detach().catch(() => {});
  }
});

test('a start date typed into the search conditions: the count of the API and of the canvas run', { timeout: 180000 }, async () => {
  const { page, context } = shared;
  const { rows } = await apiLines(context, { sort: 'no' });
  await control(page, 'search.prefix').fill('');
  await control(page, 'search.submit').click();
  await waitForState(page, (s) => s.fields.phonePrefix === '' && s.rowCount === LINES && s.idle, 'every line');
  const dates = rows.map((row) => row.start_date).filter(Boolean).sort();
  const from = dates[Math.floor(dates.length / 2)];
  const expected = (await apiLines(context, { start_from: from })).count;
  assert.ok(expected > 0 && expected < rows.length, `the start date ${from} picks some lines (${expected} of ${rows.length})`);
  await control(page, 'search.from').fill(from.replace(/-/g, '/'));
  await control(page, 'search.from').press('Tab');
  await waitForState(page, (s) => s.fields.startFrom === from, `the start date ${from} taken`);
  await control(page, 'search.submit').click();
  const dom = await waitForState(page, (s) => s.rowCount === expected && s.idle, `${expected} lines from ${from}`, 30000);
  assert.equal(await page.locator(GRID).getAttribute('aria-rowcount'), String(expected + 1));
  await shoot(page, 'contract-search-date');

  const canvas = await withContext(portal, {}, async (canvasContext) => {
    const canvasPage = await contractPage(canvasContext, portal.server, 'demo-large');
    const contract = await waitForState(canvasPage, (s) => s.contract?.asOf, 'the contract');
    await setStartDate(canvasPage, 'start_from', from, minStartYear(rows, contract.contract.asOf));
    await clickWidget(canvasPage, IDS.searchSubmit);
    return waitForState(canvasPage, (s) => s.fields.startFrom === from && s.idle, 'the canvas search');
  });
  assert.equal(dom.rowCount, canvas.rowCount, 'the HTML page finds what the canvas finds');

  await control(page, 'search.from').fill('');
  await control(page, 'search.from').press('Tab');
  await control(page, 'search.submit').click();
  await waitForState(page, (s) => s.fields.startFrom === '' && s.rowCount === rows.length && s.idle, 'every line again', 30000);
});

