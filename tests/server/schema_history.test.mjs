// The schema history on PostgreSQL (a throwaway PostgreSQL 15 started by the test): an older
// database is upgraded by --migrate and by servers starting at the same time, keeping its data; a
// newer one, or portal tables without a recorded version, are refused with a clear message and
// left as they were. Both backends refuse the unversioned tables.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { Client, SERVER_BIN, freshDatabase, sharedPostgres, startServer } from './harness.mjs';

const databaseOf = (url) => url.slice(url.lastIndexOf('/') + 1);

// Undoes steps 2 and later of pg_schema.cpp: the database an older server (version 1) left behind.
const BACK_TO_VERSION_1 = [
  'DROP TABLE line_search_preferences', 'DROP TABLE line_payloads', 'DROP TABLE authenticators', 'DROP TABLE recovery_codes',
  'DROP TABLE second_step_throttle', 'DROP TABLE known_devices', 'DROP TABLE audit_log',
  'DROP FUNCTION audit_log_append_only', 'DROP INDEX sessions_by_customer',
  'ALTER TABLE sessions DROP COLUMN address', 'ALTER TABLE sessions DROP COLUMN user_agent',
  'ALTER TABLE login_throttle DROP COLUMN last_failure_at', 'ALTER TABLE challenges DROP COLUMN extensions',
  'UPDATE schema_version SET version = 1',
];

function operator(dir, db, ...extra) {
  return spawnSync(SERVER_BIN, ['--db', db, '--secret-key-file', path.join(dir, 'secret.key'), ...extra],
    { encoding: 'utf8', timeout: 120000 });
}

// Runs `body` on a fresh database of the shared PostgreSQL, with a directory for the key.
// `seeded`: one server starts and stops on it first, so it holds the current schema and the demo
// customers; `latest` is then the version that server recorded (the newest this build knows).
async function withDatabase({ seeded }, body) {
  const pg = await sharedPostgres();
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-schema-'));
  const db = await freshDatabase();
  const name = databaseOf(db);
  const sql = (statement) => pg.sql(statement, name).trim();
  try {
    let latest = null;
    if (seeded) {
      const first = await startServer([], { dir, db, single: true });
      await first.stop();
      latest = Number(sql('SELECT version FROM schema_version'));
      assert.ok(latest >= 1, 'a fresh database records its schema version');
    }
    await body({ pg, dir, db, name, latest });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Everything a data check needs to compare before and after: lines, calls, sums, sealed bytes.
const FINGERPRINT = `SELECT (SELECT count(*) FROM customers) || '/' || (SELECT count(*) FROM lines) || '/' ||
  (SELECT count(*) FROM calls) || '/' || (SELECT coalesce(sum(charge_yen), 0) FROM usage) || '/' ||
  (SELECT md5(string_agg(encode(service_password, 'hex'), ',' ORDER BY customer_id, no)) FROM lines)`;

test('PostgreSQL: a version-1 database is upgraded by --migrate and by two servers at once, data kept', async () => {
  await withDatabase({ seeded: true }, async ({ pg, dir, db, name, latest }) => {
    const before = pg.sql(FINGERPRINT, name).trim();

    for (const undo of BACK_TO_VERSION_1) pg.sql(undo, name);
    const migrated = operator(dir, db, '--migrate');
    assert.equal(migrated.status, 0, migrated.stderr);
    assert.match(migrated.stdout, new RegExp(`\\b${latest}\\b`), 'prints the version it reached');
    assert.equal(pg.sql('SELECT version FROM schema_version', name).trim(), String(latest));
    assert.equal(pg.sql("SELECT count(*) FROM information_schema.columns WHERE table_name = 'sessions' AND column_name IN ('address', 'user_agent')", name).trim(), '2');
    assert.equal(pg.sql("SELECT to_regclass('audit_log') IS NOT NULL AND to_regclass('line_payloads') IS NOT NULL", name).trim(), 't');
    assert.equal(pg.sql(FINGERPRINT, name).trim(), before, 'every row and sealed password kept');
    assert.equal(operator(dir, db, '--migrate').status, 0, 'a second --migrate is a no-op');

    // Two servers start on the old database at the same moment: the advisory lock lets one
    // migrate while the other waits; both come up and the version is recorded once.
    for (const undo of BACK_TO_VERSION_1) pg.sql(undo, name);
    const both = await Promise.all([0, 1].map(() => startServer([], { dir, db, single: true })));
    try {
      assert.equal(pg.sql('SELECT count(*) || \'/\' || max(version) FROM schema_version', name).trim(), `1/${latest}`);
      assert.equal(pg.sql(FINGERPRINT, name).trim(), before);
      for (const server of both) assert.equal((await new Client(server).login('demo-standard')).status, 200);
      assert.ok(Number(pg.sql('SELECT count(*) FROM audit_log', name)) >= 2, 'the upgraded audit log takes rows');
    } finally {
      for (const server of both) await server.stop();
    }
  });
});

test('PostgreSQL: a newer database is refused by servers and --migrate, and left unchanged', async () => {
  await withDatabase({ seeded: true }, async ({ pg, dir, db, name, latest }) => {
    pg.sql(`UPDATE schema_version SET version = ${latest + 94}`, name);
    const before = pg.sql(FINGERPRINT, name).trim();
    await assert.rejects(startServer([], { dir, db, single: true }),
      new RegExp(`データベースがこのサーバより新しい版です / database schema version ${latest + 94} is newer than this server \\(${latest}\\)`));
    const migrate = operator(dir, db, '--migrate');
    assert.notEqual(migrate.status, 0);
    assert.match(migrate.stderr, /is newer than this server/);
    assert.equal(pg.sql('SELECT version FROM schema_version', name).trim(), String(latest + 94));
    assert.equal(pg.sql(FINGERPRINT, name).trim(), before);
  });
});

test('portal tables without a recorded version are refused on both backends and left unchanged', async () => {
  const message = /the database has portal tables but no schema version: it was not made by this server/;
  await withDatabase({ seeded: false }, async ({ pg, dir, db, name }) => {
    pg.sql('CREATE TABLE customers (id BIGINT PRIMARY KEY, note TEXT); INSERT INTO customers VALUES (7, \'kept\')', name);
    const migrate = operator(dir, db, '--migrate');
    assert.notEqual(migrate.status, 0);
    assert.match(migrate.stderr, message);
    assert.match(migrate.stderr, /データベースに版の記録がないテーブルがあります/);
    assert.equal(pg.sql("SELECT to_regclass('schema_version') IS NULL", name).trim(), 't', 'nothing created');
    assert.equal(pg.sql('SELECT note FROM customers', name).trim(), 'kept');

    const file = path.join(dir, 'foreign.db');
    const made = spawnSync('/usr/bin/python3', ['-c',
      'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE customers (id INTEGER, note TEXT)"); c.execute("INSERT INTO customers VALUES (7, \'kept\')"); c.commit()',
      file], { encoding: 'utf8' });
    assert.equal(made.status, 0, made.stderr);
    const onSqlite = operator(dir, file, '--migrate');
    assert.notEqual(onSqlite.status, 0);
    assert.match(onSqlite.stderr, message);
    const tables = spawnSync('/usr/bin/python3', ['-c',
      'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT group_concat(name) FROM sqlite_master").fetchone()[0])',
      file], { encoding: 'utf8' });
    assert.equal(tables.stdout.trim(), 'customers', 'nothing created in the SQLite file');
  });
});
