// The login screen is a real <form> for password managers and the browser: username and
// current-password inputs laid exactly over the canvas's fields at devicePixelRatio 1 and 2 and
// at the kiosk's larger type, the ID input holding the focus when the screen opens, a fill that
// only sets .value and fires input/change (as password managers do) landing in the app's fields,
// the form's submit event sending the login through the API, and the form leaving the DOM once
// the login is accepted. The 電話番号 and call-detail number fields get the same real input while
// edited: typing, a paste with full-width digits and spaces, and a .value fill all filter.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { animationFrames, humanClick, openPortal, screenshot, typeKeys, waitForScreen, waitForState, widgetRect } from './browser.mjs';
import { listMessages, waitForCode } from './mail.mjs';
import { activateMirror, mirrorSelector } from './a11y.mjs';
import { apiLines } from './api.mjs';
import { contractPage, DEMO_PASSWORD, IDS, usePortal, withContext } from './portal.mjs';

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

test('a password manager\'s fill (value set, input and change fired) and the form\'s submit log in; the form then leaves the DOM', { timeout: 180000 }, async () => {
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

    // The code screen's own form: one-time-code autofill, a numeric keyboard, the focus.
    await page.waitForSelector('form#portal-code input[name="code"]');
    await waitForState(page, (s) => s.idle, 'the code screen drawn');
    const code = await page.evaluate(() => {
      const input = document.querySelector('form#portal-code input');
      const r = input.getBoundingClientRect();
      return { autocomplete: input.getAttribute('autocomplete'), inputmode: input.getAttribute('inputmode'),
               focused: document.activeElement === input, box: { x: r.x, y: r.y, width: r.width, height: r.height } };
    });
    assert.equal(code.autocomplete, 'one-time-code');
    assert.equal(code.inputmode, 'numeric');
    assert.equal(code.focused, true, 'the code input has the focus');
    assertOver(code.box, await widgetRect(page, IDS.codeInput), 'code');
    // Pasted or autofilled with a space and full-width digits, set as a value only.
    const fullWidth = (digits) => [...digits].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
    const typed = `${mail.code.slice(0, 3)} ${fullWidth(mail.code.slice(3))}`;
    await page.evaluate((value) => {
      const input = document.querySelector('form#portal-code input');
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, typed);
    await waitForState(page, (s) => s.fields.code === mail.code, 'the code as six ASCII digits in the app');
    await page.evaluate(() => document.querySelector('form#portal-code').requestSubmit());
    await waitForState(page, (s) => s.screen === 'menu', 'the menu');
    // The page's forms follow the drawn frames, and the menu's first frame waits for the contract
    // (at most half a second): the code form goes with it, not at the moment the screen changes.
    await page.waitForFunction(() => !document.querySelector('form#portal-code'), null, { timeout: 10000 })
      .catch(() => {});
    assert.equal(await page.$('form#portal-code'), null, 'the code form has left the DOM');
  });
});

// A click can reach the canvas's own ID field before the form lies over it (the page's first
// frames on a slow machine). ImGui's field then edits, and left so it would write its copy of the
// text back every frame over what the customer types into the form's input: the app hands the
// editing to the input instead, and the keys typed there stay.
test('a click that reached the canvas\'s ID field before its input did: the input takes the editing and keeps the typed ID', { timeout: 60000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const page = await openPortal(context);
    await waitForState(page, (s) => s.ready && s.idle, 'the login screen drawn');
    // The state before the form covered the field: the click goes through the inputs to the canvas.
    await page.evaluate(() => {
      for (const input of document.querySelectorAll('form#portal-login input')) input.style.pointerEvents = 'none';
      document.activeElement.blur();
    });
    const field = await widgetRect(page, IDS.loginId);
    await page.mouse.click(field.x + field.width / 2, field.y + field.height / 2);
    await page.waitForFunction(() => document.activeElement && document.activeElement.name === 'username',
                               null, { timeout: 5000 })
      .catch(async () => assert.fail(`the ID input did not take the focus from the canvas's field (focus on ${
        await page.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.tagName))})`));
    await page.evaluate(() => {
      for (const input of document.querySelectorAll('form#portal-login input')) input.style.pointerEvents = '';
    });
    await typeKeys(page, 'demo-standard');
    await animationFrames(page, 4);
    assert.equal(await page.evaluate(() => document.querySelector('input[name="username"]').value), 'demo-standard',
                 'every typed key stays in the ID input');
    await waitForState(page, (s) => s.fields.selfcareId === 'demo-standard', 'the typed ID in the app\'s field');
  });
});

