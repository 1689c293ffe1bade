// Session expiry with short configured timeouts: idle and absolute.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Client, sleep, startServer } from './harness.mjs';

// Times are kept in whole seconds, so an idle limit of N s ends a session N-1 to N s after its
// last request. The limits leave room for slow answers on a loaded machine: a request that comes
// late only makes the checks that follow surer, except where a session must still be alive, and
// there each gap is 2 s shorter than the limit.
const IDLE = 5;

test('a session ends after the idle timeout without activity', async () => {
  const server = await startServer(['--session-idle', `${IDLE}`, '--session-absolute', '30']);
  try {
    const client = new Client(server);
    await client.login('demo-standard');
    const status = await client.get('/api/v1/auth/session');
    assert.equal(status.json.idle_timeout_seconds, IDLE);
    await sleep(2000);
    assert.equal((await client.get('/api/v1/contract')).status, 200, 'activity extends the idle timer');
    await sleep(2000);
    assert.equal((await client.get('/api/v1/contract')).status, 200);
    await sleep(2000);
    assert.equal((await client.get('/api/v1/contract')).status, 200, 'total time is past the idle timeout');
    await sleep(IDLE * 1000 + 1100);
    const res = await client.get('/api/v1/contract');
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'not_logged_in');
  } finally {
    await server.cleanup();
  }
});

test('a session ends at the absolute timeout even when active; status counts down', async () => {
  const absolute = 6;
  const server = await startServer(['--session-idle', `${IDLE}`, '--session-absolute', `${absolute}`]);
  try {
    const client = new Client(server);
    const second = (ms) => Math.floor(ms / 1000);
    const loginSent = Date.now();
    await client.login('demo-standard');
    const loggedIn = Date.now();  // the session began between loginSent and now
    const first = await client.get('/api/v1/auth/session');
    // Whole seconds: at most the limit, and less only by the seconds the login and this call took.
    assert.ok(first.json.absolute_remaining_seconds <= absolute &&
      first.json.absolute_remaining_seconds >= absolute - (second(Date.now()) - second(loginSent)), JSON.stringify(first.json));
    await sleep(1100);
    const later = await client.get('/api/v1/auth/session');
    assert.ok(later.json.absolute_remaining_seconds < first.json.absolute_remaining_seconds);
    assert.ok(later.json.idle_remaining_seconds < IDLE, 'GET /auth/session does not extend the idle timer');
    for (let i = 0; i < 2; ++i) {
      assert.equal((await client.get('/api/v1/contract')).status, 200);
      await sleep(1000);
    }
    await sleep(loggedIn + absolute * 1000 + 1100 - Date.now());
    assert.equal((await client.get('/api/v1/contract')).status, 401);
  } finally {
    await server.cleanup();
  }
});
