// Contract, lines (JSON, binary, CSV), usage and call details through the HTTP API, checked
// against the manual's rules and against the engine run on the same data.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

import { AS_OF, Client, CSV_HELPER, startServer } from './harness.mjs';

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

test('contract: the manual summary, plan, as-of date and call-detail flag', async () => {
  const res = await clients['demo-standard'].get('/api/v1/contract');
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /^application\/json/);
  assert.equal(res.json.contractor_name, '見本 太郎');
  assert.equal(res.json.plan, 'standard');
  assert.equal(res.json.as_of, AS_OF);
  assert.equal(res.json.call_details_available, false);
  assert.deepEqual(res.json.summary, {
    service_name: 'IP電話サービス', customer_code: 'C9001', sip_proxy: '192.0.2.15', sip_domain: 'f01.sip.example.jp',
    lines_issued: 10, lines_active: 10, lines_cancelled: 0, charge_plan: '3分課金プラン',
  });
  const basic = (await clients['demo-basic'].get('/api/v1/contract')).json;
  assert.equal(basic.plan, 'basic');
  const large = (await clients['demo-large'].get('/api/v1/contract')).json;
  assert.equal(large.summary.lines_issued, 3000);
  assert.ok(large.summary.lines_cancelled > 0);
  assert.equal(large.summary.lines_active + large.summary.lines_cancelled, 3000);
  assert.equal((await clients['demo-details'].get('/api/v1/contract')).json.call_details_available, true);
});

