/**
 * @module bench/serve
 * Requests per second and latency of our static server, in the same run as two yardsticks: a bare
 * `node:http` server answering the same gzip bytes with the same headers from memory (what Node
 * itself costs, so ours / bare is the price of our own logic), and nginx serving the same folder.
 * All are loaded by wrk with gzip accepted. `npx tsx bench/serve.ts [siteDir] [page] [seconds]`
 * prints a table; without a folder it publishes the bench site `npm run bench` uses.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer as createHttpServer, type OutgoingHttpHeaders, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { lineBatch } from '../src/lib/line-batch.js';
import { createPrometheusMetrics } from '../src/lib/metrics/index.js';
import { pinoLogger } from '../src/lib/pino-logger.js';
import { startServer } from '../src/server/index.js';
import { publishedBenchSite } from './site.js';

const NGINX = '/usr/sbin/nginx';
const WRK = '/usr/bin/wrk';
const execFileAsync = promisify(execFile);
const WARM_UP_SECONDS = 2;

export interface WrkResult {
  requestsPerSecond: number;
  latency: { avgMs: number; maxMs: number; p50Ms?: number; p90Ms?: number; p99Ms?: number };
  /** Non-2xx/3xx responses plus socket errors; should be 0. */
  errors: number;
  /** Responses wrk counted. */
  requests?: number;
  /**
   * CPU time the server process spent per response (user + system). Less disturbed than req/s by
   * other work on the machine, which takes cores away but not CPU time per request.
   */
  cpuUsPerRequest?: number;
  bytesPerSecond?: string;
}

export interface ServeBenchResult {
  page: string;
  seconds: number;
  /** Set when a tool is absent; the numbers below are then missing too. */
  missing?: Array<'nginx' | 'wrk'>;
  error?: string;
  /** Our server as `serve` runs it: access log on (JSON lines, here to /dev/null) and metrics. */
  ours?: number;
  /** The same with the access log off (metrics still counted). */
  oursNoLog?: number;
  bare?: number;
  nginx?: number;
  /** ours / bare node:http requests per second. */
  ratioBare?: number;
  /** bare / ours CPU time per request: the same ratio measured in CPU rather than wall time. */
  cpuRatioBare?: number;
  /** ours / nginx requests per second. */
  ratio?: number;
  /** Bytes of the gzip body every server answered. */
  bodyBytes?: number;
  oursRun?: WrkResult;
  oursNoLogRun?: WrkResult;
  bareRun?: WrkResult;
  nginxRun?: WrkResult;
}

