/**
 * The deployment files (Dockerfile, .dockerignore, compose.yaml, deploy/morning-post.service),
 * checked without Docker or systemd: what they run exists and accepts its arguments, every
 * variable they set is one the configuration reads, the health check's own command passes against
 * the real server on a published sample site (and fails without a site), the image runs as a user
 * other than root, and the unit and compose files have what they need.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_ENV_VARS } from '../src/config/load.js';
import { ConfigSchema } from '../src/config/schema.js';
import { fixedClock } from '../src/core/clock.js';
import { memoryLogger } from '../src/lib/logger.js';
import { runEdition } from '../src/pipeline/edition.js';
import { publishSite } from '../src/pipeline/publish.js';
import { readSampleDay } from '../src/pipeline/sample.js';
import { type RunningServer, startServer } from '../src/server/index.js';
import { storeTarget } from '../src/store/index.js';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { cli } from '../src/testing/cli/run.js';
import {
  type DockerStage,
  dockerEnv,
  execForm,
  parseDockerfile,
  parseUnitFile,
  parseYamlSubset,
  type YamlValue,
} from '../src/testing/deploy/files.js';
import { REPO_ROOT } from '../src/testing/sources/fixtures.js';
import { newsroomWriter } from '../src/writers/newsroom/index.js';

const run = promisify(execFile);
const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const CONFIG_NAMES = new Set(CONFIG_ENV_VARS.map((v) => v.name));

const dockerfile = parseDockerfile(read('Dockerfile'));
const runtime = dockerfile.stages[dockerfile.stages.length - 1] as DockerStage;
const unit = parseUnitFile(read('deploy/morning-post.service'));
const compose = parseYamlSubset(read('compose.yaml'));

const all = (stage: DockerStage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword);
const one = (stage: DockerStage, keyword: string) => {
  const found = all(stage, keyword);
  expect(found, `one ${keyword} in the runtime stage`).toHaveLength(1);
  return found[0]?.args ?? '';
};
const runtimeEnv = Object.fromEntries(all(runtime, 'ENV').flatMap((i) => dockerEnv(i.args)));
const unitValues = (section: string, key: string) =>
  (unit[section] ?? []).filter(([k]) => k === key).map(([, value]) => value);
const unitValue = (section: string, key: string) => {
  const values = unitValues(section, key);
  expect(values, `[${section}] ${key}=`).toHaveLength(1);
  return values[0] ?? '';
};
const unitEnv = Object.fromEntries(
  unitValues('Service', 'Environment').map((pair) => pair.split('=', 2) as [string, string]),
);

function mapping(value: YamlValue | undefined, what: string): { [key: string]: YamlValue } {
  expect(value !== null && typeof value === 'object' && !Array.isArray(value), `${what} is a mapping`).toBe(
    true,
  );
  return value as { [key: string]: YamlValue };
}
function list(value: YamlValue | undefined, what: string): YamlValue[] {
  expect(Array.isArray(value), `${what} is a sequence`).toBe(true);
  return value as YamlValue[];
}
const services = mapping(mapping(compose, 'compose.yaml').services, 'services');
const app = mapping(services['morning-post'], 'services.morning-post');
const postgres = mapping(services.postgres, 'services.postgres');

/** Compose's `${NAME}`, `${NAME:-default}`, `${NAME-default}` and `${NAME:?message}`. */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(
    /\$\{(\w+)(?:(:?)([-?])([^}]*))?\}/g,
    (_, name: string, colon: string, op: string, rest: string) => {
      const value = env[name];
      const missing = value === undefined || (colon === ':' && value === '');
      if (!missing) return value ?? '';
      if (op === '?') throw new Error(`${name}: ${rest}`);
      return op === '-' ? rest : '';
    },
  );
}

