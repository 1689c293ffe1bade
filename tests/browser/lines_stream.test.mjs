// The lines payload version 2 in the browser: decoded while it arrives, with a bar of lines
// received out of all on the contract screen; a damaged payload is an error, never part of a table.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { clickWidget, launchChromium, newPortalContext, openPortal, waitForScreen, waitForState } from './browser.mjs';
import { IDS, loginToMenu, submitLogin } from './portal.mjs';
import { PortalServer, checkPrerequisites } from './server.mjs';

let browser, server;

before(async () => {
  checkPrerequisites();
  browser = await launchChromium();
  server = new PortalServer();  // demo-large: 100,000 lines, two blocks of PLN2
  await server.start();
});

after(async () => {
  await browser?.close();
  await server?.dispose();
});

const unthrottled = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

for (const scale of [1, 2]) test(`a slow PLN2 payload shows its first rows and lines received of all, then the whole table (ratio ${scale})`, { timeout: 180000 }, async () => {
  const context = await newPortalContext(browser, server, { scale });
  try {
    const page = await openPortal(context);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // About 1 MB for 100,000 lines: at 150 KB/s the first block (512 lines, a few KB) is decoded
    // seconds before the last byte arrives.
    await cdp.send('Network.emulateNetworkConditions', { ...unthrottled, downloadThroughput: 150 * 1024 });
    await loginToMenu(page, server, 'demo-large');
    await clickWidget(page, IDS.menuContract);
    const midway = await waitForState(page, (s) => s.screen === 'contract' && s.lines.loading &&
        s.lines.firstRowsOnly > 0 && s.lines.load.rowsReceived < s.lines.load.rowsExpected,
    'the contract screen with its first rows while the rest arrive', 90000);
    assert.equal(midway.lines.load.rowsExpected, 100000, 'the count comes from the payload header');
    assert.equal(midway.totalRows, 0, 'no whole table until the whole payload checked out');
    const first = midway.lines.firstRowsWhileLoading[0];
    assert.equal(first[0], '1', 'the first row in stored order (No 1) is drawn before the last byte');
    assert.match(first[1], /^\d{10,11}$/);
    // Taken at once: the helper waits for an idle client, which would be after the last byte.
    await page.screenshot({ path: `tests/artifacts/lines-progress@${scale}x.png` });
    await cdp.send('Network.emulateNetworkConditions', unthrottled);
    const done = await waitForState(page, (s) => s.totalRows > 0, 'the table with every line', 90000);
    assert.equal(done.totalRows, 100000);
    assert.equal(done.lines.load.rowsReceived, 100000);
    const perLine = done.lines.load.payloadBytes / done.totalRows;
    assert.ok(perLine > 5 && perLine <= 20, `PLN2 on the wire: ${perLine.toFixed(1)} bytes per line`);
  } finally {
    await context.close();
  }
});

