// Failures a customer meets: a session that expired on the server (short PORTAL_SESSION_IDLE)
// brings them back to login with the reason; the server stopping mid-session shows what happened
// and a retry that works once the server is back; a browser too old for the portal's WebAssembly
// is told so. Each test has a server of its own (one
// expires sessions quickly, the other is stopped), so this file does not use usePortal.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { accessibilityTree, axeViolations, dumpTree, findNode } from './a11y.mjs';
import { artifactsDir, clickWidget, launchChromium, newPortalContext, screenshot, waitForScreen, waitForState,
         widgetRect } from './browser.mjs';
import { IDS, menuPage, openContract } from './portal.mjs';
import { PortalServer, checkPrerequisites } from './server.mjs';

const IDLE_SECONDS = 6;
let browser;
const servers = [];

before(async () => {
  checkPrerequisites();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  for (const server of servers) await server.dispose();
});

async function startServer(env = {}) {
  const server = new PortalServer({ env });
  servers.push(server);
  await server.start();
  return server;
}

test('an expired session brings the customer back to login with the reason', { timeout: 90000 }, async () => {
  const server = await startServer({ PORTAL_SESSION_IDLE: String(IDLE_SECONDS) });
  const context = await newPortalContext(browser, server);
  try {
    const page = await menuPage(context, server, 'demo-standard');
    await openContract(page);
    await new Promise((r) => setTimeout(r, (IDLE_SECONDS + 2) * 1000));
    // Whether the client noticed from its own countdown or learns it from the next request's 401,
    // going back to the menu and asking for the contract again must end on the login screen.
    const state = await waitForState(page, (s) => s.screen === 'login' || s.screen === 'contract', 'any screen');
    if (state.screen === 'contract') {
      await clickWidget(page, IDS.contractBack);
      await waitForScreen(page, 'menu', 15000).catch(() => {});  // may go to login instead
      const now = await waitForState(page, () => true, 'state');
      if (now.screen === 'menu') await clickWidget(page, IDS.menuContract);
    }
    const login = await waitForState(page, (s) => s.screen === 'login' && Boolean(s.lastError || s.status),
                                     'the login screen with the reason the session ended', 20000);
    assert.ok(login.lastError || login.status);
    await screenshot(page, 'session-expired@1x');
  } finally {
    await context.close();
  }
});

test('the server stopped mid-session: an error with retry, and retry works once it is back',
     { timeout: 120000 }, async () => {
  const server = await startServer();
  const context = await newPortalContext(browser, server);
  try {
    const page = await menuPage(context, server, 'demo-details');
    // The contract and its lines load while the menu shows; usage is asked for on opening it.
    await waitForState(page, (s) => s.totalRows > 0, 'the lines loaded behind the menu', 30000);
    await server.stop();
    await clickWidget(page, 'menu.usage');
    const failed = await waitForState(page, (s) => Boolean(s.networkFailure), 'a network failure shown', 70000);
    assert.ok(failed.networkFailure, 'the failure is explained');
    await widgetRect(page, IDS.retry);
    await screenshot(page, 'server-stopped@1x');
    await server.start();  // same port and database: the session is still valid
    await clickWidget(page, IDS.retry);
    const loaded = await waitForState(page, (s) => s.screen === 'usage' && s.reports.usage.loaded && !s.networkFailure,
                                      'usage loaded after retry', 30000);
    assert.ok(loaded.reports.usage.month, 'a month of usage is shown');
  } finally {
    await context.close();
  }
});

// A browser older than the bulk-memory instructions (Safari 14, say) would fail to compile the
// portal's WebAssembly: boot.js asks first and says plainly what to do. Simulated by a validate()
// that refuses any module holding memory.copy (opcode 0xfc 0x0a), as such a browser does.
test('a browser without WebAssembly bulk memory gets the message to use a current browser', { timeout: 90000 },
     async () => {
  const server = await startServer();
  for (const scale of [1, 2]) {
    const context = await newPortalContext(browser, server, { scale });
    try {
      const page = await context.newPage();
      await page.addInitScript(() => {
        const validate = WebAssembly.validate;
        WebAssembly.validate = (bytes) => {
          const b = new Uint8Array(bytes.buffer || bytes);
          for (let i = 0; i + 1 < b.length; i++) if (b[i] === 0xfc && b[i + 1] === 0x0a) return false;
          return validate.call(WebAssembly, bytes);
        };
      });
      await page.goto('/');
      await page.waitForFunction(() => document.body.classList.contains('portal-fatal'), null, { timeout: 30000 });
      const text = await page.evaluate(() => ({
        ja: document.getElementById('fatal-ja').textContent,
        en: document.getElementById('fatal-en').textContent,
        wasmRequested: performance.getEntriesByType('resource').some((e) => e.name.endsWith('portal.wasm')),
      }));
      assert.match(text.ja, /WebAssembly の機能に対応していない/);
      assert.match(text.en, /does not support the WebAssembly features/);
      assert.equal(text.wasmRequested, false, 'nothing more is downloaded');
      // What a screen reader meets: the alert with both languages and the reload button, and
      // nothing of the login screen that never came.
      const tree = await accessibilityTree(page);
      findNode(tree, 'alert', /WebAssembly の機能に対応していない[\s\S]*does not support the WebAssembly features/);
      findNode(tree, 'button', '再読み込み / Reload');
      assert.ok(!tree.some((node) => node.role === 'textbox'), `no field is offered:\n${dumpTree(tree)}`);
      assert.deepEqual(await axeViolations(page), []);
      fs.mkdirSync(artifactsDir, { recursive: true });
      await page.screenshot({ path: path.join(artifactsDir, `no-bulk-memory@${scale}x.png`) });
    } finally {
      await context.close();
    }
  }
});
