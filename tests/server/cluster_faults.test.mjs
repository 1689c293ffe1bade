// Faults of a cluster: two portal servers on one PostgreSQL behind nginx. A server killed mid-
// session, a logout seen by the other server at once, PostgreSQL restarted under load, 100
// parallel wrong passwords over both servers, and nginx's per-address limit and static headers.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { startCluster } from './cluster.mjs';
import {
  Client, DEMO_PASSWORD, JSON_HEADERS, ON_CLUSTER, codeFromMail, latestMail, mailCount, request, sharedPostgres, sleep,
} from './harness.mjs';

const skip = !ON_CLUSTER && 'runs with PORTAL_TEST_DB=cluster (ctest server_cluster_cluster_faults)';
const databaseOf = (url) => url.slice(url.lastIndexOf('/') + 1);
const attempt = (base, id, password) => request(base, 'POST', '/api/v1/auth/login',
  { headers: JSON_HEADERS, body: JSON.stringify({ selfcare_id: id, password }) });

test('kill -9 of one server mid-session: the next requests work through the other', { skip }, async () => {
  const cluster = await startCluster();
  try {
    const client = new Client(cluster);
    assert.equal((await client.login('demo-standard')).status, 200);
    for (let i = 0; i < 4; ++i) assert.equal((await client.get('/api/v1/contract')).status, 200);
    await cluster.servers[0].kill('SIGKILL');
    for (let i = 0; i < 6; ++i) {
      const res = await client.get('/api/v1/lines');
      assert.equal(res.status, 200, `request ${i} after the kill: ${res.text}`);
      assert.equal(res.json.columns.phone.length > 0, true);
    }
    assert.equal((await client.post('/api/v1/auth/logout', {})).status, 200);
  } finally {
    await cluster.cleanup();
  }
});

test('a logout through one server is refused by the other at once; sessions work on both', { skip }, async () => {
  const cluster = await startCluster();
  try {
    const [a, b] = cluster.servers;
    const client = new Client(a);
    assert.equal((await client.login('demo-basic')).status, 200);
    const onB = await request(b.base, 'GET', '/api/v1/contract', { headers: { Cookie: client.cookie } });
    assert.equal(onB.status, 200, 'a session made on one server is good on the other');
    const cookie = client.cookie;
    assert.equal((await client.post('/api/v1/auth/logout', {})).status, 200);
    const afterLogout = await request(b.base, 'GET', '/api/v1/contract', { headers: { Cookie: cookie } });
    assert.equal(afterLogout.status, 401, 'no cached session outlives the logout');
    assert.equal(afterLogout.json.error.code, 'not_logged_in');
  } finally {
    await cluster.cleanup();
  }
});

test('100 parallel wrong passwords over both servers lock the ID at exactly 100', { skip }, async () => {
  const cluster = await startCluster(['--login-delay-max', '0', '--lock-seconds', '600']);
  try {
    const [a, b] = cluster.servers;
    const answers = await Promise.all(Array.from({ length: 100 },
      (_, i) => attempt(i % 2 ? a.base : b.base, 'demo-details', `wrong-${i}`)));
    assert.deepEqual([...new Set(answers.map((r) => r.status))], [401], 'each one counted, none refused early');
    const pg = await sharedPostgres();
    const row = pg.sql("SELECT consecutive_failures, locked_until > 0 FROM login_throttle WHERE selfcare_id = 'demo-details'",
      databaseOf(cluster.db)).trim();
    assert.equal(row, '100|t');
    for (const server of [a, b]) {
      const locked = await attempt(server.base, 'demo-details', DEMO_PASSWORD);
      assert.equal(locked.status, 429);
      assert.equal(locked.json.error.code, 'account_locked');
    }
  } finally {
    await cluster.cleanup();
  }
});

