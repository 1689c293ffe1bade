// Kiosk mode and the client's idle logout: the countdown dialog with a short configured
// idle time (?idle=5&countdown=5), "stay", logout wiping every field and leaving nothing in the
// browser's storage, the screen-share privacy switch (CSV excepted), larger type, and a
// keyboard-only journey from login to a CSV download.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

import { animationFrames, assertDrawnAt, clickWidget, fillWidget, openPortal, portalState, pressKey, screenshot,
         scrollToWidget, typeKeys, waitForIdle, waitForScreen, waitForState, widgetRect } from './browser.mjs';
import { listMessages, waitForCode } from './mail.mjs';
import { DEMO_PASSWORD, loginToMenu, openContract, usePortal, withContext } from './portal.mjs';

// One server and browser for the file; every test has a context (a customer session) of its own.
const portal = usePortal();
const openAt = (context, url) => openPortal(context, { url });

// The idle tests run the page on Playwright's clock, installed before the page loads: it runs with
// real time until the test moves it past the idle time or the countdown, so a deadline is met by
// a frame of the client's own loop without the test waiting the seconds out (the deadlines
// themselves are proved by the kiosk controller's native doctests). Each jump is one deadline:
// the dialog opens on a frame after the idle time, and its countdown starts from that frame.
async function openWithClock(context, url) {
  await context.clock.install();
  return openAt(context, url);
}
const passSeconds = (page, seconds) => page.clock.fastForward(Math.ceil(seconds * 1000));

// Everything the browser could keep about the customer, after logout.
async function browserStorage(page) {
  return page.evaluate(async () => ({
    localStorage: localStorage.length,
    sessionStorage: sessionStorage.length,
    indexedDB: indexedDB.databases ? (await indexedDB.databases()).length : 0,
    caches: 'caches' in window ? (await caches.keys()).length : 0,
    cookie: document.cookie,
  }));
}

test('idle: countdown dialog, then logout that wipes fields and leaves no storage', { timeout: 90000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const { server } = portal;
    const page = await openWithClock(context, '/?kiosk=1&idle=5&countdown=5');
    let state = await portalState(page);
    assert.equal(state.reports.kiosk.kiosk, true);
    assert.equal(state.reports.kiosk.idleSeconds, 5);
    await loginToMenu(page, server, 'demo-details');
    await clickWidget(page, 'menu.usage');
    await waitForState(page, (s) => s.reports.usage.loaded, 'usage loaded');
    // No input from now on: the dialog opens after 5 s and logs out 5 s later.
    await passSeconds(page, 6);
    state = await waitForState(page, (s) => s.reports.kiosk.dialogOpen, 'the idle dialog', 15000);
    assert.equal(state.screen, 'usage');
    await screenshot(page, 'kiosk-idle-dialog@1x');
    await passSeconds(page, 6);
    state = await waitForState(page, (s) => s.screen === 'login', 'logged out by the idle timer', 15000);
    assert.equal(state.session.active, false);
    assert.equal(state.fields.selfcareId, '', 'the ID field is cleared');
    assert.equal(state.fields.passwordLength, 0);
    assert.equal(state.contract, null, 'no contract in memory');
    assert.equal(state.reports.usage.loaded, false, 'no usage in memory');
    assert.equal(state.reports.usage.totalRows, 0);
    assert.equal(state.reports.details.rowCount, 0);
    assert.match(state.status || '', /自動的にログアウト/);
    assert.deepEqual(await browserStorage(page), { localStorage: 0, sessionStorage: 0, indexedDB: 0, caches: 0, cookie: '' });
    // The server ended the session too.
    await waitForState(page, () => true, 'state');
    const res = await context.request.get('/api/v1/contract', { failOnStatusCode: false });
    assert.equal(res.status(), 401);
    await screenshot(page, 'kiosk-after-idle-logout@1x');
  });
});

