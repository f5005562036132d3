/**
 * @module testing/api/openapi-walk (test-only: excluded from the build)
 * Walks a running API by its own OpenAPI document: checks the document against the OpenAPI 3.1
 * schema, then calls every documented path and method with parameters filled from the
 * document's examples (and once with none), follows `links.next` cursors and every API link an
 * answer holds, and checks each answer's status, headers and body against the document (ajv,
 * JSON Schema 2020-12). Returns what it saw, so a test can also insist that every path answered
 * 200 at least once.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

// ajv-formats is CommonJS: its default export is what `module.exports` holds, the plugin itself.
const addFormats = formats as unknown as typeof formats.default;

// biome-ignore lint/suspicious/noExplicitAny: the walk reads an arbitrary document and arbitrary answers
type Json = Record<string, any>;

export interface WalkResult {
  document: Json;
  /** Every request made: method, path template, URL, status. */
  calls: { method: string; template: string; url: string; status: number }[];
  /** Problems found; empty when the API matches its document. */
  failures: string[];
}

const METHODS = ['get', 'head', 'options'] as const;

export async function walkOpenApi(base: string, options: { maxCalls?: number } = {}): Promise<WalkResult> {
  const failures: string[] = [];
  const calls: WalkResult['calls'] = [];
  const documentResponse = await fetch(`${base}/api/v1/openapi.json`);
  const document = (await documentResponse.json()) as Json;

  const validator = new Validator();
  const checked = await validator.validate(structuredClone(document));
  if (!checked.valid) failures.push(`the document is not valid OpenAPI: ${JSON.stringify(checked.errors)}`);

  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const compiled = new Map<string, ValidateFunction>();
  const validatorFor = (schema: Json): ValidateFunction => {
    const key = JSON.stringify(schema);
    const known = compiled.get(key);
    if (known) return known;
    const fn = ajv.compile({ ...schema, components: document.components });
    compiled.set(key, fn);
    return fn;
  };
  const resolve = (value: Json): Json => {
    if (typeof value?.$ref !== 'string') return value;
    const path = (value.$ref as string).replace(/^#\//, '').split('/');
    return path.reduce<Json>((node, key) => node?.[key], document);
  };

  // Every example the document shows is an answer it allows.
  for (const [template, item] of Object.entries<Json>(document.paths ?? {})) {
    for (const method of METHODS) {
      for (const [status, response] of Object.entries<Json>(item[method]?.responses ?? {})) {
        for (const [type, media] of Object.entries<Json>(resolve(response).content ?? {})) {
          if (media.example === undefined) continue;
          const validate = validatorFor(media.schema as Json);
          if (!validate(media.example))
            failures.push(
              `${method.toUpperCase()} ${template} ${status} ${type}: the example does not match: ${ajv.errorsText(validate.errors)}`,
            );
        }
      }
    }
  }

  // The document names absolute URLs under its server; the walk sends them to `base`.
  const server = String(document.servers?.[0]?.url ?? '');
  const publicRoot = server.replace(/\/api\/v1$/, '');
  const local = (url: string) =>
    url.startsWith(publicRoot) ? `${base}${url.slice(publicRoot.length)}` : url;
  const templates = Object.keys(document.paths ?? {}).map((template) => ({
    template,
    pattern: new RegExp(`^/api/v1${template.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`),
  }));
  const templateOf = (url: string) => {
    const { pathname } = new URL(url);
    return templates.find((t) => t.pattern.test(pathname))?.template;
  };

  const queue: { method: (typeof METHODS)[number]; url: string }[] = [];
  const seen = new Set<string>();
  const enqueue = (method: (typeof METHODS)[number], url: string) => {
    const key = `${method} ${url}`;
    if (seen.has(key)) return;
    seen.add(key);
    queue.push({ method, url });
  };

  for (const [template, item] of Object.entries<Json>(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const parameters = (operation.parameters ?? []) as Json[];
      let path = template;
      for (const p of parameters.filter((p) => p.in === 'path'))
        path = path.replace(`{${p.name}}`, encodeURIComponent(String(p.example)));
      const query = new URLSearchParams();
      for (const p of parameters.filter((p) => p.in === 'query' && p.example !== undefined))
        query.set(p.name, String(p.example));
      const url = `${base}/api/v1${path}`;
      enqueue(method, url);
      if ([...query].length) enqueue(method, `${url}?${query}`);
    }
  }

  const maxCalls = options.maxCalls ?? 400;
  while (queue.length > 0 && calls.length < maxCalls) {
    const { method, url } = queue.shift() as (typeof queue)[number];
    const template = templateOf(url);
    if (!template) {
      failures.push(`${url}: linked, but no documented path matches it`);
      continue;
    }
    const operation = document.paths[template][method] as Json;
    const headers: Record<string, string> =
      method === 'options'
        ? { Origin: 'https://reader.example', 'Access-Control-Request-Method': 'GET' }
        : {};
    const response = await fetch(url, { method: method.toUpperCase(), headers });
    const text = await response.text();
    calls.push({ method, template, url, status: response.status });
    const where = `${method.toUpperCase()} ${url} → ${response.status}`;
    const documented = operation.responses?.[String(response.status)] as Json | undefined;
    if (!documented) {
      failures.push(`${where}: status not documented (${text.slice(0, 300)})`);
      continue;
    }
    const spec = resolve(documented);
    for (const name of Object.keys(spec.headers ?? {})) {
      const required = /^(ETag|Cache-Control|Access-Control-Allow-Origin|Allow|Retry-After)$/.test(name);
      if (required && !response.headers.has(name)) failures.push(`${where}: header ${name} missing`);
    }
    if (method !== 'get') {
      if (text.length > 0) failures.push(`${where}: a body where none belongs`);
      continue;
    }
    const content = spec.content as Json | undefined;
    if (!content) continue;
    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const media = content[type] as Json | undefined;
    if (!media) {
      failures.push(`${where}: content type ${type} not documented`);
      continue;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      failures.push(`${where}: the body is not JSON`);
      continue;
    }
    const validate = validatorFor(media.schema as Json);
    if (!validate(body))
      failures.push(`${where}: the body does not match the document: ${ajv.errorsText(validate.errors)}`);
    if (response.status !== 200) continue;
    // Follow every API link the answer holds (next pages, editions, subjects, authors).
    for (const link of apiLinks(body, publicRoot)) {
      enqueue('get', local(link));
    }
  }
  return { document, calls, failures };
}

function apiLinks(value: unknown, publicRoot: string): string[] {
  const out: string[] = [];
  const visit = (node: unknown) => {
    if (typeof node === 'string') {
      if (node.startsWith(`${publicRoot}/api/v1/`) && !node.endsWith('/openapi.json')) out.push(node);
    } else if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(value);
  return out;
}
