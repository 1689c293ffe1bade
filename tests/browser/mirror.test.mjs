// The DOM mirror as assistive technology meets it: on every screen, in Japanese and English,
// Chromium's accessibility tree holds the screen's headings, fields with their labels, buttons,
// the summary table and the line/usage grids (aria-rowcount over all rows, only the rows in view,
// headers with aria-sort, the count as role=status), and axe-core finds no serious or critical
// WCAG 2.x A/AA violation. The mirror is operable: the language switch, the menu, a sort and the
// 電話番号 filter are driven only through mirrored elements, as a screen reader does. The contract
// screen of the manual's 10-line customer is dumped to tests/artifacts/ax-contract-*.txt.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { accessibilityTree, activateMirror, axeViolations, dumpTree, findNode, mirrorSelector, switchLanguage } from './a11y.mjs';
import { artifactsDir, humanClick, openPortal, portalState, waitForScreen, waitForState } from './browser.mjs';
import { IDS, loginToMenu, usePortal, withContext } from './portal.mjs';

const portal = usePortal();

const T = {
  ja: { login: 'セルフケアログイン', id: 'セルフケアID', password: 'セルフケアパスワード', show: '表示する', submit: '送信',
        code: '認証コードの入力', codeField: '認証コード', verify: '認証する', menu: '情報照会サービス',
        menuContract: '◆ご契約情報照会', contract: 'ご契約情報照会', summary: 'ご契約内容', customerCode: 'お客様コード',
        phone: '電話番号', search: '検索する', logout: 'ログアウト', count: '全 10回線中 10回線を表示', usage: 'ご利用状況照会',
        language: 'English', no: 'No', month: 'ご利用月', usagePhone: '電話番号', details: '明細照会', detailsNumber: '電話番号',
        masked: '非表示のパスワード', usageOf: /^利用: 0505805\d{4}$/, revealOf: /^表示: 0505805\d{4} のパスワード$/,
        hideOf: /^隠す: 0505805\d{4} のパスワード$/, copyOf: /^コピー: 0505805\d{4} の.+$/ },
  en: { login: 'Self-care login', id: 'Self-care ID', password: 'Self-care password', show: 'Show', submit: 'Submit',
        code: 'Enter the authentication code', codeField: 'Authentication code', verify: 'Verify', menu: 'Inquiry services',
        menuContract: '◆Contract information', contract: 'Contract information', summary: 'Contract summary', customerCode: 'Customer code',
        phone: 'Phone number', search: 'Search', logout: 'Log out', count: 'Showing 10 of 10 lines', usage: 'Usage by number',
        language: '日本語', no: 'No.', month: 'Month', usagePhone: 'Number', details: 'Call details', detailsNumber: 'Number',
        masked: 'password hidden', usageOf: /^Usage: 0505805\d{4}$/, revealOf: /^Show: passwords of 0505805\d{4}$/,
        hideOf: /^Hide: passwords of 0505805\d{4}$/, copyOf: /^Copy: .+ of 0505805\d{4}$/ },
};

// Checks `check(tree, words)` on the current screen in both languages, and axe in each.
async function inBothLanguages(page, what, check) {
  for (const lang of ['ja', 'en']) {
    await switchLanguage(page, lang);
    await waitForState(page, (s) => s.idle, `${what} (${lang}) drawn`);
    const tree = await accessibilityTree(page);
    try {
      check(tree, T[lang]);
    } catch (error) {
      error.message += `\n--- accessibility tree (${what}, ${lang}) ---\n${dumpTree(tree).slice(0, 6000)}`;
      throw error;
    }
    assert.deepEqual(await axeViolations(page), [], `axe: no serious or critical violation on ${what} (${lang})`);
  }
  await switchLanguage(page, 'ja');
}

// The canvas as drawn and, beside it, the accessibility tree a screen reader reads from the mirror
// (the README's picture): tests/artifacts/<name>.png.
async function besideCanvas(page, tree, name) {
  const canvas = (await page.screenshot({ clip: { x: 0, y: 0, width: 1280, height: 800 } })).toString('base64');
  // The banner and the screen's heading, then from the line table's heading on (the summary table
  // is left out for room).
  const all = dumpTree(tree).split('\n').filter((line) => !/^\s*(LabelText|Legend|caption|rowgroup) /.test(line));
  const main = all.findIndex((line) => /^\s*main /.test(line));
  const lines = all.findIndex((line) => /heading "(回線情報|Lines)"/.test(line));
  const picked = main > 0 && lines > main ? [...all.slice(0, main + 2), '    …', ...all.slice(lines)] : all;
  const shown = picked.slice(0, 66).map((line) => line.replace(/ invalid=false/g, ''));
  const sheet = await page.context().newPage();
  try {
    await sheet.setViewportSize({ width: 1920, height: 800 });
    await sheet.setContent('<body style="margin:0;display:flex;font:11px/1.1 monospace;background:#fff">' +
      '<img id="canvas" style="width:1280px;height:800px;border-right:2px solid #1a5fb4">' +
      '<pre id="tree" style="margin:0;padding:8px;overflow:hidden;width:624px;white-space:pre"></pre></body>');
    await sheet.$eval('#canvas', (img, data) => { img.src = `data:image/png;base64,${data}`; }, canvas);
    await sheet.$eval('#tree', (pre, text) => { pre.textContent = text; }, shown.join('\n'));
    await sheet.waitForFunction(() => document.getElementById('canvas').complete);
    fs.mkdirSync(artifactsDir, { recursive: true });
    await sheet.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
  } finally {
    await sheet.close();
  }
}

