// The session cache of a cluster (--session-listen 1, pg_session_listener.h): each server remembers
// checked sessions and forgets one as soon as any server ends it; when its listening
// connection is lost it reads every session from the database until it listens again.
// A session deleted by hand in SQL (no notification) shows whether a server is using its cache.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { startCluster } from './cluster.mjs';
import { Client, ON_CLUSTER, request, sharedPostgres, sleep } from './harness.mjs';

const skip = !ON_CLUSTER && 'runs with PORTAL_TEST_DB=cluster (ctest server_cluster_cluster_sessions)';
const LISTEN = ['--session-listen', '1'];
const databaseOf = (url) => url.slice(url.lastIndexOf('/') + 1);
const LISTENERS = "SELECT pid FROM pg_stat_activity WHERE application_name = 'portal-session-listener' " +
  'AND datname = current_database() ORDER BY pid';

// The listeners' backend pids once there are `count` of them none of which is in `not` (bounded).
async function listeners(pg, db, count, not = []) {
  let pids = [];
  for (let i = 0; i < 200; ++i) {
    pids = pg.sql(LISTENERS, db).split('\n').filter(Boolean);
    if (pids.length === count && pids.every((pid) => !not.includes(pid))) return pids;
    await sleep(50);
  }
  throw new Error(`listeners: ${pids.join(',')} (wanted ${count}, none of ${not.join(',')})`);
}
const contractOn = (server, client) => request(server.base, 'GET', '/api/v1/contract', { headers: { Cookie: client.cookie } });
// A few requests to `server`, so that it remembers the session (a listener connected a moment
// ago may not listen yet: then the first is read from the database and not remembered).
async function remember(server, client) {
  for (let i = 0; i < 3; ++i) {
    assert.equal((await contractOn(server, client)).status, 200);
    await sleep(100);
  }
}
const deleteByHand = (pg, db, selfcareId) => pg.sql(
  `DELETE FROM sessions WHERE customer_id = (SELECT id FROM customers WHERE selfcare_id = '${selfcareId}')`, db);

test('a logout, or "log out the others", through one server is refused by the other at its next request', { skip }, async () => {
  const cluster = await startCluster(LISTEN);
  try {
    const pg = await sharedPostgres();
    await listeners(pg, databaseOf(cluster.db), 2);
    const [a, b] = cluster.servers;
    const phone = new Client(a);
    const desk = new Client(a);
    assert.equal((await phone.login('demo-standard')).status, 200);
    assert.equal((await desk.login('demo-standard')).status, 200);
    await remember(b, phone);
    await remember(b, desk);
    const ended = await desk.post('/api/v1/security/sessions/logout-others', {});
    assert.equal(ended.status, 200, ended.text);
    assert.equal((await contractOn(b, phone)).status, 401, 'the other session is refused by b at once');
    assert.equal((await contractOn(b, desk)).status, 200, 'the session that asked stays');
    assert.equal((await desk.post('/api/v1/auth/logout', {})).status, 200);
    const after = await contractOn(b, desk);
    assert.equal(after.status, 401, 'the logout is refused by b at once');
    assert.equal(after.json.error.code, 'not_logged_in');
  } finally {
    await cluster.cleanup();
  }
});

test('listener connection lost: the cache is bypassed until it listens again, then starts afresh', { skip }, async () => {
  const cluster = await startCluster(LISTEN);
  try {
    const pg = await sharedPostgres();
    const db = databaseOf(cluster.db);
    const before = await listeners(pg, db, 2);
    const [a, b] = cluster.servers;
    const probe = new Client(a);
    assert.equal((await probe.login('demo-basic')).status, 200);
    await remember(b, probe);
    deleteByHand(pg, db, 'demo-basic');
    assert.equal((await contractOn(b, probe)).status, 200, 'b answers from its cache (a change without a notification is not heard)');

    const client = new Client(a);
    assert.equal((await client.login('demo-standard')).status, 200);
    await remember(b, client);
    pg.sql(`SELECT pg_terminate_backend(pid) FROM (${LISTENERS}) l`, db);
    for (let i = 0; i < 200 && pg.sql(LISTENERS, db).split('\n').some((pid) => before.includes(pid)); ++i) await sleep(25);
    deleteByHand(pg, db, 'demo-standard');  // while the listeners may be down: no one hears it
    const lost = await contractOn(b, client);
    assert.equal(lost.status, 401, 'after the lost connection b reads the database (nothing stale is trusted)');

    await listeners(pg, db, 2, before);
    const again = new Client(a);
    assert.equal((await again.login('demo-details')).status, 200);
    await remember(b, again);
    deleteByHand(pg, db, 'demo-details');
    assert.equal((await contractOn(b, again)).status, 200, 'listening again, b uses its cache again');
  } finally {
    await cluster.cleanup();
  }
});
