/**
 * The shipped three-way comparison (experiments/three-way.json) at 1,000 episodes per variant, the
 * agent and all eight baselines on every path, in a fresh data dir: prints the wall time (target
 * under 3 minutes on a 2-core machine), the episodes per second over all variants, and the verdict.
 *
 * Usage: npm run bench:compare -- [--episodes N] [--workers W]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { episodes: { type: 'string' }, workers: { type: 'string' } } });
const episodes = Number(values.episodes ?? 1000);
if (!Number.isSafeInteger(episodes) || episodes < 1) throw new Error(`--episodes must be a positive integer, got ${values.episodes}`);
const root = fileURLToPath(new URL('../', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'clmm-bench-compare-'));
try {
  const args = [join(root, 'bin', 'clmm-lab.js'), 'compare', '--spec', join(root, 'experiments', 'three-way.json'), '--episodes', String(episodes), '--seed', '42', '--data-dir', dataDir, ...(values.workers === undefined ? [] : ['--workers', values.workers])];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    process.stdout.write(r.stdout);
    throw new Error(`compare exited ${r.status}`);
  }
  const lines = r.stdout.trimEnd().split('\n');
  for (const l of lines) if (/^(PASS|FAIL|verdict|📊| {3}[A-Z])/.test(l)) console.log(l);
  console.log(`three-way comparison, ${episodes} episodes per variant (3 variants, 8 baselines each): wall ${seconds.toFixed(1)} s, ${((3 * episodes) / seconds).toFixed(1)} episodes/s (target < 180 s)`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