function saveTree(name, tree) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  fs.writeFileSync(path.join(artifactsDir, `${name}.txt`), dumpTree(tree) + '\n');
}

test('every screen of the 10-line customer reads right in the accessibility tree, passes axe, and works through the mirror', { timeout: 240000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const page = await openPortal(context);
    await waitForState(page, (s) => s.ready && s.screen === 'login', 'the login screen');
    await inBothLanguages(page, 'the login screen', (tree, t) => {
      findNode(tree, 'heading', t.login);
      findNode(tree, 'textbox', t.id);  // the login <form>'s real input, owned by the mirror
      findNode(tree, 'checkbox', t.show);
      findNode(tree, 'button', t.submit);
      findNode(tree, 'button', t.language);
    });

    // The "show password" checkbox works from the mirror and says its state.
    await activateMirror(page, 'login.showPassword');
    await page.waitForFunction((sel) => document.querySelector(sel).checked, mirrorSelector('login.showPassword'));
    await activateMirror(page, 'login.showPassword');
    await page.waitForFunction((sel) => !document.querySelector(sel).checked, mirrorSelector('login.showPassword'));

    const mail = await loginToMenu(page, portal.server, 'demo-standard');
    assert.ok(mail.code, 'logged in with the mailed code');
    await inBothLanguages(page, 'the menu', (tree, t) => {
      findNode(tree, 'heading', t.menu);
      findNode(tree, 'list');
      findNode(tree, 'button', t.menuContract);
      findNode(tree, 'button', t.logout);
    });

    // The menu's entry, activated as a screen reader does, opens the contract screen.
    await activateMirror(page, 'menu.contract');
    await waitForState(page, (s) => s.screen === 'contract' && s.totalRows === 10 && s.idle, 'the contract screen from the mirror');
    await inBothLanguages(page, 'the contract screen', (tree, t) => {
      findNode(tree, 'heading', t.contract);
      findNode(tree, 'table', t.summary);
      findNode(tree, 'rowheader', t.customerCode);
      findNode(tree, 'textbox', t.phone);
      findNode(tree, 'radiogroup');
      findNode(tree, 'button', t.search);
      assert.equal(findNode(tree, 'status', t.count).name, t.count);
      findNode(tree, 'grid');
      findNode(tree, 'columnheader', t.no);
      findNode(tree, 'columnheader', t.phone);
      // A cell is named by its content only; its buttons are named on their own, with their row.
      const cells = tree.filter((node) => node.role === 'gridcell').map((node) => node.name);
      assert.ok(cells.some((name) => /^0505805\d{4}$/.test(name)), `the first rows' numbers are cells: ${cells.slice(0, 12)}`);
      assert.ok(cells.includes(t.masked), `a masked password cell reads "${t.masked}": ${cells.slice(0, 12)}`);
      const buttonWords = /利用|表示|隠す|コピー|Usage|Show|Hide|Copy/;
      assert.deepEqual(cells.filter((name) => buttonWords.test(name) && name !== t.masked), [],
                       'no cell name holds its buttons\' names');
      findNode(tree, 'button', t.usageOf);
      findNode(tree, 'button', t.revealOf);
      findNode(tree, 'button', t.copyOf);
      const reveal = findNode(tree, 'button', t.revealOf);
      const cell = tree.slice(0, tree.indexOf(reveal)).reverse().find((node) => node.depth < reveal.depth);
      assert.equal(cell.role, 'gridcell', 'the reveal button is inside its cell');
      assert.equal(cell.name, t.masked);
    });
    // CDP's tree leaves out aria-rowcount, aria-rowindex and aria-sort: the mirror's DOM says them.
    const grid = await page.$eval('#portal-mirror table[role=grid]', (table) => ({
      rowcount: table.getAttribute('aria-rowcount'),
      rowindexes: [...table.querySelectorAll('tbody tr')].map((row) => row.getAttribute('aria-rowindex')),
      sort: [...table.querySelectorAll('th')].map((th) => `${th.textContent}:${th.getAttribute('aria-sort')}`),
    }));
    assert.equal(grid.rowcount, '11', 'aria-rowcount: the header and all 10 lines');
    assert.equal(grid.rowindexes[0], '2', 'the first line is row 2 (the header is row 1)');
    assert.equal(grid.sort[0], 'No:ascending');
    assert.ok(grid.sort.slice(1).every((entry) => entry.endsWith(':none')), grid.sort.join(' '));
    const tree = await accessibilityTree(page);
    saveTree('ax-contract-demo-standard-ja', tree);
    await besideCanvas(page, tree, 'ax-contract-beside-canvas');

    // The first row's reveal button works from the mirror: its cell then reads the password and
    // the button is named for hiding; once more hides it again.
    const passwordCell = '#pm-table\\.row\\.0\\.line_password';
    await activateMirror(page, 'table.row.0.reveal');
    await page.waitForFunction((sel) => /^隠す: /.test(document.querySelector(sel).getAttribute('aria-label')), mirrorSelector('table.row.0.reveal'), { timeout: 15000 });
    const revealed = await accessibilityTree(page);
    findNode(revealed, 'button', T.ja.hideOf);
    // The row is in the name heard; the button shows its short label, as the canvas draws it.
    assert.equal(await page.$eval(mirrorSelector('table.row.0.reveal'), (b) => b.textContent), '隠す');
    const shown = await page.$eval(passwordCell, (td) => ({ label: td.getAttribute('aria-label'), text: td.firstChild.textContent }));
    assert.ok(shown.text && shown.text !== T.ja.masked, `the revealed password is the cell's text (${shown.text.length} characters)`);
    assert.equal(shown.label, shown.text, 'the cell is named by the password only');
    await activateMirror(page, 'table.row.0.reveal');
    await page.waitForFunction((sel) => document.querySelector(sel).getAttribute('aria-label') === '非表示のパスワード', passwordCell, { timeout: 15000 });

    // Sorting from the mirror: the phone column's header button, aria-sort following.
    await activateMirror(page, 'table.header.phone');
    await page.waitForFunction((sel) => document.querySelector(sel).closest('th').getAttribute('aria-sort') === 'ascending',
                               mirrorSelector('table.header.phone'), { timeout: 15000 });
    await activateMirror(page, 'table.header.phone');
    await page.waitForFunction((sel) => document.querySelector(sel).closest('th').getAttribute('aria-sort') === 'descending',
                               mirrorSelector('table.header.phone'), { timeout: 15000 });

    // Typing into the mirror's 電話番号 field filters; the count is a status the reader announces.
    await page.focus(mirrorSelector('search.prefix'));
    await page.keyboard.type('050580500');
    await page.waitForFunction(() => {
      const status = document.querySelector('#portal-mirror [role=status]');
      return status && /全 10回線中 \d回線を表示/.test(status.textContent) && !/10回線を表示/.test(status.textContent);
    }, null, { timeout: 15000 });
    const filtered = await page.$eval('#portal-mirror table[role=grid]', (grid) => grid.getAttribute('aria-rowcount'));
    assert.ok(Number(filtered) < 11, `the grid counts only the matching rows (${filtered})`);

  });
});

