/**
 * @module testing/deploy/files
 * Strict readers for the deployment files the tests check without Docker or systemd: a
 * Dockerfile (instructions by stage), a systemd unit (INI sections with repeated keys), and the
 * small subset of YAML that compose.yaml is written in (block mappings and sequences, flow
 * sequences of scalars, plain and quoted scalars). Anything outside that subset is an error
 * naming the line, never a silent misreading.
 */

export interface DockerInstruction {
  line: number;
  keyword: string;
  args: string;
}

export interface DockerStage {
  from: string;
  name: string | undefined;
  instructions: DockerInstruction[];
}

export interface Dockerfile {
  /** `ARG`s before the first `FROM`, with their defaults. */
  args: Record<string, string>;
  stages: DockerStage[];
}

export function parseDockerfile(text: string): Dockerfile {
  const instructions: DockerInstruction[] = [];
  let pending: { line: number; text: string } | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trimEnd();
    // Comment lines are dropped, also inside a continued instruction, as Docker does.
    if (/^\s*#/.test(line)) return;
    if (!pending && line.trim() === '') return;
    const continued = line.endsWith('\\');
    const part = continued ? line.slice(0, -1) : line;
    pending = pending
      ? { line: pending.line, text: `${pending.text} ${part.trim()}` }
      : { line: index + 1, text: part.trim() };
    if (continued) return;
    const match = /^([A-Za-z]+)\s+(.*)$/.exec(pending.text);
    if (!match) throw new Error(`Dockerfile line ${pending.line}: not an instruction: ${pending.text}`);
    instructions.push({
      line: pending.line,
      keyword: (match[1] ?? '').toUpperCase(),
      args: (match[2] ?? '').trim(),
    });
    pending = undefined;
  });
  if (pending) throw new Error(`Dockerfile line ${pending.line}: ends inside a continued instruction`);

  const args: Record<string, string> = {};
  const stages: DockerStage[] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!match) throw new Error(`Dockerfile line ${instruction.line}: bad FROM ${instruction.args}`);
      const from = (match[1] ?? '').replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string, b: string) => {
        const name = a ?? b;
        const value = args[name];
        if (value === undefined)
          throw new Error(`Dockerfile line ${instruction.line}: ARG ${name} has no default`);
        return value;
      });
      stages.push({ from, name: match[2], instructions: [] });
    } else if (stages.length === 0) {
      if (instruction.keyword !== 'ARG')
        throw new Error(`Dockerfile line ${instruction.line}: only ARG may come before FROM`);
      const [name, value] = instruction.args.split('=', 2);
      if (name && value !== undefined) args[name] = value;
    } else {
      stages[stages.length - 1]?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

/** `ENV A=1 B=2` (and the old `ENV A 1`) as pairs. */
export function dockerEnv(args: string): Array<[string, string]> {
  if (!args.includes('=')) {
    const [name, ...rest] = args.split(/\s+/);
    return [[name ?? '', rest.join(' ')]];
  }
  return [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)].map((m) => [
    m[1] ?? '',
    (m[2] ?? '').startsWith('"') ? (JSON.parse(m[2] ?? '""') as string) : (m[2] ?? ''),
  ]);
}

/** The JSON (exec) form of CMD, ENTRYPOINT, VOLUME or `HEALTHCHECK … CMD [...]`. */
export function execForm(args: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string'))
    throw new Error(`not an exec-form array: ${args}`);
  return parsed;
}

export type UnitFile = Record<string, Array<[string, string]>>;

/** A systemd unit: `[Section]` headers and `Key=value` lines; `#`/`;` comments; keys may repeat. */
export function parseUnitFile(text: string): UnitFile {
  const sections: UnitFile = {};
  let current: Array<[string, string]> | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    if (raw.trimEnd().endsWith('\\'))
      throw new Error(`unit line ${index + 1}: continued lines are not used here`);
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) {
      const name = header[1] ?? '';
      if (sections[name]) throw new Error(`unit line ${index + 1}: section [${name}] twice`);
      current = sections[name] = [];
      return;
    }
    const pair = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(line);
    if (!pair) throw new Error(`unit line ${index + 1}: not Key=value: ${line}`);
    if (!current) throw new Error(`unit line ${index + 1}: a setting before any [Section]`);
    current.push([pair[1] ?? '', (pair[2] ?? '').trim()]);
  });
  return sections;
}

export type YamlValue = string | null | YamlValue[] | { [key: string]: YamlValue };

interface YamlLine {
  number: number;
  indent: number;
  text: string;
}

