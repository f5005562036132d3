/**
 * @module testing/sources/recordings
 * Readers for the third-party recording formats found in ../shared/fixtures/real (PyGithub replay
 * files, octokit nock fixtures, VCR cassettes), turned into plain exchanges for our tests.
 */
import { readFileSync } from 'node:fs';

/** One recorded request and its answer. */
export interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: [string, string][];
  body: string;
}

/** PyGithub's plain-text recording: 10 lines per exchange, exchanges separated by a blank line. */
export function readPygithubReplay(path: string): Exchange[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const exchanges: Exchange[] = [];
  for (let start = 0; start + 8 < lines.length; start += 11) {
    const headerLine = lines[start + 8] ?? '';
    const headers = [...headerLine.matchAll(/\('([^']*)', (?:'([^']*)'|"([^"]*)")\)/g)].map(
      (match): [string, string] => [match[1] ?? '', match[2] ?? match[3] ?? ''],
    );
    exchanges.push({
      method: lines[start + 1] ?? 'GET',
      path: lines[start + 4] ?? '',
      status: Number(lines[start + 7]),
      headers: headers.filter(([name]) => name.toLowerCase() !== 'status'),
      body: lines[start + 9] ?? '',
    });
  }
  return exchanges;
}

/** octokit/fixtures' nock recordings: a JSON array; `rawHeaders` is a flat name, value list. */
export function readOctokitNock(path: string): Exchange[] {
  const entries = JSON.parse(readFileSync(path, 'utf8')) as Array<{
    method: string;
    path: string;
    status: number;
    response: unknown;
    rawHeaders?: string[];
  }>;
  return entries.map((entry) => {
    const raw = entry.rawHeaders ?? [];
    const headers: [string, string][] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) headers.push([raw[i] ?? '', raw[i + 1] ?? '']);
    return {
      method: entry.method.toUpperCase(),
      path: entry.path,
      status: entry.status,
      headers,
      body: JSON.stringify(entry.response),
    };
  });
}

/** VCR 2.x cassettes (octokit.rb): `http_interactions[].response.body.string`. */
export function readVcrCassette(path: string): Exchange[] {
  const cassette = JSON.parse(readFileSync(path, 'utf8')) as {
    http_interactions: Array<{
      request: { method: string; uri: string };
      response: { status: { code: number }; headers: Record<string, string[]>; body: { string: string } };
    }>;
  };
  return cassette.http_interactions.map((interaction) => ({
    method: interaction.request.method.toUpperCase(),
    path: new URL(interaction.request.uri).pathname + new URL(interaction.request.uri).search,
    status: interaction.response.status.code,
    headers: Object.entries(interaction.response.headers).flatMap(([name, values]) =>
      values.map((value): [string, string] => [name, value]),
    ),
    body: interaction.response.body.string,
  }));
}

/** The recorded answer as a fetch Response (a 304 carries no body; encodings no longer apply). */
export function toResponse(exchange: Exchange): Response {
  const headers = exchange.headers.filter(
    ([name]) => !/^(content-encoding|transfer-encoding|content-length)$/i.test(name),
  );
  return new Response(exchange.status === 304 ? null : exchange.body, { status: exchange.status, headers });
}

export function headersOf(exchange: Exchange): Headers {
  return new Headers(
    exchange.headers.filter(([name]) => !/^(content-encoding|transfer-encoding)$/i.test(name)),
  );
}