// The customer's search conditions are theirs, on the server: an idle logout wipes the page, and
// the next login finds them again on the contract screen (the server side: preferences.test.mjs).
test('idle: logging in again after an idle logout finds the same search conditions', { timeout: 150000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const { server } = portal;
    const page = await openWithClock(context, '/?idle=5&countdown=5');
    await loginToMenu(page, server, 'demo-standard');
    let state = await openContract(page);
    assert.ok(state.totalRows > 0);
    const prefix = '05058051';  // the demo customer's numbers (05058051001, ...)
    const saved = page.waitForResponse((res) => res.url().endsWith('/api/v1/preferences/line-search') &&
                                       res.request().method() === 'PUT');
    await fillWidget(page, 'search.prefix', prefix);
    await clickWidget(page, 'search.statusActive');
    await clickWidget(page, 'search.submit');
    const shown = (await waitForState(page, (s) => s.fields.phonePrefix === prefix && s.fields.status === 'active' &&
                                      s.idle, 'conditions applied')).rowCount;
    assert.equal((await saved).status(), 200, 'sent once settled');
    await passSeconds(page, 6);
    await waitForState(page, (s) => s.reports.kiosk.dialogOpen, 'the idle dialog', 15000);
    await passSeconds(page, 6);
    state = await waitForState(page, (s) => s.screen === 'login', 'logged out by the idle timer', 30000);
    assert.equal(state.fields.phonePrefix, '', 'the page keeps no copy');
    assert.equal(state.fields.status, 'all');

    // The saved conditions are held back: the panel waits for them, read-only, and what is typed
    // meanwhile neither lands nor mixes with them.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/api/v1/preferences/line-search', async (route) => {
      if (route.request().method() === 'GET') await held;
      await route.continue();
    });
    await loginToMenu(page, server, 'demo-standard');
    state = await openContract(page);
    assert.equal(state.fields.searchRestoring, true, 'the panel waits for the saved conditions');
    await clickWidget(page, 'search.prefix');
    await page.keyboard.type('999');
    await animationFrames(page, 3);
    assert.equal((await portalState(page)).fields.phonePrefix, '', 'nothing is typed into a panel that waits');
    release();
    state = await waitForState(page, (s) => s.fields.phonePrefix === prefix && s.idle, 'the saved conditions');
    assert.equal(state.fields.searchRestoring, false);
    assert.equal(state.fields.status, 'active');
    assert.equal(state.rowCount, shown, 'the table shows what those conditions match');
  });
});

test('idle: "stay" keeps the session', { timeout: 60000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const { server } = portal;
    const page = await openWithClock(context, '/?idle=5&countdown=20');
    await loginToMenu(page, server, 'demo-details');
    await passSeconds(page, 6);
    await waitForState(page, (s) => s.reports.kiosk.dialogOpen, 'the idle dialog', 15000);
    await clickWidget(page, 'idle.stay');
    const state = await waitForState(page, (s) => !s.reports.kiosk.dialogOpen, 'the dialog closed');
    assert.equal(state.screen, 'menu');
    assert.equal(state.session.active, true);
  });
});

