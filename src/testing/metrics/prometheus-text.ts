/**
 * @module testing/metrics/prometheus-text (test-only)
 * A strict reader of the Prometheus text exposition format (version 0.0.4), so tests check that
 * `/metrics` is what a Prometheus server accepts, not merely that it contains some words. It
 * throws, naming the line, on anything a scraper would refuse or that hides a bug: a malformed
 * line, an unknown TYPE, a family's samples split apart or seen before its TYPE, a duplicate
 * series, a label repeated, an unescaped quote, a histogram without its +Inf bucket, with buckets
 * that fall, or whose +Inf bucket disagrees with its _count, and a text that does not end in a newline.
 * @see https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

export interface MetricFamily {
  name: string;
  help?: string;
  type: MetricType;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES = new Set<MetricType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const SUFFIXES: Record<MetricType, readonly string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

export class ExpositionError extends Error {
  constructor(line: number, reason: string, text: string) {
    super(`line ${line}: ${reason}: ${JSON.stringify(text.slice(0, 200))}`);
    this.name = 'ExpositionError';
  }
}

/** Parses a whole exposition; every family by name, in order of appearance. */
export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  if (text.length > 0 && !text.endsWith('\n'))
    throw new ExpositionError(0, 'the text must end with a newline', '');
  const families = new Map<string, MetricFamily>();
  const seenSeries = new Set<string>();
  const closed = new Set<string>();
  let current: MetricFamily | undefined;
  const lines = text.split('\n').slice(0, -1);

  const familyOf = (sampleName: string): MetricFamily | undefined => {
    for (const family of families.values()) {
      for (const suffix of SUFFIXES[family.type]) if (sampleName === `${family.name}${suffix}`) return family;
    }
    return undefined;
  };
  const switchTo = (family: MetricFamily, lineNo: number, line: string) => {
    if (current === family) return;
    if (closed.has(family.name))
      throw new ExpositionError(lineNo, `samples of ${family.name} are not together`, line);
    if (current) closed.add(current.name);
    current = family;
  };

  lines.forEach((line, index) => {
    const lineNo = index + 1;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const meta = /^#\s+(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
      if (!meta) return; // a plain comment
      const [, keyword, name = '', rest = ''] = meta;
      if (!METRIC_NAME.test(name)) throw new ExpositionError(lineNo, `bad metric name ${name}`, line);
      const known = families.get(name);
      const family = known ?? { name, type: 'untyped' as MetricType, samples: [] };
      if (!known) families.set(name, family);
      if (keyword === 'TYPE') {
        const type = rest.trim() as MetricType;
        if (!TYPES.has(type)) throw new ExpositionError(lineNo, `unknown type ${rest}`, line);
        if (family.samples.length > 0)
          throw new ExpositionError(lineNo, `TYPE of ${name} after its samples`, line);
        if (known && known.type !== 'untyped')
          throw new ExpositionError(lineNo, `second TYPE for ${name}`, line);
        family.type = type;
      } else {
        if (family.help !== undefined) throw new ExpositionError(lineNo, `second HELP for ${name}`, line);
        family.help = unescapeHelp(rest, lineNo, line);
      }
      switchTo(family, lineNo, line);
      return;
    }
    const sample = parseSample(line, lineNo);
    let family = familyOf(sample.name);
    if (!family) {
      family = { name: sample.name, type: 'untyped', samples: [] };
      families.set(sample.name, family);
    }
    switchTo(family, lineNo, line);
    const key = `${sample.name}{${Object.entries(sample.labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(',')}}`;
    if (seenSeries.has(key)) throw new ExpositionError(lineNo, `duplicate series ${key}`, line);
    seenSeries.add(key);
    if (family.type === 'histogram' && sample.name.endsWith('_bucket') && sample.labels.le === undefined)
      throw new ExpositionError(lineNo, 'histogram bucket without le', line);
    family.samples.push(sample);
  });

  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

