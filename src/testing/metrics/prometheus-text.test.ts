import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sampleValue } from './prometheus-text.js';

const GOOD = `# HELP jobs_total Jobs run, by "outcome".\\nSecond line with a \\\\ backslash
# TYPE jobs_total counter
jobs_total{outcome="done"} 3
jobs_total{outcome="failed",step="say \\"hi\\"\\n"} 1 1700000000000
# A plain comment
# TYPE up gauge
up 1
# TYPE lat_seconds histogram
lat_seconds_bucket{route="/",le="0.1"} 1
lat_seconds_bucket{route="/",le="+Inf"} 2
lat_seconds_sum{route="/"} 0.35
lat_seconds_count{route="/"} 2
`;

describe('the strict Prometheus text parser', () => {
  it('reads families, types, help, labels with escapes, values and timestamps', () => {
    const families = parsePrometheusText(GOOD);
    expect([...families.keys()]).toEqual(['jobs_total', 'up', 'lat_seconds']);
    expect(families.get('jobs_total')).toMatchObject({
      type: 'counter',
      help: 'Jobs run, by "outcome".\nSecond line with a \\ backslash',
    });
    expect(families.get('jobs_total')?.samples[1]).toEqual({
      name: 'jobs_total',
      labels: { outcome: 'failed', step: 'say "hi"\n' },
      value: 1,
      timestamp: 1700000000000,
    });
    expect(sampleValue(families, 'lat_seconds_count', { route: '/' })).toBe(2);
    expect(sampleValue(families, 'up')).toBe(1);
  });

  it.each([
    ['no final newline', GOOD.trimEnd()],
    ['a value that is not a number', 'up one\n'],
    ['two values and a word', 'up 1 2 3\n'],
    ['an unquoted label value', 'up{a=b} 1\n'],
    ['an unterminated label value', 'up{a="b} 1\n'],
    ['a bad escape', 'up{a="\\t"} 1\n'],
    ['labels without a comma', 'up{a="1" b="2"} 1\n'],
    ['a repeated label', 'up{a="1",a="2"} 1\n'],
    ['a bad metric name', '1up 1\n'],
    ['an unknown type', '# TYPE up meter\nup 1\n'],
    ['a TYPE after its samples', 'up 1\n# TYPE up gauge\n'],
    ['a duplicate series', '# TYPE up gauge\nup{a="1"} 1\nup{a="1"} 2\n'],
    ['split samples', '# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\na{x="1"} 2\n'],
    ['a histogram without +Inf', '# TYPE h histogram\nh_bucket{le="1"} 1\nh_sum 1\nh_count 1\n'],
    [
      'falling buckets',
      '# TYPE h histogram\nh_bucket{le="1"} 2\nh_bucket{le="+Inf"} 1\nh_sum 1\nh_count 1\n',
    ],
    ['+Inf that is not _count', '# TYPE h histogram\nh_bucket{le="+Inf"} 2\nh_sum 1\nh_count 3\n'],
  ])('refuses %s', (_, text) => {
    expect(() => parsePrometheusText(text)).toThrow(/line \d+/);
  });
});