export async function benchmarkServe(options: {
  siteDir: string;
  page: string;
  seconds?: number;
}): Promise<ServeBenchResult> {
  const seconds = options.seconds ?? 10;
  const siteDir = resolve(options.siteDir);
  const page = options.page.startsWith('/') ? options.page : `/${options.page}`;
  const base: ServeBenchResult = { page, seconds };
  const missing = (
    [
      ['nginx', NGINX],
      ['wrk', WRK],
    ] as const
  ).flatMap(([name, path]) => (existsSync(path) ? [] : [name]));
  if (missing.length > 0) return { ...base, missing };

  const devNull = openSync('/dev/null', 'w');
  const logLines = lineBatch((chunk) => writeSync(devNull, chunk));
  const ourServer = (accessLog: boolean) =>
    startServer({
      siteDir,
      publicUrl: 'http://localhost:8080',
      port: 0,
      // As `serve` logs to a file or a pipe: JSON lines, written once per event-loop turn.
      log: pinoLogger({ level: 'info', format: 'json', write: (line) => logLines.push(line) }),
      accessLog,
      metrics: createPrometheusMetrics({ processMetrics: false }),
    });
  const ours = await ourServer(true);
  const oursNoLog = await ourServer(false);
  let bare: { url: string; stop(): Promise<void> } | undefined;
  const nginx = await startNginx(siteDir).catch((error: Error) => error);
  try {
    if (nginx instanceof Error) return { ...base, error: `nginx did not start: ${nginx.message}` };
    const oursUrl = ours.url + page;
    // The bare server answers exactly what ours answered: same bytes, same headers.
    const sample = await getRaw(oursUrl);
    if (sample.headers['content-encoding'] !== 'gzip') throw new Error(`${oursUrl} was not sent gzipped`);
    bare = await startBare(sample.body, sample.headers);
    const bareUrl = bare.url + page;
    const nginxUrl = nginx.url + page;
    const oursNoLogUrl = oursNoLog.url + page;
    const urls = [oursUrl, oursNoLogUrl, bareUrl, nginxUrl];
    for (const url of urls) await warm(url);
    // Node's JIT compiles the hot paths under load first; nginx has nothing to warm but gets the same.
    for (const url of urls) await wrk(url, WARM_UP_SECONDS);
    // Ours and the bare server live in this process; wrk is a child and not counted.
    const oursRun = await wrk(oursUrl, seconds, ownCpuMicros);
    const oursNoLogRun = await wrk(oursNoLogUrl, seconds, ownCpuMicros);
    const bareRun = await wrk(bareUrl, seconds, ownCpuMicros);
    const nginxRun = await wrk(nginxUrl, seconds, nginx.cpuMicros);
    const ratio = (a: number | undefined, b: number | undefined) =>
      a && b ? Math.round((a / b) * 100) / 100 : undefined;
    return {
      ...base,
      ours: oursRun.requestsPerSecond,
      oursNoLog: oursNoLogRun.requestsPerSecond,
      bare: bareRun.requestsPerSecond,
      nginx: nginxRun.requestsPerSecond,
      ratioBare: ratio(oursRun.requestsPerSecond, bareRun.requestsPerSecond),
      cpuRatioBare: ratio(bareRun.cpuUsPerRequest, oursRun.cpuUsPerRequest),
      ratio: ratio(oursRun.requestsPerSecond, nginxRun.requestsPerSecond),
      bodyBytes: sample.body.length,
      oursRun,
      oursNoLogRun,
      bareRun,
      nginxRun,
    };
  } catch (error) {
    return { ...base, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await ours.close();
    await oursNoLog.close();
    logLines.close();
    closeSync(devNull);
    await bare?.stop();
    if (!(nginx instanceof Error)) await nginx.stop();
  }
}

/** One gzip-accepting GET whose body is kept as sent (fetch would decode it). */
function getRaw(url: string): Promise<{ body: Buffer; headers: OutgoingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { 'Accept-Encoding': 'gzip' }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${url} answered ${res.statusCode}`));
        else resolve({ body: Buffer.concat(chunks), headers: res.headers });
      });
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/**
 * The floor of what Node's HTTP stack costs: no routing, no files, no negotiation, one fixed
 * answer with the header set our server sent (Date and connection headers are Node's own).
 */
async function startBare(
  body: Buffer,
  sent: OutgoingHttpHeaders,
): Promise<{ url: string; stop(): Promise<void> }> {
  const headers: string[] = [];
  for (const [name, value] of Object.entries(sent)) {
    if (['date', 'connection', 'keep-alive', 'transfer-encoding'].includes(name) || value === undefined)
      continue;
    headers.push(name, String(value));
  }
  const server = createHttpServer({ keepAliveTimeout: 5_000 }, (_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Fills the servers' caches and checks the page is there before measuring it. */
async function warm(url: string): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const response = await fetch(url, { headers: { 'Accept-Encoding': 'gzip' } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function nginxConfig(dir: string, siteDir: string, port: number): string {
  const temp = (name: string) => `${name}_temp_path ${join(dir, name)};`;
  // Quoted paths: a site folder may contain spaces.
  return `daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  types { text/html html; text/css css; application/xml xml; application/json json; image/svg+xml svg; image/png png; }
  default_type application/octet-stream;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  # The .gz copies publishing writes beside each file (our server sends the same), else on the fly.
  gzip_static on;
  gzip on;
  gzip_types text/css;
  gzip_vary on;
  server {
    listen 127.0.0.1:${port};
    root "${siteDir}";
    index index.html;
  }
}
`;
}

interface NginxProcess {
  url: string;
  /** CPU time (user + system) the single nginx process has used, from /proc; 10 ms steps. */
  cpuMicros(): number;
  stop(): Promise<void>;
}

async function startNginx(siteDir: string): Promise<NginxProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'mp-bench-nginx-'));
  const port = await freePort();
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, siteDir, port));
  const child = spawn(NGINX, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    if (child.exitCode !== null) break;
    const up = await fetch(`${url}/`).then(
      () => true,
      () => false,
    );
    if (up) return { url, stop, cpuMicros: () => processCpuMicros(child.pid) };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(stderr.trim() || 'not reachable after 5 s');
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** wrk runs as a child process: our server lives in this event loop and must keep serving. */
async function wrk(url: string, seconds: number, cpuMicros?: () => number): Promise<WrkResult> {
  const cpuBefore = cpuMicros?.();
  const { stdout } = await execFileAsync(WRK, [
    '-t2',
    '-c32',
    `-d${seconds}s`,
    '--latency',
    '-H',
    'Accept-Encoding: gzip',
    url,
  ]);
  const result = parseWrk(stdout);
  if (cpuMicros && cpuBefore !== undefined && result.requests)
    result.cpuUsPerRequest = Math.round(((cpuMicros() - cpuBefore) / result.requests) * 10) / 10;
  return result;
}

function ownCpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/** utime + stime of a process (fields 14 and 15 of /proc/PID/stat, in clock ticks of 10 ms). */
function processCpuMicros(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function toMs(text: string | undefined): number | undefined {
  const match = text?.match(/^([\d.]+)(us|ms|s|m)$/);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (UNIT_MS[match[2] ?? 'ms'] ?? 1) * 1000) / 1000;
}

export function parseWrk(output: string): WrkResult {
  const rps = output.match(/Requests\/sec:\s+([\d.]+)/);
  if (!rps) throw new Error(`wrk printed no Requests/sec:\n${output}`);
  const stats = output.match(/Latency\s+(\S+)\s+\S+\s+(\S+)/);
  const percentile = (p: number) => toMs(output.match(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm'))?.[1]);
  const non2xx = Number(output.match(/Non-2xx or 3xx responses:\s+(\d+)/)?.[1] ?? 0);
  const socket = output.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const socketErrors = socket ? socket.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return {
    requestsPerSecond: Math.round(Number(rps[1])),
    latency: {
      avgMs: toMs(stats?.[1]) ?? Number.NaN,
      maxMs: toMs(stats?.[2]) ?? Number.NaN,
      p50Ms: percentile(50),
      p90Ms: percentile(90),
      p99Ms: percentile(99),
    },
    errors: non2xx + socketErrors,
    requests: Number(output.match(/(\d+) requests in/)?.[1] ?? 0),
    bytesPerSecond: output.match(/Transfer\/sec:\s+(\S+)/)?.[1],
  };
}

export function formatServeBench(result: ServeBenchResult): string {
  if (result.missing) return `serve benchmark skipped: ${result.missing.join(' and ')} not installed`;
  if (result.error || !result.oursRun || !result.oursNoLogRun || !result.bareRun || !result.nginxRun)
    return `serve benchmark failed: ${result.error}`;
  const row = (name: string, run: WrkResult) =>
    `${name.padEnd(14)} ${String(run.requestsPerSecond).padStart(9)}  ${fmt(run.latency.avgMs)}  ${fmt(run.latency.p50Ms)}  ${fmt(run.latency.p99Ms)}  ${fmt(run.latency.maxMs)}  ${String(run.errors).padStart(6)}  ${(run.cpuUsPerRequest?.toFixed(1) ?? '-').padStart(10)}`;
  return [
    `GET ${result.page}, gzip (${result.bodyBytes} bytes), wrk -t2 -c32 -d${result.seconds}s, one after another`,
    'server             req/s    avg ms   p50 ms   p99 ms   max ms  errors  CPU µs/req',
    row('ours', result.oursRun),
    row('ours, no log', result.oursNoLogRun),
    row('bare node', result.bareRun),
    row('nginx', result.nginxRun),
    `ours / bare node:http = ${result.ratioBare} (in CPU per request ${result.cpuRatioBare})   ours / nginx = ${result.ratio}`,
    `ours = access log (JSON lines to /dev/null) and metrics on, as serve runs; "no log": access log off`,
  ].join('\n');
}

function fmt(ms: number | undefined): string {
  return (ms === undefined || Number.isNaN(ms) ? '-' : ms.toFixed(2)).padStart(7);
}

async function main(): Promise<void> {
  const [siteArg, page = '/', seconds = '10'] = process.argv.slice(2);
  const siteDir = siteArg || (await publishedBenchSite());
  try {
    console.log(formatServeBench(await benchmarkServe({ siteDir, page, seconds: Number(seconds) })));
  } finally {
    if (!siteArg) rmSync(siteDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
