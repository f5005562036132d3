/**
 * @module testing/sources/upstream
 * A project-owned stand-in for Hugging Face, GitHub and arXiv that answers every request a full
 * collection makes, from the sources' own `__fixtures__` (made-up data in upstream's shape).
 * Faults can be injected per source to check that one failing upstream never costs the others.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceId } from '../../core/item.js';
import type { Transport } from '../../lib/http/types.js';
import { REPO_ROOT } from './fixtures.js';

export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; times?: number }
  | { kind: 'hang' }
  | { kind: 'truncate' }
  | { kind: 'changed-markup' };

const fixture = (source: string, name: string) =>
  readFileSync(join(REPO_ROOT, 'src/sources', source, '__fixtures__', name), 'utf8');

const respond = (body: string, contentType: string) =>
  new Response(body, { headers: { 'content-type': contentType } });
const jsonFile = (name: string) => respond(fixture('huggingface', name), 'application/json');

/** Which source a request belongs to, from its URL alone. */
export function sourceOfRequest(url: URL): SourceId | undefined {
  if (url.host === 'huggingface.co') {
    if (url.pathname === '/api/models')
      return url.searchParams.get('sort') === 'createdAt' ? 'hf-new-models' : 'hf-models';
    if (url.pathname === '/api/trending' || /^\/api\/(users|organizations)\//.test(url.pathname))
      return 'hf-models';
    if (url.pathname === '/api/datasets') return 'hf-datasets';
    if (url.pathname === '/api/spaces') return 'hf-spaces';
    if (url.pathname === '/api/daily_papers') return 'hf-papers';
  }
  if (url.host === 'github.com') return 'github-trending';
  if (url.host === 'api.github.com')
    return url.pathname.endsWith('/releases/latest') ? 'github-releases' : 'github-trending';
  if (url.host === 'export.arxiv.org') return 'arxiv';
  return undefined;
}

function hub(url: URL): Response {
  const path = url.pathname;
  if (path === '/api/models') {
    return jsonFile(
      url.searchParams.get('sort') === 'createdAt' ? 'new-models-page-1.json' : 'models-trending-page-1.json',
    );
  }
  if (path === '/api/trending') return jsonFile('trending-models.json');
  if (path === '/api/datasets') return jsonFile('datasets-trending.json');
  if (path === '/api/spaces') return jsonFile('spaces-trending.json');
  if (path === '/api/daily_papers') {
    return url.searchParams.get('date') === '2026-08-21'
      ? jsonFile('daily-papers-2026-08-21.json')
      : respond('[]', 'application/json');
  }
  const overview = /^\/api\/(organizations|users)\/([^/]+)\/overview$/.exec(path);
  if (overview?.[1] === 'organizations') {
    return overview[2]?.endsWith('-lab')
      ? respond(JSON.stringify({ name: overview[2] }), 'application/json')
      : new Response('{"error":"Not found"}', { status: 404 });
  }
  if (overview?.[1] === 'users')
    return respond(JSON.stringify({ user: overview[2], type: 'user' }), 'application/json');
  return new Response('{"error":"Not found"}', { status: 404 });
}

function github(url: URL): Response {
  const since = url.searchParams.get('since') ?? 'daily';
  const language = url.pathname.split('/')[2];
  const name =
    language === 'python'
      ? `trending-${since}-python.html`
      : language
        ? 'trending-empty.html'
        : `trending-${since}.html`;
  return respond(fixture('github', name), 'text/html; charset=utf-8');
}

function githubApi(url: URL): Response {
  if (url.pathname.endsWith('/releases/latest'))
    return respond(fixture('github', 'api-release-example-lab-tiny-llm.json'), 'application/json');
  return new Response('{"message":"Not Found"}', {
    status: 404,
    headers: { 'content-type': 'application/json' },
  });
}

function healthy(url: URL): Response {
  if (url.host === 'huggingface.co') return hub(url);
  if (url.host === 'github.com') return github(url);
  if (url.host === 'api.github.com') return githubApi(url);
  if (url.host === 'export.arxiv.org')
    return respond(fixture('arxiv', 'query-page.atom.xml'), 'application/atom+xml');
  return new Response('not found', { status: 404 });
}

async function faulty(fault: Fault, request: Request, url: URL): Promise<Response> {
  switch (fault.kind) {
    case 'status':
      return new Response(JSON.stringify({ error: `injected ${fault.status}` }), {
        status: fault.status,
        headers: { 'content-type': 'application/json', ...fault.headers },
      });
    case 'hang':
      return new Promise<Response>((_, reject) => {
        if (request.signal.aborted) reject(request.signal.reason);
        request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
      });
    case 'truncate': {
      const body = await healthy(url).text();
      return respond(body.slice(0, Math.floor(body.length / 2)), 'application/json');
    }
    case 'changed-markup': {
      const body = await healthy(url).text();
      return respond(
        body.replaceAll('Box-row', 'TrendingRow').replaceAll('/stargazers', '/watchers'),
        'text/html',
      );
    }
  }
}

/** The fake upstream; `faults` makes one source's requests misbehave (the first `times` only, for statuses). */
export function fakeUpstream(
  faults: Partial<Record<SourceId, Fault>> = {},
): Transport & { requests: string[] } {
  const used = new Map<SourceId, number>();
  const requests: string[] = [];
  const transport = async (request: Request) => {
    const url = new URL(request.url);
    requests.push(url.toString());
    const source = sourceOfRequest(url);
    const fault = source ? faults[source] : undefined;
    if (source && fault) {
      const count = (used.get(source) ?? 0) + 1;
      used.set(source, count);
      const exhausted = fault.kind === 'status' && fault.times !== undefined && count > fault.times;
      if (!exhausted) return faulty(fault, request, url);
    }
    return healthy(url);
  };
  return Object.assign(transport, { requests });
}
