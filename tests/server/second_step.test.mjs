// The two holes in the login, proved closed: wrong codes count per customer across challenges
// (growing delays, a lock at 100, for every factor), and a browser that completed a login for
// the ID passes the per-ID delay and lock that an attacker elsewhere set off.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  Client, DEMO_PASSWORD, JSON_HEADERS, codeFromMail, decodeEncodedWords, latestMail, mailCount, parseMail,
  request, startServer,
} from './harness.mjs';

const attempt = (server, id, password, headers = {}) => request(server.base, 'POST', '/api/v1/auth/login',
  { headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify({ selfcare_id: id, password }) });

// A six-digit code that is not `code`.
const wrongFor = (code, i = 0) => String((Number(code) + 1 + i) % 1000000).padStart(6, '0');

test('150 wrong codes over many challenges: 100 are judged, then the second step is locked', async () => {
  const server = await startServer(['--login-delay-max', '0', '--ip-limit', '100000', '--lock-seconds', '3600']);
  try {
    const attacker = new Client(server);
    let challenge = null;
    let code = null;
    const seen = { judged: 0, refused: 0, challenges: 0 };
    let lockAnswer = null;
    for (let guess = 0; guess < 150; ++guess) {
      if (!challenge) {
        const login = await attacker.post('/api/v1/auth/login', { selfcare_id: 'demo-standard', password: DEMO_PASSWORD });
        if (login.status === 429) {
          assert.equal(login.json.error.code, 'second_step_locked');
          seen.refused += 1;
          continue;
        }
        assert.equal(login.status, 200, login.text);
        seen.challenges += 1;
        challenge = login.json.challenge;
        code = codeFromMail(latestMail(server.outbox));
      }
      const res = await attacker.post('/api/v1/auth/verify', { challenge, code: wrongFor(code, guess) });
      if (res.status === 401) {
        seen.judged += 1;
        if (res.json.error.code === 'challenge_ended') challenge = null;
      } else {
        assert.equal(res.status, 429, res.text);
        assert.equal(res.json.error.code, 'second_step_locked');
        assert.ok(Number(res.headers['retry-after']) > 3500);
        lockAnswer ??= res;
        seen.refused += 1;
        challenge = null;
      }
    }
    // The 100th wrong code is the one that locks: answered 429 itself.
    assert.deepEqual(seen, { judged: 99, refused: 51, challenges: 20 });
    assert.match(lockAnswer.json.error.message, /認証コードの誤りが続いたため/);
    assert.match(lockAnswer.json.error.message_en, /too many wrong codes/);
    const notice = parseMail(latestMail(server.outbox));
    assert.match(decodeEncodedWords(notice.headers.subject), /ログインを停止しました/);
    assert.match(notice.body, /too many wrong codes/);

    const unlock = server.operator(['--unlock', 'demo-standard']);
    assert.equal(unlock.status, 0, unlock.stderr);
    assert.match(unlock.stdout, /unlocked demo-standard/);
    assert.equal((await new Client(server).login('demo-standard')).status, 200, 'the operator unlock works');
  } finally {
    await server.cleanup();
  }
});

test('wrong codes across challenges bring growing delays; the right code resets the count', async () => {
  const server = await startServer(['--ip-limit', '100000']);
  try {
    const client = new Client(server);
    const results = [];
    for (let round = 0; round < 2; ++round) {
      const login = await client.post('/api/v1/auth/login', { selfcare_id: 'demo-basic', password: DEMO_PASSWORD });
      const code = codeFromMail(latestMail(server.outbox));
      for (let i = 0; i < 5; ++i) {
        const res = await client.post('/api/v1/auth/verify', { challenge: login.json.challenge, code: wrongFor(code, i) });
        results.push(res.headers['retry-after'] ?? null);
      }
    }
    assert.deepEqual(results, Array(10).fill(null), 'two whole challenges of wrong codes are free');
    const login = await client.post('/api/v1/auth/login', { selfcare_id: 'demo-basic', password: DEMO_PASSWORD });
    const code = codeFromMail(latestMail(server.outbox));
    const eleventh = await client.post('/api/v1/auth/verify', { challenge: login.json.challenge, code: wrongFor(code) });
    assert.equal(eleventh.status, 401);
    assert.equal(eleventh.json.error.code, 'wrong_code');
    const early = await client.post('/api/v1/auth/verify', { challenge: login.json.challenge, code });
    assert.equal(early.status, 429, 'the next try waits, even with the right code');
    assert.equal(early.json.error.code, 'try_later');
    assert.ok(Number(early.headers['retry-after']) >= 1 && Number(early.headers['retry-after']) <= 2);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    assert.equal((await client.post('/api/v1/auth/verify', { challenge: login.json.challenge, code })).status, 200);
    // The right code cleared the count: two more wrong codes are free again.
    const again = await new Client(server).post('/api/v1/auth/login', { selfcare_id: 'demo-basic', password: DEMO_PASSWORD });
    const code2 = codeFromMail(latestMail(server.outbox));
    const free = await client.post('/api/v1/auth/verify', { challenge: again.json.challenge, code: wrongFor(code2) });
    assert.equal(free.headers['retry-after'], undefined);
  } finally {
    await server.cleanup();
  }
});

