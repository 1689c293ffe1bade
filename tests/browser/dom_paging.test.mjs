// The line table of the HTML page (no WebGL2) with 100,000 lines: the page holds only a
// screenful of <tr>s and pages through the rest with its buttons (reachable by Tab, with a visible
// focus), the keys on the grid (PageDown/PageUp, Home/End, the arrows) and the wheel. Pages follow
// each other row for row: the first starts at the first line, the last ends at the server's last
// line, aria-rowindex counts from the header row, and a search starts again at the first row.
// A page holds as many rows at 375 px, ratio 1 or 2, scrolled or resized back, as at 1280 px of
// the same height: only the window's height decides.
// A start date typed into the search conditions finds what the API and the canvas find (these
// lines start on many days).
import assert from 'node:assert/strict';
import { test } from 'node:test';

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

  // The keys on the grid: PageDown/PageUp a page, the arrows a row, End the last line, Home the first.
  await page.locator(GRID).focus();
  now = await after(page, () => page.keyboard.press('PageDown'), 'PageDown');
  assert.equal(now.first, first.last + 1, 'PageDown: the next page');
  now = await after(page, () => page.keyboard.press('ArrowDown'), 'ArrowDown');
  assert.equal(now.first, first.last + 2, 'ArrowDown: one row on');
  now = await after(page, () => page.keyboard.press('ArrowUp'), 'ArrowUp');
  assert.equal(now.first, first.last + 1, 'ArrowUp: one row back');
  now = await after(page, () => page.keyboard.press('PageUp'), 'PageUp');
  assert.equal(now.first, 2, 'PageUp: the first page again');
  now = await after(page, () => page.keyboard.press('End'), 'End');
  assert.equal(now.last, LINES + 1, 'End: the last page ends at the last line');
  const lastLine = server.rows[LINES - 1];
  assert.equal(now.rows.at(-1).cells[0], String(lastLine.no), 'the last row is the server\'s last line');
  assert.ok(now.rows.at(-1).cells[1].startsWith(lastLine.phone), `its number: ${now.rows.at(-1).cells[1]}`);
  assert.ok(now.last - now.first + 1 >= shown - 1, `the last page is a full page (${now.first}–${now.last})`);
  assert.equal(await next.getAttribute('aria-disabled'), 'true', 'nothing after the last page');
  assert.equal(await page.evaluate((selector) => document.activeElement === document.querySelector(selector), GRID), true,
               'the grid keeps the focus');
  now = await after(page, () => page.keyboard.press('Home'), 'Home');
  assert.equal(now.first, 2, 'Home: the first line');

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
  await after(page, () => page.keyboard.press('End'), 'End before the search');
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

