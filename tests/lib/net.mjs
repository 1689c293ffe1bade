// Loopback helpers shared by the server and browser tests.
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