test('a known browser logs in while an attacker hammers the ID; an unknown one is throttled', async () => {
  const server = await startServer(['--ip-limit', '100000']);
  try {
    const customer = new Client(server, { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0' });
    assert.equal((await customer.login('demo-details')).status, 200);
    assert.match(customer.device, /^portal_device=[0-9a-f]{32}$/);
    assert.equal((await customer.post('/api/v1/auth/logout', {})).status, 200);
    assert.notEqual(customer.device, '', 'the device cookie outlives the logout');

    for (let i = 0; i < 8; ++i) await attempt(server, 'demo-details', `attacker-guess-${i}`);
    const stranger = await attempt(server, 'demo-details', DEMO_PASSWORD);
    assert.equal(stranger.status, 429, 'a browser without the cookie waits, even with the right password');
    assert.equal(stranger.json.error.code, 'try_later');
    const forged = await attempt(server, 'demo-details', DEMO_PASSWORD, { Cookie: 'portal_device=00000000000000000000000000000000' });
    assert.equal(forged.status, 429, 'a made-up device cookie is no pass');
    assert.equal((await customer.login('demo-details')).status, 200, 'the customer\'s own browser gets in');

    // Wrong passwords from the known browser count against that browser: after five it waits too.
    // (The device path never sends Retry-After; the per-ID throttle does, or answers 429.)
    const answers = [];
    for (let i = 0; i < 6; ++i) {
      const res = await customer.post('/api/v1/auth/login', { selfcare_id: 'demo-details', password: `typo-${i}` });
      answers.push(res.status === 429 || res.headers['retry-after'] ? 'per-id' : `device ${res.status}`);
    }
    assert.deepEqual(answers, ['device 401', 'device 401', 'device 401', 'device 401', 'device 401', 'per-id']);
  } finally {
    await server.cleanup();
  }
});

test('a known browser gets past the 100-failure lock of its ID; others stay locked', async () => {
  const server = await startServer(['--login-delay-max', '0', '--ip-limit', '100000']);
  try {
    const customer = new Client(server);
    assert.equal((await customer.login('demo-basic')).status, 200);
    for (let i = 0; i < 100; ++i) await attempt(server, 'demo-basic', `attacker-guess-${i}`);
    const locked = await attempt(server, 'demo-basic', DEMO_PASSWORD);
    assert.equal(locked.json.error.code, 'account_locked');
    assert.equal((await customer.login('demo-basic')).status, 200);
    // The cookie is bound to the ID it logged in: it is no pass for another one.
    for (let i = 0; i < 100; ++i) await attempt(server, 'demo-standard', `attacker-guess-${i}`);
    const other = await customer.post('/api/v1/auth/login', { selfcare_id: 'demo-standard', password: DEMO_PASSWORD });
    assert.equal(other.json.error.code, 'account_locked');
  } finally {
    await server.cleanup();
  }
});

test('a login from a browser not seen before for the ID is mailed; a known one is not', async () => {
  const server = await startServer([]);
  try {
    const browser = new Client(server, { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15' });
    assert.equal((await browser.login('demo-large')).status, 200);
    const notice = parseMail(latestMail(server.outbox));
    assert.match(decodeEncodedWords(notice.headers.subject), /新しいブラウザからのログイン/);
    assert.match(notice.body, /接続元: 127\.0\.0\.1/);
    assert.match(notice.body, /Safari 17 \/ macOS/);
    const before = mailCount(server.outbox);
    assert.equal((await browser.login('demo-large')).status, 200);
    assert.equal(mailCount(server.outbox), before + 1, 'only the code mail');
  } finally {
    await server.cleanup();
  }
});