/** dist/cli/main.js as the build makes it: from src/cli/main.ts, under tsconfig.build.json. */
function builtFrom(distPath: string): string {
  const build = JSON.parse(read('tsconfig.build.json')) as {
    compilerOptions: { rootDir: string; outDir: string };
    include: string[];
    exclude: string[];
  };
  const { rootDir, outDir } = build.compilerOptions;
  expect(distPath.startsWith(`${outDir}/`), `${distPath} is in ${outDir}/`).toBe(true);
  const source = join(rootDir, relative(outDir, distPath)).replace(/\.js$/, '.ts');
  expect(existsSync(join(REPO_ROOT, source)), `${source} exists`).toBe(true);
  expect(build.include).toContain(rootDir);
  for (const pattern of build.exclude)
    expect(globMatches(pattern, source), `${source} vs ${pattern}`).toBe(false);
  return source;
}

/** tsconfig's globs: a folder, or `**` and `*` patterns. */
function globMatches(pattern: string, path: string): boolean {
  if (!pattern.includes('*')) return path === pattern || path.startsWith(`${pattern}/`);
  const regex = pattern
    .split(/(\*\*\/|\*)/)
    .map((part) =>
      part === '**/' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${regex}$`).test(path);
}

/** The command line after `node dist/cli/main.js`, run from source with --help: it must parse. */
async function expectCommandParses(args: string[]): Promise<void> {
  const result = await cli([...args, '--help']);
  expect(result.code, result.stderr).toBe(0);
  expect(result.stdout).toMatch(new RegExp(`^Usage: morning-post ${args[0]} `));
  expect(result.stdout).toContain('--host <address>');
}

describe('Dockerfile', () => {
  it('builds in stages and runs on node:22-bookworm-slim with production dependencies only', () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime.from).toBe('node:22-bookworm-slim');
    const runs = dockerfile.stages.flatMap((stage) =>
      all(stage, 'RUN').map((i) => ({ stage, args: i.args })),
    );
    const build = runs.find((r) => /\bnpm run build\b/.test(r.args));
    expect(build, 'a stage runs npm run build').toBeDefined();
    expect(runs.some((r) => r.stage === build?.stage && /\bnpm ci\b(?!.*--omit=dev)/.test(r.args))).toBe(
      true,
    );
    const production = runs.find((r) => /\bnpm ci\b.*--omit=dev/.test(r.args));
    expect(production, 'a stage installs production dependencies with npm ci --omit=dev').toBeDefined();
    // The runtime takes node_modules from that stage and dist/ from the build, and installs nothing itself.
    const copies = all(runtime, 'COPY').map((i) => i.args);
    expect(copies).toContain(`--from=${production?.stage.name} /app/node_modules ./node_modules`);
    expect(copies).toContain(`--from=${build?.stage.name} /app/dist ./dist`);
    expect(all(runtime, 'RUN').some((i) => /\bnpm (ci|install)\b/.test(i.args))).toBe(false);
  });

  it('copies into the image every runtime file the package ships, and .dockerignore keeps what it reads', () => {
    const pkg = JSON.parse(read('package.json')) as { files: string[] };
    const docs = new Set(['README.md', 'LICENSE', 'CHANGELOG.md']);
    const runtimeFiles = ['package.json', ...pkg.files.filter((f) => !f.startsWith('!') && !docs.has(f))];
    const copied = all(runtime, 'COPY').map((i) => i.args.split(/\s+/).slice(-2));
    for (const file of runtimeFiles) {
      const found = copied.some(([from, to]) => {
        const target = (to ?? '').replace(/^\.\//, '');
        return from?.endsWith(file) || file === target || file.startsWith(target) || target === `${file}/`;
      });
      expect(found, `${file} is copied into the runtime image`).toBe(true);
    }
    // Every file a stage copies from the build context exists and is not ignored.
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    const fromContext = dockerfile.stages.flatMap((stage) =>
      all(stage, 'COPY')
        .filter((i) => !i.args.startsWith('--from='))
        .flatMap((i) => i.args.split(/\s+/).slice(0, -1)),
    );
    expect(fromContext).toEqual(
      expect.arrayContaining(['package-lock.json', 'src', 'samples/sample-day.json']),
    );
    for (const path of fromContext) {
      expect(existsSync(join(REPO_ROOT, path)), `${path} exists`).toBe(true);
      const top = path.split('/')[0] ?? '';
      expect(ignored, `.dockerignore leaves ${path} in the build context`).not.toContain(top);
    }
    for (const heavy of ['node_modules', 'dist', '.git', 'data']) expect(ignored).toContain(heavy);
  });

  it('runs as a user other than root, set before CMD, with the data folder a volume it owns', () => {
    const order = runtime.instructions.map((i) => i.keyword);
    const user = order.lastIndexOf('USER');
    expect(user, 'a USER line').toBeGreaterThan(-1);
    expect(user).toBeLessThan(order.lastIndexOf('CMD'));
    expect(user).toBeLessThan(order.lastIndexOf('HEALTHCHECK'));
    const name = one(runtime, 'USER');
    expect(name).not.toMatch(/^(root|0)(:|$)/);
    const dataDir = runtimeEnv.MORNING_POST_DATA_DIR ?? '';
    expect(dataDir).toMatch(/^\//);
    expect(execForm(one(runtime, 'VOLUME'))).toEqual([dataDir]);
    expect(all(runtime, 'RUN').some((i) => i.args.includes(`chown ${name}:${name} ${dataDir}`))).toBe(true);
    expect(runtimeEnv.MORNING_POST_SITE_DIR?.startsWith(`${dataDir}/`)).toBe(true);
  });

  it('sets only variables the configuration reads, and exposes the port it sets', () => {
    const names = Object.keys(runtimeEnv);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(CONFIG_NAMES, `${name} is read by src/config`).toContain(name);
    expect(one(runtime, 'EXPOSE')).toBe(runtimeEnv.PORT);
    // The values parse with the real schema.
    const config = ConfigSchema.parse({
      dataDir: runtimeEnv.MORNING_POST_DATA_DIR,
      site: { dir: runtimeEnv.MORNING_POST_SITE_DIR, port: runtimeEnv.PORT },
    });
    expect(config.site.port).toBe(8080);
  });

  it('starts the built CLI with a command and options the CLI accepts', async () => {
    const cmd = execForm(one(runtime, 'CMD'));
    expect(cmd.slice(0, 3)).toEqual(['node', 'dist/cli/main.js', 'start']);
    expect(builtFrom(cmd[1] ?? '')).toBe('src/cli/main.ts');
    // Inside a container the default 127.0.0.1 is unreachable from outside it.
    expect(cmd.slice(3)).toEqual(['--host', '0.0.0.0']);
    await expectCommandParses(cmd.slice(2));
  }, 120_000);
});

describe('the Dockerfile HEALTHCHECK against the real server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mp-deploy-'));
  const healthcheck = one(runtime, 'HEALTHCHECK');
  const command = execForm(healthcheck.replace(/^.*?\bCMD\s+/, ''));
  let published: RunningServer;
  let empty: RunningServer;

  beforeAll(async () => {
    // The shipped sample day, built and published as a fresh install without network does.
    const config = ConfigSchema.parse({ site: { dir: join(dir, 'site') } });
    const store = createSqliteStore({ file: ':memory:' });
    await store.migrate();
    const { edition } = await runEdition({
      store,
      config,
      clock: fixedClock('2026-12-07T06:00:00Z'),
      log: memoryLogger(),
      writer: newsroomWriter,
      sample: () => readSampleDay(),
    });
    await store.close();
    await publishSite([edition], config.site);
    published = await startServer({ siteDir: config.site.dir, publicUrl: config.site.url, port: 0 });
    empty = await startServer({ siteDir: join(dir, 'nothing-yet'), publicUrl: config.site.url, port: 0 });
  }, 120_000);
  afterAll(async () => {
    await published?.close();
    await empty?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const check = (server: RunningServer) =>
    run(command[0] === 'node' ? process.execPath : (command[0] ?? ''), command.slice(1), {
      env: { PATH: process.env.PATH ?? '', PORT: new URL(server.url).port },
      timeout: 30_000,
    }).then(
      () => 0,
      (error: { code: number }) => error.code,
    );

  it('calls /healthz with node (no curl in a slim image), on PORT', async () => {
    expect(command[0]).toBe('node');
    expect(command.join(' ')).toContain('/healthz');
    expect(command.join(' ')).toContain('process.env.PORT');
    expect(healthcheck).toMatch(/--start-period=\d+s/);
    const response = await fetch(`${published.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('passes against a published site and fails against a server without one, or no server', async () => {
    expect(await check(published)).toBe(0);
    expect((await fetch(`${empty.url}/healthz`)).status).toBe(503);
    expect(await check(empty)).toBe(1);
    const closed = await startServer({ siteDir: dir, publicUrl: 'http://localhost:8080', port: 0 });
    await closed.close();
    expect(await check(closed)).toBe(1);
  }, 60_000);
});

describe('compose.yaml workers', () => {
  const worker = mapping(services.worker, 'services.worker');

  it('run the same image as the app with the worker command, on the same store', () => {
    expect(worker.image).toBe(app.image);
    const command = list(worker.command, 'worker command').map(String);
    expect(command.slice(0, 2)).toEqual(['node', 'dist/cli/main.js']);
    builtFrom(command[1] ?? '');
    expect(command.slice(2)).toEqual(['worker']);
    const environment = mapping(worker.environment, 'worker environment');
    for (const name of Object.keys(environment))
      expect(CONFIG_NAMES, `${name} is read by src/config`).toContain(name);
    const appEnv = mapping(app.environment, 'environment');
    for (const name of ['DATABASE_URL', 'MORNING_POST_URL', 'SMTP_URL', 'MAIL_FROM'])
      expect(environment[name], name).toBe(appEnv[name]);
    expect(mapping(mapping(worker.depends_on, 'depends_on').postgres, 'depends_on.postgres')).toEqual({
      condition: 'service_healthy',
    });
  });
});

describe('compose.yaml', () => {
  it('runs the image built here with a named volume on the data folder and the exposed port', () => {
    expect(app.build).toBe('.');
    expect(app.init).toBe('true');
    expect(list(app.volumes, 'volumes')).toEqual([`morning-post-data:${runtimeEnv.MORNING_POST_DATA_DIR}`]);
    expect(list(app.ports, 'ports')).toEqual([`${runtimeEnv.PORT}:${runtimeEnv.PORT}`]);
    const declared = Object.keys(mapping(mapping(compose, 'compose.yaml').volumes, 'volumes'));
    expect(declared.sort()).toEqual(['morning-post-data', 'postgres-data']);
  });

  it('sets only variables the configuration reads, DATABASE_URL pointing at the postgres service', () => {
    const environment = mapping(app.environment, 'environment');
    for (const name of Object.keys(environment))
      expect(CONFIG_NAMES, `${name} is read by src/config`).toContain(name);
    const url = interpolate(String(environment.DATABASE_URL), { POSTGRES_PASSWORD: 'pw' });
    const target = storeTarget({ databaseUrl: url, dataDir: '/data' });
    expect(target.dialect).toBe('postgres');
    const parsed = new URL(url);
    expect(parsed.hostname).toBe('postgres');
    const pgEnv = mapping(postgres.environment, 'postgres environment');
    expect(decodeURIComponent(parsed.username)).toBe(pgEnv.POSTGRES_USER);
    expect(parsed.pathname).toBe(`/${pgEnv.POSTGRES_DB}`);
    expect(interpolate(String(pgEnv.POSTGRES_PASSWORD), { POSTGRES_PASSWORD: 'pw' })).toBe('pw');
    // No password is written into the file: compose stops when it is not set.
    expect(() => interpolate(String(environment.DATABASE_URL), {})).toThrow(/POSTGRES_PASSWORD/);
    // Optional settings left empty are skipped by the config loader, as if unset.
    for (const [name, value] of Object.entries(environment))
      if (name !== 'DATABASE_URL') expect(String(value)).toMatch(/^\$\{\w+:-[^}]*\}$/);
  });

  it('starts the app once Postgres 16 answers its health check, with its data on a volume', () => {
    expect(postgres.image).toBe('postgres:16');
    expect(mapping(mapping(app.depends_on, 'depends_on').postgres, 'depends_on.postgres')).toEqual({
      condition: 'service_healthy',
    });
    const health = mapping(postgres.healthcheck, 'healthcheck');
    expect(list(health.test, 'healthcheck.test')[0]).toBe('CMD-SHELL');
    expect(String(list(health.test, 'healthcheck.test')[1])).toMatch(/^pg_isready /);
    expect(list(postgres.volumes, 'postgres volumes')).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(Object.keys(services).sort()).toEqual(['morning-post', 'postgres', 'worker']);
  });

  it('is read strictly: a construct outside the subset is an error, not a guess', () => {
    expect(() => parseYamlSubset('a: &anchor 1\n')).toThrow(/& is not used/);
    expect(() => parseYamlSubset('a:\n\tb: 1\n')).toThrow(/tab/);
    expect(() => parseYamlSubset('a: 1\na: 2\n')).toThrow(/duplicate key a/);
    expect(() => parseYamlSubset('a:\n  b: 1\n   c: 2\n')).toThrow(/unexpected indentation/);
    expect(parseYamlSubset('a:\n  - "x # not a comment"  # a comment\n  - [b, "c d"]\n')).toEqual({
      a: ['x # not a comment', ['b', 'c d']],
    });
  });
});

