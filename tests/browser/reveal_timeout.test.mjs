// Passwords revealed with 表示 are masked again after 30 seconds (lines_table.cpp kRevealMs; the
// client reads time through emscripten_get_now, i.e. performance.now()). Playwright's clock
// replaces performance.now, Date, timers and requestAnimationFrame in the page before it loads,
// so the test moves the page's time forward instead of waiting 30 real seconds: the client's own
// frame loop then runs with the later time and masks the row.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { apiLines, displayCells } from './api.mjs';
import { clickWidget, screenshot, waitForIdle, waitForState } from './browser.mjs';
import { IDS, contractPage, usePortal, withContext } from './portal.mjs';

const portal = usePortal();

test('表示 reveals a row\'s passwords for 30 seconds, then they are masked again', { timeout: 90000 }, async () => {
  await withContext(portal, {}, async (context) => {
    // Installed before the page loads, so the client's clock and frame loop are the fake ones
    // from the start; the fake time keeps running with real time until moved on.
    await context.clock.install();
    const page = await contractPage(context, portal.server, 'demo-standard');
    const expected = (await apiLines(context, { sort: 'no' })).rows[0];
    let state = await waitForState(page, (s) => s.firstRows.length > 0 && s.lines.firstVisibleIndex === 0, 'rows');
    const columns = state.lines.columns;
    const lineColumn = columns.indexOf('line_password');
    assert.ok(lineColumn >= 0, 'the standard plan shows the line password column');
    const revealedCells = JSON.stringify(displayCells(expected, columns, { revealed: true }));

    await clickWidget(page, IDS.rowReveal(0));
    state = await waitForState(page, (s) => JSON.stringify(s.firstRows[0]) === revealedCells && s.lines.revealedRows === 1,
                               'the first row revealed');
    await waitForIdle(page, 'the client idle after revealing');
    // From here the page's time moves only when the test moves it (pauseAt jumps 1 s ahead and
    // stops), so real seconds spent waiting cannot add up to the 30: the row was revealed at most
    // a moment plus that 1 s before this point.
    const fakeNow = await page.evaluate(() => Date.now());
    await page.clock.pauseAt(fakeNow + 1000);

    // Time moved by fastForward, then half a second of frames at the new time (runFor fires the
    // animation frames the client's loop waits on).
    const later = async (jump) => {
      await page.clock.fastForward(jump);
      await page.clock.runFor(500);
      return waitForIdle(page, `the client idle after ${jump} more`);
    };
    state = await later('00:25');
    assert.equal(JSON.stringify(state.firstRows[0]), revealedCells, 'still revealed some 26 s after 表示');
    assert.equal(state.lines.revealedRows, 1);

    // 31 s and more after: masked. The hook computes a row's cells from the current time, so the
    // cells alone would look masked even without a frame; revealedRows drops to 0 only when the
    // client's frame has expired the reveal, which shows the screen itself was drawn masked.
    state = await later('00:05');
    assert.equal(state.lines.revealedRows, 0, 'the reveal expired in a frame drawn after 30 s');
    assert.deepEqual(state.firstRows[0], displayCells(expected, columns), 'both passwords masked again');
    assert.equal(state.firstRows[0][lineColumn], '******');
    assert.ok(state.session.active, 'the session is still active (only the page clock moved)');
    await page.clock.resume();
    await screenshot(page, 'reveal-expired@1x');
  });
});
