// Login with password + mailed code, sessions, resend, logout: the auth rules.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import {
  Client, codeFromMail, decodeEncodedWords, DEMO_PASSWORD, JSON_HEADERS, latestMail, mailCount, parseMail,
  request, SERVER_BIN, sleep, startServer,
} from './harness.mjs';

let server;
before(async () => { server = await startServer(['--resend-interval', '1']); });
after(async () => { await server.cleanup(); });

test('login answers a challenge, the masked address and the code lifetime, and mails a proper message', async () => {
  const client = new Client(server);
  const res = await client.post('/api/v1/auth/login', { selfcare_id: 'demo-standard', password: DEMO_PASSWORD });
  assert.equal(res.status, 200);
  assert.match(res.json.challenge, /^[0-9a-f]{32}$/);
  assert.equal(res.json.email_masked, 'd***@example.jp');
  assert.equal(res.json.code_lifetime_seconds, 600);
  assert.equal(res.headers['set-cookie'], undefined, 'no cookie before the code is verified');

  const mail = parseMail(latestMail(server.outbox));
  assert.match(mail.headers.date, /^\w{3}, \d{1,2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0900$/);
  assert.match(mail.headers['message-id'], /^<[0-9a-f]{32}@portal\.example\.jp>$/);
  assert.match(mail.headers.from, /<no-reply@portal\.example\.jp>$/);
  assert.equal(mail.headers.to, '<demo-standard@example.jp>');
  assert.equal(mail.headers['mime-version'], '1.0');
  assert.equal(mail.headers['content-type'], 'text/plain; charset=UTF-8');
  assert.equal(mail.headers['content-transfer-encoding'], 'base64');
  assert.match(mail.headers.subject, /^=\?UTF-8\?B\?/);
  assert.match(decodeEncodedWords(mail.headers.subject), /ログイン認証コード/);
  const code = /認証コード: (\d{6})/.exec(mail.body)[1];
  assert.match(mail.body, /有効期限は 10 分/);
  assert.match(mail.body, /心当たりがない場合/);
  assert.match(mail.body, new RegExp(`login code: ${code}`));
  assert.match(mail.body, /valid for 10 minutes/);
  assert.match(mail.body, /did not try to log in/);
  assert.ok(mail.body.indexOf('認証コード') < mail.body.indexOf('login code'), 'Japanese first, English below');
  // The log line comes through a pipe, possibly a moment after the answer: awaited, bounded.
  for (let i = 0; i < 100 && !/mail: .*outbox.*\.eml/.test(server.output()); ++i) await sleep(50);
  assert.match(server.output(), /mail: .*outbox.*\.eml/, 'one log line saying where the mail went');
});

test('verify sets a session cookie with the right attributes and data calls work', async () => {
  const client = new Client(server);
  const res = await client.login('demo-standard');
  assert.equal(res.status, 200);
  const cookie = res.headers['set-cookie'][0];
  assert.match(cookie, /^portal_session=[0-9a-f]{32}; /);
  assert.match(cookie, /; Path=\//);
  assert.match(cookie, /; HttpOnly/);
  assert.match(cookie, /; SameSite=Strict/);
  assert.doesNotMatch(cookie, /Max-Age|Expires|Secure/i);
  const session = await client.get('/api/v1/auth/session');
  assert.equal(session.status, 200);
  assert.equal(session.json.selfcare_id, 'demo-standard');
  assert.equal(session.json.idle_timeout_seconds, 900);
  assert.equal(session.json.absolute_timeout_seconds, 28800);
  assert.ok(session.json.idle_remaining_seconds > 890 && session.json.idle_remaining_seconds <= 900);
  assert.equal((await client.get('/api/v1/contract')).status, 200);
});

test('unknown ID and wrong password get byte-identical answers and both pay the hash cost', async () => {
  const timed = async (id, password) => {
    const start = process.hrtime.bigint();
    const res = await request(server.base, 'POST', '/api/v1/auth/login',
      { headers: JSON_HEADERS, body: JSON.stringify({ selfcare_id: id, password }) });
    return { res, ms: Number(process.hrtime.bigint() - start) / 1e6 };
  };
  const unknown = await timed('no-such-customer', 'Wrong-password-1');
  const wrong = await timed('demo-basic', 'Wrong-password-1');
  assert.equal(unknown.res.status, 401);
  assert.equal(wrong.res.status, 401);
  assert.deepEqual(unknown.res.bytes, wrong.res.bytes);
  const strip = (h) => { const { date, ...rest } = h; return rest; };
  assert.deepEqual(strip(unknown.res.headers), strip(wrong.res.headers));
  assert.equal(unknown.res.json.error.code, 'invalid_credentials');
  // Argon2id at m=19 MiB, t=2 takes tens of milliseconds: an unknown ID must not be faster.
  const times = { unknown: [], wrong: [] };
  for (let i = 0; i < 3; ++i) {
    times.unknown.push((await timed(`nobody-${i}`, 'x-wrong-password')).ms);
    times.wrong.push((await timed('demo-details', 'x-wrong-password')).ms);
  }
  const median = (a) => [...a].sort((x, y) => x - y)[1];
  assert.ok(median(times.unknown) > 10, `unknown ID answered in ${median(times.unknown)} ms: no hash was run`);
  assert.ok(median(times.unknown) > median(times.wrong) * 0.4 && median(times.unknown) < median(times.wrong) * 2.5,
    `timing differs: ${JSON.stringify(times)}`);
});

test('five wrong codes end the challenge; the code is single use', async () => {
  const client = new Client(server);
  const login = await client.post('/api/v1/auth/login', { selfcare_id: 'demo-basic', password: DEMO_PASSWORD });
  const code = codeFromMail(latestMail(server.outbox));
  const wrong = code === '000000' ? '111111' : '000000';
  for (let i = 1; i <= 4; ++i) {
    const res = await client.post('/api/v1/auth/verify', { challenge: login.json.challenge, code: wrong });
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'wrong_code');
    assert.match(res.json.error.message, new RegExp(`あと ${5 - i} 回`));
  }
  const fifth = await client.post('/api/v1/auth/verify', { challenge: login.json.challenge, code: wrong });
  assert.equal(fifth.json.error.code, 'challenge_ended');
  // The limit comes from the settings (5 by default), in both languages.
  assert.match(fifth.json.error.message, /認証コードを5回間違えた/);
  assert.match(fifth.json.error.message_en, /wrong 5 times/);
  const late = await client.post('/api/v1/auth/verify', { challenge: login.json.challenge, code });
  assert.equal(late.status, 401);
  assert.equal(late.json.error.code, 'challenge_invalid');
  assert.equal(client.cookie, '');

  const again = new Client(server);
  const login2 = await again.post('/api/v1/auth/login', { selfcare_id: 'demo-basic', password: DEMO_PASSWORD });
  const code2 = codeFromMail(latestMail(server.outbox));
  assert.equal((await again.post('/api/v1/auth/verify', { challenge: login2.json.challenge, code: code2 })).status, 200);
  const replay = await new Client(server).post('/api/v1/auth/verify', { challenge: login2.json.challenge, code: code2 });
  assert.equal(replay.status, 401, 'a used challenge cannot be verified again');
});

test('parallel wrong codes cannot get past the five-code limit', async () => {
  const client = new Client(server);
  const login = await client.post('/api/v1/auth/login', { selfcare_id: 'demo-large', password: DEMO_PASSWORD });
  const code = codeFromMail(latestMail(server.outbox));
  const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + 1 + i) % 1000000).padStart(6, '0'));
  const answers = await Promise.all(guesses.map((guess) => request(server.base, 'POST', '/api/v1/auth/verify',
    { headers: JSON_HEADERS, body: JSON.stringify({ challenge: login.json.challenge, code: guess }) })));
  const codes = answers.map((a) => a.json.error.code).sort();
  assert.deepEqual(codes, [...Array(1).fill('challenge_ended'), ...Array(7).fill('challenge_invalid'),
    ...Array(4).fill('wrong_code')]);
});

