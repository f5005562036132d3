import { describe, expect, it } from 'vitest';
import { type Route, type RouteHandler, RouteTable } from './routes.js';

const handler = (name: string): RouteHandler => Object.assign(() => undefined, { label: name });
const labelOf = (match: ReturnType<RouteTable['match']>) =>
  match.kind === 'handler' ? (match.handler as unknown as { label: string }).label : match.kind;

describe('RouteTable', () => {
  const routes: Route[] = [
    { method: 'GET', path: '/api/v1/*', handler: handler('api') },
    { method: 'OPTIONS', path: '/api/v1/*', handler: handler('api-options') },
    { method: 'GET', path: '/api/v1/special', handler: handler('exact') },
    { method: 'GET', path: '/api/v1/deeper/*', handler: handler('deeper') },
    { method: 'POST', path: '/subscribe', handler: handler('subscribe') },
  ];
  const table = new RouteTable(routes);

  it('answers every path under a prefix route, and nothing beside it', () => {
    expect(labelOf(table.match('GET', '/api/v1/editions'))).toBe('api');
    expect(labelOf(table.match('GET', '/api/v1/models/a/b'))).toBe('api');
    expect(labelOf(table.match('OPTIONS', '/api/v1/editions'))).toBe('api-options');
    expect(labelOf(table.match('GET', '/api/v1'))).toBe('none');
    expect(labelOf(table.match('GET', '/api/v10/editions'))).toBe('none');
    expect(labelOf(table.match('GET', '/editions/'))).toBe('none');
  });

  it('lets an exact path win over a prefix, and the longest prefix over a shorter one', () => {
    expect(labelOf(table.match('GET', '/api/v1/special'))).toBe('exact');
    expect(labelOf(table.match('GET', '/api/v1/deeper/x'))).toBe('deeper');
  });

  it('answers HEAD with GET, and names the allowed methods otherwise', () => {
    expect(labelOf(table.match('HEAD', '/api/v1/editions'))).toBe('api');
    expect(table.match('DELETE', '/api/v1/editions')).toEqual({
      kind: 'method-not-allowed',
      allow: 'GET, OPTIONS, HEAD',
    });
    expect(table.match('GET', '/subscribe')).toEqual({ kind: 'method-not-allowed', allow: 'POST' });
  });

  it('refuses a route given twice', () => {
    expect(
      () => new RouteTable([...routes, { method: 'GET', path: '/api/v1/*', handler: handler('again') }]),
    ).toThrow(/duplicate route GET \/api\/v1\/\*/);
  });
});
