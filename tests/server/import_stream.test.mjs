// The import streams the customers file: its peak memory does not grow with the number of calls
// (read from /proc while it runs, for a file with 10 times the calls of the other), members may
// come in any order, and kill -9 while it writes leaves the old data whole.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { ON_POSTGRES, SERVER_BIN, dbRows, sleep, startServer } from './harness.mjs';

const LINES = 500;
const SMALL_CALLS = 60000;
const LARGE_CALLS = 600000;

let server;
before(async () => { server = await startServer([]); });
after(async () => { await server.cleanup(); });

// One customer: its calls first, its own members last (selfcare_id at the very end), so the
// writer cannot rely on the order the export tool happens to use.
async function writeFile(name, calls, { seed = 1, id = 'stream-1' } = {}) {
  const file = path.join(server.dir, name);
  const out = createWriteStream(file);
  const put = (text) => (out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve)));
  await put('{"customers": [{"calls": [\n');
  for (let i = 0; i < calls; ++i) {
    const month = 1 + (i % 12);
    const day = 1 + ((i * 7 + seed) % 28);
    await put(`${i ? ',\n' : ''}{"phone": "050${String(1 + (i % LINES)).padStart(8, '0')}", ` +
      `"start": "2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} 10:${String(i % 60).padStart(2, '0')}:00", ` +
      `"destination": "03${String(i % 100000000).padStart(8, '0')}", "duration_seconds": ${1 + (i % 3600)}, "charge_yen": ${seed + (i % 50)}}`);
  }
  await put('\n], "lines": [\n');
  for (let n = 1; n <= LINES; ++n) {
    await put(`${n > 1 ? ',\n' : ''}{"no": ${n}, "phone": "050${String(n).padStart(8, '0')}", "start_date": "2024-04-01", ` +
      `"line_password": "pw${seed}", "service_password": "sv${seed}"}`);
  }
  await put(`\n], "password": "Import-pass-2026", "email": "big@example.jp", "contractor_name": "大口 試験", ` +
    `"plan": "standard", "service_name": "IP電話サービス", "customer_code": "BIG-${seed}", "call_details": true, ` +
    `"selfcare_id": "${id}"}]}\n`);
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  return file;
}

// Runs --import; resolves with its exit status, output and the highest VmHWM read from /proc.
function importWithPeak(file, { onTick } = {}) {
  const child = spawn(SERVER_BIN, ['--db', server.db, '--secret-key-file', path.join(server.dir, 'secret.key'),
    '--import', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => { output += c; });
  child.stderr.on('data', (c) => { output += c; });
  let peakKb = 0;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const poll = (async () => {
    for (let i = 0; i < 60000 && child.exitCode === null && child.signalCode === null; ++i) {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch { /* just exited */ }
      if (onTick) await onTick(child, () => output);
      await sleep(20);
    }
  })();
  return Promise.all([exited, poll]).then(([end]) => ({ ...end, output, peakKb }));
}

const customerRows = async (id) => (await dbRows(server,
  `SELECT (SELECT count(*) FROM lines WHERE customer_id = c.id) AS line_count, ` +
  `(SELECT count(*) FROM calls WHERE customer_id = c.id) AS call_count, ` +
  `(SELECT sum(charge_yen) FROM calls WHERE customer_id = c.id) AS charges, c.customer_code ` +
  `FROM customers c WHERE selfcare_id = '${id}'`))
  .map((row) => row.map(String).join('/'))[0];

test('peak memory of the import does not grow with the calls in the file', { timeout: 800000 }, async () => {
  const small = await importWithPeak(await writeFile('small.json', SMALL_CALLS));
  assert.equal(small.code, 0, small.output);
  assert.match(small.output, /1 customers, 500 lines/);
  const largeFile = await writeFile('large.json', LARGE_CALLS);
  const large = await importWithPeak(largeFile);
  assert.equal(large.code, 0, large.output);
  assert.match(await customerRows('stream-1'), new RegExp(`^${LINES}/${LARGE_CALLS}/`));
  const sizeMb = statSync(largeFile).size / 2 ** 20;
  console.log(`import peak RSS: ${(small.peakKb / 1024).toFixed(1)} MiB at ${SMALL_CALLS} calls, ` +
    `${(large.peakKb / 1024).toFixed(1)} MiB at ${LARGE_CALLS} calls (file ${sizeMb.toFixed(0)} MiB)`);
  // A parse of the whole file into memory would need several times the file's size.
  assert.ok(large.peakKb < small.peakKb * 1.25 + 16 * 1024,
    `peak ${large.peakKb} kB at ${LARGE_CALLS} calls against ${small.peakKb} kB at ${SMALL_CALLS}`);
  assert.ok(large.peakKb * 1024 < statSync(largeFile).size, 'the importer holds less than the file');
});

test('kill -9 while the import writes leaves the old data whole', { timeout: 800000 }, async () => {
  const first = await importWithPeak(await writeFile('first.json', SMALL_CALLS, { seed: 1, id: 'stream-kill' }));
  assert.equal(first.code, 0, first.output);
  const before = await customerRows('stream-kill');
  const second = await writeFile('second.json', LARGE_CALLS, { seed: 2, id: 'stream-kill' });
  // Killed once the writing pass has written rows: after the importer says it is writing, the
  // SQLite journal changes, or PostgreSQL runs the import's COPY.
  let walAtStart = null;
  const walStamp = () => { try { const s = statSync(`${server.db}-wal`); return `${s.size}/${s.mtimeMs}`; } catch { return ''; } };
  const writing = async (child, output) => {
    if (!/writing/.test(output())) return false;
    if (ON_POSTGRES) {
      // This database's COPY only: the run's PostgreSQL is shared with the test entries beside it.
      const rows = await dbRows(server, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY calls%' " +
        'AND datname = current_database() AND pid <> pg_backend_pid()');
      return Number(rows[0][0]) > 0;
    }
    walAtStart ??= walStamp();
    return walStamp() !== walAtStart;
  };
  let killedWhileWriting = false;
  const run = await importWithPeak(second, {
    onTick: async (child, output) => {
      if (!killedWhileWriting && (await writing(child, output))) {
        killedWhileWriting = true;
        child.kill('SIGKILL');
      }
    },
  });
  assert.ok(killedWhileWriting, `the import ended before it was seen writing: ${run.output}`);
  assert.equal(run.signal, 'SIGKILL');
  await sleep(500);
  assert.equal(await customerRows('stream-kill'), before, 'the first import is still whole');
  assert.match(before, new RegExp(`^${LINES}/${SMALL_CALLS}/`));
});
