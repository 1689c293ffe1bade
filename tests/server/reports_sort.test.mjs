// The `sort` parameter of /usage(.csv) and /call-details(.csv), and the usage `prefix` filter:
// the order is checked against an independent JavaScript sort with the client's tie rules, and
// the CSV bytes against the engine run on the unsorted JSON exactly as the client's table does.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { Client, REPORT_CSV_HELPER, startServer } from './harness.mjs';

let server;
let client;
let busyPhone;
const MONTH = '2026-09';
before(async () => {
  server = await startServer([]);
  client = new Client(server);
  assert.equal((await client.login('demo-details')).status, 200);
  const usage = (await client.get(`/api/v1/usage?month=${MONTH}`)).json;
  busyPhone = usage.rows.reduce((a, b) => (b.call_count > a.call_count ? b : a)).phone;
});
after(async () => { await server.cleanup(); });

const byKey = (key) => (a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0);

// The client's order: ties follow the phone (usage) or the start time (calls) ascending; the
// default column descending is the exact reverse of its ascending order.
function expectedOrder(rows, tieKey, field, descending) {
  const base = [...rows].sort(byKey(tieKey));
  if (field === tieKey) return descending ? base.reverse() : base;
  const compare = byKey(field);
  return base.sort((a, b) => (descending ? compare(b, a) : compare(a, b)));
}

// The engine's CSV of `kind` built from the unsorted JSON answer, as the client builds it.
function clientCsv(kind, json, encoding, sort, prefix) {
  const file = path.join(server.dir, `${kind}-report.json`);
  writeFileSync(file, json);
  const args = [kind, file, encoding, sort, ...(prefix === undefined ? [] : [prefix])];
  const run = spawnSync(REPORT_CSV_HELPER, args, { maxBuffer: 1 << 26 });
  assert.equal(run.status, 0, run.stderr?.toString());
  return run.stdout;
}

const USAGE_FIELDS = { phone: 'phone', calls: 'call_count', seconds: 'call_seconds', charge: 'charge_yen' };
const CALL_FIELDS = { start: 'start', destination: 'destination', duration: 'duration_seconds', charge: 'charge_yen' };

test('usage: sort by every column both ways, JSON in the client\'s order', async () => {
  const plain = (await client.get(`/api/v1/usage?month=${MONTH}`)).json;
  assert.ok(plain.rows.length >= 5);
  assert.ok(new Set(plain.rows.map((r) => r.call_count)).size > 1, 'the data must have distinct counts to sort');
  for (const [key, field] of Object.entries(USAGE_FIELDS)) {
    for (const descending of [false, true]) {
      const sort = `${descending ? '-' : ''}${key}`;
      const res = await client.get(`/api/v1/usage?month=${MONTH}&sort=${sort}`);
      assert.equal(res.status, 200, sort);
      assert.deepEqual(res.json.rows, expectedOrder(plain.rows, 'phone', field, descending), sort);
      assert.equal(res.json.month, MONTH);
    }
  }
  const colon = (await client.get(`/api/v1/usage?month=${MONTH}&sort=charge:desc`)).json;
  assert.deepEqual(colon, (await client.get(`/api/v1/usage?month=${MONTH}&sort=-charge`)).json,
    'charge:desc (the lines endpoint\'s form) equals -charge');
  const charges = colon.rows.map((r) => r.charge_yen);
  assert.deepEqual(charges, [...charges].sort((a, b) => b - a));
});

test('usage.csv: sorted bytes equal the client\'s CSV, in both encodings', async () => {
  const unsorted = (await client.get(`/api/v1/usage?month=${MONTH}`)).bytes;
  for (const encoding of ['utf-8', 'cp932']) {
    for (const sort of ['phone', '-phone', 'calls', '-calls', 'seconds', '-seconds', 'charge', '-charge']) {
      const res = await client.get(`/api/v1/usage.csv?month=${MONTH}&sort=${sort}&encoding=${encoding}`);
      assert.equal(res.status, 200, sort);
      assert.ok(res.bytes.equals(clientCsv('usage', unsorted, encoding, sort)), `${encoding} ${sort}`);
    }
  }
  // The CSV lists the numbers in the JSON's order.
  const json = (await client.get(`/api/v1/usage?month=${MONTH}&sort=-seconds`)).json;
  const csv = (await client.get(`/api/v1/usage.csv?month=${MONTH}&sort=-seconds`)).text;
  const phones = csv.split('\r\n').slice(1).filter(Boolean).map((line) => line.split(',')[0]);
  assert.deepEqual(phones, json.rows.map((r) => r.phone));
});

