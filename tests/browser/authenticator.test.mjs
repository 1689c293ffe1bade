// The authenticator app end to end: set up on セキュリティ設定 with a code made here from the key
// the screen shows (as a customer types it into an app), then logins by the app's code and by a
// recovery code; the code screen asks for the app's code and sends no mail unless the customer kept
// mailed codes and asks for one there.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

import {
  clickWidget, fillWidget, openPortal, portalState, screenshot, waitForScreen, waitForState, widgetRect,
} from './browser.mjs';
import { accessibilityTree, axeViolations, dumpTree, findNode, switchLanguage } from './a11y.mjs';
import { listMessages, textParts, waitForCode } from './mail.mjs';
import { DEMO_PASSWORD, IDS, loginToMenu, submitCode, submitLogin, usePortal, withContext } from './portal.mjs';
import { PortalServer } from './server.mjs';
import { stepNow, totp } from '../lib/totp.mjs';

const portal = usePortal();
const ID = 'demo-basic';

let secret = '';
let recoveryCodes = [];
let confirmedStep = 0;

// Ratio 1 sets up the app of the customer the later tests log in as; ratio 2 another one.
for (const [scale, selfcareId] of [[1, ID], [2, 'demo-standard']]) {
  test(`set up an authenticator app on セキュリティ設定 (devicePixelRatio ${scale})`, { timeout: 300000 }, async () => {
    await withContext(portal, { scale }, async (context) => {
      const page = await openPortal(context);
      await loginToMenu(page, portal.server, selfcareId);
      await clickWidget(page, 'menu.security');
      await waitForState(page, (s) => s.screen === 'security' && s.security.statusLoaded, 'セキュリティ設定');
      await screenshot(page, `security-start@${scale}x`);
      await clickWidget(page, 'security.enrol');
      const shown = await waitForState(page, (s) => s.security.secretShown !== '' && s.security.qrSize >= 21, 'the QR code and key');
      await screenshot(page, `security-enrol@${scale}x`);
      // A wrong format is refused on the screen, in words, before anything is sent (at ratio 1:
      // the same check at ratio 2 cost a dozen frames at four times the pixels).
      if (scale === 1) {
        await fillWidget(page, 'security.confirmCode', '123', { ime: true });
        await clickWidget(page, 'security.confirm');
        await waitForState(page, (s) => s.security.errorAt === 'confirm' && /6/.test(s.security.error), 'the format message');
      }
      const key = shown.security.secretShown.replaceAll(' ', '');  // as a customer types it into an app
      const step = Math.floor(Date.now() / 30000);
      await fillWidget(page, 'security.confirmCode', totp(key, step), { ime: true });
      await clickWidget(page, 'security.confirm');
      const done = await waitForState(page, (s) => s.security.recoveryCodesShown.length === 10, 'the recovery codes');
      assert.equal(done.security.secretShown, '', 'the key leaves the screen once the app holds it');
      await screenshot(page, `security-recovery-codes@${scale}x`);
      await clickWidget(page, 'security.codesKept');
      await waitForState(page, (s) => s.security.enrolled && s.security.recoveryCodesShown.length === 0, 'set up');
      await screenshot(page, `security-enrolled@${scale}x`);
      // The mailed code is kept beside the app only when ticked: the box, the change mail, and back.
      const mailsBefore = listMessages(portal.server.outbox).length;
      await clickWidget(page, 'security.emailCodes');
      await waitForState(page, (s) => s.security.emailCodes && !s.security.busy && s.security.info !== null, 'codes by e-mail on');
      await screenshot(page, `security-email-codes@${scale}x`);
      const changeMail = fs.readFileSync(listMessages(portal.server.outbox).at(-1).file, 'latin1');
      assert.equal(listMessages(portal.server.outbox).length, mailsBefore + 1, 'the change is mailed');
      assert.match(textParts(changeMail).map((p) => p.text).join('\n'), /also use a code sent by e-mail/);
      if (selfcareId === ID) {  // the later tests log in with the app alone; the other keeps the mail
        await clickWidget(page, 'security.emailCodes');
        await waitForState(page, (s) => !s.security.emailCodes && !s.security.busy, 'codes by e-mail off');
        [secret, recoveryCodes, confirmedStep] = [key, done.security.recoveryCodesShown, step];
      }
      await clickWidget(page, IDS.logout);
      await waitForScreen(page, 'login', 20000);
    });
  });
}

