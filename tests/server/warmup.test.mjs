// The line cache warm-up: a right password starts loading the customer's lines in the
// background, so the first /lines after the code is served from memory; a wrong password or an
// unknown self-care ID loads nothing. Read from the server's own log lines.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { Client, DEMO_PASSWORD, JSON_HEADERS, ON_POSTGRES, PAYLOAD_HELPER, codeFromMail, dbExec, dbRows, latestMail, request, sleep,
         startServer } from './harness.mjs';

let server;
before(async () => { server = await startServer([]); });
after(async () => { await server.cleanup(); });

const loadsOf = (id) => server.output().split('\n').filter((l) => l.startsWith(`lines: customer ${id} loaded`));
const warmUps = () => server.output().split('\n').filter((l) => l.startsWith('lines: warm-up of customer'));

async function passwordStep(selfcareId, password) {
  return request(server.base, 'POST', '/api/v1/auth/login',
    { headers: JSON_HEADERS, body: JSON.stringify({ selfcare_id: selfcareId, password }) });
}

// Bounded wait for a log line (the warm-up runs on its own thread).
async function waitFor(predicate, what) {
  for (let i = 0; i < 600; i++) {
    if (predicate()) return;
    await sleep(50);
  }
  assert.fail(`timed out waiting for ${what}:\n${server.output()}`);
}

test('a wrong password or an unknown ID starts no load', async () => {
  assert.equal((await passwordStep('demo-large', 'not-the-password')).status, 401);
  assert.equal((await passwordStep('no-such-customer', DEMO_PASSWORD)).status, 401);
  // Anything queued would have been logged before the 401 went out; give a stray thread time too.
  await sleep(300);
  assert.deepEqual(warmUps(), []);
  assert.equal(server.output().includes('lines: customer'), false, server.output());
});

test('a right password loads the lines once; the first /lines after the code comes from the cache', async () => {
  const login = await passwordStep('demo-large', DEMO_PASSWORD);
  assert.equal(login.status, 200);
  await waitFor(() => warmUps().length >= 1, 'the warm-up queued');  // its log line comes through a pipe
  assert.equal(warmUps().length, 1);
  const id = /customer (\d+) queued/.exec(warmUps()[0])[1];
  await waitFor(() => loadsOf(id).length === 1, 'the warm-up load');
  assert.match(loadsOf(id)[0], /loaded \(3000 lines, revision \d+\) in \d+ ms/);

  const client = new Client(server);
  const code = codeFromMail(latestMail(server.outbox));
  assert.equal((await client.post('/api/v1/auth/verify', { challenge: login.json.challenge, code })).status, 200);
  const lines = await client.get('/api/v1/lines?format=json');
  assert.equal(lines.status, 200);
  assert.equal(lines.json.count, 3000);
  assert.equal((await client.get('/api/v1/contract')).status, 200);
  // One server: the warmed cache answers, nothing is loaded again. In the cluster each portal server
  // has its own cache and nginx may send /lines to the server that did not take the password step:
  // that one loads once, and no server loads twice.
  const servers = process.env.PORTAL_TEST_DB === 'cluster' ? 2 : 1;
  assert.ok(loadsOf(id).length >= 1 && loadsOf(id).length <= servers,
    `at most one load per server (${servers}), saw ${loadsOf(id).length}`);
  if (servers === 1) assert.equal(loadsOf(id).length, 1, 'the request did not load the lines again');
});

