/**
 * Resolves the settings of a command from its sources with the precedence of DESIGN.md:
 * flag > environment > config file > calibration file > default. Every value is validated by its
 * table entry; a bad one is a named error saying where it came from. The provenance of each value
 * is kept so the start-up log can say where a setting came from.
 */
import { badInput, ClmmLabError } from '../errors/ClmmLabError.ts';
import { SETTINGS, settingError, type SettingDef, type SettingValue } from './settingsTable.ts';

export type SettingSource = 'flag' | 'env' | 'config' | 'calibration' | 'default';

export interface SettingSources {
  /** Raw flag values keyed by setting key (commander's parsed strings or booleans). */
  flags: Record<string, string | boolean | number | undefined>;
  env: Record<string, string | undefined>;
  /** The `--config` file's settings, keyed by setting key. */
  config?: Record<string, unknown>;
  /** Values a calibration report supplies, keyed by the report's constant name (GAS_USD, FEE_GATE). */
  calibration?: Record<string, number>;
}

export interface ResolvedSettings {
  values: Record<string, SettingValue>;
  sources: Record<string, SettingSource>;
}

function envValue(def: SettingDef, env: Record<string, string | undefined>): { name: string; raw: string } | undefined {
  const present = def.env.filter((name) => env[name] !== undefined && env[name] !== '');
  if (present.length === 0) return undefined;
  if (present.length > 1) {
    const values = present.map((name) => env[name]!.trim());
    if (new Set(values).size > 1) {
      throw new ClmmLabError('BAD_ENV', `${present.join(' and ')} are set to different values (${present.map((n, i) => `${n}=${values[i]}`).join(', ')}); set one, or both to the same value`, {
        details: { field: present.join(','), values },
      });
    }
  }
  return { name: present[0]!, raw: env[present[0]!]! };
}

export function resolveSettings(sources: SettingSources, defs: SettingDef[] = SETTINGS): ResolvedSettings {
  const values: Record<string, SettingValue> = {};
  const result: Record<string, SettingSource> = {};
  const knownConfigKeys = new Set(defs.map((d) => d.key));
  for (const key of Object.keys(sources.config ?? {})) {
    if (!knownConfigKeys.has(key)) {
      throw badInput('BAD_CONFIG', `config.${key}`, `one of the setting keys (${[...knownConfigKeys].join(', ')})`, key);
    }
  }
  const deferred: SettingDef[] = [];
  for (const def of defs) {
    const flag = sources.flags[def.key];
    if (flag !== undefined) {
      values[def.key] = parseOrThrow(def, 'flag', def.flag, flag);
      result[def.key] = 'flag';
      continue;
    }
    const env = envValue(def, sources.env);
    if (env !== undefined) {
      values[def.key] = parseOrThrow(def, 'env', env.name, env.raw);
      result[def.key] = 'env';
      continue;
    }
    const fromConfig = sources.config?.[def.key];
    if (fromConfig !== undefined && fromConfig !== null) {
      if (typeof fromConfig !== 'string' && typeof fromConfig !== 'number' && typeof fromConfig !== 'boolean') {
        throw badInput('BAD_CONFIG', `config.${def.key}`, def.expected, fromConfig);
      }
      values[def.key] = parseOrThrow(def, 'config', `config.${def.key}`, fromConfig);
      result[def.key] = 'config';
      continue;
    }
    const fromCalibration = def.fromCalibration === undefined ? undefined : sources.calibration?.[def.fromCalibration];
    if (fromCalibration !== undefined) {
      values[def.key] = parseOrThrow(def, 'calibration', `calibration.${def.fromCalibration}`, fromCalibration);
      result[def.key] = 'calibration';
      continue;
    }
    if (typeof def.default === 'function') {
      deferred.push(def);
      continue;
    }
    values[def.key] = def.default;
    result[def.key] = 'default';
  }
  // defaults that depend on other settings (FEE_GATE_USD = FEE_GATE_MULT × GAS_USD) see the resolved values
  for (const def of deferred) {
    values[def.key] = (def.default as (r: Record<string, SettingValue>) => SettingValue)(values);
    result[def.key] = 'default';
  }
  return { values, sources: result };
}

function parseOrThrow(def: SettingDef, source: 'flag' | 'env' | 'config' | 'calibration', name: string, raw: string | number | boolean): SettingValue {
  try {
    return def.parse(raw);
  } catch (error) {
    throw settingError(def, source, name, error);
  }
}
