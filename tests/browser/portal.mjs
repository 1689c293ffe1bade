// The customer's journeys through the portal as the tests use them: login, code, menu, the
// contract screen. Widget ids are the client's stable test ids (docs/client.md).
import { animationFrames, clickWidget, fillWidget, openPortal, waitForScreen, waitForState } from './browser.mjs';
import { listMessages, waitForCode } from './mail.mjs';

export const DEMO_PASSWORD = 'Demo-2026-portal';

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

// Fills the login form and sends it; resolves with the number of outbox messages before sending
// so the caller can wait for the new code mail.
export async function submitLogin(page, server, selfcareId, password = DEMO_PASSWORD) {
  const before = listMessages(server.outbox).length;
  await fillWidget(page, IDS.loginId, selfcareId);
  await fillWidget(page, IDS.loginPassword, password);
  await clickWidget(page, IDS.loginSubmit);
  return before;
}

export async function submitCode(page, code) {
  await fillWidget(page, IDS.codeInput, code);
  await clickWidget(page, IDS.codeSubmit);
}

// Login screen -> code screen -> menu, with the code read from the dev outbox.
export async function loginToMenu(page, server, selfcareId) {
  const before = await submitLogin(page, server, selfcareId);
  await waitForScreen(page, 'code');
  const mail = await waitForCode(server.outbox, { afterCount: before });
  await submitCode(page, mail.code);
  await waitForScreen(page, 'menu', 20000);
  return mail;
}

// Menu -> contract screen with every line loaded.
export async function openContract(page, timeoutMs = 30000) {
  await clickWidget(page, IDS.menuContract);
  return waitForState(page, (s) => s.screen === 'contract' && s.totalRows > 0,
                      'the contract screen with its lines loaded', timeoutMs);
}

// A fresh page on the login screen, logged in and on the contract screen.
export async function contractPage(context, server, selfcareId) {
  const page = await openPortal(context);
  await loginToMenu(page, server, selfcareId);
  await openContract(page);
  return page;
}

// Picks an entry of an ImGui combo with the keyboard, as a keyboard user would: opening it puts
// the navigation cursor on the selected entry (index 0, the '--' placeholder, when none), the
// arrows move it, Enter chooses. Keys sent before the popup has been drawn would be lost.
async function pickComboEntry(page, id, fromIndex, toIndex) {
  await clickWidget(page, id);
  await animationFrames(page, 3);
  const key = toIndex >= fromIndex ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(toIndex - fromIndex); i++) await page.keyboard.press(key);
  await page.keyboard.press('Enter');
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
    for (let attempt = 1; ; attempt++) {
      const now = dateParts((await waitForState(page, () => true, 'state')).fields[field]);
      if (indexOf(now) === target) break;
      await pickComboEntry(page, `${base}.${part}`, indexOf(now), target);
      try {
        await waitForState(page, (s) => indexOf(dateParts(s.fields[field])) === target, `${base} ${part}`, 3000);
        break;
      } catch (error) {
        // A key sent while the popup was still appearing is lost: close it and pick again.
        if (attempt === 3) throw error;
        await page.keyboard.press('Escape');
        await animationFrames(page, 3);
      }
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
