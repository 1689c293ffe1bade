// Reflow: a 320-CSS-pixel-wide window and browser zoom 200% (a 640×400 CSS viewport at twice the
// pixel ratio, which is what zooming a 1280×800 window does) keep the login screen usable: every
// control in view lies inside the window's width (no sideways page scrolling) and the header's
// buttons are at least 24×24 CSS pixels. Screenshots at devicePixelRatio 1 and 2 go to
// tests/artifacts/reflow-*.png. (The screens after login at these sizes are not covered yet: the
// journey helpers click widgets that must be scrolled into view first.)
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openPortal, screenshot, waitForState } from './browser.mjs';
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

for (const size of SIZES) {
  test(`the login screen reflows at ${size.name}`, { timeout: 150000 }, async () => {
    await withContext(portal, { scale: size.scale, viewport: size.viewport }, async (context) => {
      const page = await openPortal(context);
      await waitForState(page, (s) => s.ready && s.idle, 'the login screen');
      await assertUsable(page, [IDS.loginId, IDS.loginPassword, IDS.loginSubmit, 'header.language'], size.viewport.width, 'login');
      const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page itself never scrolls sideways (${overflow}px)`);
      await screenshot(page, `reflow-login-${size.name}`);
    });
  });
}
