// The customer's journeys through the portal as the tests use them: login, code, menu, the
// contract screen, the 検索条件; and the set-up every test file shares (one server and one
// browser per file). Widget ids are the client's stable test ids (docs/client.md).
import { after, before } from 'node:test';

import { DEMO_PASSWORD } from '../lib/demo.mjs';
import { clickWidget, describePage, fillWidget, launchChromium, newPortalContext, openPortal, pressKey, waitForScreen,
         waitForState, widgetRect } from './browser.mjs';
import { listMessages, waitForCode } from './mail.mjs';
import { PortalServer, checkPrerequisites } from './server.mjs';

export { DEMO_PASSWORD };

export const IDS = {
  loginId: 'login.id',
  loginPassword: 'login.password',
  loginSubmit: 'login.submit',
  codeInput: 'code.input',
  codeSubmit: 'code.submit',
  menuContract: 'menu.contract',
  logout: 'header.logout',
  retry: 'error.retry',
  searchPrefix: 'search.prefix',
  searchStatusAll: 'search.statusAll',
  searchStatusActive: 'search.statusActive',
  searchDate: { start_from: 'search.from', start_to: 'search.to' },  // + .year .month .day .clear
  searchSubmit: 'search.submit',
  tableCount: 'table.count',
  contractBack: 'contract.back',
  csvScopeShown: 'csv.scopeShown',
  csvScopeAll: 'csv.scopeAll',
  csvUtf8: 'csv.utf8',
  csvSjis: 'csv.sjis',
  csvDownload: 'csv.download',
  tableHeader: (key) => `table.header.${key}`,
  rowReveal: (index) => `table.row.${index}.reveal`,
  rowCopy: (index, what) => `table.row.${index}.${what}`,  // copyAccount, copyLinePassword, ...
};

// One portal-server (fresh database and outbox) and one Chromium for a whole test file: node
// --test runs every file in a process of its own, so this is the file's shared set-up. Tests that
// need a fresh session open their own context (withContext). Returns an object whose `server`
// and `browser` are set once before() has run.
export function usePortal({ env = {} } = {}, afterStart = async () => {}) {
  const portal = { server: null, browser: null };
  // One hook each way: node 20 does not wait for one root-level before() before the next starts.
  before(async () => {
    checkPrerequisites();
    portal.server = new PortalServer({ env });
    await portal.server.start();
    portal.browser = await launchChromium();
    await afterStart(portal);
  });
  after(async () => {
    await portal.browser?.close();  // closes every context with it
    await portal.server?.dispose();
  });
  return portal;
}

// usePortal plus one page logged in on the contract screen, shared by the file's tests (they run
// in order; each leaves the page on the contract screen). `context` and `page` are set too, and
// `then(portal)` runs last (the file's own preparation).
export function useContractPage(selfcareId, { env, viewport } = {}, then = async () => {}) {
  return usePortal({ env }, async (portal) => {
    portal.context = await newPortalContext(portal.browser, portal.server, viewport ? { viewport } : {});
    portal.page = await contractPage(portal.context, portal.server, selfcareId);
    await then(portal);
  });
}

// Runs fn(context) in a fresh browser context (its own cookies: a new customer session) and
// closes the context afterwards, whether the test passed or not.
export async function withContext(portal, options, fn) {
  const context = await newPortalContext(portal.browser, portal.server, options);
  try {
    return await fn(context);
  } finally {
    await context.close();
  }
}

// Fills the login form and sends it; resolves with the number of outbox messages before sending
// so the caller can wait for the new code mail. `ime` as for fillWidget.
export async function submitLogin(page, server, selfcareId, password = DEMO_PASSWORD, { ime = false } = {}) {
  const before = listMessages(server.outbox).length;
  await fillWidget(page, IDS.loginId, selfcareId, { ime });
  await fillWidget(page, IDS.loginPassword, password, { ime });
  await clickWidget(page, IDS.loginSubmit);
  return before;
}

export async function submitCode(page, code, { ime = false } = {}) {
  await fillWidget(page, IDS.codeInput, code, { ime });
  await clickWidget(page, IDS.codeSubmit);
}

// Login screen -> code screen -> menu, with the code read from the dev outbox. The texts arrive
// as IME commits (one frame each, see fillWidget): login.test.mjs and the keyboard-only kiosk test
// type them key by key; here the login is only the way in.
export async function loginToMenu(page, server, selfcareId, { ime = true } = {}) {
  const before = await submitLogin(page, server, selfcareId, DEMO_PASSWORD, { ime });
  await waitForScreen(page, 'code');
  const mail = await waitForCode(server.outbox, { afterCount: before });
  await submitCode(page, mail.code, { ime });
  await waitForState(page, (s) => s.screen === 'menu' && s.contract !== null, 'the menu with the contract', 20000);
  return mail;
}

// A fresh page (at `url`, e.g. '/?kiosk=1') logged in and on the menu.
export async function menuPage(context, server, selfcareId, { url = '/' } = {}) {
  const page = await openPortal(context, { url });
  await loginToMenu(page, server, selfcareId);
  return page;
}

