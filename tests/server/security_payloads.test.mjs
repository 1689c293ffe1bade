// The security calls' wire format, now written and read by the engine's typed payloads: each
// answer's members in the order the API has always sent (alphabetical), and the 400 answers of
// every state-changing call for a body that is not an object, a member it does not take, a
// missing or mistyped member, in words naming the field.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client, JSON_HEADERS, request, startServer } from './harness.mjs';

let server;
let client;
before(async () => {
  server = await startServer(['--ip-limit', '100000']);
  client = new Client(server);
  assert.equal((await client.login('demo-details')).status, 200);
});
after(async () => { await server.cleanup(); });

const keysOf = (text) => [...text.matchAll(/"([a-z_]+)":/g)].map((m) => m[1]);

test('answers: members in alphabetical order, nothing more', async () => {
  const history = await client.get('/api/v1/security/history');
  assert.equal(history.status, 200);
  assert.ok(history.json.events.length >= 1);
  assert.deepEqual(keysOf(history.text).slice(0, 10),
    ['events', 'address', 'at', 'at_jst', 'browser', 'event', 'factor', 'os', 'reason', 'result']);
  const sessions = await client.get('/api/v1/security/sessions');
  assert.deepEqual(keysOf(sessions.text),
    ['sessions', 'address', 'browser', 'current', 'last_seen_at', 'last_seen_at_jst', 'os', 'started_at', 'started_at_jst']);
  assert.equal((await client.get('/api/v1/security/authenticator')).text,
    '{"email_codes":false,"enrolled":false,"recovery_codes_left":0}');
  const enrol = await client.post('/api/v1/security/authenticator/enrol', {});
  assert.equal(enrol.status, 200, enrol.text);
  assert.deepEqual(keysOf(enrol.text), ['digits', 'otpauth_uri', 'qr', 'rows', 'size', 'secret', 'step_seconds']);
  assert.equal(enrol.json.digits, 6);
  assert.equal(enrol.json.step_seconds, 30);
  assert.equal((await client.post('/api/v1/security/sessions/logout-others', {})).text, '{"ended":0}');
});

test('state-changing calls: 400 in words for what the body gets wrong, naming the field', async () => {
  const cases = [
    ['/api/v1/security/authenticator/confirm', '[1]', 'bad_json', ''],
    ['/api/v1/security/authenticator/confirm', '{"code":', 'bad_json', ''],
    ['/api/v1/security/authenticator/confirm', '{}', 'bad_field', 'code', /code \(a string\)/],
    ['/api/v1/security/authenticator/confirm', '{"code":123456}', 'bad_field', 'code', /code \(a string\)/],
    ['/api/v1/security/authenticator/confirm', '{"code":""}', 'bad_field', 'code', /empty or too long/],
    ['/api/v1/security/authenticator/remove', `{"code":"${'1'.repeat(33)}"}`, 'bad_field', 'code', /empty or too long/],
    ['/api/v1/security/recovery-codes', '{"code":"123456","admin":true}', 'unknown_field', 'admin', /Unknown field: admin/],
    ['/api/v1/security/authenticator/email-codes', '{}', 'bad_field', 'allowed', /allowed \(true or false\)/],
    ['/api/v1/security/authenticator/email-codes', '{"allowed":"yes"}', 'bad_field', 'allowed', /true or false/],
    ['/api/v1/security/authenticator/email-codes', '{"allowed":true,"x":1}', 'unknown_field', 'x'],
    ['/api/v1/security/authenticator/enrol', '{"now":true}', 'unknown_field', 'now'],
    ['/api/v1/security/sessions/logout-others', '"all"', 'bad_json', ''],
    ['/api/v1/auth/logout', '{"everywhere":true}', 'unknown_field', 'everywhere'],
  ];
  for (const [url, body, code, field, words] of cases) {
    const res = await client.post(url, body);
    assert.equal(res.status, 400, `${url} ${body}: ${res.text}`);
    assert.equal(res.json.error.code, code, `${url} ${body}`);
    assert.equal(res.json.error.field, field, `${url} ${body}`);
    if (words) assert.match(res.json.error.message_en, words);
    assert.ok(res.json.error.message && res.json.error.message_en, 'said in words, Japanese and English');
  }
  // The session is checked after the body; without one the call is 401, with CSRF rules first.
  assert.equal((await new Client(server).post('/api/v1/security/authenticator/enrol', {})).status, 401);
  const noCsrf = await request(server.base, 'POST', '/api/v1/security/authenticator/enrol',
    { headers: { 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(noCsrf.status, 403);
  const text = await request(server.base, 'POST', '/api/v1/security/authenticator/enrol',
    { headers: { ...JSON_HEADERS, 'Content-Type': 'text/plain' }, body: '{}' });
  assert.equal(text.status, 415);
  assert.equal((await client.get('/api/v1/security/authenticator')).json.enrolled, false, 'nothing changed');
});