for (const [scale, how] of [[1, 'the app\'s code'], [1, 'a recovery code']]) {
  test(`the code screen asks for the authenticator (devicePixelRatio ${scale}); ${how} logs in`, { timeout: 180000 }, async () => {
    assert.ok(secret, 'set up first');
    await withContext(portal, { scale }, async (context) => {
      const page = await openPortal(context);
      await waitForScreen(page, 'login');
      const mails = listMessages(portal.server.outbox).length;
      await submitLogin(page, portal.server, ID, undefined, { ime: true });
      const state = await waitForState(page, (s) => s.screen === 'code' && s.code.authenticator, 'the authenticator code screen');
      assert.equal(state.code.maskedEmail, '');
      assert.equal(listMessages(portal.server.outbox).length, mails, 'no code mail');
      if (!how.includes('recovery')) await screenshot(page, `code-authenticator@${scale}x`);
      // The step used at set-up is spent: the current one, or one ahead of it (accepted too).
      const step = Math.max(Math.floor(Date.now() / 30000), confirmedStep + 1);
      const code = how.includes('recovery') ? recoveryCodes[0] : totp(secret, step);
      await submitCode(page, code, { ime: true });
      await waitForState(page, (s) => s.screen === 'menu' && s.contract !== null, 'the menu', 20000);
    });
  });
}

test('an app customer who kept mailed codes asks for one on the code screen, and its code logs in', { timeout: 180000 }, async () => {
  await withContext(portal, { scale: 2 }, async (context) => {
    const page = await openPortal(context);
    await waitForScreen(page, 'login');
    const before = await submitLogin(page, portal.server, 'demo-standard', undefined, { ime: true });
    const state = await waitForState(page, (s) => s.screen === 'code' && s.code.authenticator && s.code.emailCodes, 'the app code screen with the mail choice');
    assert.match(state.code.maskedEmail, /\*/, 'where the mail would go, masked');
    assert.equal(listMessages(portal.server.outbox).length, before, 'nothing mailed until asked');
    await widgetRect(page, 'code.emailCode');
    await screenshot(page, 'code-authenticator-email@2x');
    await clickWidget(page, 'code.emailCode');
    const mail = await waitForCode(portal.server.outbox, { afterCount: before });
    await waitForState(page, (s) => s.screen === 'code' && !s.code.authenticator && s.status !== null, 'the mailed-code screen');
    await screenshot(page, 'code-email-instead@2x');
    await submitCode(page, mail.code, { ime: true });
    await waitForState(page, (s) => s.screen === 'menu' && s.contract !== null, 'the menu', 20000);
  });
});

