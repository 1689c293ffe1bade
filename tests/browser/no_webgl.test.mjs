// The portal without WebGL2: when the browser has none (here an init script makes
// getContext('webgl2') return null, as a blocklisted GPU or a policy does), when ?render=dom asks
// for it, or when the drawing context is lost and never given back, the app keeps running with
// the canvas hidden and its HTML as the page, with one line saying why. The customer's journeys
// work there as on the canvas.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { newPortalContext, waitForScreen, waitForState } from './browser.mjs';
import { listMessages, waitForCode } from './mail.mjs';
import { DEMO_PASSWORD, usePortal } from './portal.mjs';

const portal = usePortal();

// What a browser without WebGL2 answers; everything else (2D canvases) stays as it is.
function withoutWebGL2() {
  const getContext = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    return type === 'webgl2' ? null : getContext.call(this, type, ...rest);
  };
}

async function openDomPage({ url = '/', noWebGL2 = false, viewport } = {}) {
  const context = await newPortalContext(portal.browser, portal.server, viewport ? { viewport } : {});
  if (noWebGL2) await context.addInitScript(withoutWebGL2);
  const page = await context.newPage();
  page.portalConsole = [];
  page.on('console', (m) => page.portalConsole.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => page.portalConsole.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return { context, page };
}

// The page as the customer sees it: the canvas gone, which line of the note shows, the loading
// overlay gone.
async function pageLook(page) {
  return page.evaluate(() => {
    const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const note = document.getElementById('render-note');
    return {
      canvasShown: visible(document.getElementById('canvas')),
      note: visible(note) ? note.innerText.trim() : null,
      loadingShown: visible(document.getElementById('loading')),
      scrolls: getComputedStyle(document.body).overflowY !== 'hidden',
    };
  });
}

// Login and code through the page's own form fields, typed as a person types.
async function domLogin(page, selfcareId) {
  const { server } = portal;
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

const reasons = [
  { reason: 'no-webgl2', options: { noWebGL2: true }, note: /WebGL2 が使えないため/ },
  { reason: 'forced', options: { url: '/?render=dom' }, note: /render=dom/ },
];

for (const { reason, options, note } of reasons) {
  test(`without drawing (${reason}): the HTML page with its note, and login and code work`, { timeout: 90000 }, async () => {
    const { context, page } = await openDomPage(options);
    try {
      const state = await waitForState(page, (s) => s.screen === 'login' && s.ready, 'the login screen', 30000);
      assert.equal(state.render, 'dom');
      assert.equal(state.renderReason, reason);
      const look = await pageLook(page);
      assert.equal(look.canvasShown, false, 'the canvas is hidden');
      assert.match(look.note ?? '', note, 'the note says why this view is shown');
      assert.doesNotMatch(look.note, /This browser|This is the plain/, 'one language at a time');
      assert.equal(look.loadingShown, false);
      assert.ok(look.scrolls, 'the page scrolls like any page');
      await domLogin(page, 'demo-details');
    } finally {
      await context.close();
    }
  });
}

test('a drawing context lost and never given back turns the canvas into the HTML page', { timeout: 60000 }, async () => {
  const { context, page } = await openDomPage();
  try {
    const drawn = await waitForState(page, (s) => s.screen === 'login' && s.ready, 'the login screen', 30000);
    assert.equal(drawn.render, 'canvas');
    await page.evaluate(() => {
      document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context').loseContext();
    });
    const lost = await waitForState(page, (s) => s.render === 'dom', 'the switch to the HTML page', 15000);
    assert.equal(lost.renderReason, 'context-lost');
    const look = await pageLook(page);
    assert.equal(look.canvasShown, false);
    assert.match(look.note ?? '', /描画が中断されて戻らなかった/);
    assert.equal(await page.evaluate(() => document.body.classList.contains('portal-gl-lost')), false,
                 'the waiting overlay has gone');
    await domLogin(page, 'demo-details');
  } finally {
    await context.close();
  }
});
