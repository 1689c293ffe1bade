// What customers and operators see of logins: the login history, the session list with "log
// out the other sessions", and the append-only audit log (logins, failures, SIP passwords).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { Client, DEMO_PASSWORD, codeFromMail, dbExec, dbRows, latestMail, startServer } from './harness.mjs';

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';

let server;
before(async () => { server = await startServer(['--ip-limit', '100000']); });
after(async () => { await server.cleanup(); });

test('login history: newest first, Japan time, address, browser and OS, result, reason and factor', async () => {
  const phone = new Client(server, { userAgent: IPHONE });
  await phone.post('/api/v1/auth/login', { selfcare_id: 'demo-standard', password: 'Wrong-password' });
  const login = await phone.post('/api/v1/auth/login', { selfcare_id: 'demo-standard', password: DEMO_PASSWORD });
  const code = codeFromMail(latestMail(server.outbox));
  await phone.post('/api/v1/auth/verify', { challenge: login.json.challenge, code: code === '000000' ? '111111' : '000000' });
  assert.equal((await phone.post('/api/v1/auth/verify', { challenge: login.json.challenge, code })).status, 200);
  const desk = new Client(server, { userAgent: FIREFOX });
  assert.equal((await desk.login('demo-standard')).status, 200);

  const res = await desk.get('/api/v1/security/history');
  assert.equal(res.status, 200);
  const events = res.json.events.map((e) => [e.event, e.result, e.reason, e.factor, e.browser, e.os]);
  assert.deepEqual(events, [
    ['login_success', 'success', '', 'email', 'Firefox 121', 'Windows'],
    ['login_success', 'success', '', 'email', 'Safari 17', 'iOS'],
    ['code_failed', 'failure', 'wrong_code', 'email', 'Safari 17', 'iOS'],
    ['login_failure', 'failure', 'wrong_password', 'password', 'Safari 17', 'iOS'],
  ]);
  const newest = res.json.events[0];
  assert.equal(newest.address, '127.0.0.1');
  assert.match(newest.at_jst, /^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}$/);
  const jst = new Date((newest.at + 9 * 3600) * 1000).toISOString().slice(0, 19).replace('T', ' ').replaceAll('-', '/');
  assert.equal(newest.at_jst, jst, 'Japan time, whatever the server\'s zone');
  assert.equal((await new Client(server).get('/api/v1/security/history')).status, 401);
});

test('history keeps the last 50 events', async () => {
  const client = new Client(server);
  for (let i = 0; i < 26; ++i) {
    await client.post('/api/v1/auth/login', { selfcare_id: 'demo-basic', password: `typo-${i}` });
    assert.equal((await client.login('demo-basic')).status, 200);
  }
  const res = await client.get('/api/v1/security/history');
  assert.equal(res.json.events.length, 50);
  assert.ok(res.json.events.every((e, i, all) => i === 0 || all[i - 1].at >= e.at));
});

test('sessions: each device listed once, current marked; logging out the others ends them', async () => {
  const phone = new Client(server, { userAgent: IPHONE });
  const desk = new Client(server, { userAgent: FIREFOX });
  assert.equal((await phone.login('demo-large')).status, 200);
  assert.equal((await desk.login('demo-large')).status, 200);
  const listed = await desk.get('/api/v1/security/sessions');
  assert.equal(listed.status, 200);
  assert.equal(listed.json.sessions.length, 2);
  const current = listed.json.sessions.filter((s) => s.current);
  assert.equal(current.length, 1);
  assert.equal(current[0].browser, 'Firefox 121');
  assert.equal(listed.json.sessions.find((s) => !s.current).os, 'iOS');
  assert.equal((await phone.get('/api/v1/contract')).status, 200, 'an older session stays valid');

  const ended = await desk.post('/api/v1/security/sessions/logout-others', {});
  assert.equal(ended.status, 200);
  assert.equal(ended.json.ended, 1);
  assert.equal((await phone.get('/api/v1/contract')).status, 401, 'the other session is over at once');
  assert.equal((await desk.get('/api/v1/contract')).status, 200);
  assert.equal((await desk.get('/api/v1/security/sessions')).json.sessions.length, 1);
  const bad = await desk.post('/api/v1/security/sessions/logout-others', { all: true });
  assert.equal(bad.status, 400);
  const wrongMethod = await desk.get('/api/v1/security/sessions/logout-others');
  assert.equal(wrongMethod.status, 405);
  assert.equal(wrongMethod.headers.allow, 'POST');
  assert.equal((await desk.post('/api/v1/security/history', {})).status, 405);
});

test('audit log: every answer with SIP passwords, with who, where and how many lines; append-only', async () => {
  const client = new Client(server, { userAgent: FIREFOX });
  assert.equal((await client.login('demo-details')).status, 200);
  assert.equal((await client.get('/api/v1/lines')).status, 200);
  const filtered = await client.get('/api/v1/lines?sort=phone:desc&format=bin');
  assert.equal(filtered.status, 200, filtered.text);
  const csv = await client.get('/api/v1/lines.csv?status=active');
  assert.equal(csv.status, 200, csv.text);
  const csvRows = csv.text.trim().split('\r\n').length - 1;
  const contract = (await client.get('/api/v1/contract')).json.summary;
  const rows = await dbRows(server, "SELECT a.detail, a.lines, a.address, a.user_agent FROM audit_log a JOIN customers c ON c.id = a.customer_id WHERE c.selfcare_id = 'demo-details' AND a.event = 'sip_passwords' ORDER BY a.id");
  assert.equal(rows.length, 3);
  assert.deepEqual(rows[0], ['lines', contract.lines_issued, '127.0.0.1', FIREFOX]);
  assert.equal(rows[1][0], 'lines');
  assert.equal(rows[1][1], contract.lines_issued, 'a sorted answer carries every line too');
  assert.deepEqual(rows[2].slice(0, 2), ['lines.csv', csvRows]);
  const update = await dbExec(server, 'UPDATE audit_log SET lines = 0');
  assert.notEqual(update.status, 0);
  assert.match(update.stderr, /append-only/);
  const logins = await dbRows(server, "SELECT event, factor FROM audit_log WHERE selfcare_id = 'demo-details' AND event IN ('code_sent', 'login_success', 'new_device') ORDER BY id");
  assert.deepEqual(logins, [['code_sent', 'email'], ['new_device', ''], ['login_success', 'email']]);
});

test('--audit-export FROM TO writes the days\' rows as CSV with a BOM; bad dates are refused', async () => {
  const today = new Date(Date.now() + 9 * 3600 * 1000).toISOString().slice(0, 10);  // Japan date
  const out = server.operator(['--audit-export', today, today]);
  assert.equal(out.status, 0, out.stderr);
  assert.ok(out.stdout.startsWith('\uFEFFid,at_jst,at_unix,selfcare_id,event,detail,factor,address,user_agent,lines,customer_id\r\n'));
  const rows = out.stdout.slice(1).trim().split('\r\n').slice(1);
  assert.ok(rows.some((r) => /,demo-details,sip_passwords,lines\.csv,,127\.0\.0\.1,/.test(r)), 'the CSV download');
  assert.ok(rows.some((r) => /,demo-standard,login_failure,wrong_password,password,/.test(r)));
  const bad = server.operator(['--audit-export', today]);
  assert.equal(bad.status, 64);
  assert.match(bad.stderr, /FROM TO/);
  const reversed = server.operator(['--audit-export', '2026-12-01', '2026-11-01']);
  assert.equal(reversed.status, 64);
});