function parseSample(line: string, lineNo: number): Sample {
  const nameMatch = /^([a-zA-Z_:][a-zA-Z0-9_:]*)/.exec(line);
  if (!nameMatch?.[1]) throw new ExpositionError(lineNo, 'a sample must start with a metric name', line);
  const name = nameMatch[1];
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    let i = 1;
    for (;;) {
      while (rest[i] === ' ') i += 1;
      if (rest[i] === '}') {
        i += 1;
        break;
      }
      const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(rest.slice(i))?.[0];
      if (!labelName || !LABEL_NAME.test(labelName))
        throw new ExpositionError(lineNo, 'bad label name', line);
      i += labelName.length;
      if (rest[i] !== '=' || rest[i + 1] !== '"')
        throw new ExpositionError(lineNo, `label ${labelName} without ="…"`, line);
      i += 2;
      let value = '';
      for (;;) {
        const char = rest[i];
        if (char === undefined) throw new ExpositionError(lineNo, 'unterminated label value', line);
        if (char === '"') break;
        if (char === '\\') {
          const next = rest[i + 1];
          if (next === 'n') value += '\n';
          else if (next === '\\' || next === '"') value += next;
          else throw new ExpositionError(lineNo, `bad escape \\${next ?? ''} in a label value`, line);
          i += 2;
          continue;
        }
        value += char;
        i += 1;
      }
      i += 1;
      if (labelName in labels) throw new ExpositionError(lineNo, `label ${labelName} repeated`, line);
      labels[labelName] = value;
      if (rest[i] === ',') i += 1;
      else if (rest[i] !== '}') throw new ExpositionError(lineNo, 'labels must be separated by commas', line);
    }
    rest = rest.slice(i);
  }
  const parts = /^ +(\S+)(?: +(-?\d+))? *$/.exec(rest);
  if (!parts?.[1])
    throw new ExpositionError(lineNo, 'a sample needs one value (and maybe a timestamp)', line);
  const value = parseValue(parts[1]);
  if (value === undefined) throw new ExpositionError(lineNo, `not a number: ${parts[1]}`, line);
  return { name, labels, value, ...(parts[2] ? { timestamp: Number(parts[2]) } : {}) };
}

/** As Prometheus reads it (Go's ParseFloat): NaN and Inf in any case, so prom-client's `Nan` is fine. */
function parseValue(text: string): number | undefined {
  if (/^\+?inf(inity)?$/i.test(text)) return Number.POSITIVE_INFINITY;
  if (/^-inf(inity)?$/i.test(text)) return Number.NEGATIVE_INFINITY;
  if (/^nan$/i.test(text)) return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) return undefined;
  return Number(text);
}

function unescapeHelp(text: string, lineNo: number, line: string): string {
  return text.replace(/\\(.?)/g, (_, next: string) => {
    if (next === 'n') return '\n';
    if (next === '\\') return '\\';
    throw new ExpositionError(lineNo, `bad escape \\${next} in HELP`, line);
  });
}

/** Buckets rise with le, end at +Inf, and the +Inf bucket equals _count, for every label set. */
function checkHistogram(family: MetricFamily): void {
  const series = new Map<string, { buckets: Array<[number, number]>; count?: number; sum?: number }>();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)));
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (sample.name.endsWith('_bucket')) {
      const bound = parseValue(le ?? '');
      if (bound === undefined) throw new ExpositionError(0, `${family.name}: bad le ${le}`, key);
      entry.buckets.push([bound, sample.value]);
    } else if (sample.name.endsWith('_count')) entry.count = sample.value;
    else entry.sum = sample.value;
  }
  for (const [key, entry] of series) {
    const sorted = [...entry.buckets].sort(([a], [b]) => a - b);
    const last = sorted.at(-1);
    if (!last || last[0] !== Number.POSITIVE_INFINITY)
      throw new ExpositionError(0, `${family.name}: no +Inf bucket`, key);
    sorted.forEach(([, value], i) => {
      const before = sorted[i - 1];
      if (before && value < before[1]) throw new ExpositionError(0, `${family.name}: buckets fall`, key);
    });
    if (entry.count === undefined || entry.sum === undefined)
      throw new ExpositionError(0, `${family.name}: _count or _sum missing`, key);
    if (entry.count !== last[1])
      throw new ExpositionError(0, `${family.name}: +Inf bucket is not _count`, key);
  }
}

/** The value of one series of a family: the sample whose labels include all of `labels`. */
export function sampleValue(
  families: Map<string, MetricFamily>,
  sampleName: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const family of families.values())
    for (const sample of family.samples)
      if (sample.name === sampleName && Object.entries(labels).every(([k, v]) => sample.labels[k] === v))
        return sample.value;
  return undefined;
}