// Wrong codes count per customer across challenges. Twenty challenges of one customer, five wrong
// codes each, all 100 sent at once and spread over both servers: every one is counted (no lost
// update between the servers' read and write of the count), so the second step locks at exactly
// 100, once, with one notice mail.
test('100 parallel wrong codes over 20 challenges on both servers lock the second step at exactly 100', { skip }, async () => {
  const cluster = await startCluster(['--login-delay-max', '0', '--lock-seconds', '600']);
  try {
    const [a, b] = cluster.servers;
    const challenges = [];
    for (let i = 0; i < 20; ++i) {
      const login = await request((i % 2 ? a : b).base, 'POST', '/api/v1/auth/login',
        { headers: JSON_HEADERS, body: JSON.stringify({ selfcare_id: 'demo-standard', password: DEMO_PASSWORD }) });
      assert.equal(login.status, 200, login.text);
      const code = codeFromMail(latestMail(cluster.outbox));
      challenges.push({ id: login.json.challenge, wrong: String((Number(code) + 1) % 1000000).padStart(6, '0') });
    }
    const mailsBefore = mailCount(cluster.outbox);
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => {
      const { id, wrong } = challenges[i % 20];
      return request((i % 2 ? a : b).base, 'POST', '/api/v1/auth/verify',
        { headers: JSON_HEADERS, body: JSON.stringify({ challenge: id, code: wrong }) });
    }));
    const statuses = answers.map((r) => r.status).sort();
    assert.deepEqual(statuses, [...Array(99).fill(401), 429], answers.filter((r) => r.status !== 401).map((r) => r.text).join('\n'));
    assert.equal(answers.find((r) => r.status === 429).json.error.code, 'second_step_locked');
    const pg = await sharedPostgres();
    const row = pg.sql("SELECT failures, locked_until > 0 FROM second_step_throttle WHERE customer_id = (SELECT id FROM customers WHERE selfcare_id = 'demo-standard')",
      databaseOf(cluster.db)).trim();
    assert.equal(row, '100|t', 'every wrong code counted once');
    assert.equal(mailCount(cluster.outbox), mailsBefore + 1, 'one lock notice');
    for (const server of [a, b]) {
      const login = await request(server.base, 'POST', '/api/v1/auth/login',
        { headers: JSON_HEADERS, body: JSON.stringify({ selfcare_id: 'demo-standard', password: DEMO_PASSWORD }) });
      assert.equal(login.status, 429);
      assert.equal(login.json.error.code, 'second_step_locked');
    }
  } finally {
    await cluster.cleanup();
  }
});

test('PostgreSQL restarted: 503 JSON while it is down, then recovery with nothing lost', { skip }, async () => {
  const cluster = await startCluster();
  const pg = await sharedPostgres();
  try {
    const client = new Client(cluster);
    assert.equal((await client.login('demo-large')).status, 200);
    const before = await client.get('/api/v1/lines');
    assert.equal(before.status, 200);
    pg.stop('fast');
    try {
      for (const urlPath of ['/api/v1/contract', '/api/v1/auth/session']) {
        const down = await client.get(urlPath);
        assert.equal(down.status, 503, `${urlPath}: ${down.text}`);
        assert.equal(down.json.error.code, 'temporarily_unavailable');
      }
      const login = await new Client(cluster).post('/api/v1/auth/login', { selfcare_id: 'demo-basic', password: DEMO_PASSWORD });
      assert.equal(login.status, 503);
      assert.ok(login.json.error.message);
    } finally {
      pg.start();
    }
    let res;
    for (let i = 0; i < 20; ++i) {  // each server re-opens its connections by itself
      res = await client.get('/api/v1/lines');
      if (res.status === 200) break;
      await sleep(250);
    }
    assert.equal(res.status, 200, `the session survived the restart: ${res.text}\n${cluster.output().slice(-1500)}`);
    assert.deepEqual(res.json.columns.phone, before.json.columns.phone, 'lines unchanged');
    for (let i = 0; i < 4; ++i) assert.equal((await client.get('/api/v1/contract')).status, 200, 'both servers recovered');
    assert.equal((await new Client(cluster).login('demo-basic')).status, 200, 'logins work again');
  } finally {
    await cluster.cleanup();
  }
});

test('nginx: per-address limit on auth calls as 429 JSON; static client with security headers', { skip }, async () => {
  const webRoot = mkdtempSync(path.join(tmpdir(), 'portal-cluster-web-'));
  writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>050 Portal</title>');
  chmodSync(webRoot, 0o755);  // nginx's workers run as nobody when started by root
  chmodSync(path.join(webRoot, 'index.html'), 0o644);
  const cluster = await startCluster([], { webRoot, authRate: 60, authBurst: 4 });
  try {
    // Sent at once, so that the one-a-second refill does not depend on how fast the servers
    // answer on a loaded machine: the first and a burst of 4 pass, the others are refused.
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(cluster.base, `someone-${i}`, 'x')));
    const passed = answers.filter((r) => r.status === 401).length;
    assert.ok(passed >= 5 && passed <= 6, `${passed} passed: ${answers.map((r) => r.status)}`);
    assert.equal(answers.filter((r) => r.status === 429).length, 10 - passed);
    const limited = answers.find((r) => r.status === 429);
    assert.equal(limited.json.error.code, 'too_many_requests');
    assert.ok(limited.json.error.message_en);
    assert.equal((await request(cluster.base, 'GET', '/api/v1/client-config')).status, 200, 'other calls pass');
    const page = await request(cluster.base, 'GET', '/');
    assert.equal(page.status, 200);
    assert.match(page.text, /050 Portal/);
    assert.match(page.headers['content-security-policy'], /default-src 'self'/);
    assert.equal(page.headers['x-frame-options'], 'DENY');
    assert.equal((await request(cluster.base, 'GET', '/.secret')).status, 404);
  } finally {
    await cluster.cleanup();
    rmSync(webRoot, { recursive: true, force: true });
  }
});
