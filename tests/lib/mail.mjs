// The dev outbox's mail as a customer reads it, shared by the server and browser tests: the .eml
// files in order, MIME-decoded properly (multipart, base64, quoted-printable, UTF-8, RFC 2047
// headers), and the one-time code they carry.
import fs from 'node:fs';
import path from 'node:path';

// Splits a message (or a MIME part) into lower-cased headers (folded lines unfolded) and body.
export function splitMessage(raw) {
  const text = raw.replace(/\r\n/g, '\n');
  const end = text.indexOf('\n\n');
  const head = end < 0 ? text : text.slice(0, end);
  const body = end < 0 ? '' : text.slice(end + 2);
  const headers = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeQuotedPrintable(body) {
  const bytes = [];
  const soft = body.replace(/=\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function charsetOf(contentType) {
  const m = /charset="?([^";\s]+)"?/i.exec(contentType || '');
  return m ? m[1].toLowerCase() : 'utf-8';
}

function decodeBody(headers, body) {
  const transfer = (headers['content-transfer-encoding'] || '7bit').toLowerCase();
  let bytes;
  if (transfer === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (transfer === 'quoted-printable') bytes = decodeQuotedPrintable(body);
  else bytes = Buffer.from(body, 'utf8');
  return new TextDecoder(charsetOf(headers['content-type'])).decode(bytes);
}

// Every text part of the message, decoded to strings (text/plain first).
export function textParts(raw) {
  const { headers, body } = splitMessage(raw);
  const type = headers['content-type'] || 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type);
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split('--' + boundary[1]).slice(1);
    const out = [];
    for (const part of parts) {
      if (part.startsWith('--')) break;  // the closing delimiter
      out.push(...textParts(part.replace(/^\n/, '')));
    }
    return out.sort((a, b) => (a.type === 'text/plain' ? -1 : 0) - (b.type === 'text/plain' ? -1 : 0));
  }
  if (!/^text\//i.test(type)) return [];
  return [{ type: type.split(';')[0].toLowerCase(), text: decodeBody(headers, body) }];
}

// RFC 2047 encoded words ("=?UTF-8?B?...?=") in a header value.
export function decodeHeader(value) {
  return (value || '').replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=\s*/g, (_, charset, kind, data) => {
    const bytes = kind.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64')
      : decodeQuotedPrintable(data.replace(/_/g, ' '));
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  });
}

export function listMessages(outboxDir) {
  if (!fs.existsSync(outboxDir)) return [];
  return fs.readdirSync(outboxDir)
    .filter((name) => name.endsWith('.eml'))
    .map((name) => {
      const file = path.join(outboxDir, name);
      return { file, mtimeMs: fs.statSync(file).mtimeMs };
    })
    .sort((a, b) => a.mtimeMs - b.mtimeMs || a.file.localeCompare(b.file));
}

// The 6-digit code of one message: the number after its label (認証コード / code), else the
// first stand-alone 6-digit number of its text.
export function codeFromMessage(raw) {
  const parts = textParts(raw);
  for (const part of parts) {
    const m = /(?:認証コード|code)\s*[:：]\s*([0-9]{6})(?![0-9])/i.exec(part.text);
    if (m) return m[1];
  }
  for (const part of parts) {
    const m = /(?<![0-9])([0-9]{6})(?![0-9])/.exec(part.text);
    if (m) return m[1];
  }
  throw new Error('no 6-digit code in the message:\n' + raw.slice(0, 2000));
}

// Waits for a message newer than `afterCount` messages (see listMessages) sent to `to` (if
// given) and returns {code, to, subject, file}.
export async function waitForCode(outboxDir, { afterCount = 0, to = null, timeoutMs = 15000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const fresh = listMessages(outboxDir).slice(afterCount).reverse();
    for (const { file } of fresh) {
      const raw = fs.readFileSync(file, 'utf8');
      const { headers } = splitMessage(raw);
      if (to && !(headers.to || '').includes(to)) continue;
      // Security notices (a login from a new browser) carry no code: not the mail waited for.
      if (/新しいブラウザ|ログインを停止/.test(decodeHeader(headers.subject))) continue;
      return { code: codeFromMessage(raw), to: headers.to, subject: decodeHeader(headers.subject), file };
    }
    if (Date.now() > deadline) {
      throw new Error(`no new code mail in ${outboxDir} after ${timeoutMs} ms ` +
                      `(${listMessages(outboxDir).length} messages, waited for more than ${afterCount})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The newest message's raw text, or null when the outbox has none.
export function latestMail(outboxDir) {
  const messages = listMessages(outboxDir);
  return messages.length ? fs.readFileSync(messages.at(-1).file, 'utf8') : null;
}

export function mailCount(outboxDir) {
  return listMessages(outboxDir).length;
}

// Headers (lower-cased names, values as sent) and the first text part, decoded.
export function parseMail(raw) {
  const { headers } = splitMessage(raw);
  const parts = textParts(raw);
  return { headers, body: parts.length ? parts[0].text : '' };
}

// The one-time code of a message, or null when it carries none.
export function codeFromMail(raw) {
  try { return codeFromMessage(raw); } catch { return null; }
}
