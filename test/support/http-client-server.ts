/**
 * One real HTTP server on 127.0.0.1 for the client tests, with a route for
 * each behaviour a client must meet: success, 4xx, 5xx, a redirect, a
 * streamed body, a large body, a connection reset before and during the
 * response, and a request that is never answered. It records the headers of
 * every request as received, and destroys its open sockets on close so a test
 * file ends at once.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Each request received, in order: its method, path and headers as they arrived. */
  received: Array<{ method: string | undefined; path: string; headers: http.IncomingHttpHeaders }>;
  /** The headers of the last request received at `path`. */
  headersAt(path: string): http.IncomingHttpHeaders;
  /** An origin where nothing listens: connections are refused. */
  refusedOrigin: string;
  close(): Promise<void>;
}

export const BIG_BODY_BYTES = 2 * 1024 * 1024;

function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const status = /^\/status\/(\d{3})$/.exec(url.pathname);
  if (status) {
    res.writeHead(Number(status[1]), { 'content-type': 'text/plain', 'x-served-by': 'test' });
    res.end(`status ${status[1]}`);
    return;
  }
  switch (url.pathname) {
    case '/redirect':
      res.writeHead(302, { location: '/status/200' });
      res.end('moved');
      return;
    case '/stream': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      let chunk = 0;
      const next = (): void => {
        if (chunk === 5) return void res.end();
        res.write(`chunk ${chunk++}\n`);
        setImmediate(next);
      };
      next();
      return;
    }
    case '/big':
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.alloc(BIG_BODY_BYTES, 97));
      return;
    case '/reset':
      req.socket.destroy();
      return;
    case '/reset-mid-body':
      res.writeHead(200, { 'content-length': '100000' });
      res.write('partial', () => req.socket.destroy());
      return;
    case '/hang':
      return; // never answered
    default:
      res.writeHead(404);
      res.end();
  }
}

export async function startTestServer(): Promise<TestServer> {
  const received: TestServer['received'] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    received.push({ method: req.method, path: req.url ?? '', headers: req.headers });
    req.resume();
    route(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const refused = http.createServer();
  await new Promise<void>((resolve) => refused.listen(0, '127.0.0.1', resolve));
  const refusedPort = (refused.address() as AddressInfo).port;
  await new Promise<void>((resolve) => refused.close(() => resolve()));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    headersAt: (path) => {
      const found = received.findLast((r) => r.path === path);
      if (!found) throw new Error(`no request received at ${path}`);
      return found.headers;
    },
    refusedOrigin: `http://127.0.0.1:${refusedPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
