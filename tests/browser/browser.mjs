// Debian's Chromium through playwright-core, and the page helpers every test uses: real mouse
// clicks at the centre of a widget found through window.portalTest.rect(id), real keystrokes,
// and waiting on window.portalTest.state() with a timeout that reports the last state seen.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { repoRoot } from './server.mjs';

const require = createRequire(import.meta.url);

function loadPlaywright() {
  try {
    return require(path.join(repoRoot, 'tests/node_modules/playwright-core'));
  } catch (error) {
    throw new Error('playwright-core is not installed: run `cd tests && npm ci` ' +
                    `(make test's dependency step does it). ${error.message}`);
  }
}

export const artifactsDir = path.join(repoRoot, 'tests/artifacts');

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-unsafe-swiftshader',
];

// playwright's launch() refuses --user-data-dir and instead always gives the browser a fresh
// temporary profile of its own, removed at close(): that is the fresh profile we want.
export async function launchChromium() {
  const { chromium } = loadPlaywright();
  return chromium.launch({
    executablePath: process.env.PORTAL_CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
  });
}

// A context per test: its own cookies, clipboard permission for copy tests, downloads on.
export async function newPortalContext(browser, server, { scale = 1, viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({
    baseURL: server.url,
    viewport,
    deviceScaleFactor: scale,
    acceptDownloads: true,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  return context;
}

export async function portalState(page) {
  return page.evaluate(() => (window.portalTest ? window.portalTest.state() : null));
}

// The parts of a state that explain most waits, first (the whole state is cut at 4,000 characters).
function summary(s) {
  if (!s || s.evaluateError) return `summary: ${JSON.stringify(s)}`;
  const r = s.reports || {};
  return `summary: ${JSON.stringify({
    screen: s.screen, idle: s.idle, screenFrames: s.screenFrames, contractLoading: s.contractLoading,
    linesLoading: s.lines && s.lines.loading, usageLoading: r.usage && r.usage.loading,
    detailsLoading: r.details && r.details.loading, focus: r.focus, kiosk: r.kiosk, fields: s.fields,
  })}`;
}

// How long the waits below allow by default. Each returns as soon as its condition holds, so the
// bound costs nothing when all is well; on two cores with a load of 15-20 the login screen alone
// was seen to take 5 s, and a 15 s bound turned a slow run into a failure.
export const WAIT_MS = 30000;

// Polls state() until predicate(state) is truthy; the error names what was awaited and shows the
// last state and the page's last console messages, so a failure explains itself.
export async function waitForState(page, predicate, what, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  let last = null;
  for (;;) {
    try {
      last = await portalState(page);
      if (last && predicate(last)) return last;
    } catch (error) {
      last = { evaluateError: String(error) };
    }
    if (Date.now() > deadline) {
      const consoleTail = (page.portalConsole || []).slice(-15).join('\n  ');
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${summary(last)}\n` +
                      `last state: ${JSON.stringify(last, null, 1).slice(0, 4000)}\n` +
                      `console:\n  ${consoleTail}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function waitForScreen(page, screen, timeoutMs = WAIT_MS) {
  return waitForState(page, (s) => s.screen === screen, `screen '${screen}'`, timeoutMs);
}

// Waits until the client has handled every input and request and has no frame pending (the
// hook's `idle`): after a click whose effect is that nothing changes, the check must come after
// the client has seen the click, not after some number of browser frames.
export function waitForIdle(page, what = 'the client idle', timeoutMs = WAIT_MS) {
  return waitForState(page, (s) => s.idle === true, what, timeoutMs);
}

// Presses a key and waits until the client has handled it. ImGui takes a key's press and release
// on separate frames, and the client draws only four frames after each input event: keys sent
// faster than that under load pile up in ImGui's queue and the last ones wait there until the
// next input (seen as a date pick whose Enter never arrived; a client issue, reported). A person
// presses the next key after seeing the last one land: so do the tests. Handled means the client
// went idle, or drew three frames since (a press and its release take two; some screens keep
// drawing, e.g. while a field offers choices), or changed screen (screenFrames starts from 0).
// The frames are counted from before the press; none are pending from earlier keys, since the
// last wait ended idle (no frame pending) or on a screen that draws anyway.
// Polled every 10 ms with only the two values carried back: typing is the tests' hottest loop.
export async function pressKey(page, key, timeoutMs = WAIT_MS) {
  const progress = () => page.evaluate(() => {
    const s = window.portalTest.state();
    return { idle: s.idle, frames: s.screenFrames };
  });
  const before = (await progress()).frames;
  await page.keyboard.press(key);
  for (const deadline = Date.now() + timeoutMs; ;) {
    const now = await progress();
    if (now.idle || now.frames >= before + 3 || now.frames < before) return;
    if (Date.now() > deadline) {
      throw new Error(`the key ${key} was not handled after ${timeoutMs} ms (the client neither idle nor ` +
                      `3 frames further)\n${await describePage(page)}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

// Types text one key at a time, each key handled before the next (see pressKey).
export async function typeKeys(page, text) {
  for (const ch of text) await pressKey(page, ch);
}

// Opens the portal (at `url`, e.g. '/?kiosk=1') and waits for the login screen; keeps console
// output for failure messages. The second argument may also be just the timeout (older callers).
export async function openPortal(context, options = {}) {
  const { url = '/', timeoutMs = 30000 } = typeof options === 'number' ? { timeoutMs: options } : options;
  const page = await context.newPage();
  page.portalConsole = [];
  page.on('console', (m) => page.portalConsole.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => page.portalConsole.push(`pageerror: ${e.message}`));
  // The customer's tab is the active one: blur and focus events then behave as they do for a person.
  await page.bringToFront();
  await page.goto(url);
  await waitForScreen(page, 'login', timeoutMs);
  return page;
}

// The last state and console lines, for failure messages that explain themselves.
export async function describePage(page) {
  const state = await portalState(page).catch((error) => ({ evaluateError: String(error) }));
  const consoleTail = (page.portalConsole || []).slice(-15).join('\n  ');
  return `${summary(state)}\nlast state: ${JSON.stringify(state, null, 1).slice(0, 4000)}\nconsole:\n  ${consoleTail}`;
}

function normaliseRect(r) {
  if (!r) return null;
  const width = r.width ?? r.w;
  const height = r.height ?? r.h;
  if (!(width > 0 && height > 0)) return null;
  return { x: r.x, y: r.y, width, height };
}

// The widget's rectangle in CSS pixels; waits for it to be laid out (a frame may be pending).
export async function widgetRect(page, id, timeoutMs = WAIT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rect = normaliseRect(await page.evaluate((wid) => window.portalTest.rect(wid), id));
    if (rect) return rect;
    if (Date.now() > deadline) {
      throw new Error(`widget '${id}' has no rectangle after ${timeoutMs} ms: is the id right and the ` +
                      `widget on screen?\n${await describePage(page)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Scrolls the page with the mouse wheel until the widget is on screen. The wheel must turn over
// the page itself, not over the line table (which would scroll its rows), so the pointer rests
// on a widget above the table (`anchors`), found afresh after every notch.
export async function scrollToWidget(page, id, anchors, { up = false } = {}) {
  for (let notch = 0; notch < 40; notch++) {
    if (normaliseRect(await page.evaluate((wid) => window.portalTest.rect(wid), id))) return;
    let anchor = null;
    for (const candidate of anchors) {
      anchor = normaliseRect(await page.evaluate((wid) => window.portalTest.rect(wid), candidate));
      if (anchor) break;
    }
    if (!anchor) throw new Error(`cannot scroll to '${id}': none of ${anchors.join(', ')} is on screen`);
    await page.mouse.move(anchor.x + anchor.width / 2, anchor.y + anchor.height / 2);
    await page.mouse.wheel(0, up ? -120 : 120);
    await animationFrames(page, 3);
  }
  throw new Error(`'${id}' did not come on screen after 40 wheel notches`);
}

// Clicks a widget: the pointer arrives first and rests for two frames, then the button goes down
// and up. ImGui counts an item that allows overlap (table headers) as hovered only when it was
// hovered on the previous frame too, so a click without the prior move would miss it.
export async function clickWidget(page, id) {
  const r = await widgetRect(page, id);
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
  await animationFrames(page, 2);
  await page.mouse.down();
  await page.mouse.up();
}

// The same at a person's pace: the button is held for 120 ms.
export async function humanClick(page, id) {
  const r = await widgetRect(page, id);
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
  await animationFrames(page, 2);
  await page.mouse.down();
  await new Promise((resolve) => setTimeout(resolve, 120));
  await page.mouse.up();
}

// Focuses a text field by clicking it, clears it, and types like a person (one key at a time).
// Typed characters travel through the client's hidden <input> (IME support), which it focuses on
// the frame after the click: keys sent before then would land on the canvas and be lost. The
// click is retried (as a person would) when the field did not take focus: see humanClick.
// With { ime: true } the text arrives in one input event, as an IME commit, a phone keyboard's
// suggestion or a paste delivers it: the same path into the client, but one frame instead of one
// per key (typing a key costs a frame of software rendering, ~0.1 s at ratio 1, ~0.4 s at 2).
export async function fillWidget(page, id, text, { ime = false } = {}) {
  // The login screen's fields are real inputs of a <form> laid over the canvas (.portal-field);
  // every other field types through the hidden #portal-ime.
  const imeFocused = () => page.waitForFunction(
    () => document.activeElement && (document.activeElement.id === 'portal-ime' ||
                                     document.activeElement.classList.contains('portal-field')),
    null, { timeout: 2000 });
  for (let attempt = 1; ; attempt++) {
    const r = await widgetRect(page, id);
    await page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);
    await animationFrames(page, 2);
    try {
      await imeFocused();
      break;
    } catch {
      if (attempt === 3) {
        throw new Error(`clicking '${id}' three times did not focus a text input (#portal-ime or .portal-field)\n` +
                        await describePage(page));
      }
    }
  }
  await pressKey(page, 'Control+A');
  await pressKey(page, 'Backspace');
  if (!text) return;
  if (ime) await page.keyboard.insertText(text);
  else await typeKeys(page, text);
}

// Lets the page run a few animation frames: the client draws on the frame after an input event.
export async function animationFrames(page, count = 2) {
  await page.evaluate((n) => new Promise((resolve) => {
    const step = (left) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  }), count);
}

export async function screenshot(page, name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  // A frame may be pending after the last state change: let the canvas settle first (the hook's
  // `idle` says no frame, input or request is pending). A client that never settles is a failure,
  // not a picture of a half-drawn frame.
  await animationFrames(page, 2);
  await waitForState(page, (s) => s.idle !== false, `the client idle before the screenshot ${name}`, 15000);
  await page.screenshot({ path: file });
  return file;
}

// What a screenshot at `ratio` must show is drawn at that ratio: the client's ratio, and a canvas
// backbuffer of that many device pixels per CSS pixel.
export async function assertDrawnAt(page, ratio) {
  const state = await portalState(page);
  if (state.pixelRatio !== ratio) throw new Error(`drawn at devicePixelRatio ${state.pixelRatio}, not ${ratio}`);
  const canvas = await page.evaluate(() => {
    const c = document.querySelector('canvas');
    return c ? { width: c.width, css: c.getBoundingClientRect().width } : null;
  });
  if (!canvas || Math.abs(canvas.width - canvas.css * ratio) > ratio) {
    throw new Error(`the canvas backbuffer is not ${ratio}x its CSS size: ${JSON.stringify(canvas)}`);
  }
}

// The text of the DOM mirror (what the screen says in words), once it contains `want`.
export async function mirrorTextWith(page, want, timeoutMs = WAIT_MS) {
  const text = () => page.evaluate(() => document.querySelector('#portal-mirror')?.textContent ?? '');
  try {
    await page.waitForFunction((w) => (document.querySelector('#portal-mirror')?.textContent ?? '').includes(w),
                               want, { timeout: timeoutMs });
  } catch {
    throw new Error(`the mirror never said "${want}"; it says: ${(await text()).slice(0, 600)}\n${await describePage(page)}`);
  }
  return text();
}
