/**
 * Event-driven refresh triggers (kept from the original): `{timestamp, reason, query_key, params,
 * priority}`, one JSON object per line in `<dataDir>/intel/triggers.jsonl`. Producers (an episode
 * start, a regime change, a gas spike) append a line; the scheduler consumes the file by renaming
 * it first (so lines appended meanwhile go to a new file and none is lost or read twice), and a
 * consuming file left by a crash is picked up on the next cycle.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { triggerSchema, type Trigger } from '../../store/artifacts/schedulerEvents.ts';

export const TRIGGER_REASONS = ['episode_start', 'regime_change', 'gas_spike', 'manual'] as const;

// the schema is a store artifact (clmm-lab/artifacts)
export { triggerSchema, type Trigger } from '../../store/artifacts/schedulerEvents.ts';

export function triggersPath(dataDir: string): string {
  return join(dataDir, 'intel', 'triggers.jsonl');
}

/** Appends one trigger (a single O_APPEND write of one line, so concurrent producers do not interleave). */
export function appendTrigger(path: string, trigger: Trigger): void {
  const t = triggerSchema.parse(trigger);
  mkdirSync(dirname(path), { recursive: true });
  appendFileSync(path, `${JSON.stringify(t)}\n`, { encoding: 'utf8' });
}

let consumeSeq = 0;

/** Takes every pending trigger (and any left by a crashed consumer); invalid lines are returned apart. */
export function consumeTriggers(path: string): { triggers: Trigger[]; invalid: Array<{ line: string; issue: string }> } {
  const dir = dirname(path);
  const triggers: Trigger[] = [];
  const invalid: Array<{ line: string; issue: string }> = [];
  if (!existsSync(dir)) return { triggers, invalid };
  if (existsSync(path)) {
    // a name no other consumer uses and no crash left behind (a leftover is read below, never overwritten)
    let target: string;
    do target = join(dir, `${basename(path)}.consuming-${process.pid}-${String(consumeSeq++).padStart(6, '0')}`);
    while (existsSync(target));
    try {
      renameSync(path, target);
    } catch {
      // another consumer took it first
    }
  }
  const taken = readdirSync(dir)
    .filter((f) => f.startsWith(`${basename(path)}.consuming-`))
    .sort();
  for (const f of taken) {
    const full = join(dir, f);
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
      unlinkSync(full);
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        const r = triggerSchema.safeParse(JSON.parse(line));
        if (r.success) triggers.push(r.data);
        else invalid.push({ line, issue: r.error.issues[0]?.message ?? 'invalid' });
      } catch {
        invalid.push({ line, issue: 'not JSON' });
      }
    }
  }
  return { triggers, invalid };
}
