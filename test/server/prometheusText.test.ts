/** The strict Prometheus text parser the server's tests rely on: it accepts the format and rejects what a scraper would. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parsePrometheusText, sampleValue } from './prometheusText.ts';

const GOOD = [
  '# HELP up_total Things, with "quotes" and \\\\ in help',
  '# TYPE up_total gauge',
  'up_total{job="a",path="C:\\\\x",msg="say \\"hi\\"\\nbye"} 1.5e3',
  'up_total{job="b"} -Inf',
  '',
  '# TYPE lat histogram',
  'lat_bucket{le="+Inf"} 3',
  'lat_sum 1.25',
  'lat_count 3 1700000000000',
  '',
].join('\n');

describe('parsePrometheusText', () => {
  test('reads families, labels with escapes, special values and histogram suffixes', () => {
    const f = parsePrometheusText(GOOD);
    assert.equal(f.get('up_total')?.type, 'gauge');
    assert.equal(sampleValue(f, 'up_total', { job: 'a', path: 'C:\\x', msg: 'say "hi"\nbye' }), 1500);
    assert.equal(sampleValue(f, 'up_total', { job: 'b' }), -Infinity);
    assert.equal(sampleValue(f, 'lat_count'), 3);
    assert.equal(f.get('lat')?.samples.length, 3);
  });

  const bad: Array<[string, string, RegExp]> = [
    ['no final newline', '# TYPE a gauge\na 1', /newline/],
    ['a sample before its TYPE', 'a 1\n', /before its TYPE/],
    ['a bad value', '# TYPE a gauge\na one\n', /bad value/],
    ['a hex value', '# TYPE a gauge\na 0x10\n', /bad value/],
    ['an unquoted label', '# TYPE a gauge\na{x=1} 1\n', /not quoted/],
    ['a bad escape', '# TYPE a gauge\na{x="\\t"} 1\n', /bad escape/],
    ['a series twice', '# TYPE a gauge\na{x="1"} 1\na{x="1"} 2\n', /series twice/],
    ['TYPE twice', '# TYPE a gauge\n# TYPE a gauge\n', /TYPE twice/],
    ['an unknown type', '# TYPE a meter\n', /bad type/],
    ['a bad metric name', '# TYPE 1a gauge\n', /bad metric name/],
    ['a bad label name', '# TYPE a gauge\na{1x="v"} 1\n', /bad label name/],
    ['an unterminated label value', '# TYPE a gauge\na{x="v} 1\n', /unterminated|expected/],
    ['trailing junk', '# TYPE a gauge\na 1 2 3\n', /value and an optional timestamp/],
  ];
  for (const [what, text, error] of bad) test(`rejects ${what}`, () => assert.throws(() => parsePrometheusText(text), error));
});
