// A hostile client on raw sockets: slow drip-fed heads (slowloris), bodies and heads meant to
// exhaust memory, request-smuggling shapes, pipelining and the connection caps. Each case proves
// the server answers as it should and stays small and responsive. Every wait is bounded.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';

import { sleep, startServer } from './harness.mjs';
import { exchange, flood, memoryKb, timedGet } from './raw_client.mjs';

const MB = 1024 * 1024;
let server;
let startRss;

before(async () => {
  server = await startServer(['--header-timeout', '3', '--body-timeout', '2', '--idle-timeout', '2']);
  // Warm up the routes once so that what follows measures the attacks, not first use.
  for (let i = 0; i < 5; ++i) await timedGet(server.port, '/api/v1/client-config');
  startRss = memoryKb(server.child.pid).rss;
});
after(async () => { await server.cleanup(); });

const get = (path, extra = '') => `GET ${path} HTTP/1.1\r\nHost: t\r\n${extra}\r\n`;

test('slowloris: 500 drip-fed heads do not stop ordinary requests, and the head deadline closes them', async () => {
  const drippers = [];
  let closedEarly = 0;
  for (let i = 0; i < 500; ++i) {
    const socket = net.connect(server.port, '127.0.0.1');
    socket.on('error', () => {});
    socket.on('close', () => { socket.closedAt = Date.now(); });
    socket.write('GET /api/v1/client-config HTTP/1.1\r\nHost: t\r\nX-Drip: ');
    drippers.push(socket);
  }
  const started = Date.now();
  const drip = setInterval(() => { for (const s of drippers) if (!s.destroyed) s.write('a'); }, 500);
  try {
    const latencies = [];
    while (Date.now() - started < 2500) {
      const res = await timedGet(server.port, '/api/v1/client-config', 1500);
      assert.equal(res.status, 200, 'an ordinary request is answered while 500 connections drip');
      latencies.push(res.ms);
      await sleep(100);
    }
    assert.ok(latencies.length >= 5);
    assert.ok(Math.max(...latencies) < 1000, `answered within a second: ${latencies.join(', ')} ms`);
    // The 3 s deadline covers the whole head: still dripping, every one is closed by about 3 s.
    while (Date.now() - started < 6000 && drippers.some((s) => !s.closedAt)) await sleep(100);
    for (const s of drippers) if (s.closedAt && s.closedAt - started < 2500) ++closedEarly;
    assert.equal(drippers.filter((s) => !s.closedAt).length, 0, 'all drip-fed connections closed');
    assert.equal(closedEarly, 0, 'none closed before the deadline');
  } finally {
    clearInterval(drip);
    for (const s of drippers) s.destroy();
  }
});

test('bodies: chunked, no length and gzip bombs are refused early; peak memory stays small', async () => {
  const post = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nX-Portal-CSRF: 1\r\n';
  // 200 MB announced as one chunk: refused at its size line.
  const oneChunk = await exchange(server.port, [`${post}Transfer-Encoding: chunked\r\n\r\nC800000\r\n`]);
  assert.equal(oneChunk.responses[0]?.status, 413);
  assert.equal(oneChunk.responses[0].json.error.code, 'body_too_large');
  assert.ok(oneChunk.closed);
  // 200 MB of small chunks: refused once 16 KiB have arrived.
  const chunk = `1000\r\n${'a'.repeat(0x1000)}\r\n`;
  const chunked = await flood(server.port, `${post}Transfer-Encoding: chunked\r\n\r\n`, 200 * MB, { filler: chunk });
  assert.equal(chunked.responses[0]?.status, 413);
  assert.ok(chunked.sent < 32 * MB, `stopped early (${chunked.sent} bytes sent)`);
  // A Content-Length over the cap: refused from the head alone.
  const declared = await exchange(server.port, [`${post}Content-Length: 209715200\r\n\r\n`]);
  assert.equal(declared.responses[0]?.status, 413);
  // No length at all: a request has no body then (RFC 9112 §6.3), so the bytes that follow are a
  // malformed next request, refused within the head limit.
  const noLength = await flood(server.port, `${post}Connection: keep-alive\r\n\r\n`, 200 * MB, { filler: 'x' });
  assert.ok(noLength.responses.length >= 1 && noLength.responses.length <= 2);
  assert.ok([414, 431, 400].includes(noLength.responses.at(-1).status), `${noLength.responses.map((r) => r.status)}`);
  assert.ok(noLength.sent < 32 * MB);
  // A compressed body is refused before a byte of it is read, so nothing is ever inflated.
  const bomb = await exchange(server.port, [`${post}Content-Encoding: gzip\r\nContent-Length: 1000\r\n\r\n`,
    Buffer.alloc(1000)]);
  assert.equal(bomb.responses[0]?.status, 415);
  assert.equal(bomb.responses[0].json.error.code, 'unsupported_content_encoding');
  const { hwm } = memoryKb(server.child.pid);
  assert.ok(hwm < 100 * 1024, `peak RSS ${hwm} kB`);
});

