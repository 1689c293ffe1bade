// Operator import: JSON customers and CSV lines in one transaction; a bad file is rejected whole
// with the line and field of the first error.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { Client, JSON_HEADERS, request, startServer } from './harness.mjs';

let server;
before(async () => { server = await startServer([]); });
after(async () => { await server.cleanup(); });

const customer = (id, lines, extra = {}) => ({
  selfcare_id: id, password: 'Import-pass-2026', email: `${id}@example.jp`, contractor_name: '取込 試験',
  plan: 'standard', service_name: 'IP電話サービス', customer_code: `K-${id}`, sip_proxy: '192.0.2.30',
  sip_domain: 'f09.sip.example.jp', charge_plan: '3分課金プラン', lines, ...extra,
});
const line = (no, phone, extra = {}) => ({
  no, phone, account_id: `81${phone.slice(1)}`, line_password: 'aB3dE5', service_password: 'Zy9Xw8',
  start_date: '2024-04-01', end_date: '', channels: 2, caller_id: '', hunt_group: '', mobile_choice: '', ...extra,
});
const write = (name, content) => {
  const file = path.join(server.dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
};
const loginStatus = async (id) => (await request(server.base, 'POST', '/api/v1/auth/login',
  { headers: JSON_HEADERS, body: JSON.stringify({ selfcare_id: id, password: 'Import-pass-2026' }) })).status;

test('a good JSON file imports customers that can log in and see their lines', async () => {
  const file = write('good.json', { customers: [
    customer('imp-one', [line(1, '05011110001'), line(2, '05011110002', { end_date: '2025-03-31' })]),
    customer('imp-two', [line(1, '0311112222', { hunt_group: '代表1' })], { plan: 'basic', call_details: true }),
  ] });
  const run = server.operator(['--import', file]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /2 customers, 3 lines/);
  const client = new Client(server);
  const verify = await client.login('imp-one', 'Import-pass-2026');
  assert.equal(verify.status, 200);
  const contract = (await client.get('/api/v1/contract')).json;
  assert.equal(contract.summary.customer_code, 'K-imp-one');
  assert.equal(contract.summary.lines_cancelled, 1);
  const lines = (await client.get('/api/v1/lines')).json;
  assert.deepEqual(lines.columns.phone, ['05011110001', '05011110002']);
  assert.deepEqual(lines.columns.line_password, ['aB3dE5', 'aB3dE5'], 'passwords come back decrypted');
});

test('a bad JSON file is rejected whole, naming the line and field of the first error', async () => {
  const file = write('bad.json', { customers: [
    customer('bad-first', [line(1, '05022220001')]),
    customer('bad-second', [line(1, '05022220002'), line(2, '05022220003'), line(3, '05022220004', { start_date: '2024-02-30' })]),
  ] });
  const run = server.operator(['--import', file]);
  assert.equal(run.status, 2);
  const lineNo = (await import('node:fs')).readFileSync(file, 'utf8').split('\n')
    .findIndex((l) => l.includes('"2024-02-30"')) + 1;
  assert.match(run.stderr, new RegExp(`line ${lineNo}, customers\\[1\\]\\.lines\\[2\\]\\.start_date`));
  assert.match(run.stderr, /nothing written/);
  assert.equal(await loginStatus('bad-first'), 401, 'the valid first customer was not imported either');

  const syntax = server.operator(['--import', write('syntax.json', '{\n  "customers": [\n    {"selfcare_id": "x",,}\n  ]\n}\n')]);
  assert.equal(syntax.status, 2);
  assert.match(syntax.stderr, /line 3/);
  const wrongType = server.operator(['--import', write('type.json', { customers: [customer('t1', [line(1, '05033330001', { channels: 'two' })])] })]);
  assert.equal(wrongType.status, 2);
  assert.match(wrongType.stderr, /customers\[0\]\.lines\[0\]\.channels/);
  const unknown = server.operator(['--import', write('unknown.json', { customers: [customer('t2', [], { vip: true })] })]);
  assert.match(unknown.stderr, /customers\[0\]\.vip/);
  const duplicate = server.operator(['--import', write('dup.json', { customers: [customer('t3', []), customer('t3', [])] })]);
  assert.match(duplicate.stderr, /customers\[1\]\.selfcare_id/);
  assert.equal(await loginStatus('t3'), 401);
});

test('CSV lines for one customer replace its lines; a bad CSV changes nothing', async () => {
  const header = 'No,電話番号,アカウントID,加入電話パスワード,付加サービスパスワード,サービス開始日,サービス終了日,チャンネル,特定番号通知,代表着信,モバイルチョイス';
  const good = write('lines.csv', `\ufeff${header}\r\n1,05044440001,815044440001,Pw1aaa,Pw2bbb,2023/05/01,,4,,,\r\n` +
    '2,05044440002,815044440002,Pw3ccc,Pw4ddd,2023/05/02,2024/01/31,4,05044440001,,09012345678\r\n');
  const run = server.operator(['--import', good, '--customer', 'imp-one']);
  assert.equal(run.status, 0, run.stderr);
  const client = new Client(server);
  await client.login('imp-one', 'Import-pass-2026');
  const lines = (await client.get('/api/v1/lines')).json;
  assert.deepEqual(lines.columns.phone, ['05044440001', '05044440002']);
  assert.deepEqual(lines.columns.mobile_choice, ['', '09012345678']);

  const bad = write('bad-lines.csv', 'phone,start_date\r\n05055550001,2023-01-01\r\n0505555000X,2023-01-02\r\n');
  const rejected = server.operator(['--import', bad, '--customer', 'imp-one']);
  assert.equal(rejected.status, 2);
  assert.match(rejected.stderr, /line 3, phone/);
  assert.deepEqual((await client.get('/api/v1/lines')).json.columns.phone, ['05044440001', '05044440002']);
  assert.equal(server.operator(['--import', bad]).status, 2, 'a CSV needs --customer');
  const dup = write('dup-lines.csv', 'no,phone,start_date\n1,05055550001,2023-01-01\n1,05055550002,2023-01-02\n');
  const dupRun = server.operator(['--import', dup, '--customer', 'imp-one']);
  assert.equal(dupRun.status, 2);
  assert.match(dupRun.stderr, /line 3, no/);

  // Re-importing a customer replaces it; a live session sees the new data within a second.
  const renamed = write('renamed.json', { customers: [customer('imp-one', [line(1, '05077770001')],
    { contractor_name: '改名 商事' })] });
  assert.equal(server.operator(['--import', renamed]).status, 0);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const contract = (await client.get('/api/v1/contract')).json;
  assert.equal(contract.contractor_name, '改名 商事');
  assert.equal(contract.summary.lines_issued, 1);
  assert.deepEqual((await client.get('/api/v1/lines')).json.columns.phone, ['05077770001']);
  assert.equal(server.operator(['--import', write('x.csv', header), '--customer', 'nobody']).status, 2);
});

test('a character CP932 cannot hold is a 422 with where it is, never a silent replacement', async () => {
  const file = write('emoji.json', { customers: [customer('imp-emoji', [line(1, '05066660001', { hunt_group: '代表🙂' })])] });
  assert.equal(server.operator(['--import', file]).status, 0);
  const client = new Client(server);
  await client.login('imp-emoji', 'Import-pass-2026');
  const res = await client.get('/api/v1/lines.csv?encoding=cp932');
  assert.equal(res.status, 422);
  assert.equal(res.json.error.code, 'csv_unencodable');
  assert.match(res.json.error.message_en, /1/);
  assert.equal((await client.get('/api/v1/lines.csv?encoding=utf-8')).status, 200);
});
