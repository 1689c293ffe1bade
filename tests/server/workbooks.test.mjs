// /lines.xlsx, /usage.xlsx and /call-details.xlsx: each workbook is read back with openpyxl
// (tests/xlsx_check.py) against the CSV the server answers for the same query: text cells with
// their leading zeros, dates, numbers, the frozen bold header, the autofilter, the sheet name and
// the document properties. Errors are the CSV routes' JSON errors.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { AS_OF, Client, startServer } from './harness.mjs';

const PYTHON = process.env.PORTAL_PYTHON ?? '/usr/bin/python3';
const CHECKER = new URL('../xlsx_check.py', import.meta.url).pathname;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MONTH = '2026-09';

let server;
const clients = {};
before(async () => {
  server = await startServer([]);
  for (const id of ['demo-standard', 'demo-basic', 'demo-large', 'demo-details']) {
    clients[id] = new Client(server);
    assert.equal((await clients[id].login(id)).status, 200);
  }
});
after(async () => { await server.cleanup(); });

// The openpyxl check blocks node for seconds, past the server's keep-alive: no socket is reused.
const get = (client, url) => client.get(url, { Connection: 'close' });

// Downloads `route`.xlsx and `route`.csv with the same query and checks one against the other.
async function checkPair(client, route, query, sheet) {
  const xlsx = await get(client, `/api/v1/${route}.xlsx?${query}`);
  assert.equal(xlsx.status, 200, xlsx.text);
  assert.equal(xlsx.headers['content-type'], XLSX_TYPE);
  const csv = await get(client, `/api/v1/${route}.csv?${query}`);
  assert.equal(csv.status, 200);
  const base = path.join(server.dir, `${route}-${Math.random().toString(36).slice(2)}`);
  writeFileSync(`${base}.xlsx`, xlsx.bytes);
  writeFileSync(`${base}.csv`, csv.bytes);
  const code = (await get(client, '/api/v1/contract')).json.summary.customer_code;
  const run = spawnSync(PYTHON, [CHECKER, `${base}.xlsx`, `${base}.csv`, '--sheet', sheet, '--code', code,
    '--as-of', AS_OF], { encoding: 'utf8' });
  assert.equal(run.status, 0, `${route}.xlsx?${query}: ${run.stdout}${run.stderr}`);
  return { xlsx, csv, code };
}

test('lines.xlsx holds the CSV\'s rows as typed cells, for both plans, filtered and sorted', async () => {
  const standard = await checkPair(clients['demo-standard'], 'lines', '', '回線一覧');
  assert.equal(standard.xlsx.headers['content-disposition'],
    "attachment; filename=\"C9001_20261125_lines.xlsx\"; filename*=UTF-8''C9001_20261125_lines.xlsx");
  await checkPair(clients['demo-basic'], 'lines', 'sort=start_date:desc', '回線一覧');
  await checkPair(clients['demo-large'], 'lines', 'status=active&start_from=2012-01-01&sort=hunt_group:desc', '回線一覧');
  const large = (await get(clients['demo-large'], '/api/v1/lines')).json.columns;
  const prefix = large.phone[large.phone.length >> 1].slice(0, 7);
  await checkPair(clients['demo-large'], 'lines', `prefix=${prefix}&sort=account_id:asc`, '回線一覧');
});

test('usage.xlsx and call-details.xlsx hold the CSVs\' rows, sorted as asked', async () => {
  const client = clients['demo-details'];
  await checkPair(client, 'usage', `month=${MONTH}&sort=-charge`, `ご利用状況 ${MONTH}`);
  const usage = (await get(client, `/api/v1/usage?month=${MONTH}`)).json;
  const busy = usage.rows.reduce((a, b) => (b.call_count > a.call_count ? b : a)).phone;
  const calls = await checkPair(client, 'call-details', `number=${busy}&sort=-duration`, `明細 ${busy}`);
  assert.match(calls.xlsx.headers['content-disposition'], new RegExp(`_calls_${busy}\\.xlsx"`));
});

test('workbook routes answer the CSV routes\' errors as JSON', async () => {
  const client = clients['demo-standard'];
  const cases = [
    ['/api/v1/lines.xlsx?prefix=12', 400],
    ['/api/v1/lines.xlsx?encoding=cp932', 400],
    ['/api/v1/lines.xlsx?sort=nonsense', 400],
    ['/api/v1/usage.xlsx?month=2026-13', 400],
    ['/api/v1/call-details.xlsx?number=05058202003', 403],
  ];
  for (const [url, status] of cases) {
    const res = await get(client, url);
    assert.equal(res.status, status, url);
    assert.ok(res.json?.error?.code && res.json.error.message, url);
  }
  const details = clients['demo-details'];
  assert.equal((await get(details, '/api/v1/call-details.xlsx?number=09999999999')).status, 404);
  assert.equal((await get(details, '/api/v1/call-details.xlsx')).status, 400);
  const anonymous = new Client(server);
  assert.equal((await get(anonymous, '/api/v1/lines.xlsx')).status, 401);
  // Another method is refused as on the CSV route of the same table.
  for (const route of ['lines', 'usage', 'call-details']) {
    const post = await client.post(`/api/v1/${route}.xlsx`, {});
    const csvPost = await client.post(`/api/v1/${route}.csv`, {});
    assert.ok(post.status >= 400 && post.json?.error?.code, route);
    assert.equal(post.status, csvPost.status, route);
    assert.equal(post.headers.allow, csvPost.headers.allow, route);
  }
});