// Menu -> contract screen with every line loaded.
export async function openContract(page, timeoutMs = 30000) {
  await clickWidget(page, IDS.menuContract);
  return waitForState(page, (s) => s.screen === 'contract' && s.totalRows > 0,
                      'the contract screen with its lines loaded', timeoutMs);
}

// A fresh page on the login screen, logged in and on the contract screen.
export async function contractPage(context, server, selfcareId) {
  const page = await menuPage(context, server, selfcareId);
  await openContract(page);
  return page;
}

// True when keyboard navigation sits on an entry of the open popup of the combo at `comboRect`:
// the focus frame (state().reports.focus) has left the combo's own box for the list.
function focusInPopup(state, comboRect) {
  const focus = state.reports && state.reports.focus;
  if (!focus) return false;
  const cx = focus.x + focus.w / 2, cy = focus.y + focus.h / 2;
  return !(cx >= comboRect.x && cx <= comboRect.x + comboRect.width &&
           cy >= comboRect.y && cy <= comboRect.y + comboRect.height);
}

// Picks an entry of an ImGui combo with the keyboard, as a keyboard user would: opening it puts
// the navigation cursor on the selected entry (index 0, the '--' placeholder, when none), the
// arrows move it, Enter chooses. The popup takes the keyboard on a later frame than the click
// that opens it (ImGui applies its navigation start at the next frame), and arrows sent before
// that were lost (the old flake): so the keys wait until the focus frame is inside the list.
// Resolves once the popup has closed again and the client has drawn the result.
async function pickComboEntry(page, id, fromIndex, toIndex) {
  const combo = await widgetRect(page, id);
  await clickWidget(page, id);
  await waitForState(page, (s) => focusInPopup(s, combo), `the '${id}' list open with the keyboard in it`);
  const key = toIndex >= fromIndex ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(toIndex - fromIndex); i++) await pressKey(page, key);
  await pressKey(page, 'Enter');
  await waitForState(page, (s) => !focusInPopup(s, combo) && s.idle, `the '${id}' list closed after Enter`);
}

function dateParts(iso) {
  if (!iso) return { year: 0, month: 0, day: 0 };
  const [year, month, day] = iso.split('-').map(Number);
  return { year, month, day };
}

// サービス開始日: which is 'start_from' or 'start_to'; iso 'YYYY-MM-DD' or '' to clear. The year
// drop-down lists '----' then minYear.. (see LinesViewState::min_year: the earliest start year
// of the data, or the as-of year if earlier).
export async function setStartDate(page, which, iso, minYear) {
  const base = IDS.searchDate[which];
  const field = which === 'start_from' ? 'startFrom' : 'startTo';
  await clickWidget(page, `${base}.clear`);
  await waitForState(page, (s) => s.fields[field] === '', `${base} cleared`);
  if (!iso) return;
  const want = dateParts(iso);
  // Index of each value in its list (0 is the '--' placeholder). Picking the year fills in month
  // and day (1/1, or 12/31 for the end of a range); the later picks start from what is there.
  const parts = [
    ['year', (d) => (d.year ? d.year - minYear + 1 : 0), want.year - minYear + 1],
    ['month', (d) => d.month, want.month],
    ['day', (d) => d.day, want.day],
  ];
  for (const [part, indexOf, target] of parts) {
    const misses = [];
    for (;;) {
      const now = dateParts((await waitForState(page, () => true, 'state')).fields[field]);
      if (indexOf(now) === target) break;
      // Bounded: a pick that lands elsewhere is tried again from where it landed, twice at most.
      if (misses.length === 3) {
        throw new Error(`${base}.${part}: three keyboard picks did not reach entry ${target} ` +
                        `(landed on ${misses.join(', ')})\n${await describePage(page)}`);
      }
      await pickComboEntry(page, `${base}.${part}`, indexOf(now), target);
      const landed = indexOf(dateParts((await waitForState(page, () => true, 'state')).fields[field]));
      if (landed !== target) misses.push(landed);
    }
  }
  await waitForState(page, (s) => s.fields[field] === iso, `${base} = ${iso}`);
}

// Sets every 検索条件 at once ({prefix, status: 'all'|'active', from, to}; missing = none).
export async function setConditions(page, { prefix = '', status = 'all', from = '', to = '' }, minYear) {
  await fillWidget(page, IDS.searchPrefix, prefix);
  await waitForState(page, (s) => s.fields.phonePrefix === prefix, `phone prefix '${prefix}'`);
  await clickWidget(page, status === 'active' ? IDS.searchStatusActive : IDS.searchStatusAll);
  await waitForState(page, (s) => s.fields.status === status, `status ${status}`);
  const fields = (await waitForState(page, () => true, 'state')).fields;
  if (fields.startFrom !== from) await setStartDate(page, 'start_from', from, minYear);
  if (fields.startTo !== to) await setStartDate(page, 'start_to', to, minYear);
}
