// Settings from flags and environment, first-start seeding, restart on the same database.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { Client, DEMO_PASSWORD, JSON_HEADERS, ON_POSTGRES, request, SCHEMA_LATEST, SERVER_BIN, startServer } from './harness.mjs';

test('environment variables configure the server; demo logins are printed', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-env-'));
  const server = await startServer([], { dir, env: { PORTAL_SESSION_IDLE: '123', PORTAL_DEMO_LARGE_LINES: '500' } });
  try {
    for (const id of ['demo-standard', 'demo-basic', 'demo-large', 'demo-details']) assert.match(server.output(), new RegExp(id));
    assert.ok(server.output().includes(DEMO_PASSWORD));
    const client = new Client(server);
    await client.login('demo-large');
    assert.equal((await client.get('/api/v1/auth/session')).json.idle_timeout_seconds, 123);
    assert.equal((await client.get('/api/v1/contract')).json.summary.lines_issued, 500);
    assert.equal(statSync(path.join(dir, 'secret.key')).mode & 0o777, 0o600, 'the dev key is private');
    if (!ON_POSTGRES) assert.ok(existsSync(path.join(dir, 'portal.db-wal')), 'WAL mode');
    const cookie = client.cookie;
    await server.stop();

    // Restart on the same files: nothing is seeded twice and the session survives.
    const again = await startServer([], { dir, db: server.db });
    try {
      const res = await request(again.base, 'GET', '/api/v1/contract', { headers: { Cookie: cookie } });
      assert.equal(res.status, 200);
      assert.equal(res.json.summary.lines_issued, 500);
    } finally {
      await again.stop();
    }
  } finally {
    await server.cleanup();
  }
});

const sqlite = (db, sql) => spawnSync('/usr/bin/python3', ['-c',
  'import sqlite3,sys,json; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2]).fetchall(); c.commit(); print(json.dumps(r))',
  db, sql], { encoding: 'utf8' });

// The SQLite file's history (PostgreSQL's has the same numbered steps in pg_schema.cpp).
test('the schema is versioned and an older database is migrated on start, keeping its data', { skip: ON_POSTGRES && 'SQLite file' }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-migrate-'));
  const db = path.join(dir, 'portal.db');
  const first = await startServer([], { dir });
  await first.stop();
  assert.equal(sqlite(db, 'SELECT version FROM schema_version').stdout.trim(), `[[${SCHEMA_LATEST}]]`);
  // Turn the file back into a version-1 database, as an older server left it (steps 2 and later
  // undone: dropping the tables of steps 4 and 5 takes the columns later steps add to them).
  for (const undo of ['DROP TABLE line_search_preferences', 'DROP TABLE line_payloads', 'DROP TABLE authenticators', 'DROP TABLE recovery_codes', 'DROP TABLE second_step_throttle', 'DROP TABLE known_devices', 'DROP TABLE audit_log',
    'DROP INDEX sessions_by_customer', 'ALTER TABLE sessions DROP COLUMN address',
    'ALTER TABLE sessions DROP COLUMN user_agent', 'ALTER TABLE login_throttle DROP COLUMN last_failure_at',
    'ALTER TABLE challenges DROP COLUMN extensions'])
    assert.equal(sqlite(db, undo).status, 0, undo);
  sqlite(db, 'UPDATE schema_version SET version = 1');
  const second = await startServer([], { dir });
  try {
    assert.equal(sqlite(db, 'SELECT version FROM schema_version').stdout.trim(), `[[${SCHEMA_LATEST}]]`);
    assert.match(sqlite(db, "SELECT name FROM pragma_table_info('login_throttle')").stdout, /last_failure_at/);
    assert.match(sqlite(db, "SELECT name FROM pragma_table_info('sessions')").stdout, /user_agent/);
    assert.match(sqlite(db, "SELECT name FROM sqlite_master WHERE type = 'table'").stdout, /audit_log/);
    assert.match(sqlite(db, "SELECT name FROM pragma_table_info('authenticators')").stdout, /email_codes/);
    assert.match(sqlite(db, "SELECT name FROM sqlite_master WHERE type = 'table'").stdout, /line_search_preferences/);
    assert.match(sqlite(db, "SELECT name FROM pragma_table_info('challenges')").stdout, /extensions/);
    assert.equal((await new Client(second).login('demo-standard')).status, 200, 'data kept');
    sqlite(db, 'UPDATE schema_version SET version = 99');
  } finally {
    await second.stop();
  }
  await assert.rejects(startServer([], { dir }), /newer than this server/);
  await second.cleanup();
});

test('PORTAL_DEMO=0 starts without demo customers', async () => {
  const server = await startServer([], { env: { PORTAL_DEMO: '0' } });
  try {
    const res = await request(server.base, 'POST', '/api/v1/auth/login',
      { headers: JSON_HEADERS, body: JSON.stringify({ selfcare_id: 'demo-standard', password: DEMO_PASSWORD }) });
    assert.equal(res.status, 401);
  } finally {
    await server.cleanup();
  }
});

test('bad flags and values are refused with a message; --help lists every setting', () => {
  const help = spawnSync(SERVER_BIN, ['--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  for (const name of ['PORTAL_LISTEN', 'PORTAL_DB', 'PORTAL_MAIL', 'PORTAL_TLS_CERT', 'PORTAL_SESSION_IDLE',
    'PORTAL_SESSION_ABSOLUTE', 'PORTAL_AS_OF', 'PORTAL_DEMO', 'PORTAL_WEB_ROOT', 'PORTAL_SECRET_KEY_FILE'])
    assert.match(help.stdout, new RegExp(name));
  for (const [args, env, pattern] of [
    [['--bogus'], {}, /unknown option/], [['--as-of', '2026-02-30'], {}, /--as-of/],
    [['--listen', 'nowhere'], {}, /host:port/], [['--session-idle', 'soon'], {}, /--session-idle/],
    [[], { PORTAL_DEMO: 'maybe' }, /PORTAL_DEMO/], [['--tls-cert', 'x.pem'], {}, /together/],
  ]) {
    const run = spawnSync(SERVER_BIN, args, { encoding: 'utf8', env: { ...process.env, ...env } });
    assert.equal(run.status, 64, args.join(' '));
    assert.match(run.stderr, pattern);
  }
});