test('ログイン履歴 shows both factors and downloads them as CSV; other sessions log out', { timeout: 180000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const page = await openPortal(context);
    await waitForScreen(page, 'login');
    await submitLogin(page, portal.server, ID, undefined, { ime: true });
    await waitForState(page, (s) => s.screen === 'code' && s.code.authenticator, 'the authenticator code screen');
    await submitCode(page, recoveryCodes[1], { ime: true });
    await waitForState(page, (s) => s.screen === 'menu', 'the menu', 20000);
    await clickWidget(page, 'menu.security');
    await clickWidget(page, 'security.tab.history');
    const state = await waitForState(page, (s) => s.security.historyLoaded && s.security.history > 0, 'the history');
    const factors = state.security.firstEvents.filter((e) => e.event === 'login_success').map((e) => e.factor);
    assert.deepEqual(factors.slice(0, 3), ['recovery', 'recovery', 'totp'], JSON.stringify(state.security.firstEvents));
    await screenshot(page, 'security-history@1x');  // ratio 2: the second browser below
    const saved = page.waitForEvent('download', { timeout: 60000 });
    await clickWidget(page, 'security.history.csv');
    const file = await saved;
    const text = fs.readFileSync(await file.path(), 'utf8');
    assert.ok(text.startsWith('\uFEFF日時,できごと,結果,認証方法,接続元アドレス,ブラウザ,OS,理由\r\n'), text.slice(0, 80));
    const rows = text.trimEnd().split('\r\n').slice(1);
    assert.equal(rows.length, state.security.history, 'one row per event shown');
    assert.match(rows.find((r) => r.includes('ログイン,成功')), /リカバリーコード/);
    assert.ok(rows.some((r) => r.includes(',認証アプリ,')), 'the authenticator login is in the file');
    assert.equal((await waitForState(page, (s) => s.security.csvFileName !== '', 'the file name')).security.csvFileName,
                 file.suggestedFilename());

    // A second browser of the same customer, then "log out the other sessions" from this one.
    await withContext(portal, { scale: 2 }, async (other) => {
      const second = await openPortal(other);
      await submitLogin(second, portal.server, ID, undefined, { ime: true });
      await waitForState(second, (s) => s.screen === 'code' && s.code.authenticator, 'the code screen');
      await submitCode(second, recoveryCodes[2], { ime: true });
      await waitForState(second, (s) => s.screen === 'menu', 'the menu', 20000);
      await clickWidget(second, 'menu.security');
      await clickWidget(second, 'security.tab.history');
      await waitForState(second, (s) => s.security.historyLoaded, 'the history');
      await screenshot(second, 'security-history@2x');
      await clickWidget(page, 'security.tab.sessions');
      await clickWidget(page, 'security.sessions.reload');
      await waitForState(page, (s) => s.security.sessionsLoaded && s.security.sessions >= 2 && !s.security.busy, 'two sessions');
      await screenshot(page, 'security-sessions@1x');
      await clickWidget(page, 'security.logoutOthers');
      await waitForState(page, (s) => s.security.sessions === 1 && s.security.info !== null, 'the others logged out');
      await widgetRect(page, 'security.info.sessions');  // the message is drawn on the sessions panel
      await clickWidget(page, 'security.tab.authenticator');
      await widgetRect(page, 'security.enrolled');
      assert.equal(await page.evaluate(() => window.portalTest.rect('security.info.authenticator')), null,
                   'the sessions message stays off the authenticator panel');
      const gone = await other.request.get('/api/v1/auth/session');
      assert.equal(gone.status(), 401, 'the other browser is logged out');
    });
  });
});

