// The portal as its HTML page (no WebGL2, ?render=dom, a lost context): the helpers the no_webgl,
// dom_paging and dom_journeys tests share. On that page the mirror's real elements are the page,
// so the tests click, type and read them as a person does, by the widget keys the app gives them.
import fs from 'node:fs';
import path from 'node:path';

import { artifactsDir, newPortalContext, waitForIdle, waitForScreen, waitForState } from './browser.mjs';
import { listMessages, waitForCode } from './mail.mjs';
import { DEMO_PASSWORD } from './portal.mjs';

// What a browser without WebGL2 answers; everything else (2D canvases) stays as it is.
export function withoutWebGL2() {
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    return type === 'webgl2' ? null : getContext.call(this, type, ...rest);
  };
}

// A fresh context and page at `url`; `noWebGL2` nulls WebGL2 before the page loads. The page
// keeps its console for waitForState's error messages.
export async function openDomPage(portal, { url = '/', noWebGL2 = false, viewport, scale, clock = false } = {}) {
  const options = {};
  if (viewport) options.viewport = viewport;
  if (scale) options.scale = scale;
  const context = await newPortalContext(portal.browser, portal.server, options);
  if (noWebGL2) await context.addInitScript(withoutWebGL2);
  // Playwright's clock, for a test that moves the page's time past a deadline instead of waiting.
  if (clock) await context.clock.install();
  const page = await context.newPage();
  page.portalConsole = [];
  page.on('console', (m) => page.portalConsole.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => page.portalConsole.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { context, page };
}

// A mirrored control by the widget key the app gives it (the canvas tests' widget ids).
export const control = (page, key) => page.locator(`#portal-mirror [data-key="${key}"]`);

// The page's grid (the screen's one scrolling table).
export const GRID = '#portal-mirror table[role="grid"]';

// Login and code through the page's own form fields, typed as a person types.
export async function domLogin(page, server, selfcareId) {
  const before = listMessages(server.outbox).length;
  await page.locator('#portal-login-username').fill(selfcareId);
  await page.locator('#portal-login-password').fill(DEMO_PASSWORD);
  await page.locator('#portal-login-password').press('Enter');
  await waitForScreen(page, 'code');
  const mail = await waitForCode(server.outbox, { afterCount: before });
  await page.locator('#portal-login-code').fill(mail.code);
  await page.locator('#portal-login-code').press('Enter');
  await waitForState(page, (s) => s.screen === 'menu' && s.contract !== null, 'the menu with the contract', 20000);
}

// A fresh HTML page (?render=dom unless told otherwise) logged in on the menu.
export async function domMenuPage(portal, selfcareId, options = { url: '/?render=dom' }) {
  const opened = await openDomPage(portal, options);
  await waitForState(opened.page, (s) => s.screen === 'login' && s.ready && s.render === 'dom', 'the HTML login page', 30000);
  await domLogin(opened.page, portal.server, selfcareId);
  return opened;
}

// The data rows the grid holds now: aria-rowindex and the cells' visible text.
export function gridRows(page) {
  return page.evaluate((selector) => Array.from(document.querySelectorAll(`${selector} tbody tr`), (row) => ({
    index: Number(row.getAttribute('aria-rowindex')),
    cells: Array.from(row.cells, (cell) => cell.innerText.trim()),
  })), GRID);
}

// What would be wrong with the page's layout at this width: the page wider than the window (a
// table may scroll sideways inside itself, the page may not), and buttons smaller than 24×24.
export function layoutFaults(page) {
  return page.evaluate(() => {
    const faults = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) faults.push(`the page scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
    for (const button of document.querySelectorAll('#portal-mirror button')) {
      const box = button.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;  // not shown
      if (box.width < 24 || box.height < 24) faults.push(`${button.dataset.key || button.textContent}: ${box.width}×${box.height}`);
    }
    return faults;
  });
}

// Full-page screenshots (the page scrolls in this mode) at 1280 (ratio 1), at 375 (ratios 1 and
// 2) and at 640 with ratio 2 (1280 at 200 % zoom), as artifacts dom-<name>@<width>x<ratio>.png;
// at each, layoutFaults must find nothing. The viewport is put back afterwards.
export const SHOTS = [[1280, 1], [375, 1], [375, 2], [640, 2]];
export async function shoot(page, name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const viewport = page.viewportSize();
  const cdp = await page.context().newCDPSession(page);
  const faults = [];
  try {
    for (const [width, ratio] of SHOTS) {
      // The ratio after the size: playwright's own resize sets the context's ratio again.
      await page.setViewportSize({ width, height: 800 });
      await cdp.send('Emulation.setDeviceMetricsOverride', { width, height: 800, deviceScaleFactor: ratio, mobile: false });
      await waitForIdle(page).catch(() => {});
      // Through CDP: playwright's own full-page screenshot would put the context's ratio back.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      const { data } = await cdp.send('Page.captureScreenshot', {
        format: 'png', captureBeyondViewport: true, clip: { x: 0, y: 0, width, height, scale: 1 } });
      fs.writeFileSync(path.join(artifactsDir, `dom-${name}@${width}x${ratio}.png`), Buffer.from(data, 'base64'));
      for (const fault of await layoutFaults(page)) faults.push(`${name} at ${width}×${ratio}: ${fault}`);
    }
  } finally {
    await cdp.send('Emulation.clearDeviceMetricsOverride').catch(() => {});
    await cdp.detach().catch(() => {});
    await page.setViewportSize(viewport);
  }
  if (faults.length) throw new Error(`layout faults on the HTML page:\n${faults.join('\n')}`);
}