test('a malformed code is a 400 and does not count', async () => {
  const client = new Client(server);
  const login = await client.post('/api/v1/auth/login', { selfcare_id: 'demo-basic', password: DEMO_PASSWORD });
  for (const code of ['12345', 'abcdef', '1234567', '12 456']) {
    const res = await client.post('/api/v1/auth/verify', { challenge: login.json.challenge, code });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.code, 'bad_code_format');
  }
  const code = codeFromMail(latestMail(server.outbox));
  assert.equal((await client.post('/api/v1/auth/verify', { challenge: login.json.challenge, code })).status, 200);
});

test('resend: at most once per interval, rotates the challenge, keeps the failure count', async () => {
  const client = new Client(server);
  // Send times are whole seconds: with a 1 s interval the early resend must come within the
  // second the code went out. Starting just after a second begins leaves all of it.
  await sleep(1000 - (Date.now() % 1000) + 5);
  const login = await client.post('/api/v1/auth/login', { selfcare_id: 'demo-details', password: DEMO_PASSWORD });
  const first = codeFromMail(latestMail(server.outbox));
  const bad = first === '999999' ? '888888' : '999999';
  await client.post('/api/v1/auth/verify', { challenge: login.json.challenge, code: bad });
  const early = await client.post('/api/v1/auth/resend', { challenge: login.json.challenge });
  assert.equal(early.status, 429);
  assert.equal(early.json.error.code, 'resend_too_soon');
  // This server re-sends every second (--resend-interval 1): the message says so, not "1分に1回".
  assert.match(early.json.error.message, /認証コードの再送は1秒に1回までです/);
  assert.match(early.json.error.message_en, /once a second/);
  assert.ok(Number(early.headers['retry-after']) >= 1);
  await sleep(1100);
  const mails = mailCount(server.outbox);
  const resent = await client.post('/api/v1/auth/resend', { challenge: login.json.challenge });
  assert.equal(resent.status, 200);
  assert.equal(mailCount(server.outbox), mails + 1);
  assert.notEqual(resent.json.challenge, login.json.challenge, 'the challenge id rotates');
  assert.equal(resent.json.attempts_left, 4, 'the failure count is kept');
  const second = codeFromMail(latestMail(server.outbox));
  const old = await client.post('/api/v1/auth/verify', { challenge: login.json.challenge, code: second });
  assert.equal(old.json.error.code, 'challenge_invalid', 'the old challenge id is dead');
  if (first !== second) {
    const stale = await client.post('/api/v1/auth/verify', { challenge: resent.json.challenge, code: first });
    assert.equal(stale.json.error.code, 'wrong_code', 'the first code no longer works');
  }
  assert.equal((await client.post('/api/v1/auth/verify', { challenge: resent.json.challenge, code: second })).status, 200);
});

