// The portal in Debian's Firefox ESR, headless, driven through WebDriver BiDi by puppeteer-core.
// On a machine without a GPU, headless Firefox has no WebGL2: the customer gets the HTML page, logs
// in, sees the lines and logs out there. (Where Firefox does have WebGL2 the canvas page is checked
// to come up instead.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { artifactsDir } from './browser.mjs';
import { listMessages, waitForCode } from './mail.mjs';
import { pollUntil } from './poll.mjs';
import { DEMO_PASSWORD } from './portal.mjs';
import { PortalServer, checkPrerequisites, repoRoot } from './server.mjs';

const FIREFOX = process.env.PORTAL_FIREFOX || '/usr/bin/firefox-esr';
const require = createRequire(import.meta.url);

function loadPuppeteer() {
  try {
    return require(path.join(repoRoot, 'tests/node_modules/puppeteer-core'));
  } catch (error) {
    throw new Error('puppeteer-core is not installed: run `cd tests && npm ci` ' +
                    `(make test's dependency step does it). ${error.message}`);
  }
}

let server, browser;
before(async () => {
  checkPrerequisites();
  if (!fs.existsSync(FIREFOX)) {
    throw new Error(`Firefox ESR not found at ${FIREFOX}: run src/tools/install-deps.sh (or set PORTAL_FIREFOX)`);
  }
  server = new PortalServer({});
  await server.start();
  browser = await loadPuppeteer().launch({
    browser: 'firefox', executablePath: FIREFOX, headless: true, protocol: 'webDriverBiDi',
  });
});
after(async () => {
  await browser?.close();
  await server?.dispose();
});

// Polls window.portalTest.state() (bounded) until predicate holds.
function waitFor(page, predicate, what, timeoutMs = 30000) {
  const state = () => page.evaluate(() => (window.portalTest ? window.portalTest.state() : null)).catch(() => null);
  return pollUntil(state, (last) => last && predicate(last), `Firefox: ${what}`, { timeoutMs });
}

test('Firefox ESR: the portal comes up, and without WebGL2 the HTML page logs in, shows the lines and logs out', { timeout: 120000 }, async () => {
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: 1280, height: 800 });
    await page.goto(`${server.url}/`);
    const state = await waitFor(page, (s) => s.screen === 'login' && s.ready, 'the login screen', 60000);
    fs.mkdirSync(artifactsDir, { recursive: true });
    await page.screenshot({ path: path.join(artifactsDir, `firefox-login-${state.render}.png`) });
    const look = await page.evaluate(() => ({
      canvas: getComputedStyle(document.getElementById('canvas')).display,
      note: document.getElementById('render-note').innerText.trim(),
      fatal: document.body.classList.contains('portal-fatal'),
    }));
    assert.equal(look.fatal, false, 'no failure message instead of the portal');
    if (state.render === 'canvas') return;  // a Firefox with WebGL2: the drawn portal is up

    assert.equal(state.renderReason, 'no-webgl2');
    assert.equal(look.canvas, 'none');
    assert.match(look.note, /WebGL2 が使えないため/);
    const before = listMessages(server.outbox).length;
    await page.type('#portal-login-username', 'demo-details');
    await page.type('#portal-login-password', DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await waitFor(page, (s) => s.screen === 'code', 'the code screen');
    const mail = await waitForCode(server.outbox, { afterCount: before });
    await page.type('#portal-login-code', mail.code);
    await page.keyboard.press('Enter');
    const menu = await waitFor(page, (s) => s.screen === 'menu' && s.contract !== null, 'the menu with the contract');
    assert.equal(menu.render, 'dom');
    // The contract and its lines through the page's own button, then logout.
    await page.click('#portal-mirror [data-key="menu.contract"]');
    const contract = await waitFor(page, (s) => s.screen === 'contract' && s.totalRows > 0, 'the lines');
    // The page follows the app's description on the next frame drawn after the lines arrived.
    const rowsIn = () => document.querySelectorAll('#portal-mirror table[role="grid"] tbody tr').length;
    await page.waitForFunction(rowsIn, { timeout: 30000, polling: 100 }).catch(() => {});
    const shownRows = await page.evaluate(rowsIn);
    assert.ok(shownRows > 0 && shownRows <= contract.totalRows, `the line table shows rows (${shownRows})`);
    await page.screenshot({ path: path.join(artifactsDir, 'firefox-contract-dom.png'), fullPage: true });
    await page.click('#portal-mirror [data-key="header.logout"]');
    await waitFor(page, (s) => s.screen === 'login' && s.ready && !s.session.active, 'the login page after logout');
  } finally {
    await page.close();
  }
});
