// The authenticator app (TOTP, RFC 6238) and recovery codes: enrolment with a QR matrix and the
// text secret, confirmation, clock skew of ±1 step accepted and ±2 refused, replay refused,
// recovery codes single use with a mail, removal, the per-customer limit for every factor, and the
// mailed code kept beside the app only where the customer chose it.
// Codes are made here from the secret the server showed, as an app would.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import {
  Client, codeFromMail, DEMO_PASSWORD, dbRows, decodeEncodedWords, latestMail, mailCount, ON_POSTGRES, parseMail, sleep,
  startServer,
} from './harness.mjs';
import { base32Decode, stepNow, totp } from '../lib/totp.mjs';

// Waits until at least `seconds` are left in the current step, so a sequence stays in one step.
async function stepWithRoom(seconds) {
  const left = 30 - (Date.now() / 1000) % 30;
  if (left < seconds) await sleep(left * 1000 + 200);
  return stepNow();
}

// Decoded bodies of the mails written after the first `count`, oldest first.
function mailsAfter(outbox, count) {
  const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'))
    .sort((a, b) => statSync(path.join(outbox, a)).mtimeMs - statSync(path.join(outbox, b)).mtimeMs || a.localeCompare(b));
  return files.slice(count).map((f) => parseMail(readFileSync(path.join(outbox, f), 'latin1')).body);
}

const loginWithPassword = (client, id) => client.post('/api/v1/auth/login', { selfcare_id: id, password: DEMO_PASSWORD });

async function enrol(server, client) {
  const enrolled = await client.post('/api/v1/security/authenticator/enrol', {});
  assert.equal(enrolled.status, 200, enrolled.text);
  return enrolled.json;
}

test('enrol, confirm, log in with the app (±1 step, ±2 refused, replay refused), recovery codes', async () => {
  const server = await startServer(['--ip-limit', '100000']);
  try {
    const client = new Client(server);
    assert.equal((await client.login('demo-standard')).status, 200);
    assert.deepEqual((await client.get('/api/v1/security/authenticator')).json, { enrolled: false, recovery_codes_left: 0, email_codes: false });
    const setup = await enrol(server, client);
    assert.match(setup.secret, /^[A-Z2-7]{32}$/, '160 bits as unpadded base32');
    assert.equal(setup.otpauth_uri, `otpauth://totp/050%20Portal%3Ademo-standard?secret=${setup.secret}&issuer=050%20Portal&algorithm=SHA1&digits=6&period=30`);
    assert.ok(setup.qr.size >= 21 && (setup.qr.size - 17) % 4 === 0, `a QR version size: ${setup.qr.size}`);
    assert.equal(setup.qr.rows.length, setup.qr.size);
    assert.ok(setup.qr.rows.every((r) => r.length === setup.qr.size && /^[01]+$/.test(r)));
    assert.equal(setup.qr.rows[0].slice(0, 7), '1111111', 'the finder pattern in the corner');
    // Not enrolled until a code comes back: the login still mails a code.
    assert.equal((await new Client(server).login('demo-standard')).status, 200);

    const T = await stepWithRoom(12);
    const wrong = await client.post('/api/v1/security/authenticator/confirm', { code: totp(setup.secret, T + 2) });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.error.code, 'wrong_code');
    const mailsBefore = mailCount(server.outbox);
    const confirmed = await client.post('/api/v1/security/authenticator/confirm', { code: totp(setup.secret, T - 1) });
    assert.equal(confirmed.status, 200, 'one step behind is accepted');
    const codes = confirmed.json.recovery_codes;
    assert.equal(codes.length, 10);
    assert.ok(codes.every((c) => /^[2-9a-z]{5}-[2-9a-z]{5}$/.test(c)));
    assert.equal(new Set(codes).size, 10);
    assert.equal(mailCount(server.outbox), mailsBefore + 1);
    assert.match(decodeEncodedWords(parseMail(latestMail(server.outbox)).headers.subject), /ログインの設定が変わりました/);
    assert.equal((await client.post('/api/v1/security/authenticator/enrol', {})).status, 409);

    const renewed = await client.post('/api/v1/security/recovery-codes', { code: totp(setup.secret, T) });
    assert.equal(renewed.status, 200, 'the current step');
    const fresh = renewed.json.recovery_codes;

    // Login now asks for the app's code and mails nothing.
    const app = new Client(server);
    const before = mailCount(server.outbox);
    const login = await loginWithPassword(app, 'demo-standard');
    assert.equal(login.status, 200);
    assert.equal(login.json.factor, 'totp');
    assert.equal(mailCount(server.outbox), before, 'no code mail');
    assert.equal((await app.post('/api/v1/auth/resend', { challenge: login.json.challenge })).json.error.code, 'no_mail_code');
    for (const [code, why] of [[totp(setup.secret, T - 2), '-2 steps'], [totp(setup.secret, T + 2), '+2 steps'],
      [totp(setup.secret, T), 'replay of the code used for the recovery codes']]) {
      const res = await app.post('/api/v1/auth/verify', { challenge: login.json.challenge, code });
      assert.equal(res.status, 401, why);
      assert.equal(res.json.error.code, 'wrong_code', why);
    }
    const ahead = await app.post('/api/v1/auth/verify', { challenge: login.json.challenge, code: totp(setup.secret, T + 1) });
    assert.equal(ahead.status, 200, 'one step ahead is accepted');
    const again = await loginWithPassword(new Client(server), 'demo-standard');
    const replay = await app.post('/api/v1/auth/verify', { challenge: again.json.challenge, code: totp(setup.secret, T + 1) });
    assert.equal(replay.status, 401, 'an accepted code is refused for the rest of its window');

    // Recovery codes: the old set is dead, a new one works once and mails the customer.
    const rescue = new Client(server);
    const third = await loginWithPassword(rescue, 'demo-standard');
    assert.equal((await rescue.post('/api/v1/auth/verify', { challenge: third.json.challenge, code: codes[0] })).status, 401);
    const mailCountBeforeRescue = mailCount(server.outbox);
    const used = await rescue.post('/api/v1/auth/verify', { challenge: third.json.challenge, code: fresh[0].toUpperCase() });
    assert.equal(used.status, 200, 'case and dash do not matter');
    assert.ok(mailsAfter(server.outbox, mailCountBeforeRescue).some((body) => /残りは 9 個/.test(body)), 'the use is mailed');
    const fourth = await loginWithPassword(new Client(server), 'demo-standard');
    assert.equal((await rescue.post('/api/v1/auth/verify', { challenge: fourth.json.challenge, code: fresh[0] })).status, 401, 'single use');
    assert.deepEqual((await rescue.get('/api/v1/security/authenticator')).json, { enrolled: true, recovery_codes_left: 9, email_codes: false });

    const history = (await rescue.get('/api/v1/security/history')).json.events;
    assert.deepEqual(history.filter((e) => e.event === 'login_success').slice(0, 2).map((e) => e.factor), ['recovery', 'totp']);
    assert.ok(history.some((e) => e.event === 'code_failed' && e.factor === 'totp'));

    // Removal needs a code (here a recovery code) and mails; then logins mail codes again.
    assert.equal((await rescue.post('/api/v1/security/authenticator/remove', { code: '000000' })).status, 400);
    const removed = await rescue.post('/api/v1/security/authenticator/remove', { code: fresh[1] });
    assert.equal(removed.status, 200);
    assert.match(parseMail(latestMail(server.outbox)).body, /The authenticator app was removed/);
    const back = await loginWithPassword(new Client(server), 'demo-standard');
    assert.equal(back.json.factor, 'email');
  } finally {
    await server.cleanup();
  }
});

