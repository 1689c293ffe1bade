// The login screen is a real <form> for password managers and the browser: username and
// current-password inputs laid exactly over the canvas's fields at devicePixelRatio 1 and 2 and
// at the kiosk's larger type, the ID input holding the focus when the screen opens, a fill that
// only sets .value and fires input/change (as password managers do) landing in the app's fields,
// the form's submit event sending the login through the API, and the form leaving the DOM once
// the login is accepted.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { openPortal, screenshot, waitForScreen, waitForState, widgetRect } from './browser.mjs';
import { listMessages, waitForCode } from './mail.mjs';
import { DEMO_PASSWORD, IDS, submitCode, usePortal, withContext } from './portal.mjs';

const portal = usePortal();

async function formShape(page) {
  return page.evaluate(() => {
    const form = document.querySelector('form#portal-login');
    if (!form) return null;
    const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
    const user = form.querySelector('input[name="username"]');
    const pass = form.querySelector('input[name="password"]');
    return {
      user: user && { autocomplete: user.getAttribute('autocomplete'), type: user.type, label: user.getAttribute('aria-label'), box: box(user) },
      pass: pass && { autocomplete: pass.getAttribute('autocomplete'), type: pass.type, label: pass.getAttribute('aria-label'), box: box(pass) },
      focused: document.activeElement && document.activeElement.name,
    };
  });
}

function assertOver(box, rect, what) {
  for (const key of ['x', 'y', 'width', 'height']) {
    assert.ok(Math.abs(box[key] - rect[key]) <= 1, `${what}: input ${key} ${box[key]} vs field ${rect[key]}`);
  }
}

for (const [scale, url] of [[1, '/'], [2, '/'], [1, '/?kiosk=1']]) {
  test(`the login form lies over the fields at devicePixelRatio ${scale}${url === '/' ? '' : ' (kiosk)'}`, { timeout: 60000 }, async () => {
    await withContext(portal, { scale }, async (context) => {
      const page = await openPortal(context, { url });
      await waitForState(page, (s) => s.ready && s.idle, 'the login screen drawn');
      const shape = await formShape(page);
      assert.ok(shape, 'a <form> is in the DOM');
      assert.equal(shape.user.autocomplete, 'username');
      assert.equal(shape.user.type, 'text');
      assert.equal(shape.pass.autocomplete, 'current-password');
      assert.equal(shape.pass.type, 'password');
      assert.equal(shape.user.label, 'セルフケアID');
      assert.ok(shape.pass.label, 'the password input is labelled');
      assert.equal(shape.focused, 'username', 'the ID input has the focus when the screen opens');
      assertOver(shape.user.box, await widgetRect(page, IDS.loginId), 'ID');
      assertOver(shape.pass.box, await widgetRect(page, IDS.loginPassword), 'password');
      await screenshot(page, `login-form@${scale}x${url === '/' ? '' : '-kiosk'}`);
    });
  });
}

test('a password manager\'s fill (value set, input and change fired) and the form\'s submit log in; the form then leaves the DOM', { timeout: 90000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const { server } = portal;
    const page = await openPortal(context);
    await waitForState(page, (s) => s.ready, 'the login screen');
    const before = listMessages(server.outbox).length;
    await page.evaluate(([id, password]) => {
      const fill = (input, value) => {
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      };
      fill(document.querySelector('input[name="username"]'), id);
      fill(document.querySelector('input[name="password"]'), password);
    }, ['demo-details', DEMO_PASSWORD]);
    await waitForState(page, (s) => s.fields.selfcareId === 'demo-details' && s.fields.passwordLength === DEMO_PASSWORD.length,
                       'the filled values in the app\'s fields');
    // A manager's auto-submit: the form's submit event, taken over by the app.
    await page.evaluate(() => document.querySelector('form#portal-login').requestSubmit());
    await waitForScreen(page, 'code');
    assert.equal(await formShape(page), null, 'the login form has left the DOM after the login was accepted');
    const mail = await waitForCode(server.outbox, { afterCount: before });
    await submitCode(page, mail.code, { ime: true });
    await waitForState(page, (s) => s.screen === 'menu', 'the menu');
  });
});