// A login whose time is short (--code-lifetime 60: the end announced at 30 s left), for an app
// customer without mailed codes: the code screen offers 時間を延長する, the server renews the
// login's life, and the app's code then logs in. At ratio 1 in both languages (what a screen
// reader is told, and pictures), at ratio 2 the pictures.
test('an app customer extends the time to finish logging in, then logs in with the app (devicePixelRatio 1 and 2)', { timeout: 300000 }, async () => {
  const LIFE = 60;
  const server = new PortalServer({ env: { PORTAL_CODE_LIFETIME: String(LIFE) } });
  await server.start();
  try {
    const short = { server, browser: portal.browser };
    const app = await withContext(short, {}, async (context) => {  // set up through the API
      const post = (url, data) => context.request.post(url, { headers: { 'X-Portal-CSRF': '1' }, data, failOnStatusCode: false });
      const before = listMessages(server.outbox).length;
      const login = await (await post('/api/v1/auth/login', { selfcare_id: ID, password: DEMO_PASSWORD })).json();
      const mail = await waitForCode(server.outbox, { afterCount: before });
      assert.equal((await post('/api/v1/auth/verify', { challenge: login.challenge, code: mail.code })).status(), 200);
      const enrolled = await (await post('/api/v1/security/authenticator/enrol', {})).json();
      // The previous step (the server accepts one step either side): the two logins below then
      // need at most the next step, never one the server would still refuse.
      const step = stepNow() - 1;
      const confirmed = await post('/api/v1/security/authenticator/confirm', { code: totp(enrolled.secret, step) });
      assert.equal(confirmed.status(), 200, await confirmed.text());
      return { secret: enrolled.secret, lastStep: step };
    });
    for (const scale of [1, 2]) {
      await withContext(short, { scale }, async (context) => {
        // The page runs on Playwright's clock (installed before it loads; it runs with real time
        // until moved), so the test moves the client's time to the announcement instead of
        // waiting half the login's life in real seconds; the server's clock stays real and its
        // challenge has most of its life left when the extension is asked for.
        await context.clock.install();
        const page = await openPortal(context);
        await submitLogin(page, server, ID, undefined, { ime: true });
        const first = await waitForState(page, (s) => s.screen === 'code' && s.code.authenticator && !s.code.emailCodes, 'the app code screen');
        assert.ok(first.code.secondsLeft <= LIFE && first.code.secondsLeft > LIFE / 2, `the login's life: ${first.code.secondsLeft}`);
        assert.equal(await page.evaluate(() => window.portalTest.rect('code.extend')), null, 'not offered before the announcement');
        await page.clock.fastForward(Math.ceil((first.code.secondsLeft - LIFE / 2 + 1) * 1000));
        await widgetRect(page, 'code.extend');  // offered when the end is announced
        const announced = await portalState(page);
        assert.ok(announced.code.secondsLeft <= LIFE / 2 + 0.5, `announced ahead: ${announced.code.secondsLeft} s left`);
        await checkCodeScreen(page, scale, 'extend', scale === 1 ? ['ja', 'en'] : ['ja']);
        await clickWidget(page, 'code.extend');
        const renewed = await waitForState(page, (s) => s.code.secondsLeft > announced.code.secondsLeft + 5, 'a new life');
        assert.ok(renewed.code.secondsLeft > LIFE - 10, `renewed to about ${LIFE} s: ${renewed.code.secondsLeft}`);
        assert.equal(await page.evaluate(() => window.portalTest.rect('code.extend')), null, 'quiet again until the next announcement');
        await checkCodeScreen(page, scale, 'extended', scale === 1 ? ['en', 'ja'] : ['en']);
        const step = Math.max(stepNow(), app.lastStep + 1);  // a spent step is refused
        app.lastStep = step;
        await submitCode(page, totp(app.secret, step), { ime: true });
        await waitForState(page, (s) => s.screen === 'menu' && s.contract !== null, 'the menu', 20000);
      });
    }
  } finally {
    await server.dispose();
  }
});

// The code screen of an app login in both languages: the login's time (not the app code's 30 s),
// the extend button where offered, what a screen reader reads, and a screenshot to look at.
async function checkCodeScreen(page, scale, what, languages) {
  const words = {
    ja: { time: /ログイン完了までの残り時間/, extend: '時間を延長する', done: /時間を延長しました/ },
    en: { time: /Time left to finish logging in/, extend: 'Extend the time', done: /The time was extended/ },
  };
  for (const lang of languages) {
    await switchLanguage(page, lang);
    await waitForState(page, (s) => s.idle, `the code screen (${lang}) drawn`);
    const tree = await accessibilityTree(page);
    const t = words[lang];
    try {
      assert.ok(tree.some((node) => t.time.test(node.name)), 'the time left names the login');
      if (what === 'extend') findNode(tree, 'button', t.extend);
      else assert.ok(tree.some((node) => t.done.test(node.name)), 'the extension is said');
    } catch (error) {
      error.message += `\n--- accessibility tree (code screen, ${what}, ${lang}) ---\n${dumpTree(tree).slice(0, 4000)}`;
      throw error;
    }
    await screenshot(page, `code-authenticator-${what}-${lang}@${scale}x`);
  }
  await switchLanguage(page, 'ja');
}

// What a screen reader is told on every panel, in both languages, and axe-core (WCAG 2.0–2.2 A/AA)
// on each: the set-up with its QR code and key, the recovery codes, the set-up app with its
// e-mail choice, the history table and the sessions.
const WORDS = {
  ja: { qr: /QRコード/, finish: '設定を完了する', kept: 'リカバリーコードを控えました', emailCodes: 'メールでのコード送信も使う',
        history: 'ログイン履歴（最新50件）', time: '日時', sessions: 'ログイン中の端末', logoutOthers: '他の端末をすべてログアウト' },
  en: { qr: /QR code/, finish: 'Finish set-up', kept: 'I have kept the recovery codes', emailCodes: 'Also allow codes by e-mail',
        history: 'Login history (latest 50)', time: 'Time', sessions: 'Devices logged in', logoutOthers: 'Log out the other sessions' },
};