// A tall window: at the kiosk's larger type the line table's first row sits at the bottom edge of
// an 800-pixel window (a few pixels of it on screen, or none, depending on the font's metrics), so
// its 表示 button was sometimes not drawn at all (the flake: no rectangle for table.row.0.reveal).
test('kiosk privacy: destinations masked on screen, CSV unmasked; larger type', { timeout: 90000 }, async () => {
  await withContext(portal, { viewport: { width: 1280, height: 1400 } }, async (context) => {
    const { server } = portal;
    const page = await openAt(context, '/?kiosk=1');
    let state = await portalState(page);
    assert.equal(state.reports.kiosk.idleSeconds, 600, 'kiosk default: 10 minutes');
    assert.equal(state.reports.kiosk.uiScale, 1.25);
    // No context menu and no text selection on a shared screen.
    const page_rules = await page.evaluate(() => {
      const event = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
      document.querySelector('canvas').dispatchEvent(event);
      return { menuBlocked: event.defaultPrevented, userSelect: getComputedStyle(document.body).userSelect };
    });
    assert.deepEqual(page_rules, { menuBlocked: true, userSelect: 'none' });
    await loginToMenu(page, server, 'demo-details');
    await clickWidget(page, 'kiosk.privacy');
    await waitForState(page, (s) => s.reports.kiosk.privacy, 'privacy on');
    await clickWidget(page, 'menu.details');
    await waitForState(page, (s) => s.screen === 'callDetails', 'call details');
    await fillWidget(page, 'details.number', '05058202002');
    await waitForState(page, (s) => s.reports.details.selectedPhone === '05058202002', 'the number');
    await clickWidget(page, 'details.query');
    state = await waitForState(page, (s) => s.reports.details.loaded, 'calls');
    for (const row of state.reports.details.firstRows) assert.match(row[1], /\*\*\*\*$/, 'last four digits masked');
    await screenshot(page, 'kiosk-privacy@1x');
    const saved = page.waitForEvent('download');
    await clickWidget(page, 'details.csv.download');
    const csv = fs.readFileSync(await (await saved).path()).toString('utf8');
    assert.doesNotMatch(csv, /\*\*\*\*/, 'the CSV keeps the real numbers');
    // The contract table's passwords cannot be revealed while privacy is on.
    await clickWidget(page, 'details.back');
    await openContract(page);
    // Kiosk type is larger: at 1280×800 the line table starts below the fold.
    await waitForIdle(page, 'the contract screen drawn');
    await scrollToWidget(page, 'table.row.0.reveal', ['search.submit', 'summary.chargePlan', 'summary.service']);
    await clickWidget(page, 'table.row.0.reveal');
    state = await waitForIdle(page, 'the click on 表示 handled');
    assert.equal(state.lines.revealedRows, 0);
    assert.ok(state.firstRows[0].some((cell) => /^\*+$/.test(cell)), 'passwords stay masked');
  });
});

// Presses `key` (Tab by default) until keyboard focus sits on widget `id`, as a person watching
// the focus frame would; fails after `max` presses.
async function focusWidget(page, id, { key = 'Tab', max = 40 } = {}) {
  for (let press = 0; press <= max; press++) {
    const [state, rect] = await page.evaluate((wid) => [window.portalTest.state(), window.portalTest.rect(wid)], id);
    const focus = state.reports.focus;
    if (rect && focus) {
      const cx = focus.x + focus.w / 2, cy = focus.y + focus.h / 2;
      if (cx >= rect.x && cx <= rect.x + rect.w && cy >= rect.y && cy <= rect.y + rect.h) return focus;
    }
    if (press === max) break;
    await pressKey(page, key);
    // Under load the page may report idle before the key's frame is drawn: wait (bounded) for the
    // focus frame to move, so that a focus not yet drawn is never taken for the old one and the
    // next press does not skip the widget sought.
    const moved = (now) => !focus || !now || now.x !== focus.x || now.y !== focus.y || now.w !== focus.w;
    for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
      if (moved(await page.evaluate(() => window.portalTest.state().reports.focus))) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw new Error(`${max} presses of ${key} did not bring keyboard focus to '${id}'`);
}

test('keyboard only: login, code, menu, usage, CSV download', { timeout: 90000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const { server } = portal;
    const page = await openAt(context, '/');
    // The ID field (the login form's real input over the canvas) has the caret when the login
    // screen opens; Tab goes to the password input and Enter submits the form.
    const before = listMessages(server.outbox).length;
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'portal-login-username');
    await typeKeys(page, 'demo-details');
    await pressKey(page, 'Tab');
    await typeKeys(page, DEMO_PASSWORD);
    await waitForState(page, (s) => s.fields.selfcareId === 'demo-details' && s.fields.passwordLength === 16, 'the form filled');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'code');
    const mail = await waitForCode(server.outbox, { afterCount: before });
    // The code field takes the caret when the screen opens; give it the frames to do so.
    await waitForState(page, (s) => s.screenFrames > 3, 'the code screen laid out');
    await typeKeys(page, mail.code);
    await waitForState(page, (s) => s.fields.code === mail.code, 'the code typed');
    await page.keyboard.press('Enter');
    await waitForState(page, (s) => s.screen === 'menu' && s.contract !== null, 'the menu', 20000);
    const focus = await focusWidget(page, 'menu.usage');
    assert.equal(focus.highlighted, true, 'the focus frame is visible');
    await screenshot(page, 'keyboard-menu-focus@1x');
    await page.keyboard.press('Space');
    await waitForState(page, (s) => s.screen === 'usage' && s.reports.usage.loaded, 'usage by keyboard');
    await focusWidget(page, 'usage.csv.download');
    const saved = page.waitForEvent('download', { timeout: 30000 });
    await page.keyboard.press('Enter');
    const bytes = fs.readFileSync(await (await saved).path());
    const state = await portalState(page);
    const expected = await context.request.get(`/api/v1/usage.csv?month=${state.reports.usage.month}&encoding=utf-8`);
    assert.equal(Buffer.compare(bytes, Buffer.from(await expected.body())), 0, 'the same bytes as /usage.csv');
    await screenshot(page, 'keyboard-usage-csv@1x');
  });
});

