/**
 * @module testing/llm/http-server
 * The plumbing both scripted model servers share: a real node:http server on 127.0.0.1 at a
 * random port, JSON in and out, hanging responses that end when the server closes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface JsonRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The parsed body, or undefined when it was not JSON. */
  body: unknown;
  rawBody: string;
}

export type Answer = { status: number; body: unknown; headers?: Record<string, string> } | { hang: true };

export interface RunningServer {
  origin: string;
  close(): Promise<void>;
}

export async function startJsonServer(handle: (request: JsonRequest) => Answer): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        body = undefined;
      }
      const answer = handle({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body,
        rawBody,
      });
      if ('hang' in answer) return;
      const text = JSON.stringify(answer.body);
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(text)),
        ...answer.headers,
      });
      res.end(text);
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Idle connections stay open longer than any pause between a test's requests: with Node's 5 s
  // default, a client reusing a socket the server has just closed fails with ECONNRESET.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
