// Reflow after login: at a 320-CSS-pixel-wide window and at browser zoom 200% (a 640×400 CSS
// viewport at devicePixelRatio 2, what zooming a 1280×800 window does), the menu, the contract
// screen (summary, 検索条件, line table), ご利用状況照会, 通話明細照会 of a customer who applied, and
// セキュリティ設定 keep every function usable, in Japanese and again in English (longer labels):
// - the page never scrolls sideways: neither the document nor the portal's own windows, except
//   tables, which may scroll inside themselves;
// - every marked control lies inside the window's width, whole (or inside a table that scrolls
//   sideways), and one out of view is inside something that scrolls it into view;
// - every target (an item that takes clicks or focus) is at least 24×24 CSS px, or (the small
//   buttons in the table rows) spaced as WCAG 2.5.8 allows.
// The checks read window.portalTest.marks() (test build only): every marked item of the last frame,
// in view or not. Screenshots of the top and the bottom of each screen go to
// tests/artifacts/reflow-<screen>[-en]-<size>[-end].png. One login per size; the page is reused.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { animationFrames, clickWidget, fillWidget, openPortal, screenshot, waitForState } from './browser.mjs';
import { listMessages, waitForCode } from './mail.mjs';
import { DEMO_PASSWORD, IDS, usePortal, withContext } from './portal.mjs';

const portal = usePortal();

const SIZES = [
  { name: '320px', viewport: { width: 320, height: 640 }, scale: 1 },
  { name: 'zoom200', viewport: { width: 640, height: 400 }, scale: 2 },
];

// Faults found and not fixed yet (listed in the test's output, each still a fault to fix): none
// now. Any fault not listed here fails the test.
const KNOWN = [];

const MIN_TARGET = 24 - 0.5;  // CSS px; ImGui rounds item edges to device pixels

// The faults of one frame's layout, by what and where (a Map, so that a fault seen at several
// scroll positions is reported once).
function layoutFaults(marks, pageOverflow, faults) {
  const width = marks.viewport.w;
  if (pageOverflow > 0) faults.set('document', `the document scrolls sideways by ${pageOverflow}px`);
  for (const w of marks.windows) {
    // A table's own scrolling window may scroll sideways; nothing else may, and a window without a
    // horizontal scroll bar whose content is wider than it cuts it off.
    if (w.table) continue;
    if (w.scrollMaxX > 0.5 || w.scrollbarX) faults.set(w.name, `window ${w.name} scrolls sideways (${w.scrollMaxX}px: ${w.contentW}px of content inside ${w.innerW}px)`);
    else if (w.contentW > w.innerW + 1) faults.set(w.name, `window ${w.name} is ${w.contentW}px wide inside ${w.innerW}px`);
  }
  for (const item of marks.items) {
    const r = item.whole;
    const where = `${item.id} ${JSON.stringify(r)}`;
    if (!item.scrollsSideways && (r.x < -0.5 || r.x + r.w > width + 0.5)) {
      faults.set(`${item.id} width`, `${where} is cut off by the ${width}px width`);
    }
    if (!item.shown && !item.scrollsDown && !item.scrollsSideways) {
      faults.set(`${item.id} view`, `${where} is out of view with nothing to scroll it into view`);
    }
    const near = item.target && (r.w < MIN_TARGET || r.h < MIN_TARGET) ? tooClose(item, marks.items) : null;
    if (near) {
      faults.set(`${item.id} size`, `${where} is a target smaller than 24×24 CSS px, too close to another (${near.id} ${JSON.stringify(near.whole)})`);
    }
  }
}