// The real input over a screen's number field while it is edited, or null.
function fieldInput(page) {
  return page.evaluate(() => {
    const input = document.querySelector('form#portal-field input');
    if (!input) return null;
    const r = input.getBoundingClientRect();
    return { id: input.id, inputmode: input.getAttribute('inputmode'), autocomplete: input.getAttribute('autocomplete'),
             label: input.getAttribute('aria-label'), value: input.value, focused: document.activeElement === input,
             fontSize: parseFloat(getComputedStyle(input).fontSize), box: { x: r.x, y: r.y, width: r.width, height: r.height } };
  });
}

for (const scale of [1, 2]) {
  test(`the 電話番号 and call-detail number fields get a real numeric input while edited (ratio ${scale}): typing, paste and a .value fill filter`, { timeout: 150000 }, async () => {
    await withContext(portal, { scale }, async (context) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const page = await contractPage(context, portal.server, 'demo-details');  // has the call-detail option
      await waitForState(page, (s) => s.idle && s.rowCount === s.totalRows, 'all lines shown');
      // Every line's number, from the server (the mirror holds only the rows in view).
      const numbers = (await apiLines(context)).rows.map((row) => row.phone);
      assert.ok(numbers.length >= 3, `the lines' numbers: ${numbers}`);
      const matching = (prefix) => numbers.filter((n) => n.startsWith(prefix)).length;

      assert.equal(await fieldInput(page), null, 'no real input before the field is edited');
      await humanClick(page, IDS.searchPrefix);
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'portal-field-number', null, { timeout: 15000 });
      await waitForState(page, (s) => s.idle, 'the input placed');
      const shape = await fieldInput(page);
      assert.equal(shape.inputmode, 'numeric');
      assert.equal(shape.label, '電話番号');
      assertOver(shape.box, await widgetRect(page, IDS.searchPrefix), '電話番号');
      assert.ok(shape.fontSize >= 12 && shape.fontSize <= 24, `the canvas's font size in CSS pixels: ${shape.fontSize}`);
      await screenshot(page, `field-input-prefix@${scale}x`);

      // Typed key by key.
      const typed = numbers[2].slice(0, 10);
      await page.keyboard.type(typed);
      await waitForState(page, (s) => s.fields.phonePrefix === typed && s.rowCount === matching(typed) && s.idle,
                         `typed ${typed}: ${matching(typed)} lines`);
      // Pasted: full-width digits, an ideographic space and a dash, as copied from a letter.
      const fullWidth = (digits) => [...digits].map((d) => String.fromCharCode(0xff10 + Number(d))).join('');
      const pasted = `${fullWidth(numbers[0].slice(0, 3))}\u3000${numbers[0].slice(3, 7)}-${fullWidth(numbers[0].slice(7))}`;
      await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+V');
      const asTyped = pasted.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
      await waitForState(page, (s) => s.fields.phonePrefix === asTyped && s.rowCount === 1 && s.idle,
                         `the pasted ${pasted} held as ${asTyped}: one line`);
      assert.equal((await fieldInput(page)).value, asTyped, 'the input shows the text as the field holds it');
      // Filled without key events, as a password manager or a phone's suggestion does.
      const filled = numbers[1].slice(0, 9);
      await page.evaluate((value) => {
        const input = document.querySelector('form#portal-field input');
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, filled);
      await waitForState(page, (s) => s.fields.phonePrefix === filled && s.rowCount === matching(filled) && s.idle,
                         `the filled ${filled}: ${matching(filled)} lines`);
      // Leaving the field takes the input away; the condition stays.
      await humanClick(page, IDS.searchStatusAll);
      await page.waitForSelector('form#portal-field', { state: 'detached', timeout: 15000 });
      assert.equal((await waitForState(page, (s) => s.idle, 'drawn')).fields.phonePrefix, filled);

      // The call-detail number: the same input, its text in the app's field (the mirror shows it).
      await activateMirror(page, IDS.contractBack);
      await waitForScreen(page, 'menu');
      await activateMirror(page, 'menu.details');
      await waitForState(page, (s) => s.screen === 'callDetails' && s.idle, 'the call-detail screen');
      await humanClick(page, 'details.number');
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'portal-field-number', null, { timeout: 15000 });
      await waitForState(page, (s) => s.idle, 'the input placed');
      const details = await fieldInput(page);
      assert.equal(details.inputmode, 'numeric');
      assertOver(details.box, await widgetRect(page, 'details.number'), 'call-detail number');
      await page.evaluate((text) => navigator.clipboard.writeText(text), fullWidth(numbers[0]));
      await page.keyboard.press('Control+V');
      await page.waitForFunction(([sel, want]) => document.querySelector(sel).value === want, [mirrorSelector('details.number'), numbers[0]],
                                 { timeout: 15000 });
      await animationFrames(page, 2);
      await screenshot(page, `field-input-details@${scale}x`);
    });
  });
}