/** compose.yaml's subset of YAML; throws on anything else (tabs, anchors, tags, block scalars, flow maps). */
export function parseYamlSubset(source: string): YamlValue {
  const lines: YamlLine[] = [];
  source.split('\n').forEach((raw, index) => {
    if (/^\s*\t/.test(raw) || raw.includes('\t')) throw new Error(`YAML line ${index + 1}: tab`);
    const text = stripComment(raw, index + 1).trimEnd();
    if (text.trim() === '') return;
    if (text === '---' || text === '...') throw new Error(`YAML line ${index + 1}: one document only`);
    lines.push({ number: index + 1, indent: text.length - text.trimStart().length, text: text.trim() });
  });
  let position = 0;

  const block = (indent: number): YamlValue => {
    const first = lines[position];
    if (!first || first.indent !== indent)
      throw new Error(`YAML line ${first?.number ?? 'end'}: expected indent ${indent}`);
    return first.text === '-' || first.text.startsWith('- ') ? sequence(indent) : mapping(indent);
  };

  const nested = (parent: YamlLine): YamlValue => {
    const next = lines[position];
    if (next && next.indent > parent.indent) return block(next.indent);
    return null;
  };

  const sequence = (indent: number): YamlValue[] => {
    const items: YamlValue[] = [];
    for (let line = lines[position]; line && line.indent === indent; line = lines[position]) {
      if (!(line.text === '-' || line.text.startsWith('- ')))
        throw new Error(`YAML line ${line.number}: a mapping key among sequence items`);
      position += 1;
      const rest = line.text.slice(1).trim();
      if (rest === '') items.push(nested(line));
      else if (/^[^'"[][^:]*:(\s|$)/.test(rest))
        throw new Error(`YAML line ${line.number}: mappings in sequences are not used here`);
      else items.push(scalarOrFlow(rest, line.number));
      expectNoDeeper(indent);
    }
    return items;
  };

  const mapping = (indent: number): { [key: string]: YamlValue } => {
    const map: { [key: string]: YamlValue } = {};
    for (let line = lines[position]; line && line.indent === indent; line = lines[position]) {
      const match = /^([A-Za-z0-9_.-]+|"[^"]*"):(?:\s+(.*))?$/.exec(line.text);
      if (!match) throw new Error(`YAML line ${line.number}: expected "key: value", got ${line.text}`);
      const key = (match[1] ?? '').startsWith('"')
        ? (JSON.parse(match[1] ?? '') as string)
        : (match[1] ?? '');
      if (Object.hasOwn(map, key)) throw new Error(`YAML line ${line.number}: duplicate key ${key}`);
      position += 1;
      map[key] = match[2] === undefined ? nested(line) : scalarOrFlow(match[2], line.number);
      expectNoDeeper(indent);
    }
    return map;
  };

  const expectNoDeeper = (indent: number) => {
    const next = lines[position];
    if (next && next.indent > indent) throw new Error(`YAML line ${next.number}: unexpected indentation`);
  };

  if (lines.length === 0) return null;
  const value = block(lines[0]?.indent ?? 0);
  if (position < lines.length) throw new Error(`YAML line ${lines[position]?.number}: unexpected dedent`);
  return value;
}

function stripComment(raw: string, number: number): string {
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw[i];
    if (quote) {
      if (c === '\\' && quote === '"') i += 1;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      // A quote opens a quoted scalar only where one can start.
      if (i === 0 || /[\s[,:-]/.test(raw[i - 1] ?? '')) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(raw[i - 1] ?? ''))) {
      return raw.slice(0, i);
    }
  }
  if (quote) throw new Error(`YAML line ${number}: unterminated quote`);
  return raw;
}

function scalarOrFlow(text: string, number: number): YamlValue {
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw new Error(`YAML line ${number}: flow sequence must end on its line`);
    const inner = text.slice(1, -1).trim();
    if (inner === '') return [];
    const parts: string[] = [];
    let quote: string | undefined;
    let start = 0;
    for (let i = 0; i < inner.length; i += 1) {
      const c = inner[i];
      if (quote) {
        if (c === '\\' && quote === '"') i += 1;
        else if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === ',') {
        parts.push(inner.slice(start, i));
        start = i + 1;
      } else if (c === '[' || c === '{')
        throw new Error(`YAML line ${number}: nested flow collections are not used here`);
    }
    parts.push(inner.slice(start));
    return parts.map((part) => scalar(part.trim(), number));
  }
  return scalar(text, number);
}

function scalar(text: string, number: number): string | null {
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2)
      throw new Error(`YAML line ${number}: bad double-quoted scalar`);
    return JSON.parse(text) as string;
  }
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2)
      throw new Error(`YAML line ${number}: bad single-quoted scalar`);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (/^[&*!|>{%@`]/.test(text)) throw new Error(`YAML line ${number}: ${text[0]} is not used here`);
  if (/:\s/.test(text) || text.endsWith(':'))
    throw new Error(`YAML line ${number}: a plain scalar with ": " in it`);
  if (text === '~' || text === 'null') return null;
  return text;
}
