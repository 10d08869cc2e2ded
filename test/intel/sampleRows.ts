/** Valid, deterministic result rows for a registered query (from its declared columns), for fake-Dune tests. */
import type { ColumnSpec, QuerySpec } from '../../src/intel/registry.ts';

function value(type: ColumnSpec, i: number, name: string): unknown {
  const t = type.replace('?', '');
  if (t === 'double') return name.endsWith('_score') || name.endsWith('_share') || name.endsWith('_rate') ? 0.1 : 10 + i;
  if (t === 'bigint') return i + 1;
  if (t === 'timestamp') return `2026-03-01 ${String(i % 24).padStart(2, '0')}:00:00.000 UTC`;
  if (t === 'boolean') return i % 2 === 0;
  return name === 'action' ? (i === 0 ? 'all' : `action_${i}`) : name === 'regime' ? ['low', 'mid', 'high', 'mean_revert', 'jumpy', 'trend_up', 'trend_down'][i % 7] : `v${i}`;
}

export function sampleRows(spec: QuerySpec, n = 3): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => Object.fromEntries(Object.entries(spec.columns).map(([name, type]) => [name, value(type, i, name)])));
}
