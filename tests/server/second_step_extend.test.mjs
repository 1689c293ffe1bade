// More time for an authenticator-app login (POST /api/v1/auth/extend): a granted extension renews
// the challenge's life from now (a code past the first life still logs in), the wrong-code count
// and the address limit keep counting, the number of extensions is capped with a clear answer, and
// an unknown, used, expired or mailed-code challenge is refused in words. The cap is a setting.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

import { Client, DEMO_PASSWORD, JSON_HEADERS, ON_CLUSTER, SERVER_BIN, request, sleep, startServer } from './harness.mjs';
import { stepNow, totp } from '../lib/totp.mjs';

const LIFE = 8;  // seconds: --code-lifetime
const ID = 'demo-standard';

// Sets up the app for ID through the security API; the key and the step its confirmation used.
async function setUpApp(server) {
  const client = new Client(server);
  assert.equal((await client.login(ID)).status, 200);
  const enrolled = await client.post('/api/v1/security/authenticator/enrol', {});
  assert.equal(enrolled.status, 200, enrolled.text);
  if (30 - (Date.now() / 1000) % 30 < 3) await sleep(3500);  // confirm well inside one step
  const step = stepNow();
  const confirmed = await client.post('/api/v1/security/authenticator/confirm', { code: totp(enrolled.json.secret, step) });
  assert.equal(confirmed.status, 200, confirmed.text);
  return { secret: enrolled.json.secret, step };
}

async function appChallenge(server) {
  const client = new Client(server);
  const login = await client.post('/api/v1/auth/login', { selfcare_id: ID, password: DEMO_PASSWORD });
  assert.equal(login.status, 200, login.text);
  assert.equal(login.json.factor, 'totp');
  assert.equal(login.json.code_lifetime_seconds, LIFE);
  return { client, challenge: login.json.challenge, at: Date.now() };
}

test('an app login extended past its first life still logs in with the app; wrong codes keep counting', { timeout: 180000 }, async () => {
  const server = await startServer(['--code-lifetime', String(LIFE), '--ip-limit', '100000']);
  try {
    const app = await setUpApp(server);
    const { client, challenge, at } = await appChallenge(server);
    const wrong = await client.post('/api/v1/auth/verify', { challenge, code: '000000' === totp(app.secret, stepNow()) ? '111111' : '000000' });
    assert.equal(wrong.status, 401);
    assert.match(wrong.json.error.message_en, /4 attempts left/);
    await sleep(Math.max(0, at + LIFE * 500 - Date.now()));  // half the life gone
    const extended = await client.post('/api/v1/auth/extend', { challenge });
    assert.equal(extended.status, 200, extended.text);
    assert.deepEqual(extended.json, { code_lifetime_seconds: LIFE, extensions_left: 2 });
    const extendedAt = Date.now();
    await sleep(Math.max(0, at + LIFE * 1000 + 1000 - Date.now()));  // past the first life
    assert.ok(Date.now() < extendedAt + LIFE * 1000 - 1500, 'still inside the new life (the machine was not too slow)');
    const again = await client.post('/api/v1/auth/verify', { challenge, code: '000000' === totp(app.secret, stepNow()) ? '111111' : '000000' });
    assert.equal(again.status, 401, again.text);
    assert.equal(again.json.error.code, 'wrong_code', 'the challenge lives on');
    assert.match(again.json.error.message_en, /3 attempts left/, 'an extension brings no fresh guesses');
    const step = Math.max(stepNow(), app.step + 1);  // the confirming step is spent
    const verified = await client.post('/api/v1/auth/verify', { challenge, code: totp(app.secret, step) });
    assert.equal(verified.status, 200, verified.text);
    const used = await client.post('/api/v1/auth/extend', { challenge });
    assert.equal(used.status, 401, 'a used challenge cannot be extended');
    assert.equal(used.json.error.code, 'challenge_invalid');
  } finally {
    await server.stop();
  }
});

