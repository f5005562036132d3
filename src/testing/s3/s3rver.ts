/**
 * @module testing/s3/s3rver
 * Test helper: a real S3-protocol server (s3rver, objects kept in a temporary folder) on
 * 127.0.0.1, a client for it, and a log of the requests it received. It can be stopped and
 * started again on the same port and folder, so a test can fail an upload half-way and resume.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';

/** The part of s3rver 3.x's (untyped) API we use. */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer: Server;
}
type S3rverClass = new (options: {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  configureBuckets: { name: string }[];
}) => S3rverInstance;

const S3rver = createRequire(import.meta.url)('s3rver') as S3rverClass;

export interface ReceivedRequest {
  method: string;
  /** The path with its query, bucket first (path-style). */
  url: string;
}

export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** Every request received since start (or since `requests.length = 0`). */
  requests: ReceivedRequest[];
  /** A client for this server: path-style, fixed test credentials, no retries. */
  client(): S3Client;
  /** Stops answering: open connections are cut, new ones refused. */
  stop(): Promise<void>;
  /** Answers again on the same port with the same objects. */
  restart(): Promise<void>;
  /** Stops and removes the folder. */
  close(): Promise<void>;
}

export async function startTestS3(bucket = 'site'): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), 'mp-s3-'));
  const requests: ReceivedRequest[] = [];
  let port = 0;
  let server: S3rverInstance | undefined;
  const clients: S3Client[] = [];

  const start = async () => {
    const instance = new S3rver({
      address: '127.0.0.1',
      port,
      directory,
      silent: true,
      configureBuckets: [{ name: bucket }],
    });
    const address = await instance.run();
    port = address.port;
    // The test client makes one attempt, so a kept-alive socket the server closed while a test was
    // rendering (Node's default: after 5 s idle) would fail its next request: keep them longer.
    instance.httpServer.keepAliveTimeout = 120_000;
    instance.httpServer.on('request', (req) =>
      requests.push({ method: req.method ?? '', url: req.url ?? '' }),
    );
    server = instance;
  };
  const stop = async () => {
    const running = server;
    server = undefined;
    if (!running) return;
    const closed = running.close();
    running.httpServer.closeAllConnections();
    await closed;
  };
  await start();
  const endpoint = `http://127.0.0.1:${port}`;

  return {
    endpoint,
    bucket,
    requests,
    client() {
      const client = new S3Client({
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    stop,
    restart: start,
    async close() {
      for (const client of clients) client.destroy();
      await stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