test('the secret is sealed at rest; wrong app and recovery codes count toward the same lock at 100', async () => {
  const server = await startServer(['--login-delay-max', '0', '--ip-limit', '100000']);
  try {
    const client = new Client(server);
    assert.equal((await client.login('demo-basic')).status, 200);
    const setup = await enrol(server, client);
    const T = await stepWithRoom(5);
    assert.equal((await client.post('/api/v1/security/authenticator/confirm', { code: totp(setup.secret, T) })).status, 200);
    const raw = base32Decode(setup.secret);
    const stored = ON_POSTGRES ? Buffer.from((await dbRows(server, "SELECT encode(secret, 'hex') FROM authenticators"))
      .flat().join(''), 'hex') : null;
    const db = ON_POSTGRES ? stored : readFileSync(`${server.dir}/portal.db`);
    const wal = ON_POSTGRES ? Buffer.alloc(0) : (() => { try { return readFileSync(`${server.dir}/portal.db-wal`); } catch { return Buffer.alloc(0); } })();
    if (ON_POSTGRES) assert.ok(stored.length > raw.length, 'the sealed secret is stored');
    assert.equal(db.indexOf(raw), -1, 'no plain secret in the database file');
    assert.equal(wal.indexOf(raw), -1, 'nor in its write-ahead log');

    const attacker = new Client(server);
    let judged = 0;
    let locked = null;
    for (let challenge = 0; challenge < 25 && !locked; ++challenge) {
      const login = await loginWithPassword(attacker, 'demo-basic');
      if (login.status === 429) { locked = login; break; }
      for (let i = 0; i < 5; ++i) {
        const guess = (challenge + i) % 2 ? `zzzzz-${String(challenge * 5 + i).padStart(5, '2').replace(/[01]/g, '9')}` : String(123456 + i + challenge * 5);
        const res = await attacker.post('/api/v1/auth/verify', { challenge: login.json.challenge, code: guess });
        if (res.status === 429) { locked = res; break; }
        assert.equal(res.status, 401, res.text);
        judged += 1;
        if (res.json.error.code === 'challenge_ended') break;
      }
    }
    assert.equal(judged, 99);
    assert.equal(locked.json.error.code, 'second_step_locked');
  } finally {
    await server.cleanup();
  }
});