test('extensions are capped; an expired, unknown or mailed-code challenge and a bad request are refused', { timeout: 180000 }, async () => {
  const server = await startServer(['--code-lifetime', String(LIFE), '--ip-limit', '100000']);
  try {
    await setUpApp(server);
    const { client, challenge } = await appChallenge(server);
    for (const left of [2, 1, 0]) {
      const extended = await client.post('/api/v1/auth/extend', { challenge });
      assert.equal(extended.status, 200, extended.text);
      assert.equal(extended.json.extensions_left, left);
    }
    const capped = await client.post('/api/v1/auth/extend', { challenge });
    assert.equal(capped.status, 409, capped.text);
    assert.equal(capped.json.error.code, 'extension_limit');
    assert.match(capped.json.error.message, /3回/);
    assert.match(capped.json.error.message_en, /3 times at most/);

    const unknown = await client.post('/api/v1/auth/extend', { challenge: 'ab'.repeat(16) });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.json.error.code, 'challenge_invalid');

    const late = await appChallenge(server);
    await sleep(LIFE * 1000 + 1000);
    const expired = await late.client.post('/api/v1/auth/extend', { challenge: late.challenge });
    assert.equal(expired.status, 401, expired.text);
    assert.equal(expired.json.error.code, 'code_expired');
    assert.match(expired.json.error.message, /有効期限が切れました/);

    // A customer without the app: the mailed code's life is what its mail said.
    const mailed = await new Client(server).post('/api/v1/auth/login', { selfcare_id: 'demo-basic', password: DEMO_PASSWORD });
    assert.equal(mailed.json.factor, 'email');
    const byMail = await client.post('/api/v1/auth/extend', { challenge: mailed.json.challenge });
    assert.equal(byMail.status, 409, byMail.text);
    assert.equal(byMail.json.error.code, 'extend_not_offered');

    for (const [body, field] of [[{}, 'challenge'], [{ challenge: 7 }, 'challenge'], [{ challenge: 'x', seconds: 600 }, 'seconds'],
      [{ challenge: '' }, 'challenge']]) {
      const bad = await client.post('/api/v1/auth/extend', body);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(bad.json.error.field, field, JSON.stringify(body));
      assert.ok(bad.json.error.message && bad.json.error.message_en, 'said in words');
    }
    // Same-origin rules as every state-changing call: without the CSRF header it is refused.
    const noCsrf = await request(server.base, 'POST', '/api/v1/auth/extend',
      { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ challenge }) });
    assert.equal(noCsrf.status, 403, noCsrf.text);
    const crossSite = await request(server.base, 'POST', '/api/v1/auth/extend',
      { headers: { ...JSON_HEADERS, Origin: 'https://evil.example' }, body: JSON.stringify({ challenge }) });
    assert.equal(crossSite.status, 403, crossSite.text);
  } finally {
    await server.stop();
  }
});

test('the cap is the server setting (PORTAL_MAX_EXTENSIONS, --max-extensions); the refusal names it', { timeout: 180000 }, async () => {
  for (const [value, words] of [['101', /--max-extensions/], ['-1', /--max-extensions/], ['x', /--max-extensions/]]) {
    const bad = spawnSync(SERVER_BIN, ['--max-extensions', value], { encoding: 'utf8' });
    assert.notEqual(bad.status, 0, `--max-extensions ${value} is refused`);
    assert.match(bad.stderr, words);
  }
  const once = await startServer(['--code-lifetime', String(LIFE), '--ip-limit', '100000'],
    { env: { PORTAL_MAX_EXTENSIONS: '1' } });
  try {
    await setUpApp(once);
    const { client, challenge } = await appChallenge(once);
    const extended = await client.post('/api/v1/auth/extend', { challenge });
    assert.equal(extended.status, 200, extended.text);
    assert.deepEqual(extended.json, { code_lifetime_seconds: LIFE, extensions_left: 0 });
    const capped = await client.post('/api/v1/auth/extend', { challenge });
    assert.equal(capped.status, 409, capped.text);
    assert.equal(capped.json.error.code, 'extension_limit');
    assert.match(capped.json.error.message, /時間の延長は1回までです/);
    assert.match(capped.json.error.message_en, /extended once at most/);
  } finally {
    await once.stop();
  }
  const never = await startServer(['--code-lifetime', String(LIFE), '--ip-limit', '100000', '--max-extensions', '0']);
  try {
    const app = await setUpApp(never);
    const { client, challenge } = await appChallenge(never);
    const refused = await client.post('/api/v1/auth/extend', { challenge });
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.json.error.code, 'extension_limit');
    assert.match(refused.json.error.message, /時間の延長はできません/);
    assert.match(refused.json.error.message_en, /cannot be extended/);
    const login = await client.post('/api/v1/auth/verify', { challenge, code: '000000' === totp(app.secret, stepNow()) ? '111111' : '000000' });
    assert.equal(login.status, 401, 'the challenge itself lives on');
    assert.equal(login.json.error.code, 'wrong_code');
  } finally {
    await never.stop();
  }
});

test('extend counts against the per-address limit of auth calls', { skip: ON_CLUSTER && 'per server: two servers split the count' }, async () => {
  const server = await startServer(['--ip-limit', '2']);
  try {
    const client = new Client(server);
    for (let i = 0; i < 2; i += 1)
      assert.equal((await client.post('/api/v1/auth/extend', { challenge: 'cd'.repeat(16) })).status, 401);
    const limited = await client.post('/api/v1/auth/extend', { challenge: 'cd'.repeat(16) });
    assert.equal(limited.status, 429, limited.text);
    assert.ok(Number(limited.headers['retry-after']) > 0, 'says when to try again');
  } finally {
    await server.stop();
  }
});
