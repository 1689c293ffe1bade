// Guessing defences: growing delays per ID, the lock after 100 failures (operator unlock and
// timeout), per-address limits. Unknown IDs are throttled exactly like real ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Client, DEMO_PASSWORD, JSON_HEADERS, ON_CLUSTER, request, sleep, startServer } from './harness.mjs';

const attempt = (server, id, password) => request(server.base, 'POST', '/api/v1/auth/login',
  { headers: JSON_HEADERS, body: JSON.stringify({ selfcare_id: id, password }) });

// The delay is counted in whole seconds of the server's clock, the one this process reads too: a
// failure handled in second S lets the ID try again at S + 2. A request answered before second
// second(sent) + 2, where `sent` is when the delaying failure was sent, therefore fell inside the
// delay, however loaded the machine. A round slower than that proves nothing either way: it is
// repeated with fresh IDs (bounded), never judged. Sending the delaying failure just after a
// second begins leaves nearly the whole 2 s for the rest of the round.
const second = (ms) => Math.floor(ms / 1000);
const nextSecond = () => sleep(1000 - (Date.now() % 1000) + 5);
const ROUNDS = 4;
const REAL_IDS = ['demo-standard', 'demo-basic', 'demo-details', 'demo-large'];

test('failed passwords slow the next try down, the same way for unknown IDs', async (t) => {
  const server = await startServer([]);
  try {
    // Five wrong passwords; `inside` says the fifth answer provably came within the delay that
    // the fourth set, and `fourthSent` is when the fourth went out.
    const trace = async (id) => {
      const seen = [];
      let fourthSent = 0;
      for (let i = 0; i < 5; ++i) {
        if (i === 3) {
          await nextSecond();
          fourthSent = Date.now();
        }
        const res = await attempt(server, id, 'Not-the-password');
        seen.push({ status: res.status, retry: res.headers['retry-after'] ?? null, code: res.json.error.code });
      }
      return { seen, fourthSent, inside: second(Date.now()) < second(fourthSent) + 2 };
    };
    let round = 0;
    for (; round < ROUNDS; ++round) {
      const id = REAL_IDS[round];
      const unknown = await trace(`nobody-here-${round}`);
      const real = await trace(id);
      // Even the right password waits until the delay is over, and then works.
      const early = await attempt(server, id, DEMO_PASSWORD);
      if (!unknown.inside || second(Date.now()) >= second(real.fourthSent) + 2) {
        t.diagnostic(`round ${round + 1} too slow to land inside the 2 s delay: repeated with fresh IDs`);
        continue;
      }
      assert.deepEqual(real.seen.slice(0, 3).map((s) => s.retry), [null, null, null], 'three free failures');
      assert.deepEqual(real.seen[3], { status: 401, retry: '2', code: 'invalid_credentials' });
      assert.equal(real.seen[4].status, 429);
      assert.equal(real.seen[4].code, 'try_later');
      assert.ok(Number(real.seen[4].retry) >= 1 && Number(real.seen[4].retry) <= 2);
      // The wait left in a 429 depends on when within the second it came; the rest must match.
      const shape = (trace) => trace.map((s) => (s.status === 429 ? { ...s, retry: 'N' } : s));
      assert.deepEqual(shape(unknown.seen), shape(real.seen), 'unknown IDs are throttled identically');
      assert.equal(early.status, 429);
      assert.match(early.json.error.message, /秒後に再度お試しください/);
      // The server's own word for the wait left is enough.
      await sleep(Number(early.headers['retry-after']) * 1000 + 100);
      const ok = await attempt(server, id, DEMO_PASSWORD);
      assert.equal(ok.status, 200);
      // A success clears the count: the next failure is free again.
      const fresh = await attempt(server, id, 'Not-the-password');
      assert.equal(fresh.headers['retry-after'], undefined);
      break;
    }
    assert.ok(round < ROUNDS, `none of ${ROUNDS} rounds was fast enough to check the delay`);
  } finally {
    await server.cleanup();
  }
});

test('parallel wrong passwords cannot skip the delays', async (t) => {
  const server = await startServer([]);
  try {
    let round = 0;
    for (; round < ROUNDS; ++round) {
      await nextSecond();
      const sent = Date.now();
      const answers = await Promise.all(Array.from({ length: 10 },
        (_, i) => attempt(server, REAL_IDS[round], `parallel-wrong-${i}`)));
      // The fourth failure was handled in second(sent) or later; answered before second(sent) + 2,
      // all ten came within its delay.
      if (second(Date.now()) >= second(sent) + 2) {
        t.diagnostic(`round ${round + 1} too slow to land inside the 2 s delay: repeated with a fresh ID`);
        continue;
      }
      const statuses = answers.map((a) => a.status).sort();
      assert.deepEqual(statuses, [401, 401, 401, 401, 429, 429, 429, 429, 429, 429]);
      break;
    }
    assert.ok(round < ROUNDS, `none of ${ROUNDS} rounds was fast enough to check the delay`);
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
