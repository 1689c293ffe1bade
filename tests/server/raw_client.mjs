// Raw-socket helpers for the hostile-client suite: send exact bytes (whatever a proper client
// would refuse to send), read back every HTTP/1.1 answer on the connection, and read the server
// process's memory from /proc. Every wait is bounded.
import { readFileSync } from 'node:fs';
import net from 'node:net';

// The answers found in `raw` (a Buffer): [{status, headers, body}], framed by Content-Length.
export function parseResponses(raw) {
  const responses = [];
  let at = 0;
  while (at < raw.length) {
    const end = raw.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const lines = raw.subarray(at, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0])?.[1]);
    const headers = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = status === 304 || status === 204 ? 0 : Number(headers['content-length'] ?? 0);
    if (end + 4 + length > raw.length) break;
    const body = raw.subarray(end + 4, end + 4 + length).toString('utf8');
    responses.push({ status, headers, body, json: body.startsWith('{') ? JSON.parse(body) : null });
    at = end + 4 + length;
  }
  return responses;
}

// Opens a connection, writes each of `chunks` (strings or Buffers), then collects what comes
// back until the server closes or `timeoutMs` passes. Resolves {responses, closed, ms}.
export function exchange(port, chunks, { timeoutMs = 5000, expect = Infinity } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1');
    const received = [];
    let closed = false;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ responses: parseResponses(Buffer.concat(received)), closed, ms: Date.now() - started });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('connect', () => { for (const chunk of chunks) socket.write(chunk); });
    socket.on('data', (data) => {
      received.push(data);
      if (parseResponses(Buffer.concat(received)).length >= expect) finish();
    });
    socket.on('error', () => { closed = true; finish(); });
    socket.on('close', () => { closed = true; finish(); });
  });
}

// Streams `total` bytes of `filler` after `head` as fast as the server takes them, and stops at
// the first answer or when the server closes. Resolves {responses, closed, sent}.
export function flood(port, head, total, { filler = 'a', timeoutMs = 20000 } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const block = Buffer.alloc(64 * 1024, filler);
    const received = [];
    let sent = 0;
    let done = false;
    const finish = (closed) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ responses: parseResponses(Buffer.concat(received)), closed, sent });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    const pump = () => {
      while (!done && sent < total) {
        sent += block.length;
        if (!socket.write(block)) return socket.once('drain', pump);
      }
    };
    socket.on('connect', () => { socket.write(head); pump(); });
    socket.on('data', (data) => {
      received.push(data);
      if (parseResponses(Buffer.concat(received)).length > 0) finish(false);
    });
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
  });
}

// kB figures of /proc/PID/status: VmRSS (now) and VmHWM (peak).
export function memoryKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(status)[1]);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

// A plain GET on a fresh connection; resolves {status, ms} (status 0 when nothing came back).
export async function timedGet(port, path, timeoutMs = 3000) {
  const result = await exchange(port, [`GET ${path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n`],
    { timeoutMs, expect: 1 });
  return { status: result.responses[0]?.status ?? 0, ms: result.ms };
}
