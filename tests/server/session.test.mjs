// Session expiry with short configured timeouts: idle and absolute.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Client, sleep, startServer } from './harness.mjs';

test('a session ends after the idle timeout without activity', async () => {
  // Times are kept in whole seconds, so the idle window is 2-3 s here; the sleeps allow for that.
  const server = await startServer(['--session-idle', '3', '--session-absolute', '30']);
  try {
    const client = new Client(server);
    await client.login('demo-standard');
    const status = await client.get('/api/v1/auth/session');
    assert.equal(status.json.idle_timeout_seconds, 3);
    await sleep(1500);
    assert.equal((await client.get('/api/v1/contract')).status, 200, 'activity extends the idle timer');
    await sleep(1500);
    assert.equal((await client.get('/api/v1/contract')).status, 200);
    await sleep(1500);
    assert.equal((await client.get('/api/v1/contract')).status, 200, 'total time is past the idle timeout');
    await sleep(4100);
    const res = await client.get('/api/v1/contract');
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'not_logged_in');
  } finally {
    await server.cleanup();
  }
});

test('a session ends at the absolute timeout even when active; status counts down', async () => {
  const server = await startServer(['--session-idle', '3', '--session-absolute', '4']);
  try {
    const client = new Client(server);
    await client.login('demo-standard');
    const first = await client.get('/api/v1/auth/session');
    assert.ok(first.json.absolute_remaining_seconds <= 4 && first.json.absolute_remaining_seconds >= 3);
    await sleep(1100);
    const second = await client.get('/api/v1/auth/session');
    assert.ok(second.json.absolute_remaining_seconds < first.json.absolute_remaining_seconds);
    assert.ok(second.json.idle_remaining_seconds < 3, 'GET /auth/session does not extend the idle timer');
    for (let i = 0; i < 2; ++i) {
      assert.equal((await client.get('/api/v1/contract')).status, 200);
      await sleep(1000);
    }
    await sleep(1200);
    assert.equal((await client.get('/api/v1/contract')).status, 401);
  } finally {
    await server.cleanup();
  }
});
