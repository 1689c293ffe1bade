// Login with an authenticator app, by the app's code and by a recovery code: the code screen asks
// for the app's code and sends no mail. The app is set up through
// the API with a code made here from the secret the server showed, as an app would.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';

import { openPortal, screenshot, waitForScreen, waitForState } from './browser.mjs';
import { listMessages } from './mail.mjs';
import { loginToMenu, submitCode, submitLogin, usePortal, withContext } from './portal.mjs';

const portal = usePortal();
const ID = 'demo-basic';

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of text) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

const post = (context, url, data) => context.request.post(url, {
  headers: { 'Content-Type': 'application/json', 'X-Portal-CSRF': '1' }, data, failOnStatusCode: false,
});

let secret = '';
let recoveryCodes = [];
let confirmedStep = 0;

test('set up an authenticator app for the customer (API, from a logged-in browser)', { timeout: 180000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const page = await openPortal(context);
    await loginToMenu(page, portal.server, ID);
    const enrol = await post(context, '/api/v1/security/authenticator/enrol', {});
    assert.equal(enrol.status(), 200, await enrol.text());
    secret = (await enrol.json()).secret;
    confirmedStep = Math.floor(Date.now() / 30000);
    const confirm = await post(context, '/api/v1/security/authenticator/confirm', { code: totp(secret, confirmedStep) });
    assert.equal(confirm.status(), 200, await confirm.text());
    recoveryCodes = (await confirm.json()).recovery_codes;
    assert.equal(recoveryCodes.length, 10);
  });
});

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
      // One step after the one used at set-up: the current step or one behind it, both accepted.
      const code = how.includes('recovery') ? recoveryCodes[0] : totp(secret, confirmedStep + 1);
      await submitCode(page, code, { ime: true });
      await waitForState(page, (s) => s.screen === 'menu' && s.contract !== null, 'the menu', 20000);
    });
  });
}

test('the login history shows both factors', { timeout: 180000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const page = await openPortal(context);
    await waitForScreen(page, 'login');
    await submitLogin(page, portal.server, ID, undefined, { ime: true });
    await waitForState(page, (s) => s.screen === 'code' && s.code.authenticator, 'the authenticator code screen');
    await submitCode(page, recoveryCodes[1], { ime: true });
    await waitForState(page, (s) => s.screen === 'menu', 'the menu', 20000);
    const history = await (await context.request.get('/api/v1/security/history')).json();
    const factors = history.events.filter((e) => e.event === 'login_success').map((e) => e.factor);
    assert.deepEqual(factors.slice(0, 3), ['recovery', 'recovery', 'totp'], JSON.stringify(history.events.slice(0, 6)));
  });
});