async function checkBothLanguages(page, what, check) {
  for (const lang of ['ja', 'en']) {
    await switchLanguage(page, lang);
    await waitForState(page, (s) => s.idle, `${what} (${lang}) drawn`);
    const tree = await accessibilityTree(page);
    try {
      check(tree, WORDS[lang]);
    } catch (error) {
      error.message += `\n--- accessibility tree (${what}, ${lang}) ---\n${dumpTree(tree).slice(0, 6000)}`;
      throw error;
    }
    assert.deepEqual(await axeViolations(page), [], `axe: no serious or critical WCAG A/AA violation on ${what} (${lang})`);
    await screenshot(page, `a11y-security-${what.replaceAll(' ', '-')}-${lang}@1x`);
  }
  await switchLanguage(page, 'ja');
}

test('セキュリティ設定 for assistive technology: the tree and axe on every panel, ja and en', { timeout: 300000 }, async () => {
  await withContext(portal, { scale: 1 }, async (context) => {
    const page = await openPortal(context);
    await loginToMenu(page, portal.server, 'demo-details');
    await clickWidget(page, 'menu.security');
    await waitForState(page, (s) => s.screen === 'security' && s.security.statusLoaded, 'セキュリティ設定');
    await clickWidget(page, 'security.enrol');
    const shown = await waitForState(page, (s) => s.security.secretShown !== '' && s.security.qrSize >= 21, 'the QR code and key');
    await checkBothLanguages(page, 'set-up', (tree, t) => {
      assert.ok(tree.some((node) => t.qr.test(node.name)), 'the QR code is described');
      assert.ok(tree.some((node) => node.name.includes(shown.security.secretShown)), 'the key is read out as text');
      findNode(tree, 'textbox');
      findNode(tree, 'button', t.finish);
    });
    const key = shown.security.secretShown.replaceAll(' ', '');
    await fillWidget(page, 'security.confirmCode', totp(key, Math.floor(Date.now() / 30000)), { ime: true });
    await clickWidget(page, 'security.confirm');
    const done = await waitForState(page, (s) => s.security.recoveryCodesShown.length === 10, 'the recovery codes');
    await checkBothLanguages(page, 'recovery codes', (tree, t) => {
      const list = findNode(tree, 'list');
      assert.equal(tree.filter((node) => node.role === 'listitem' && node.depth > list.depth).length, 10);
      assert.ok(tree.some((node) => node.role === 'listitem' && node.name.includes(done.security.recoveryCodesShown[0])),
                'each item reads out its code');
      findNode(tree, 'button', t.kept);
    });
    await clickWidget(page, 'security.codesKept');
    await waitForState(page, (s) => s.security.enrolled && s.security.recoveryCodesShown.length === 0, 'set up');
    await checkBothLanguages(page, 'set up', (tree, t) => {
      assert.equal(String(findNode(tree, 'checkbox', t.emailCodes).props.checked), 'false', 'off until ticked');
    });
    await clickWidget(page, 'security.tab.history');
    await waitForState(page, (s) => s.security.tab === 'history' && s.security.historyLoaded, 'the history');
    await checkBothLanguages(page, 'history', (tree, t) => {
      findNode(tree, 'table', t.history);
      findNode(tree, 'columnheader', t.time);
      assert.ok(tree.filter((node) => node.role === 'row').length >= 2, 'a header row and at least one event');
    });
    await clickWidget(page, 'security.tab.sessions');
    await waitForState(page, (s) => s.security.tab === 'sessions' && s.security.sessionsLoaded, 'the sessions');
    await checkBothLanguages(page, 'sessions', (tree, t) => {
      findNode(tree, 'table', t.sessions);
      findNode(tree, 'button', t.logoutOthers);
    });
  });
});