describe('deploy/morning-post.service', () => {
  it('parses as a unit with the sections and keys systemd needs', () => {
    expect(Object.keys(unit)).toEqual(['Unit', 'Service', 'Install']);
    expect(unitValue('Unit', 'Description')).toBe('The AI Morning Post');
    expect(unitValue('Unit', 'After')).toContain('network-online.target');
    expect(unitValue('Install', 'WantedBy')).toBe('multi-user.target');
    expect(unitValue('Service', 'User')).not.toMatch(/^(root|0)$/);
    expect(unitValue('Service', 'EnvironmentFile')).toBe('/etc/morning-post.env');
    expect(unitValue('Service', 'Restart')).toBe('on-failure');
    expect(unitValue('Service', 'WorkingDirectory')).toMatch(/^\//);
  });

  it('is hardened, with only the data folder writable', () => {
    expect(unitValue('Service', 'NoNewPrivileges')).toBe('yes');
    expect(unitValue('Service', 'ProtectSystem')).toBe('strict');
    expect(unitValue('Service', 'ProtectHome')).toBe('yes');
    expect(unitValue('Service', 'PrivateTmp')).toBe('yes');
    const dataDir = unitEnv.MORNING_POST_DATA_DIR ?? '';
    expect(unitValues('Service', 'ReadWritePaths').flatMap((v) => v.split(/\s+/))).toEqual([dataDir]);
    expect(`/var/lib/${unitValue('Service', 'StateDirectory')}`).toBe(dataDir);
    expect(unitEnv.MORNING_POST_SITE_DIR?.startsWith(`${dataDir}/`)).toBe(true);
    expect(unitValue('Service', 'WorkingDirectory')).toBe(dataDir);
    // V8 needs writable executable memory: MemoryDenyWriteExecute would stop node.
    expect(unitValues('Service', 'MemoryDenyWriteExecute')).toEqual([]);
  });

  it('sets only variables the configuration reads', () => {
    expect(Object.keys(unitEnv).length).toBeGreaterThan(0);
    for (const name of Object.keys(unitEnv))
      expect(CONFIG_NAMES, `${name} is read by src/config`).toContain(name);
    expect(ConfigSchema.parse({ site: { port: unitEnv.PORT } }).site.port).toBe(8080);
  });

  it('starts the installed package’s built CLI with a command and options the CLI accepts', async () => {
    const [node, script, ...args] = unitValue('Service', 'ExecStart').split(/\s+/);
    expect(node).toMatch(/^\/\S*\/node$/);
    const installed = /\/node_modules\/morning-post\/(dist\/cli\/main\.js)$/.exec(script ?? '');
    expect(installed, `${script} is the package's dist/cli/main.js`).not.toBeNull();
    expect(builtFrom(installed?.[1] ?? '')).toBe('src/cli/main.ts');
    const bin = (JSON.parse(read('package.json')) as { bin: Record<string, string> }).bin['morning-post'];
    expect(bin).toBe(installed?.[1]);
    expect(args[0]).toBe('start');
    await expectCommandParses(args);
  }, 120_000);
});