test('codes by e-mail beside the app only when the customer ticked it; otherwise none can be asked for', async () => {
  const server = await startServer(['--ip-limit', '100000']);
  try {
    const client = new Client(server);
    assert.equal((await client.login('demo-standard')).status, 200);
    const notYet = await client.post('/api/v1/security/authenticator/email-codes', { allowed: true });
    assert.equal(notYet.status, 409, 'nothing to keep beside before an app is set up');
    assert.equal(notYet.json.error.code, 'not_enrolled');
    const setup = await enrol(server, client);
    const T = await stepWithRoom(20);
    assert.equal((await client.post('/api/v1/security/authenticator/confirm', { code: totp(setup.secret, T) })).status, 200);
    assert.equal((await client.get('/api/v1/security/authenticator')).json.email_codes, false, 'off unless ticked');

    // Off: the login asks for the app and says nothing of the address; asking for a mail is refused.
    const attacker = new Client(server);
    const before = mailCount(server.outbox);
    const login = await loginWithPassword(attacker, 'demo-standard');
    assert.equal(login.json.factor, 'totp');
    assert.equal(login.json.email_codes, false);
    assert.equal(login.json.email_masked, undefined);
    for (let i = 0; i < 3; ++i) {
      const refused = await attacker.post('/api/v1/auth/resend', { challenge: login.json.challenge });
      assert.equal(refused.status, 409);
      assert.equal(refused.json.error.code, 'no_mail_code');
    }
    assert.equal(mailCount(server.outbox), before, 'no code mail while the option is off');

    // Bad input is refused with the field named.
    for (const body of [{ allowed: 'yes' }, {}, { allowed: true, extra: 1 }]) {
      const bad = await client.post('/api/v1/security/authenticator/email-codes', body);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.ok(['bad_field', 'unknown_field'].includes(bad.json.error.code), bad.text);
    }

    // On: a change mail and an audit row; a login may ask for the code by mail and log in with it.
    const on = await client.post('/api/v1/security/authenticator/email-codes', { allowed: true });
    assert.equal(on.status, 200, on.text);
    assert.deepEqual(on.json, { email_codes: true });
    const changeMail = parseMail(latestMail(server.outbox));
    assert.match(decodeEncodedWords(changeMail.headers.subject), /ログインの設定が変わりました/);
    assert.match(changeMail.body, /also use a code sent by e-mail/);
    assert.equal(mailCount(server.outbox), before + 1);
    assert.equal((await client.post('/api/v1/security/authenticator/email-codes', { allowed: true })).status, 200);
    assert.equal(mailCount(server.outbox), before + 1, 'no mail when nothing changes');
    assert.equal((await client.get('/api/v1/security/authenticator')).json.email_codes, true);

    const customer = new Client(server);
    const second = await loginWithPassword(customer, 'demo-standard');
    assert.equal(second.json.factor, 'totp', 'the app stays the first choice');
    assert.equal(second.json.email_codes, true);
    assert.match(second.json.email_masked, /\*/);
    const mailed = await customer.post('/api/v1/auth/resend', { challenge: second.json.challenge });
    assert.equal(mailed.status, 200, 'the first mail does not wait for a resend interval');
    assert.equal(mailed.json.factor, 'email');
    assert.equal(mailCount(server.outbox), before + 2);
    const code = codeFromMail(latestMail(server.outbox));
    const verified = await customer.post('/api/v1/auth/verify', { challenge: mailed.json.challenge, code });
    assert.equal(verified.status, 200, verified.text);
    // The app's code still logs in on another login.
    const third = await loginWithPassword(new Client(server), 'demo-standard');
    const byApp = await customer.post('/api/v1/auth/verify', { challenge: third.json.challenge, code: totp(setup.secret, T + 1) });
    assert.equal(byApp.status, 200, byApp.text);
    const history = (await customer.get('/api/v1/security/history')).json.events;
    assert.deepEqual(history.filter((e) => e.event === 'login_success').slice(0, 2).map((e) => e.factor), ['totp', 'email']);

    // Off again: mailed and audited, and the mail way in is closed.
    const off = await client.post('/api/v1/security/authenticator/email-codes', { allowed: false });
    assert.deepEqual(off.json, { email_codes: false });
    assert.match(parseMail(latestMail(server.outbox)).body, /no longer log in/);
    const afterOff = mailCount(server.outbox);
    const fourth = await loginWithPassword(attacker, 'demo-standard');
    assert.equal(fourth.json.email_codes, false);
    assert.equal((await attacker.post('/api/v1/auth/resend', { challenge: fourth.json.challenge })).status, 409);
    assert.equal(mailCount(server.outbox), afterOff, 'no code mail once it is off again');
    const audit = await dbRows(server, "SELECT event, detail, factor FROM audit_log WHERE event IN ('email_codes_changed', 'code_sent') ORDER BY id");
    const rows = audit.map((r) => r.join('/'));
    assert.deepEqual(rows.filter((r) => r.startsWith('email_codes_changed')), ['email_codes_changed/on/email', 'email_codes_changed/off/email']);
    assert.ok(rows.includes('code_sent/instead_of_app/email'), rows.join(' '));
  } finally {
    await server.cleanup();
  }
});
