/**
 * Validates a partial agent config from JSON (a `--config` file's "agent" object, an experiment
 * variant's overrides) against the shape of the defaults: every key must exist there, and every value
 * must have the default's type (finite numbers, booleans, strings, arrays of numbers; objects recurse).
 * A typo or a wrong type is an error naming the field, never a silent fallback to a default.
 */
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { REGIMES } from '../market/types.ts';
import { DEFAULT_AGENT_CONFIG, type AgentConfigPatch } from './agentConfig.ts';

/** An agent config patch that fails validation (code BAD_CONFIG): names the field and the expected form. */
export class AgentConfigError extends ClmmLabError {
  declare readonly code: 'BAD_CONFIG';
  readonly field: string;
  readonly expected: string;

  constructor(field: string, expected: string, got?: unknown) {
    super('BAD_CONFIG', `agent config: ${field}: expected ${expected}${got === undefined ? '' : `, got ${JSON.stringify(got)}`}`, { details: { field, expected, got } });
    this.name = 'AgentConfigError';
    this.field = field;
    this.expected = expected;
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function check(value: unknown, template: unknown, path: string): void {
  if (path === 'regimePrior') {
    if (value === null) return;
    if (!isObject(value)) throw new AgentConfigError(path, 'null or an object of regime weights', value);
    for (const [k, w] of Object.entries(value)) {
      if (!(REGIMES as readonly string[]).includes(k)) throw new AgentConfigError(`${path}.${k}`, `one of ${REGIMES.join(', ')}`, k);
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) throw new AgentConfigError(`${path}.${k}`, 'a non-negative number', w);
    }
    return;
  }
  if (Array.isArray(template)) {
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' || !Number.isFinite(v))) throw new AgentConfigError(path, 'an array of numbers', value);
    return;
  }
  if (isObject(template)) {
    if (!isObject(value)) throw new AgentConfigError(path, 'an object', value);
    for (const [k, v] of Object.entries(value)) {
      const sub = path === '' ? k : `${path}.${k}`;
      if (!(k in template)) throw new AgentConfigError(sub, `a known field (${Object.keys(template).join(', ')})`);
      check(v, template[k], sub);
    }
    return;
  }
  if (typeof template === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new AgentConfigError(path, 'a finite number', value);
    return;
  }
  if (typeof value !== typeof template) throw new AgentConfigError(path, `a ${typeof template}`, value);
}

export function parseAgentConfigPatch(json: unknown): AgentConfigPatch {
  if (json === undefined || json === null) return {};
  check(json, DEFAULT_AGENT_CONFIG, '');
  return json as AgentConfigPatch;
}