test('the usage and call-detail screens: grids of the rows in view, fields, month choices; axe in both languages', { timeout: 240000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const page = await openPortal(context);
    await loginToMenu(page, portal.server, 'demo-details');
    await activateMirror(page, 'menu.usage');
    await waitForState(page, (s) => s.screen === 'usage' && s.idle && s.reports.usage.loaded === true, 'the usage screen');
    await inBothLanguages(page, 'the usage screen', (tree, t) => {
      findNode(tree, 'heading', t.usage);
      findNode(tree, 'radiogroup', t.month);
      findNode(tree, 'textbox', t.phone);
      findNode(tree, 'status');
      findNode(tree, 'grid');
      findNode(tree, 'columnheader', t.usagePhone);
      assert.ok(tree.some((node) => node.role === 'gridcell' && /^0\d{9,10}$/.test(node.name)), 'numbers as cells');
    });
    await activateMirror(page, 'usage.back');
    await waitForScreen(page, 'menu');
    await activateMirror(page, 'menu.details');
    await waitForState(page, (s) => s.screen === 'callDetails' && s.idle, 'the call-detail screen');
    // The number typed into the mirror's field; the candidates are radios; 照会する from the mirror.
    await page.focus(mirrorSelector('details.number'));
    await page.keyboard.type('0505');
    await page.waitForSelector(mirrorSelector('details.candidate.0'), { state: 'attached', timeout: 15000 });
    await activateMirror(page, 'details.candidate.0');
    await page.waitForFunction((sel) => document.querySelector(sel).checked, mirrorSelector('details.candidate.0'), { timeout: 15000 });
    await activateMirror(page, 'details.query');
    await page.waitForSelector('#portal-mirror table[role=grid]', { state: 'attached', timeout: 30000 });
    await waitForState(page, (s) => s.idle, 'the calls drawn');
    await inBothLanguages(page, 'the call-detail screen', (tree, t) => {
      findNode(tree, 'heading', t.details);
      findNode(tree, 'textbox', t.detailsNumber);
      findNode(tree, 'radiogroup');
      findNode(tree, 'grid');
      findNode(tree, 'status');
    });
    const rows = await page.$eval('#portal-mirror table[role=grid]', (grid) => ({
      count: Number(grid.getAttribute('aria-rowcount')), present: grid.querySelectorAll('tbody tr').length }));
    assert.ok(rows.present > 0 && rows.present <= 60, `only the rows in view are in the DOM (${rows.present} of ${rows.count})`);
  });
});