test('every login issues a fresh token; logout ends the session and a replay is refused', async () => {
  const a = new Client(server);
  const b = new Client(server);
  await a.login('demo-standard');
  await b.login('demo-standard');
  assert.notEqual(a.cookie, b.cookie);
  const token = a.cookie;
  const out = await a.post('/api/v1/auth/logout', {});
  assert.equal(out.status, 200);
  assert.equal(out.headers['clear-site-data'], '"cache", "storage"', 'the device cookie outlives a logout');
  assert.match(out.headers['set-cookie'][0], /^portal_session=; .*Max-Age=0/);
  const replay = await request(server.base, 'POST', '/api/v1/auth/logout',
    { headers: { ...JSON_HEADERS, Cookie: token }, body: '{}' });
  assert.equal(replay.status, 401);
  assert.equal(replay.json.error.code, 'not_logged_in');
  const data = await request(server.base, 'GET', '/api/v1/contract', { headers: { Cookie: token } });
  assert.equal(data.status, 401);
  assert.equal((await b.get('/api/v1/contract')).status, 200, 'the other session lives on');
});

test('data calls and session status need a live session (401 JSON)', async () => {
  for (const p of ['/api/v1/auth/session', '/api/v1/contract', '/api/v1/lines', '/api/v1/lines.csv',
    '/api/v1/usage/months', '/api/v1/usage', '/api/v1/usage.csv', '/api/v1/call-details?number=05058202001',
    '/api/v1/call-details.csv?number=05058202001']) {
    for (const cookie of [undefined, 'portal_session=0123456789abcdef0123456789abcdef', 'portal_session=short']) {
      const res = await request(server.base, 'GET', p, { headers: cookie ? { Cookie: cookie } : {} });
      assert.equal(res.status, 401, p);
      assert.equal(res.json.error.code, 'not_logged_in', p);
      assert.ok(res.json.error.message.length > 0 && res.json.error.message_en.length > 0);
    }
  }
});

test('--code-lifetime: the challenge says it, the mail says it, a resend starts a new life, an expired code is refused in words', async () => {
  const bad = spawnSync(SERVER_BIN, ['--code-lifetime', '0'], { encoding: 'utf8' });
  assert.equal(bad.status, 64, 'a life of 0 s is refused');
  assert.match(bad.stderr, /--code-lifetime/);
  const short = await startServer(['--code-lifetime', '4', '--resend-interval', '1']);
  try {
    const client = new Client(short);
    const login = await client.post('/api/v1/auth/login', { selfcare_id: 'demo-standard', password: DEMO_PASSWORD });
    assert.equal(login.status, 200, login.text);
    assert.equal(login.json.code_lifetime_seconds, 4);
    const mail = parseMail(latestMail(short.outbox));
    assert.match(mail.body, /有効期限は 4 秒です/);
    assert.match(mail.body, /valid for 4 seconds/);
    await sleep(1100);
    const resent = await client.post('/api/v1/auth/resend', { challenge: login.json.challenge });
    assert.equal(resent.status, 200, resent.text);
    assert.equal(resent.json.code_lifetime_seconds, 4, 'a new code, a new life');
    const code = codeFromMail(latestMail(short.outbox));
    await sleep(4200);
    const late = await client.post('/api/v1/auth/verify', { challenge: resent.json.challenge, code });
    assert.equal(late.status, 401);
    assert.equal(late.json.error.code, 'code_expired');
    assert.match(late.json.error.message, /認証コードの有効期限が切れました/);
    assert.match(late.json.error.message_en, /The code has expired/);
    assert.equal((await client.get('/api/v1/auth/session')).status, 401, 'no session from a dead code');
    const again = await client.post('/api/v1/auth/verify', { challenge: resent.json.challenge, code });
    assert.equal(again.json.error.code, 'challenge_invalid', 'the expired challenge is gone');
    // A new code can be asked only while the login lives.
    const next = await client.post('/api/v1/auth/login', { selfcare_id: 'demo-standard', password: DEMO_PASSWORD });
    await sleep(4200);
    const tooLate = await client.post('/api/v1/auth/resend', { challenge: next.json.challenge });
    assert.equal(tooLate.status, 401);
    assert.equal(tooLate.json.error.code, 'code_expired');
    const gone = await client.post('/api/v1/auth/resend', { challenge: next.json.challenge });
    assert.equal(gone.json.error.code, 'challenge_invalid', 'a resend deletes the expired challenge as verify does');
  } finally {
    await short.cleanup();
  }
});
