// Reflow: a 320-CSS-pixel-wide window and browser zoom 200% (a 640×400 CSS viewport at twice the
// pixel ratio, which is what zooming a 1280×800 window does) keep the login screen usable: every
// control in view lies inside the window's width (no sideways page scrolling) and the header's
// buttons are at least 24×24 CSS pixels. At zoom 200% the login fields lie below the notices,
// out of view: the login <form> must still be in the DOM (a password manager fills it, Tab and a
// screen reader reach it), and focusing its ID input scrolls the field into view under it.
// Screenshots at devicePixelRatio 1 and 2 go to tests/artifacts/reflow-*.png. The screens after
// login at these sizes: reflow_screens.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openPortal, screenshot, waitForState } from './browser.mjs';
import { pollUntil } from './poll.mjs';
import { IDS, usePortal, withContext } from './portal.mjs';

const portal = usePortal();

const SIZES = [
  { name: '320px', viewport: { width: 320, height: 640 }, scale: 1 },
  { name: '320px@2x', viewport: { width: 320, height: 640 }, scale: 2 },
  { name: 'zoom200', viewport: { width: 640, height: 400 }, scale: 2 },
];

// Controls drawn in view lie inside the width; the header's buttons (always in view, never
// clipped by scrolling) are at least 24×24 CSS px. Controls scrolled out of view are skipped.
async function assertUsable(page, ids, width, what) {
  let seen = 0;
  for (const id of ids) {
    const rect = await page.evaluate((name) => window.portalTest.rect(name), id);
    if (!rect) continue;
    seen++;
    assert.ok(rect.x >= 0 && rect.x + rect.w <= width + 0.5, `${what}: ${id} inside the ${width}px width (${JSON.stringify(rect)})`);
    if (id.startsWith('header.')) {
      assert.ok(rect.h >= 23.5 && rect.w >= 23.5, `${what}: ${id} is at least 24×24 CSS px (${JSON.stringify(rect)})`);
    }
  }
  assert.ok(seen >= 2, `${what}: the controls are drawn (${seen} of ${ids.length} in view)`);
}

// The form's inputs exist whether or not their fields are in view; focused (as Tab, a screen
// reader or a password manager does), the ID input's field comes into view and the input lies
// over it.
async function assertFormReachable(page) {
  const inputs = await page.evaluate(() =>
    [...document.querySelectorAll('form#portal-login input')].map((input) => input.getAttribute('autocomplete')));
  assert.deepEqual(inputs, ['username', 'current-password'], 'the login form is in the DOM');
  await page.focus('#portal-login-username');
  const rect = await pollUntil(() => page.evaluate((id) => window.portalTest.rect(id), IDS.loginId),
                               (r) => r && r.h > 0, 'the focused ID field scrolled into view');
  const box = await pollUntil(() => page.evaluate(() => {
    const input = document.getElementById('portal-login-username');
    const r = input.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height, events: getComputedStyle(input).pointerEvents };
  }), (b) => Math.abs(b.y - rect.y) < 1 && b.events !== 'none', 'the ID input over its field, taking clicks');
  assert.ok(Math.abs(box.x - rect.x) < 1 && Math.abs(box.w - rect.w) < 1,
            `the ID input lies over its field (${JSON.stringify(box)} vs ${JSON.stringify(rect)})`);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'portal-login-username', 'the input keeps the focus');
}

for (const size of SIZES) {
  test(`the login screen reflows at ${size.name}`, { timeout: 150000 }, async () => {
    await withContext(portal, { scale: size.scale, viewport: size.viewport }, async (context) => {
      const page = await openPortal(context);
      await waitForState(page, (s) => s.ready && s.idle, 'the login screen');
      await assertFormReachable(page);
      await assertUsable(page, [IDS.loginId, IDS.loginPassword, IDS.loginSubmit, 'header.language'], size.viewport.width, 'login');
      const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page itself never scrolls sideways (${overflow}px)`);
      await screenshot(page, `reflow-login-${size.name}`);
    });
  });
}