// The decoder is warmed on the sign-in screen (src/client/lines_warm_up.h); the worker, when asked
// for, decodes in its own instance and the page warms nothing.
const warmUpFetches = (page) => page.evaluate(() =>
  performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/lines-warmup.pln2')).length);

test('the sign-in screen warms the lines decoder and the text layout in idle time, once, and leaves nothing behind', { timeout: 60000 }, async () => {
  const context = await newPortalContext(browser, server);
  try {
    // The text layout's hidden boxes (put straight into <body>), counted as they come and go.
    await context.addInitScript(() => {
      window.__warmBoxes = { added: 0, removed: 0 };
      new MutationObserver((records) => {
        for (const r of records.filter((record) => record.target === document.body)) {
          for (const n of r.addedNodes) if (n.tagName === 'DIV' && n.getAttribute('aria-hidden') === 'true') window.__warmBoxes.added++;
          for (const n of r.removedNodes) if (n.tagName === 'DIV' && n.getAttribute('aria-hidden') === 'true') window.__warmBoxes.removed++;
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await openPortal(context);
    const warmed = await waitForState(page, (s) => s.linesWarmUp.decodes === 8, 'eight warm-up decodes', 30000);
    assert.equal(warmed.linesWarmUp.rows, 2048, 'the site payload decoded whole each time');
    assert.equal(warmed.screen, 'login');
    assert.equal(await warmUpFetches(page), 1, 'fetched once');
    await page.waitForTimeout(500);
    assert.equal((await waitForState(page, (s) => s.screen === 'login', 'still the sign-in screen')).linesWarmUp.decodes, 8,
                 'no more decodes after the eight');
    await page.waitForFunction(() => window.__warmBoxes.added > 20 && window.__warmBoxes.added === window.__warmBoxes.removed,
                               null, { timeout: 20000 });
    assert.equal(await page.evaluate(() => document.querySelectorAll('body > div[aria-hidden="true"]').length), 0,
                 'every box laid out was taken away again');
  } finally {
    await context.close();
  }
  const workerContext = await newPortalContext(browser, server);
  try {
    const page = await openPortal(workerContext, { url: '/?decoder=worker' });
    await page.waitForTimeout(1500);
    assert.equal(await warmUpFetches(page), 0, 'the worker decodes: nothing to warm on the page');
  } finally {
    await workerContext.close();
  }
});

test('after the right password, not before, the lines store\'s memory is touched ahead in idle time and freed', { timeout: 90000 }, async () => {
  const context = await newPortalContext(browser, server);
  try {
    const page = await openPortal(context);
    await waitForState(page, (s) => s.linesWarmUp.decodes === 8, 'the sign-in screen\'s warm-up done', 30000);
    await submitLogin(page, server, 'demo-standard', 'Wrong-password-1', { ime: true });
    const refused = await waitForState(page, (s) => s.screen === 'login' && s.lastError, 'the wrong password refused');
    assert.deepEqual(refused.linesMemory, { asked: 0, touched: 0 }, 'nothing for a wrong password');
    await submitLogin(page, server, 'demo-standard', undefined, { ime: true });
    await waitForScreen(page, 'code');
    const ready = await waitForState(page, (s) => s.linesMemory.asked > 0 && s.linesMemory.touched === s.linesMemory.asked,
                                     'the whole block touched and freed on the code screen', 30000);
    // 8 MiB for each GiB the browser says the device has, at most 64 MiB (lines_warm_up.h).
    const deviceGiB = await page.evaluate(() => navigator.deviceMemory);
    assert.ok(deviceGiB > 0, 'Chromium tells the device\'s memory');
    assert.equal(ready.linesMemory.asked, Math.min(64, Math.floor(deviceGiB * 8)) << 20,
                 `sized by the device's ${deviceGiB} GiB`);
    assert.equal(ready.screen, 'code');
  } finally {
    await context.close();
  }
});

test('a browser that does not tell the device\'s memory gets 16 MiB touched ahead', { timeout: 90000 }, async () => {
  const context = await newPortalContext(browser, server);
  try {
    // As in Firefox and Safari, which have no navigator.deviceMemory.
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'deviceMemory', { get: () => undefined, configurable: true });
    });
    const page = await openPortal(context);
    assert.equal(await page.evaluate(() => navigator.deviceMemory), undefined);
    await submitLogin(page, server, 'demo-standard', undefined, { ime: true });
    await waitForScreen(page, 'code');
    const ready = await waitForState(page, (s) => s.linesMemory.asked > 0 && s.linesMemory.touched === s.linesMemory.asked,
                                     'the whole block touched and freed on the code screen', 30000);
    assert.equal(ready.linesMemory.asked, 16 << 20);
  } finally {
    await context.close();
  }
});

test('a cut-off PLN2 payload gives a clear error and no table', { timeout: 120000 }, async () => {
  const context = await newPortalContext(browser, server);
  try {
    const page = await openPortal(context);
    await page.route('**/api/v1/lines', async (route) => {
      const response = await route.fetch();
      // Cut off after the first block, as a dropped connection would leave it. (A flipped bit in
      // the text can decode to other valid letters: the format carries no checksum.)
      const body = Buffer.from(await response.body());
      await route.fulfill({ response, body: body.subarray(0, Math.floor(body.length * 0.7)) });
    });
    await loginToMenu(page, server, 'demo-large');  // the lines load while the menu shows
    const failed = await waitForState(page, (s) => Boolean(s.networkFailure), 'the error shown', 60000);
    assert.match(JSON.stringify(failed.networkFailure), /受信したデータの形式が正しくありません|not valid/);
    assert.equal(failed.totalRows, 0, 'nothing of the damaged payload is shown');
    assert.equal(failed.lines.firstRowsOnly, 0, 'the first rows shown while it arrived are gone');
  } finally {
    await context.close();
  }
});
