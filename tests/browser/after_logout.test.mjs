// Nothing of the customer is left in the page after logout, proved the hard way: a sample of the
// customer's SIP passwords, account IDs and phone numbers is looked for in every
// WebAssembly.Memory the page created and in a heap snapshot of the page (CDP HeapProfiler), for
// the 100,000-line company (lines loaded, a CSV of all lines saved) and for the call-detail
// customer (calls loaded, a CSV saved). Before logout the same scan must find the sample in the
// WebAssembly memory, so a scan that sees nothing cannot pass. The cost of the fresh instance the
// client starts at logout is measured against the page's first load in the same run.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { clickWidget, fillWidget, openPortal, portalState, scrollToWidget, waitForState } from './browser.mjs';
import { apiLines } from './api.mjs';
import { IDS, loginToMenu, openContract, usePortal, withContext } from './portal.mjs';

const portal = usePortal();

// Keeps every WebAssembly.Memory of each document the page loads (test-side instrumentation: the
// client's memory is exported by its instance).
const RECORD_MEMORIES = () => {
  const memories = [];
  Object.defineProperty(window, '__testMemories', { value: memories });
  const keep = (result) => {
    const instance = result && (result.instance || result);
    for (const value of Object.values((instance && instance.exports) || {})) {
      if (value instanceof WebAssembly.Memory) memories.push(value);
    }
    return result;
  };
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) { return original.apply(this, args).then(keep); };
  }
};

// Which of `needles` (ASCII) occur in the page's WebAssembly memories and in its DOM text.
async function scanPage(page, needles) {
  return page.evaluate((list) => {
    const found = new Set();
    const memories = window.__testMemories || [];
    for (const memory of memories) {
      const bytes = new Uint8Array(memory.buffer);
      const chunk = 1 << 24;
      // Overlapping chunks so a needle across a boundary is still seen.
      for (let at = 0; at < bytes.length; at += chunk) {
        const text = new TextDecoder('latin1').decode(bytes.subarray(at, Math.min(bytes.length, at + chunk + 64)));
        for (const needle of list) if (!found.has(needle) && text.includes(needle)) found.add(needle);
      }
    }
    const dom = document.documentElement.outerHTML;
    const inDom = list.filter((needle) => dom.includes(needle));
    return { memories: memories.length, bytes: memories.reduce((n, m) => n + m.buffer.byteLength, 0),
             found: [...found], inDom };
  }, needles);
}

// Which of `needles` occur in a heap snapshot of the page's JavaScript (strings, DOM, closures).
async function scanHeap(page, needles) {
  const cdp = await page.context().newCDPSession(page);
  const chunks = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (event) => chunks.push(event.chunk));
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  await cdp.detach();
  const snapshot = chunks.join('');
  return { bytes: snapshot.length, found: needles.filter((needle) => snapshot.includes(needle)) };
}

// Every `step`-th row's secrets and numbers.
function sampleOf(rows, step) {
  const sample = { passwords: [], accounts: [], phones: [] };
  for (let i = 0; i < rows.length; i += step) {
    const row = rows[i];
    for (const key of ['line_password', 'service_password']) if (row[key]) sample.passwords.push(String(row[key]));
    if (row.account_id) sample.accounts.push(String(row.account_id));
    if (row.phone) sample.phones.push(String(row.phone));
  }
  return sample;
}

async function readyTime(page) {
  return page.evaluate(() => performance.now());
}