// WCAG 2.5.8's spacing rule for a smaller target (the table rows' small buttons): a 24-CSS-px
// circle on its centre meets no other target, nor the circle of another small target. Only what
// is on the screen counts: a target out of view (a row scrolled beneath the table's frozen header
// or out of the table) takes no click there; nor does the table around the item, which is an item
// with an id but no target of its own (a click on it lands on its cells). Returns the first
// target too close to `item`, or null when it is spaced apart.
function tooClose(item, items) {
  const centre = (r) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });
  const c = centre(item.whole);
  const small = (r) => r.w < MIN_TARGET || r.h < MIN_TARGET;
  const contains = (r, inner) => r.x <= inner.x && r.y <= inner.y && r.x + r.w >= inner.x + inner.w && r.y + r.h >= inner.y + inner.h;
  const near = (other) => {
    if (other === item || !other.target || !other.shown || contains(other.whole, item.whole)) return false;
    const r = other.whole;
    if (small(r)) {
      const o = centre(r);
      return Math.hypot(o.x - c.x, o.y - c.y) < 24 - 0.5;
    }
    const dx = Math.max(r.x - c.x, 0, c.x - (r.x + r.w)), dy = Math.max(r.y - c.y, 0, c.y - (r.y + r.h));
    return Math.hypot(dx, dy) < 12 - 0.25;
  };
  return items.find(near) ?? null;
}