test('usage: prefix keeps the numbers starting with the digits, validated like the contract screen', async () => {
  const all = (await client.get(`/api/v1/usage?month=${MONTH}`)).json.rows;
  const one = all[1].phone;
  const hyphenated = one.replace(/^(\d{3})(\d{4})/, '$1-$2-');
  const exact = await client.get(`/api/v1/usage?month=${MONTH}&prefix=${encodeURIComponent(hyphenated)}`);
  assert.equal(exact.status, 200);
  assert.deepEqual(exact.json.rows, all.filter((r) => r.phone.startsWith(one)));
  assert.equal(exact.json.rows.length, 1);
  const seven = one.slice(0, 7);
  const wide = (await client.get(`/api/v1/usage?month=${MONTH}&prefix=${seven}&sort=-calls`)).json;
  assert.deepEqual(wide.rows, expectedOrder(all.filter((r) => r.phone.startsWith(seven)), 'phone', 'call_count', true));
  assert.equal((await client.get(`/api/v1/usage?month=${MONTH}&prefix=0901234`)).json.rows.length, 0);

  const unsorted = (await client.get(`/api/v1/usage?month=${MONTH}`)).bytes;
  const csv = await client.get(`/api/v1/usage.csv?month=${MONTH}&prefix=${one}&sort=-charge`);
  assert.ok(csv.bytes.equals(clientCsv('usage', unsorted, 'utf-8', '-charge', one)));
  assert.equal(csv.text.split('\r\n').filter(Boolean).length, 2, 'header and the one number');

  for (const [prefix, code] of [['050582', 'prefix_too_short'], ['05058OS', 'prefix_not_digits']]) {
    for (const endpoint of ['usage', 'usage.csv']) {
      const res = await client.get(`/api/v1/${endpoint}?month=${MONTH}&prefix=${prefix}`);
      assert.equal(res.status, 400, `${endpoint} ${prefix}`);
      assert.equal(res.json.error.code, code);
      assert.equal(res.json.error.field, 'phone_prefix', 'the engine names the field as for /lines');
      assert.ok(res.json.error.message.length > 0 && res.json.error.message_en.length > 0);
    }
  }
});

test('call details: sort by every column both ways, JSON in the client\'s order', async () => {
  const query = `number=${busyPhone}&from=2025-11-01&to=2026-11-25`;
  const plain = (await client.get(`/api/v1/call-details?${query}`)).json;
  assert.ok(plain.calls.length > 20, 'enough calls for ties');
  for (const [key, field] of Object.entries(CALL_FIELDS)) {
    for (const descending of [false, true]) {
      const sort = `${descending ? '-' : ''}${key}`;
      const res = await client.get(`/api/v1/call-details?${query}&sort=${sort}`);
      assert.equal(res.status, 200, sort);
      // start is an ISO text in JSON, so its text order is its time order.
      assert.deepEqual(res.json.calls, expectedOrder(plain.calls, 'start', field, descending), sort);
    }
  }
  const durations = (await client.get(`/api/v1/call-details?${query}&sort=duration:desc`)).json.calls
    .map((c) => c.duration_seconds);
  assert.deepEqual(durations, [...durations].sort((a, b) => b - a));
});

test('call-details.csv: sorted bytes equal the client\'s CSV, in both encodings', async () => {
  const query = `number=${busyPhone}&from=2026-01-01&to=2026-10-31`;
  const unsorted = (await client.get(`/api/v1/call-details?${query}`)).bytes;
  for (const encoding of ['utf-8', 'cp932']) {
    for (const sort of ['start', '-start', 'destination', '-destination', 'duration', '-duration', 'charge', '-charge']) {
      const res = await client.get(`/api/v1/call-details.csv?${query}&sort=${sort}&encoding=${encoding}`);
      assert.equal(res.status, 200, sort);
      assert.ok(res.bytes.equals(clientCsv('calls', unsorted, encoding, sort)), `${encoding} ${sort}`);
    }
  }
});

test('sort: an unknown key or shape is 400 bad_sort in Japanese and English', async () => {
  const usage = `month=${MONTH}`;
  const calls = `number=${busyPhone}`;
  const cases = [
    ['usage', usage, 'colour'], ['usage.csv', usage, 'start'], ['usage', usage, '-'], ['usage', usage, 'charge:sideways'],
    ['usage', usage, '-charge:desc'], ['usage', usage, 'CHARGE'], ['call-details', calls, 'calls'],
    ['call-details.csv', calls, '--start'], ['call-details', calls, 'destination:'], ['call-details', calls, 'phone'],
  ];
  for (const [endpoint, query, sort] of cases) {
    const res = await client.get(`/api/v1/${endpoint}?${query}&sort=${encodeURIComponent(sort)}`);
    assert.equal(res.status, 400, `${endpoint} ${sort}`);
    assert.match(res.headers['content-type'], /^application\/json/);
    assert.equal(res.json.error.code, 'bad_sort', `${endpoint} ${sort}`);
    assert.equal(res.json.error.field, 'sort');
    assert.match(res.json.error.message, /並べ替え/);
    assert.match(res.json.error.message_en, /sort order is not valid/);
  }
  assert.equal((await client.get(`/api/v1/usage?${usage}&sort=a&sort=b`)).status, 400, 'given twice');
});