test('the idle countdown is an alertdialog with the time left and its two choices; "stay" from the mirror keeps the session', { timeout: 120000 }, async () => {
  await withContext(portal, {}, async (context) => {
    // Playwright's clock (it runs with real time until moved) is moved past the 5 s idle time
    // instead of waiting for it: a frame of the client's loop then opens the dialog.
    await context.clock.install();
    const page = await openPortal(context, { url: '/?idle=5&countdown=30' });
    await loginToMenu(page, portal.server, 'demo-standard');
    await page.clock.fastForward(6000);
    await page.waitForSelector('#portal-mirror [role=alertdialog]', { state: 'attached', timeout: 30000 });
    await waitForState(page, (s) => s.idle !== false, 'the dialog drawn');
    const tree = await accessibilityTree(page);
    const dialog = findNode(tree, 'alertdialog');
    assert.ok(dialog.name, 'the dialog is named by its title');
    const description = await page.$eval('#portal-mirror [role=alertdialog]', (el) => document.getElementById(el.getAttribute('aria-describedby')).textContent);
    assert.match(description, /\d+/, `the message says the seconds left: ${description}`);
    const buttons = tree.filter((node) => node.role === 'button' && node.depth > dialog.depth).map((node) => node.name);
    assert.ok(buttons.length >= 2, `two choices in the dialog: ${buttons}`);
    assert.deepEqual(await axeViolations(page), [], 'axe on the idle dialog');
    await activateMirror(page, 'idle.stay');
    await page.waitForSelector('#portal-mirror [role=alertdialog]', { state: 'detached', timeout: 15000 });
    await waitForState(page, (s) => s.screen === 'menu' && s.session.active, 'still logged in on the menu');
  });
});

test('a click on the canvas moves the DOM focus to the mirrored control (a screen reader follows a mouse user), never out of a field being typed in', { timeout: 90000 }, async () => {
  await withContext(portal, {}, async (context) => {
    const page = await openPortal(context);
    await waitForState(page, (s) => s.ready && s.screen === 'login' && s.idle, 'the login screen');
    const focusedKey = () => page.evaluate(() => document.activeElement && (document.activeElement.dataset.key || document.activeElement.id));
    await humanClick(page, 'login.showPassword');
    await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), mirrorSelector('login.showPassword'),
                               { timeout: 15000 }).catch(async () => assert.fail(`the DOM focus is on ${await focusedKey()}`));
    const state = await waitForState(page, (s) => s.idle, 'the click drawn');
    assert.equal(state.fields.showPassword, true, 'the click toggled the checkbox once (the focus that followed did not act)');
    assert.equal(state.reports.focus && state.reports.focus.highlighted, false, 'no keyboard focus frame after a mouse click');

    // A click into the ID field lands on the form's real input, which keeps the focus while typing.
    await humanClick(page, IDS.loginId);
    await page.keyboard.type('demo');
    await waitForState(page, (s) => s.fields.selfcareId === 'demo', 'the typed ID in the app');
    assert.equal(await focusedKey(), 'portal-login-username', 'the real input kept the focus while typing');

    await humanClick(page, 'header.language');
    await page.waitForFunction(() => document.documentElement.lang === 'en', null, { timeout: 15000 });
    await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), mirrorSelector('header.language'),
                               { timeout: 15000 }).catch(async () => assert.fail(`the DOM focus is on ${await focusedKey()}`));
    assert.equal((await portalState(page)).fields.selfcareId, 'demo', 'the typed ID is kept');
  });
});