// A cold cache (the server restarted, a session from before): one query and one unseal of the
// stored payload, sent as it is; the rows are decoded only when a request needs them. On both
// backends (server_cluster_warmup runs this on PostgreSQL), and an import is seen at once.
test('a cold version 2 /lines sends the stored payload without decoding it; an import replaces it', async () => {
  const first = await startServer([], { single: true });
  let again = null;
  try {
    const client = new Client(first);
    assert.equal((await client.login('demo-large')).status, 200);
    await first.stop();
    again = await startServer([], { dir: first.dir, db: first.db, single: true });
    client.server = again;
    const log = () => again.output().split('\n');
    // The server's log reaches this process through a pipe, a moment after the answer that
    // caused it: a line expected is awaited (bounded) before it is counted.
    const logged = async (pattern, count) => {
      const lines = () => log().filter((l) => pattern.test(l)).length;
      for (const deadline = Date.now() + 5000; lines() < count && Date.now() < deadline;) await sleep(20);
      return lines();
    };
    const v2 = { Accept: 'application/vnd.portal050.lines; version=2' };
    const rowCount = (body) => body.readUInt32LE(8);

    const cold = await client.get('/api/v1/lines', v2);
    assert.equal(cold.status, 200, cold.text);
    assert.equal(cold.headers['content-type'], 'application/vnd.portal050.lines; version=2');
    assert.equal(cold.bytes.subarray(0, 4).toString(), 'PLN2');
    assert.equal(rowCount(cold.bytes), 3000);
    assert.equal(await logged(/ loaded \(3000 lines/, 1), 1, again.output());
    assert.equal(log().filter((l) => / decoded \(/.test(l)).length, 0, 'the cold /lines decoded the payload');

    // The summary is counted from the payload's date columns: no store of every row yet.
    const contract = (await client.get('/api/v1/contract')).json;
    assert.equal(contract.summary.lines_issued, 3000);
    assert.equal(log().filter((l) => / decoded \(/.test(l)).length, 0, 'the cold /contract decoded every row');
    assert.equal(await logged(/ counted \(3000 lines\) from the payload/, 1), 1, again.output());
    assert.equal((await client.get('/api/v1/lines?format=json')).json.count, 3000);
    const active = (await client.get('/api/v1/lines?format=json&status=active')).json.count;
    assert.ok(active > 0 && active < 3000, `in service: ${active}`);
    assert.equal(contract.summary.lines_active, active, 'counted alike from the payload and from the rows');
    assert.equal(contract.summary.lines_cancelled, 3000 - active);
    assert.equal((await client.get('/api/v1/lines', v2)).bytes.equals(cold.bytes), true);
    assert.equal(await logged(/ decoded \(3000 lines\)/, 1), 1, 'decoded once, when rows were needed');

    const header = 'No,電話番号,サービス開始日';
    const csv = path.join(again.dir, 'two-lines.csv');
    writeFileSync(csv, `${header}\r\n1,05077770001,2024/04/01\r\n2,05077770002,2024/04/02\r\n`);
    // The customer keeps using the portal while the import runs: every second a request touches
    // the session, and that must not keep the remembered customer (its old lines revision) fresh.
    const importing = again.operatorInBackground(['--import', csv, '--customer', 'demo-large']);
    let imported = null;
    importing.then((result) => { imported = result; });
    for (const deadline = Date.now() + 60000; !imported && Date.now() < deadline;) {
      assert.equal((await client.get('/api/v1/lines?format=json&status=active')).status, 200);
      await sleep(100);
    }
    assert.equal(imported?.status, 0, imported?.stderr ?? 'the import did not finish in 60 s');
    assert.deepEqual(await dbRows(again, 'SELECT DISTINCT format FROM line_payloads'), [['PLN2-crc32']]);
    // A checked session (and the customer's lines revision with it) is remembered for up to
    // --session-cache-ms (1 s on SQLite): the import shows within that, never later, however
    // busy the session (a request every 100 ms).
    let after;
    for (let attempt = 0; attempt < 30; attempt++) {
      after = await client.get('/api/v1/lines', v2);
      if (rowCount(after.bytes) === 2) break;
      await sleep(100);
    }
    assert.equal(rowCount(after.bytes), 2, 'the payload stored by the import is sent');
    assert.deepEqual((await client.get('/api/v1/lines?format=json')).json.columns.phone, ['05077770001', '05077770002']);
  } finally {
    await (again ?? first).cleanup();
  }
});

// A database written before the small first block holds payloads whose first block has every row
// (up to 65,536). Loaded, such a payload is re-encoded once in today's layout, stored in its
// place (one statement, only while unchanged), and served: the same rows, the same bytes a fresh
// import gives. On both backends (server_cluster_warmup runs this on PostgreSQL).
test('a payload stored in the old layout is re-encoded once on load, with the same rows', async () => {
  const first = await startServer([], { single: true });
  let current = first;
  try {
    const v2 = { Accept: 'application/vnd.portal050.lines; version=2' };
    const client = new Client(first);
    assert.equal((await client.login('demo-large')).status, 200);
    const today = await client.get('/api/v1/lines', v2);
    assert.equal(today.status, 200, today.text);
    await first.stop();

    const keyFile = path.join(first.dir, 'secret.key');
    const customer = "(SELECT id FROM customers WHERE selfcare_id = 'demo-large')";
    const storedHex = async () => (await dbRows(first, ON_POSTGRES
      ? `SELECT encode(sealed_payload, 'hex') FROM line_payloads WHERE customer_id = ${customer}`
      : `SELECT hex(sealed_payload) FROM line_payloads WHERE customer_id = ${customer}`))[0][0];
    const helper = (mode, hex) => {
      const run = spawnSync(PAYLOAD_HELPER, [keyFile, mode], { input: hex, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      return run.stdout.trim();
    };
    assert.equal(helper('first-block', await storedHex()), '512', 'an import writes today\'s layout');
    const oldHex = helper('old-layout', await storedHex());
    const write = await dbExec(first, ON_POSTGRES
      ? `UPDATE line_payloads SET sealed_payload = decode('${oldHex}', 'hex') WHERE customer_id = ${customer}`
      : `UPDATE line_payloads SET sealed_payload = X'${oldHex}' WHERE customer_id = ${customer}`);
    assert.equal(write.status, 0, write.stderr);
    assert.equal(helper('first-block', await storedHex()), '3000', 'the old layout: one block of every row');

    const rechunks = (server) => server.output().split('\n').filter((l) => / re-encoded with a small first block/.test(l));
    for (let run = 0; run < 2; run++) {  // a cold cache each time: the second load finds today's layout
      current = await startServer([], { dir: first.dir, db: first.db, single: true });
      client.server = current;
      const served = await client.get('/api/v1/lines', v2);
      assert.equal(served.status, 200, served.text);
      assert.equal(served.bytes.equals(today.bytes), true, 'the same payload as before the rewrite');
      for (const deadline = Date.now() + 5000; run === 0 && rechunks(current).length < 1 && Date.now() < deadline;) await sleep(20);
      await sleep(100);  // a second re-encode would be logged by now
      assert.equal(rechunks(current).length, run === 0 ? 1 : 0, current.output());
      assert.doesNotMatch(current.output(), /not stored|could not re-encode/);
      assert.equal(helper('first-block', await storedHex()), '512', 'stored in today\'s layout');
      await current.stop();
    }
  } finally {
    await current.cleanup();
  }
});