test('heads: floods of fields and over-long lines are refused early', async () => {
  const headerFlood = await flood(server.port, 'GET / HTTP/1.1\r\nHost: t\r\n', 94 * MB, { filler: 'X-A: b\r\n' });
  assert.equal(headerFlood.responses[0]?.status, 431);
  assert.ok(headerFlood.sent < 32 * MB);
  const longField = await flood(server.port, 'GET / HTTP/1.1\r\nHost: t\r\nX-Long: ', 200 * MB);
  assert.equal(longField.responses[0]?.status, 431);
  const longLine = await flood(server.port, 'GET /', 200 * MB);
  assert.equal(longLine.responses[0]?.status, 414);
  assert.ok(longLine.sent < 32 * MB);
  const manyFields = await exchange(server.port, [`GET / HTTP/1.1\r\nHost: t\r\n${'X-A: b\r\n'.repeat(101)}\r\n`]);
  assert.equal(manyFields.responses[0]?.status, 431);
  assert.equal(manyFields.responses[0].json.error.code, 'too_many_headers');
  const { hwm } = memoryKb(server.child.pid);
  assert.ok(hwm < 100 * 1024, `peak RSS ${hwm} kB`);
});

test('every request-smuggling shape gets 400 and the connection closed', async () => {
  const body = '{"selfcare_id":"a","pw":"b"}'.padEnd(39, ' ');
  const post = 'POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nX-Portal-CSRF: 1\r\n';
  const shapes = {
    'two different Content-Length': `${post}Content-Length: 39\r\nContent-Length: 40\r\n\r\n${body}`,
    'the same Content-Length twice': `${post}Content-Length: 39\r\nContent-Length: 39\r\n\r\n${body}`,
    'Content-Length: +39': `${post}Content-Length: +39\r\n\r\n${body}`,
    'Content-Length: 39, 39': `${post}Content-Length: 39, 39\r\n\r\n${body}`,
    'Content-Length: 0x27': `${post}Content-Length: 0x27\r\n\r\n${body}`,
    'Transfer-Encoding: gzip, chunked': `${post}Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n`,
    'Transfer-Encoding: xchunked': `${post}Transfer-Encoding: xchunked\r\nContent-Length: 39\r\n\r\n${body}`,
    'Transfer-Encoding twice': `${post}Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    'Content-Length and Transfer-Encoding': `${post}Content-Length: 39\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    'chunked on HTTP/1.0': `POST /api/v1/auth/login HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    'a bare-LF header line': 'GET /api/v1/client-config HTTP/1.1\r\nHost: t\nX-Hidden: 1\r\n\r\n',
    'bare LF everywhere': 'GET /api/v1/client-config HTTP/1.1\nHost: t\n\n',
    'obs-fold': 'GET /api/v1/client-config HTTP/1.1\r\nHost: t\r\nX-Folded: a\r\n b\r\n\r\n',
    'space before the colon': 'GET /api/v1/client-config HTTP/1.1\r\nHost : t\r\n\r\n',
    'HTTP/1.1 without Host': 'GET /api/v1/client-config HTTP/1.1\r\n\r\n',
    'two Host fields': 'GET /api/v1/client-config HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n',
    'a NUL in a field': 'GET /api/v1/client-config HTTP/1.1\r\nHost: t\r\nX-A: a\0b\r\n\r\n',
    'HTTP/2.0 on the request line': 'GET /api/v1/client-config HTTP/2.0\r\nHost: t\r\n\r\n',
  };
  for (const [name, bytes] of Object.entries(shapes)) {
    const result = await exchange(server.port, [bytes, get('/api/v1/client-config')]);
    assert.equal(result.responses.length, 1, `${name}: one answer only`);
    assert.equal(result.responses[0].status, 400, name);
    assert.equal(result.responses[0].headers.connection, 'close', name);
    assert.ok(result.responses[0].json.error.message_en, name);
    assert.ok(result.closed, `${name}: closed`);
  }
  // A GET's body is read as its body, never as a second request.
  const hidden = get('/api/v1/SMUGGLED');
  const smuggle = await exchange(server.port,
    [`GET /api/v1/client-config HTTP/1.1\r\nHost: t\r\nContent-Length: ${hidden.length}\r\n\r\n${hidden}`,
      get('/api/v1/client-config', 'Connection: close\r\n')]);
  assert.deepEqual(smuggle.responses.map((r) => r.status), [200, 200]);
});

test('pipelined requests are all answered, in order', async () => {
  const result = await exchange(server.port, [
    get('/api/v1/client-config') + get('/api/v1/nothing-here') + get('/api/v1/auth/session') +
    get('/api/v1/client-config', 'Connection: close\r\n')]);
  assert.deepEqual(result.responses.map((r) => r.status), [200, 404, 401, 200]);
  assert.equal(result.responses[1].json.error.code, 'not_found');
  assert.ok(result.closed);
});

test('deadlines: a stalled body and an idle keep-alive connection are closed', async () => {
  const stalled = await exchange(server.port,
    ['POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n{"a"'], { timeoutMs: 6000 });
  assert.ok(stalled.closed && stalled.ms < 4000, `closed after ${stalled.ms} ms`);
  const idle = await exchange(server.port, [get('/api/v1/client-config')], { timeoutMs: 6000 });
  assert.equal(idle.responses[0].status, 200);
  assert.ok(idle.closed && idle.ms >= 1500 && idle.ms < 4000, `closed after ${idle.ms} ms`);
});

test('memory goes back near its start after the attacks', async () => {
  let rss = memoryKb(server.child.pid).rss;
  for (let i = 0; i < 40 && rss > startRss + 20 * 1024; ++i) {
    await sleep(250);
    rss = memoryKb(server.child.pid).rss;
  }
  assert.ok(rss < startRss + 20 * 1024, `RSS ${rss} kB, ${startRss} kB at the start`);
});

test('connection caps: beyond the per-address limit a 503 JSON answer, then service again', async () => {
  const capped = await startServer(['--max-connections-per-address', '8']);
  const held = [];
  try {
    for (let i = 0; i < 8; ++i) {
      const socket = net.connect(capped.port, '127.0.0.1');
      socket.on('error', () => {});
      await new Promise((resolve) => socket.once('connect', resolve));
      held.push(socket);
    }
    await sleep(200);
    const refused = await exchange(capped.port, [get('/api/v1/client-config')], { expect: 1 });
    assert.equal(refused.responses[0]?.status, 503);
    assert.equal(refused.responses[0].json.error.code, 'server_busy');
    for (const s of held) s.destroy();
    await sleep(300);
    assert.equal((await timedGet(capped.port, '/api/v1/client-config')).status, 200);
  } finally {
    for (const s of held) s.destroy();
    await capped.cleanup();
  }
});
