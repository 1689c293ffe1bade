// The customer's journeys through the portal as the tests use them: login, code, menu, the
// contract screen. Widget ids are the client's stable test ids (docs/client.md).
import { clickWidget, fillWidget, openPortal, waitForScreen, waitForState } from './browser.mjs';
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
  searchStatusAll: 'search.status_all',
  searchStatusActive: 'search.status_active',
  searchFrom: 'search.start_from',
  searchTo: 'search.start_to',
  searchSubmit: 'search.submit',
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
