// Loopback helpers shared by the server and browser tests.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import net from 'node:net';

// A TCP port free on 127.0.0.1 right now (the OS picks it; the caller binds it next).
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// True when process `pid` itself listens on 127.0.0.1:`port` (Linux /proc): a connection alone
// cannot tell a helper we started from another process that took the same port first.
export function listensOn(pid, port) {
  let inodes;
  try {
    inodes = new Set(readdirSync(`/proc/${pid}/fd`).map((fd) => {
      try { return /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1]; } catch { return undefined; }
    }).filter(Boolean));
  } catch {
    return false;  // gone
  }
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1).some((line) => {
    const f = line.trim().split(/\s+/);
    return f[1] === local && f[3] === '0A' && inodes.has(f[9]);  // 0A: LISTEN
  });
}