const contentWindow = (marks) => marks.windows.find((w) => /^##portal\/content/.test(w.name));

// Checks the settled screen from its top to its end, a window's height at a time (an item is laid
// out only near the view: a table below the fold has no rectangle until scrolled to), and takes
// its screenshots at the top and at the end; returns how many items and targets it checked and the
// faults found.
async function checkScreen(page, screen, size, expected) {
  await animationFrames(page, 3);
  await waitForState(page, (s) => s.idle, `${screen} settled`);
  const faults = new Map(), ids = new Set(), targets = new Set();
  const look = async () => {
    await animationFrames(page, 2);
    const marks = await page.evaluate(() => window.portalTest.marks());
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
    layoutFaults(marks, overflow, faults);
    for (const item of marks.items) {
      ids.add(item.id);
      if (item.target) targets.add(item.id);
    }
    return contentWindow(marks);
  };
  let content = await look();
  await screenshot(page, `reflow-${screen}-${size.name}`);
  let scrolled = false;
  for (let step = 0; step < 15 && content && content.scrollY < content.scrollMaxY - 0.5; step++) {
    const from = content.scrollY;
    await page.mouse.move(content.x + content.w - 6, content.y + content.h / 2);  // its scroll bar, never a table
    for (let notch = 0; notch < 8 && content.scrollY < Math.min(content.scrollMaxY, from + content.h * 0.7); notch++) {
      await page.mouse.wheel(0, 120);
      content = await look();
    }
    scrolled = true;
  }
  if (scrolled) {
    await screenshot(page, `reflow-${screen}-${size.name}-end`);
    for (let notch = 0; notch < 60 && content && content.scrollY > 0.5; notch++) {
      await page.mouse.wheel(0, -360);
      content = await look();
    }
  }
  for (const id of expected) assert.ok(ids.has(id), `${screen} at ${size.name}: ${id} is laid out (marked: ${[...ids].sort().join(' ')})`);
  return { screen, items: ids.size, targets: targets.size, faults: [...faults.values()] };
}

// Brings a marked widget into view (as a person scrolls to it): the wheel over the page's scroll
// bar, towards the widget, until the whole of it is shown; bounded by the notch count.
async function reach(page, id) {
  for (let notch = 0; notch < 40; notch++) {
    const marks = await page.evaluate(() => window.portalTest.marks());
    const item = marks.items.find((i) => i.id === id);
    const shown = item && item.shown;
    if (shown && Math.abs(shown.h - item.whole.h) < 1) return;
    const content = marks.windows.find((w) => /^##portal\/content/.test(w.name));
    if (item && content) {
      await page.mouse.move(content.x + content.w - 6, content.y + content.h / 2);  // its scroll bar
      await page.mouse.wheel(0, item.whole.y > content.y + content.h / 2 ? 120 : -120);
    }
    await animationFrames(page, 3);
  }
  throw new Error(`'${id}' did not come into view after 40 wheel notches`);
}

async function reachAndClick(page, id) {
  await reach(page, id);
  await clickWidget(page, id);
}

async function reachAndFill(page, id, text) {
  await reach(page, id);
  await fillWidget(page, id, text, { ime: true });
}

// Login and code at the size under test: the fields may lie below the window's fold.
async function login(page, selfcareId) {
  const before = listMessages(portal.server.outbox).length;
  await reachAndFill(page, IDS.loginId, selfcareId);
  await reachAndFill(page, IDS.loginPassword, DEMO_PASSWORD);
  await reachAndClick(page, IDS.loginSubmit);
  await waitForState(page, (s) => s.screen === 'code', 'the code screen');
  const mail = await waitForCode(portal.server.outbox, { afterCount: before });
  await reachAndFill(page, IDS.codeInput, mail.code);
  await reachAndClick(page, IDS.codeSubmit);
  await waitForState(page, (s) => s.screen === 'menu' && s.contract !== null, 'the menu with the contract', 20000);
}

// Walks the menu and the four screens from it, each checked from top to end; `lang` names the
// screenshots (reflow-<screen>[-en]-<size>) and the screens in the faults.
async function walkScreens(page, size, lang) {
  const name = (screen) => (lang === 'ja' ? screen : `${screen}-${lang}`);
  const seen = [];
  seen.push(await checkScreen(page, name('menu'), size, ['menu.contract', 'menu.usage', 'menu.details', 'menu.security', 'header.logout']));

  await reachAndClick(page, 'menu.contract');
  await waitForState(page, (s) => s.screen === 'contract' && s.totalRows > 0, 'the contract screen with its lines', 30000);
  seen.push(await checkScreen(page, name('contract'), size, ['search.prefix', 'search.statusAll', 'search.submit', 'table', 'table.count',
                                                            'csv.download', 'contract.back']));
  await reachAndClick(page, 'contract.back');
  await waitForState(page, (s) => s.screen === 'menu', 'back to the menu');

  await reachAndClick(page, 'menu.usage');
  await waitForState(page, (s) => s.screen === 'usage' && s.reports.usage.loaded, 'usage loaded');
  seen.push(await checkScreen(page, name('usage'), size, ['usage.month', 'usage.table', 'usage.totals', 'usage.back']));
  await reachAndClick(page, 'usage.back');
  await waitForState(page, (s) => s.screen === 'menu', 'back to the menu');

  await reachAndClick(page, 'menu.details');
  await waitForState(page, (s) => s.screen === 'callDetails', 'the call-detail screen');
  await reachAndFill(page, 'details.number', '05058202003');
  await waitForState(page, (s) => s.reports.details.selectedPhone === '05058202003', 'the number chosen');
  await reachAndClick(page, 'details.query');
  await waitForState(page, (s) => s.reports.details.loaded && !s.reports.details.loading, 'calls loaded');
  seen.push(await checkScreen(page, name('details'), size, ['details.number', 'details.from.year', 'details.to.year', 'details.query',
                                                           'details.table', 'details.totals', 'details.back']));
  await reachAndClick(page, 'details.back');
  await waitForState(page, (s) => s.screen === 'menu', 'back to the menu');

  await reachAndClick(page, 'menu.security');
  await waitForState(page, (s) => s.screen === 'security' && s.security.statusLoaded, 'セキュリティ設定');
  seen.push(await checkScreen(page, name('security'), size, ['security.tab.authenticator', 'security.tab.history', 'security.enrol',
                                                            'security.back']));
  await reachAndClick(page, 'security.back');
  await waitForState(page, (s) => s.screen === 'menu', 'back to the menu');
  return seen;
}

for (const size of SIZES) {
  test(`after login the screens reflow at ${size.name}, in Japanese and in English`, { timeout: 480000 }, async (t) => {
    await withContext(portal, { scale: size.scale, viewport: size.viewport }, async (context) => {
      const page = await openPortal(context);
      await login(page, 'demo-details');
      const seen = await walkScreens(page, size, 'ja');
      // The header's language button, as a customer switches: English labels are longer.
      await clickWidget(page, 'header.language');
      await waitForState(page, (s) => s.language === 'en', 'the screens in English');
      seen.push(...await walkScreens(page, size, 'en'));
      const all = seen.flatMap((screen) => screen.faults.map((fault) => `${screen.screen}: ${fault}`));
      const faults = all.filter((fault) => !KNOWN.some((known) => known.test(fault)));
      for (const fault of all.filter((f) => !faults.includes(f))) t.diagnostic(`known, not fixed yet: ${fault}`);
      assert.deepEqual(faults, [], `the screens at ${size.name} (${size.viewport.width}×${size.viewport.height} CSS px)`);
      for (const screen of seen) assert.ok(screen.targets >= 3, `each screen has its targets checked (${JSON.stringify(seen)})`);
    });
  });
}
