// The lines payload decoded in a Web Worker (lines_worker.js, used when the page is opened with
// ?decoder=worker; the default decodes on the main thread): the page starts one per load, feeds it
// the body as it arrives, takes the columns back and ends it; a payload damaged in the middle is the
// worker's error on screen with no partial table; a logout while it decodes ends it at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clickWidget, openPortal, waitForState } from './browser.mjs';
import { IDS, loginToMenu, openContract, usePortal, withContext } from './portal.mjs';

const portal = usePortal();  // demo-large: 100,000 lines

// Test-side instrumentation: every Worker the page creates and every terminate(), reported to the
// test through a binding that survives the page's reload at logout.
const TRACK_WORKERS = () => {
  const Original = window.Worker;
  window.Worker = function (url, options) {
    const worker = new Original(url, options);
    window.__workerEvent(`created ${new URL(url, window.location.href).pathname}`);
    const terminate = worker.terminate.bind(worker);
    worker.terminate = () => {
      window.__workerEvent('terminated');
      terminate();
    };
    return worker;
  };
  window.Worker.prototype = Original.prototype;
};

async function trackedContext(context) {
  const events = [];
  await context.exposeFunction('__workerEvent', (event) => { events.push(event); });
  await context.addInitScript(TRACK_WORKERS);
  return events;
}

test('the lines decode in a worker that ends once the table has them', { timeout: 180000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const events = await trackedContext(context);
    const page = await openPortal(context, { url: '/?decoder=worker' });
    await loginToMenu(page, portal.server, 'demo-large');
    const state = await openContract(page, 120000);
    assert.equal(state.totalRows, 100000);
    assert.equal(state.firstRows[0][0], '1', 'the first line in stored order');
    assert.ok(state.lines.load.adoptMs > 0, 'the columns came from the worker');
    assert.ok(state.lines.load.decodeMs > 0, 'the worker timed its decoding');
    assert.equal(state.lines.load.rowsReceived, 100000);
    assert.deepEqual(events, ['created /lines_worker.js', 'terminated']);
  });
});

test('a payload damaged in the middle: the worker\'s error, no partial table, the worker ended', { timeout: 180000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const events = await trackedContext(context);
    const page = await openPortal(context, { url: '/?decoder=worker' });
    await page.route('**/api/v1/lines', async (route) => {
      const response = await route.fetch();
      const body = Buffer.from(await response.body());
      // Garbage over 4 KB in the middle of the compressed body: the worker fails there, while
      // the rest is still on its way, not only at the final checksum.
      body.fill(0x5a, Math.floor(body.length * 0.4), Math.floor(body.length * 0.4) + 4096);
      await route.fulfill({ response, body });
    });
    await loginToMenu(page, portal.server, 'demo-large');
    const failed = await waitForState(page, (s) => Boolean(s.networkFailure), 'the error shown', 60000);
    assert.match(JSON.stringify(failed.networkFailure), /受信したデータの形式が正しくありません/);
    assert.equal(failed.totalRows, 0, 'nothing of the damaged payload is shown');
    assert.equal(failed.lines.firstRowsOnly, 0, 'the first rows shown while it arrived are gone');
    assert.deepEqual(events, ['created /lines_worker.js', 'terminated']);
  });
});

test('a logout while the worker decodes ends it before the page is left', { timeout: 180000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const events = await trackedContext(context);
    const page = await openPortal(context, { url: '/?decoder=worker' });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // About 1 MB at 100 KB/s: the decode is still under way when the logout is clicked.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: 100 * 1024, uploadThroughput: -1 });
    await loginToMenu(page, portal.server, 'demo-large');
    await waitForState(page, (s) => s.lines.loading && s.lines.load.rowsReceived > 0, 'lines on their way', 60000);
    assert.deepEqual(events, ['created /lines_worker.js']);
    await clickWidget(page, IDS.logout);
    await waitForState(page, (s) => s.screen === 'login' && s.ready && !s.session.active, 'the fresh login screen', 60000);
    assert.deepEqual(events, ['created /lines_worker.js', 'terminated']);
  });
});
