// Guessing defences: growing delays per ID, the lock after 100 failures (operator unlock and
// timeout), per-address limits. Unknown IDs are throttled exactly like real ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Client, DEMO_PASSWORD, JSON_HEADERS, ON_CLUSTER, request, sleep, startServer } from './harness.mjs';

const attempt = (server, id, password) => request(server.base, 'POST', '/api/v1/auth/login',
  { headers: JSON_HEADERS, body: JSON.stringify({ selfcare_id: id, password }) });

test('failed passwords slow the next try down, the same way for unknown IDs', async () => {
  const server = await startServer([]);
  try {
    const trace = async (id) => {
      const seen = [];
      for (let i = 0; i < 5; ++i) {
        const res = await attempt(server, id, 'Not-the-password');
        seen.push({ status: res.status, retry: res.headers['retry-after'] ?? null, code: res.json.error.code });
      }
      return seen;
    };
    const real = await trace('demo-standard');
    const unknown = await trace('nobody-here');
    assert.deepEqual(real.slice(0, 3).map((s) => s.retry), [null, null, null], 'three free failures');
    assert.deepEqual(real[3], { status: 401, retry: '2', code: 'invalid_credentials' });
    assert.equal(real[4].status, 429);
    assert.equal(real[4].code, 'try_later');
    assert.ok(Number(real[4].retry) >= 1 && Number(real[4].retry) <= 2);
    // The wait left in a 429 depends on when within the second it came; the rest must match.
    const shape = (trace) => trace.map((t) => (t.status === 429 ? { ...t, retry: 'N' } : t));
    assert.deepEqual(shape(unknown), shape(real), 'unknown IDs are throttled identically');
    // Even the right password waits until the delay is over, and then works.
    const early = await attempt(server, 'demo-standard', DEMO_PASSWORD);
    assert.equal(early.status, 429);
    assert.match(early.json.error.message, /秒後に再度お試しください/);
    await sleep(2100);
    const ok = await attempt(server, 'demo-standard', DEMO_PASSWORD);
    assert.equal(ok.status, 200);
    // A success clears the count: the next failure is free again.
    const fresh = await attempt(server, 'demo-standard', 'Not-the-password');
    assert.equal(fresh.headers['retry-after'], undefined);
  } finally {
    await server.cleanup();
  }
});

test('parallel wrong passwords cannot skip the delays', async () => {
  const server = await startServer([]);
  try {
    const answers = await Promise.all(Array.from({ length: 10 },
      (_, i) => attempt(server, 'demo-details', `parallel-wrong-${i}`)));
    const statuses = answers.map((a) => a.status).sort();
    assert.deepEqual(statuses, [401, 401, 401, 401, 429, 429, 429, 429, 429, 429]);
  } finally {
    await server.cleanup();
  }
});

test('100 failures in a row lock the ID until an operator unlocks it or the lock times out', async () => {
  const lockSeconds = 8;
  const server = await startServer(['--login-delay-max', '0', '--ip-limit', '100000', '--lock-seconds', `${lockSeconds}`]);
  try {
    const lockedAnswers = [];
    let ghostLockedAt = 0;
    for (const id of ['demo-basic', 'ghost-id']) {
      let last;
      for (let i = 0; i < 100; ++i) last = await attempt(server, id, `wrong-${i}`);
      if (id === 'ghost-id') ghostLockedAt = Date.now();
      assert.equal(last.status, 401);
      assert.equal(last.headers['retry-after'], `${lockSeconds}`);
      const locked = await attempt(server, id, DEMO_PASSWORD);
      assert.equal(locked.status, 429);
      assert.equal(locked.json.error.code, 'account_locked');
      assert.match(locked.json.error.message, /停止/);
      lockedAnswers.push(locked);
    }
    // Locked answers do not tell whether the ID exists.
    assert.equal(lockedAnswers[0].text.replace(/\d+/g, 'N'), lockedAnswers[1].text.replace(/\d+/g, 'N'));

    const unlock = server.operator(['--unlock', 'demo-basic']);
    assert.equal(unlock.status, 0, unlock.stderr);
    assert.match(unlock.stdout, /unlocked demo-basic/);
    assert.equal((await new Client(server).login('demo-basic')).status, 200);

    await sleep(ghostLockedAt + lockSeconds * 1000 + 1100 - Date.now());  // the other ID's lock times out
    const after = await attempt(server, 'ghost-id', 'x');
    assert.equal(after.status, 401);
    assert.equal(after.json.error.code, 'invalid_credentials');
  } finally {
    await server.cleanup();
  }
});

// Behind nginx every request comes from nginx's address: there the limit is nginx's (deploy/nginx.conf.in),
// checked by cluster_faults.test.mjs.
test('per-address limit on authentication calls', { skip: ON_CLUSTER && 'nginx limits per address' }, async () => {
  const server = await startServer(['--ip-limit', '5']);
  try {
    const statuses = [];
    for (let i = 0; i < 7; ++i) statuses.push((await attempt(server, `someone-${i}`, 'x')).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429]);
    const limited = await attempt(server, 'demo-standard', DEMO_PASSWORD);
    assert.equal(limited.json.error.code, 'too_many_requests');
    assert.ok(Number(limited.headers['retry-after']) > 0);
  } finally {
    await server.cleanup();
  }
});
