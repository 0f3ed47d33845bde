/**
 * A proxy that answers nothing and writes down every request sent through it. Chromium
 * launched with `--proxy-server` pointing here routes every request it makes from any
 * context (pages, the service worker, offscreen documents, their workers) through it,
 * except loopback, which Chromium never proxies (the fixture server stays reachable). An
 * empty log means nothing left the machine.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function requestTrap(): Promise<{ flag: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  server.on('connect', (req, socket) => {
    requests.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    flag: `--proxy-server=http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