async function logoutAndCheck(page, context, sample, what) {
  const needles = [...sample.passwords, ...sample.accounts, ...sample.phones];
  const before = await scanPage(page, needles);
  const kinds = Object.fromEntries(Object.entries(sample).map(([kind, list]) =>
    [kind, `${list.filter((n) => before.found.includes(n)).length}/${list.length}`]));
  console.log(`${what}: before logout, found in ${before.memories} WebAssembly memory (${(before.bytes / 2 ** 20).toFixed(0)} MiB): ${JSON.stringify(kinds)}`);
  assert.ok(before.found.length >= needles.length / 4,
            `${what}: the scan sees the customer's data while logged in (${before.found.length} of ${needles.length})`);

  const clicked = Date.now();
  await clickWidget(page, IDS.logout);
  const state = await waitForState(page, (s) => s.screen === 'login' && s.ready && Boolean(s.status),
                                   'the login screen of a fresh instance, with the reason', 60000);
  const restartMs = Date.now() - clicked;
  assert.equal(state.session.active, false);
  assert.equal(state.contract, null);
  assert.doesNotMatch(page.url(), /ended=/, 'the reason is taken out of the address bar');

  const after = await scanPage(page, needles);
  assert.ok(after.memories >= 1, 'the fresh instance\'s memory is scanned too');
  assert.deepEqual(after.found, [], `${what}: nothing of the sample in any WebAssembly memory after logout`);
  assert.deepEqual(after.inDom, [], `${what}: nothing of the sample in the DOM after logout`);
  const heap = await scanHeap(page, needles);
  assert.deepEqual(heap.found, [], `${what}: nothing of the sample in the JavaScript heap after logout`);
  const links = await page.evaluate(() => [...document.querySelectorAll('a[href^="blob:"]')].length);
  assert.equal(links, 0, 'no object URL is linked');
  console.log(`${what}: after logout ${after.memories} memory (${(after.bytes / 2 ** 20).toFixed(0)} MiB) and a ` +
              `${(heap.bytes / 2 ** 20).toFixed(1)} MiB heap snapshot hold none of ${needles.length} values; ` +
              `logout click -> fresh login screen ready: ${restartMs} ms`);
  return restartMs;
}

test('after logout of the 100,000-line company, none of its secrets or numbers is left in the page', { timeout: 240000 }, async () => {
  await withContext(portal, { viewport: { width: 1280, height: 1400 } }, async (context) => {
    await context.addInitScript(RECORD_MEMORIES);
    const start = Date.now();
    const page = await openPortal(context);
    const coldMs = Date.now() - start;
    await loginToMenu(page, portal.server, 'demo-large');
    await openContract(page, 120000);
    const lines = await apiLines(context);
    assert.ok(lines.rows.length >= 100000);
    // A CSV of every line: its bytes went through the WebAssembly memory and a Blob.
    await scrollToWidget(page, IDS.csvDownload, [IDS.contractBack, IDS.tableCount, IDS.searchSubmit]);
    await clickWidget(page, IDS.csvScopeAll);
    const saved = page.waitForEvent('download', { timeout: 120000 });
    await clickWidget(page, IDS.csvDownload);
    await (await saved).path();
    const restartMs = await logoutAndCheck(page, context, sampleOf(lines.rows, 500), '100,000-line company');
    console.log(`cost of the fresh instance: logout -> login ready ${restartMs} ms; first load of the page ` +
                `(goto -> login ready) ${coldMs} ms; ratio ${(restartMs / coldMs).toFixed(2)}`);
  });
});

test('after logout of the call-detail customer, none of its secrets, numbers or calls is left', { timeout: 180000 }, async () => {
  await withContext(portal, {}, async (context) => {
    await context.addInitScript(RECORD_MEMORIES);
    const page = await openPortal(context);
    await loginToMenu(page, portal.server, 'demo-details');
    await clickWidget(page, 'menu.details');
    await waitForState(page, (s) => s.screen === 'callDetails', 'call details');
    await fillWidget(page, 'details.number', '05058202003', { ime: true });
    await waitForState(page, (s) => s.reports.details.selectedPhone === '05058202003', 'the number');
    await clickWidget(page, 'details.query');
    const state = await waitForState(page, (s) => s.reports.details.loaded && s.reports.details.rowCount > 0, 'calls', 30000);
    const saved = page.waitForEvent('download', { timeout: 60000 });
    await clickWidget(page, 'details.csv.download');
    await (await saved).path();
    const lines = await apiLines(context);
    const sample = sampleOf(lines.rows, 1);
    // Destinations of the calls shown (the screen's rows, unmasked: no privacy switch here).
    sample.phones.push(...state.reports.details.firstRows.map((row) => String(row[1])).filter((n) => /^\d{10,11}$/.test(n)));
    await logoutAndCheck(page, context, sample, 'call-detail customer');
    assert.ok((await portalState(page)).screen === 'login');
  });
});