test('lines: columnar JSON of every line, filtered and sorted by the engine', async () => {
  const all = (await clients['demo-standard'].get('/api/v1/lines')).json;
  assert.equal(all.count, 10);
  assert.deepEqual(all.columns.no, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.ok(all.columns.phone.every((p) => p.startsWith('0505805')));
  assert.ok(all.columns.start_date.every((d) => d === '2022-08-17'));
  assert.ok(all.columns.channels.every((c) => c === 2));
  const prefix = (await clients['demo-standard'].get('/api/v1/lines?prefix=050-5805-1005')).json;
  assert.deepEqual(prefix.columns.phone, ['05058051005']);
  const sorted = (await clients['demo-standard'].get('/api/v1/lines?sort=phone:desc')).json;
  assert.deepEqual(sorted.columns.no, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);

  const large = clients['demo-large'];
  const full = (await large.get('/api/v1/lines')).json;
  const active = (await large.get('/api/v1/lines?status=active')).json;
  const expectedActive = full.columns.end_date.filter((d) => d === '' || d >= AS_OF).length;
  assert.equal(active.count, expectedActive);
  const range = (await large.get('/api/v1/lines?start_from=2015-01-01&start_to=2015-12-31&sort=start_date:desc')).json;
  const inRange = full.columns.start_date.filter((d) => d >= '2015-01-01' && d <= '2015-12-31').length;
  assert.equal(range.count, inRange);
  assert.ok(range.columns.start_date.every((d, i, a) => i === 0 || a[i - 1] >= d), 'descending start dates');
  const fromOnly = (await large.get('/api/v1/lines?start_from=2026-01-01')).json;
  assert.ok(fromOnly.columns.start_date.every((d) => d >= '2026-01-01'));
  const toOnly = (await large.get('/api/v1/lines?start_to=2010-06-30')).json;
  assert.ok(toOnly.columns.start_date.every((d) => d <= '2010-06-30'));
});

test('lines: the whole payload is sent gzip-compressed to clients that accept it', async () => {
  const client = clients['demo-large'];
  const plain = await client.get('/api/v1/lines');
  const packed = await client.get('/api/v1/lines', { 'Accept-Encoding': 'gzip, deflate, br' });
  assert.equal(packed.headers['content-encoding'], 'gzip');
  assert.match(packed.headers.vary, /Accept-Encoding/);
  assert.ok(packed.bytes.length * 3 < plain.bytes.length, 'much smaller');
  assert.ok(gunzipSync(packed.bytes).equals(plain.bytes));
  const bin = await client.get('/api/v1/lines?format=bin');
  const binPacked = await client.get('/api/v1/lines?format=bin', { 'Accept-Encoding': 'gzip' });
  assert.ok(gunzipSync(binPacked.bytes).equals(bin.bytes));
  const refused = await client.get('/api/v1/lines', { 'Accept-Encoding': 'gzip;q=0' });
  assert.equal(refused.headers['content-encoding'], undefined);
});

test('lines: validation errors are the engine\'s, as 400 JSON', async () => {
  const client = clients['demo-standard'];
  const cases = [
    ['prefix=050580', 'prefix_too_short'], ['prefix=05058OS', 'prefix_not_digits'],
    ['start_from=2023-02-29', 'bad_date'], ['start_to=2022-13-01', 'bad_date'],
    ['start_from=2023-01-01&start_to=2022-01-01', 'date_range_reversed'],
    ['sort=colour', 'bad_sort'], ['sort=phone:sideways', 'bad_sort'], ['status=some', 'bad_status'],
    ['format=xml', 'bad_format'],
  ];
  for (const [query, code] of cases) {
    const res = await client.get(`/api/v1/lines?${query}`);
    assert.equal(res.status, 400, query);
    assert.equal(res.json.error.code, code, query);
    assert.ok(res.json.error.message.length > 0 && res.json.error.message_en.length > 0);
  }
  const both = await client.get('/api/v1/lines?prefix=12&start_from=2023-02-30');
  assert.equal(both.json.errors.length, 2, 'every problem at once');
  assert.equal((await client.get('/api/v1/lines.csv?prefix=12')).status, 400);
});

test('lines: binary PLN1 payload by Accept header or format=bin', async () => {
  const client = clients['demo-standard'];
  const byAccept = await client.get('/api/v1/lines', { Accept: 'application/vnd.portal050.lines' });
  assert.equal(byAccept.headers['content-type'], 'application/vnd.portal050.lines');
  assert.equal(byAccept.bytes.subarray(0, 4).toString('latin1'), 'PLN1');
  const byParam = await client.get('/api/v1/lines?format=bin');
  assert.deepEqual(byParam.bytes, byAccept.bytes);
  const filtered = await client.get('/api/v1/lines?format=bin&prefix=05058051001');
  assert.ok(filtered.bytes.length < byParam.bytes.length);
});

// Version 2 for clients that ask for it; version 1 unchanged for those that do not; a clear 406
// for a client that only reads versions this server lacks.
test('lines: PLN2 payload by Accept version=2 or format=bin2, old clients keep PLN1', async () => {
  const client = clients['demo-standard'];
  const v2 = await client.get('/api/v1/lines', {
    Accept: 'application/vnd.portal050.lines; version=2, application/vnd.portal050.lines; version=1; q=0.5',
    'Accept-Encoding': 'gzip',
  });
  assert.equal(v2.status, 200);
  assert.equal(v2.headers['content-type'], 'application/vnd.portal050.lines; version=2');
  assert.equal(v2.headers['content-encoding'], undefined, 'brotli is inside the payload, not on top');
  assert.equal(v2.bytes.subarray(0, 4).toString('latin1'), 'PLN2');
  assert.equal(v2.bytes.readUInt32LE(4), 2);
  assert.equal(v2.bytes.readUInt32LE(8), 10, 'the manual sample has 10 lines');
  const body = brotliDecompressSync(v2.bytes.subarray(16));
  assert.equal(body.length, v2.bytes.readUInt32LE(12), 'the header states the body length');
  assert.equal(body[0], 10, 'one block of 10 rows');
  const byParam = await client.get('/api/v1/lines?format=bin2');
  assert.deepEqual(byParam.bytes, v2.bytes);
  const sorted = await client.get('/api/v1/lines?format=bin2&sort=phone:desc');
  assert.equal(sorted.bytes.readUInt32LE(8), 10);
  assert.notDeepEqual(sorted.bytes, v2.bytes);

  const v1 = await client.get('/api/v1/lines', { Accept: 'application/vnd.portal050.lines; version=1' });
  assert.equal(v1.bytes.subarray(0, 4).toString('latin1'), 'PLN1');
  const old = await client.get('/api/v1/lines', { Accept: 'application/vnd.portal050.lines' });
  assert.deepEqual(old.bytes, v1.bytes);
  const json = await client.get('/api/v1/lines', { Accept: 'application/json' });
  assert.equal(json.json.version, 1);

  const future = await client.get('/api/v1/lines', { Accept: 'application/vnd.portal050.lines; version=3' });
  assert.equal(future.status, 406);
  assert.equal(future.json.error.code, 'unsupported_version');
  assert.match(future.json.error.message_en, /version 3 .*offers 1 and 2/);
  const refused = await client.get('/api/v1/lines', {
    Accept: 'application/vnd.portal050.lines; version=2; q=0, application/vnd.portal050.lines; version=1',
  });
  assert.equal(refused.bytes.subarray(0, 4).toString('latin1'), 'PLN1', 'q=0 refuses version 2');
  assert.equal((await client.get('/api/v1/lines?format=bin3')).status, 400);
});

// An independent CSV of the manual's table from the JSON payload (standard plan, UTF-8 + BOM).
function expectedCsv(payload) {
  const c = payload.columns;
  const header = ['No', '電話番号', 'アカウントID', '加入電話パスワード', '付加サービスパスワード', 'サービス開始日',
    'サービス終了日', 'チャンネル', '特定番号通知', '代表着信', 'モバイルチョイス'];
  const slash = (d) => d.replaceAll('-', '/');
  const rows = c.no.map((no, i) => [no, c.phone[i], c.account_id[i], c.line_password[i], c.service_password[i],
    slash(c.start_date[i]), slash(c.end_date[i]), c.channels[i] || '', c.caller_id[i], c.hunt_group[i],
    c.mobile_choice[i]].join(','));
  return `\ufeff${[header.join(','), ...rows].join('\r\n')}\r\n`;
}

test('lines.csv: the manual\'s CSV, with a file name of customer code and date', async () => {
  const client = clients['demo-standard'];
  const csv = await client.get('/api/v1/lines.csv');
  assert.equal(csv.status, 200);
  assert.equal(csv.headers['content-type'], 'text/csv; charset=UTF-8');
  assert.equal(csv.headers['content-disposition'],
    "attachment; filename=\"C9001_20261125_lines.csv\"; filename*=UTF-8''C9001_20261125_lines.csv");
  const payload = (await client.get('/api/v1/lines')).json;
  assert.equal(csv.bytes.toString('utf8'), expectedCsv(payload));
  const basic = await clients['demo-basic'].get('/api/v1/lines.csv');
  assert.equal(basic.text.split('\r\n')[0], '\ufeffNo,電話番号,サービス開始日,サービス終了日,モバイルチョイス');
});

test('lines.csv bytes equal the engine\'s for the same data and query, in both encodings', async () => {
  const client = clients['demo-large'];
  const payloadFile = path.join(server.dir, 'large-lines.pln1');
  const payload = await client.get('/api/v1/lines', { Accept: 'application/vnd.portal050.lines' });
  assert.equal(payload.headers['content-type'], 'application/vnd.portal050.lines');
  writeFileSync(payloadFile, payload.bytes);
  const queries = [
    { prefix: '', status: 'all', from: '', to: '', sort: '' },
    { prefix: '', status: 'active', from: '2012-01-01', to: '2020-12-31', sort: 'phone:desc' },
    { prefix: '', status: 'all', from: '', to: '', sort: 'mobile_choice' },
    { prefix: '', status: 'all', from: '2019/04/01', to: '', sort: 'end_date:desc' },
  ];
  for (const encoding of ['utf-8', 'cp932']) {
    for (const q of queries) {
      const params = new URLSearchParams({ encoding });
      for (const [k, v] of Object.entries({ prefix: q.prefix, status: q.status, start_from: q.from, start_to: q.to, sort: q.sort }))
        if (v) params.set(k, v);
      const res = await client.get(`/api/v1/lines.csv?${params}`);
      assert.equal(res.status, 200, params.toString());
      const engine = spawnSync(CSV_HELPER, [payloadFile, 'standard', encoding, AS_OF, q.prefix, q.status, q.from, q.to, q.sort],
        { maxBuffer: 1 << 28 });
      assert.equal(engine.status, 0, engine.stderr?.toString());
      assert.ok(res.bytes.equals(engine.stdout), `CSV differs for ${params}`);
    }
  }
  const cp932 = await clients['demo-standard'].get('/api/v1/lines.csv?encoding=cp932');
  assert.equal(cp932.headers['content-type'], 'text/csv; charset=Shift_JIS');
  // 電話番号 in Shift_JIS
  assert.ok(cp932.bytes.includes(Buffer.from([0x93, 0x64, 0x98, 0x62, 0x94, 0xd4, 0x8d, 0x86])));
  assert.equal((await client.get('/api/v1/lines.csv?encoding=latin1')).json.error.code, 'bad_encoding');
});

test('usage: months, one month, CSV, bad and missing months', async () => {
  const client = clients['demo-details'];
  const months = (await client.get('/api/v1/usage/months')).json.months;
  assert.equal(months.length, 13);
  assert.equal(months[0], '2026-10');
  assert.equal(months[12], '2025-10');
  const latest = (await client.get('/api/v1/usage')).json;
  assert.equal(latest.month, '2026-10');
  assert.equal(latest.rows.length, 5);
  const sept = (await client.get('/api/v1/usage?month=2026-09')).json;
  assert.equal(sept.month, '2026-09');
  assert.deepEqual(sept.months, months);
  const csv = await client.get('/api/v1/usage.csv?month=2026-09');
  assert.equal(csv.status, 200);
  assert.match(csv.headers['content-disposition'], /C9004_202609_usage\.csv/);
  assert.ok(csv.text.startsWith('\ufeff'));
  assert.equal(csv.text.split('\r\n').filter(Boolean).length, 1 + sept.rows.length);
  assert.equal((await client.get('/api/v1/usage.csv?month=2026-09&encoding=cp932')).status, 200);
  assert.equal((await client.get('/api/v1/usage.csv?month=2026-09&encoding=ebcdic')).json.error.code, 'bad_encoding');
  for (const [q, status, code] of [['month=2026-9', 400, 'bad_month'], ['month=2026-13', 400, 'bad_month'],
    ['month=abcdefg', 400, 'bad_month'], ['month=2020-01', 404, 'month_not_found']]) {
    const res = await client.get(`/api/v1/usage?${q}`);
    assert.equal(res.status, status, q);
    assert.equal(res.json.error.code, code, q);
  }
  const none = await clients['demo-standard'].get('/api/v1/usage');
  assert.equal(none.status, 404);
  assert.equal(none.json.error.code, 'no_usage');
});

test('call details: opted-in customers only, validated number and dates, JSON and CSV', async () => {
  const client = clients['demo-details'];
  const usage = (await client.get('/api/v1/usage?month=2026-09')).json;
  const busy = usage.rows.find((r) => r.call_count > 0);
  const res = await client.get(`/api/v1/call-details?number=${busy.phone}&from=2026-09-01&to=2026-09-30`);
  assert.equal(res.status, 200);
  assert.equal(res.json.phone, busy.phone);
  assert.equal(res.json.calls.length, busy.call_count, 'the calls add up to the usage');
  const csv = await client.get(`/api/v1/call-details.csv?number=${busy.phone}&from=2026-09-01&to=2026-09-30`);
  assert.equal(csv.status, 200);
  assert.equal(csv.text.split('\r\n').filter(Boolean).length, 1 + busy.call_count);
  assert.match(csv.headers['content-disposition'], /^attachment; filename="C9004_/);
  const hyphenated = busy.phone.replace(/^(\d{3})(\d{4})/, '$1-$2-');
  assert.equal((await client.get(`/api/v1/call-details?number=${hyphenated}&from=2026-09-01&to=2026-09-30`)).status, 200);

  const defaults = (await client.get(`/api/v1/call-details?number=${busy.phone}`)).json;
  assert.equal(defaults.from, '2025-11-01', 'default: from the 1st of the month a year before the as-of date');
  assert.equal(defaults.to, AS_OF);
  const monthTotal = usage.rows.find((r) => r.phone === busy.phone).call_count;
  assert.ok(defaults.calls.length >= monthTotal);

  const denied = await clients['demo-standard'].get('/api/v1/call-details?number=05058051001');
  assert.equal(denied.status, 403);
  assert.equal(denied.json.error.code, 'call_details_not_subscribed');
  assert.match(denied.json.error.message, /お申し込み/);
  assert.equal((await clients['demo-standard'].get('/api/v1/call-details.csv?number=05058051001')).status, 403);
  for (const [q, status, code] of [
    ['number=', 400, 'bad_number'], ['number=abc', 400, 'bad_number'], ['number=09000000000', 404, 'number_not_found'],
    [`number=${busy.phone}&from=2026-02-30`, 400, 'bad_date'],
    [`number=${busy.phone}&from=2026-09-30&to=2026-09-01`, 400, 'date_range_reversed'],
    [`number=${busy.phone}&since=2026-01-01`, 400, 'unknown_parameter']]) {
    const r = await client.get(`/api/v1/call-details?${q}`);
    assert.equal(r.status, status, q);
    assert.equal(r.json.error.code, code, q);
  }
});
