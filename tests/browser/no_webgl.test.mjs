// The portal without WebGL2: when the browser has none (here an init script makes
// getContext('webgl2') return null, as a blocklisted GPU or a policy does), when ?render=dom asks
// for it, or when the drawing context is lost and never given back, the app keeps running with
// the canvas hidden and its HTML as the page, with one line saying why. The customer's journeys
// work there as on the canvas.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import fs from 'node:fs';

import { apiLines } from './api.mjs';
import { clickWidget, fillWidget, newPortalContext, waitForScreen, waitForState } from './browser.mjs';
import { control, domLogin as domLoginAs, openDomPage as openDomPageFor, shoot } from './dom_page.mjs';
import { IDS, contractPage, usePortal } from './portal.mjs';

const portal = usePortal();
const openDomPage = (options) => openDomPageFor(portal, options);
const domLogin = (page, selfcareId) => domLoginAs(page, portal.server, selfcareId);

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

// ---- The journeys on the HTML page against the same journeys on the canvas -------------------

const JOURNEY_ID = 'demo-details';

async function savedBytes(page, click) {
  const saved = page.waitForEvent('download', { timeout: 60000 });
  await click();
  const file = await saved;
  return { bytes: fs.readFileSync(await file.path()), name: file.suggestedFilename() };
}

// The shortest prefix (7 digits or more, as the field asks) of a line in the middle of the table
// that matches some lines but not all.
async function journeyPrefix(context) {
  const { rows } = await apiLines(context);
  const digits = String(rows[Math.floor(rows.length / 2)].phone).replace(/\D/g, '');
  for (let length = 7; length <= digits.length; length++) {
    const prefix = digits.slice(0, length);
    const matching = rows.filter((row) => String(row.phone).replace(/\D/g, '').startsWith(prefix)).length;
    if (matching < rows.length) return { prefix };
  }
  return { prefix: digits };
}

async function canvasJourney(context) {
  const { server } = portal;
  const page = await contractPage(context, server, JOURNEY_ID);
  const { prefix } = await journeyPrefix(context);
  await fillWidget(page, IDS.searchPrefix, prefix, { ime: true });
  await clickWidget(page, IDS.searchSubmit);
  const searched = await waitForState(page, (s) => s.fields.phonePrefix === prefix && s.idle, 'the prefix search');
  const csv = await savedBytes(page, () => clickWidget(page, IDS.csvDownload));
  await clickWidget(page, IDS.contractBack);
  await waitForScreen(page, 'menu');
  await clickWidget(page, 'menu.usage');
  const usage = await waitForState(page, (s) => s.screen === 'usage' && s.reports.usage.loaded, 'usage loaded', 30000);
  return { prefix, rowCount: searched.rowCount, totalRows: searched.totalRows, csv, usage: usage.reports.usage };
}

async function domJourney(page, prefix, { screenshots = false } = {}) {
  await domLogin(page, JOURNEY_ID);
  if (screenshots) await shoot(page, 'nowebgl-menu');
  // The language switch: the page, and the note with it, in English, then back.
  await control(page, 'header.language').click();
  await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 15000 });
  assert.match((await pageLook(page)).note ?? '', /^(This browser|This is the plain)/, 'the note follows the language');
  if (screenshots) await shoot(page, 'nowebgl-menu-en');
  await control(page, 'header.language').click();
  await page.waitForFunction(() => document.documentElement.lang === 'ja', null, { timeout: 15000 });
  await control(page, 'menu.contract').click();
  const loaded = await waitForState(page, (s) => s.screen === 'contract' && s.totalRows > 0, 'the lines loaded', 30000);
  if (screenshots) await shoot(page, 'nowebgl-contract');
  await control(page, 'search.prefix').fill(prefix);
  await control(page, 'search.submit').click();
  const searched = await waitForState(page, (s) => s.fields.phonePrefix === prefix && s.idle, 'the prefix search');
  const csv = await savedBytes(page, () => control(page, 'csv.download').click());
  await control(page, 'contract.back').click();
  await waitForScreen(page, 'menu');
  await control(page, 'menu.usage').click();
  const usage = await waitForState(page, (s) => s.screen === 'usage' && s.reports.usage.loaded, 'usage loaded', 30000);
  if (screenshots) await shoot(page, 'nowebgl-usage');
  await control(page, 'header.logout').click();
  const after = await waitForState(page, (s) => s.screen === 'login' && s.ready && !s.session.active,
                                   'the login page after logout', 30000);
  assert.equal(after.render, 'dom', 'the fresh instance after logout is the HTML page again');
  return { rowCount: searched.rowCount, totalRows: loaded.totalRows, csv, usage: usage.reports.usage };
}

test('login → code → contract → search → CSV → usage → logout on the HTML page give what the canvas gives', { timeout: 240000 }, async () => {
  const canvasContext = await newPortalContext(portal.browser, portal.server);
  let canvas;
  try {
    canvas = await canvasJourney(canvasContext);
  } finally {
    await canvasContext.close();
  }
  assert.ok(canvas.rowCount > 0 && canvas.rowCount < canvas.totalRows, `the prefix ${canvas.prefix} picks some lines`);
  for (const options of [{ url: '/?render=dom' }, { noWebGL2: true }]) {
    const { context, page } = await openDomPage(options);
    try {
      await waitForState(page, (s) => s.screen === 'login' && s.ready && s.render === 'dom', 'the HTML login page', 30000);
      const dom = await domJourney(page, canvas.prefix, { screenshots: !!options.noWebGL2 });
      const what = options.url ? '?render=dom' : 'without WebGL2';
      assert.equal(dom.totalRows, canvas.totalRows, `${what}: all lines`);
      assert.equal(dom.rowCount, canvas.rowCount, `${what}: lines matching ${canvas.prefix}`);
      assert.ok(Buffer.compare(dom.csv.bytes, canvas.csv.bytes) === 0,
                `${what}: the CSV (${dom.csv.bytes.length} bytes) equals the canvas's (${canvas.csv.bytes.length} bytes)`);
      assert.equal(dom.usage.month, canvas.usage.month, `${what}: usage month`);
      assert.equal(dom.usage.rowCount, canvas.usage.rowCount, `${what}: usage rows`);
      assert.deepEqual(dom.usage.totals, canvas.usage.totals, `${what}: usage totals`);
    } finally {
      await context.close();
    }
  }
});