test('kiosk screenshots at devicePixelRatio 2', { timeout: 90000 }, async () => {
  await withContext(portal, { scale: 2 }, async (context) => {
    const { server } = portal;
    const page = await openWithClock(context, '/?kiosk=1&idle=5&countdown=30');
    // What the pictures must show: the kiosk scale, at ratio 2 ...
    const login = await waitForState(page, (s) => s.reports.kiosk.kiosk && s.screen === 'login', 'kiosk login');
    assert.equal(login.reports.kiosk.uiScale, 1.25);
    await assertDrawnAt(page, 2);
    await screenshot(page, 'kiosk-login@2x');
    await loginToMenu(page, server, 'demo-details');
    // ... the kiosk strip under the header once logged in: the privacy switch and logout, in a row ...
    const header = await widgetRect(page, 'header.language');
    const privacy = await widgetRect(page, 'kiosk.privacy');
    const logout = await widgetRect(page, 'kiosk.logout');
    assert.ok(privacy.y >= header.y + header.height, `the strip is under the header: ${JSON.stringify({ header, privacy })}`);
    assert.ok(Math.abs(privacy.y + privacy.height / 2 - (logout.y + logout.height / 2)) < 4, 'one row');
    await screenshot(page, 'kiosk-menu@2x');
    // ... and the idle dialog with its countdown: seconds left of the 30, counting down.
    await passSeconds(page, 6);
    await waitForState(page, (s) => s.reports.kiosk.dialogOpen, 'the idle dialog', 20000);
    const dialog = '#portal-mirror [role=alertdialog]';
    await page.waitForSelector(dialog, { state: 'attached', timeout: 15000 });
    const said = await page.$eval(dialog, (el) => document.getElementById(el.getAttribute('aria-describedby'))?.textContent ?? '');
    const seconds = Number((/(\d+)/.exec(said) || [])[1]);
    assert.ok(seconds > 0 && seconds <= 30, `the dialog says the seconds left: "${said}"`);
    await widgetRect(page, 'idle.stay');
    await screenshot(page, 'kiosk-idle-dialog@2x');
  });
});

test('idle: a login left half-typed or on the code screen is cleared', { timeout: 60000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const page = await openWithClock(context, '/?idle=5&countdown=3');
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'portal-login-username');
    await typeKeys(page, 'demo-details');
    await waitForState(page, (s) => s.fields.selfcareId === 'demo-details', 'the ID typed');
    await passSeconds(page, 9);
    const state = await waitForState(page, (s) => s.fields.selfcareId === '', 'the ID cleared after 8 s idle', 20000);
    assert.equal(state.screen, 'login');
    // The login form's input is emptied too (it is what the browser shows and could autofill from).
    assert.equal(await page.inputValue('#portal-login-username'), '');
  });
});
