/**
 * The settings contract: every environment variable, its CLI flag, default and validation, in one
 * table. The CLI builds its flags from it, `resolveSettings` applies the precedence
 * (flag > environment > config file > calibration file > default), and docs/settings.md is checked
 * against it by a test.
 */
import { badInput, type ClmmLabError } from '../errors/ClmmLabError.ts';
import { parseDecimal } from './parseDecimal.ts';

export type SettingValue = string | number | boolean | null;

export interface SettingDef<T extends SettingValue = SettingValue> {
  /** Key in the resolved settings and in a `--config` file. */
  key: string;
  /** Environment variable(s); the first is the canonical one. */
  env: string[];
  /** Long CLI flag, e.g. `--seed`. */
  flag: string;
  /** Placeholder for the flag's value in help; absent for boolean switches. */
  valueName?: string;
  description: string;
  /** Default, or a function of the other resolved settings. */
  default: T | ((resolved: Record<string, SettingValue>) => T);
  /** Human form of the default for docs. */
  defaultDoc: string;
  /** What is accepted, for docs and errors. */
  expected: string;
  parse(raw: string | number | boolean): T;
  /** Calibration report key that supplies this setting, if any. */
  fromCalibration?: string;
  /** Commands the setting applies to. */
  scope: 'campaign' | 'intel' | 'all';
}

function parseFail(expected: string, got: unknown): never {
  throw Object.assign(new Error(expected), { expected, got });
}

export function intParser(min: number, max: number): (raw: string | number | boolean) => number {
  return (raw) => {
    const text = String(raw).trim();
    if (!/^-?\d+$/.test(text)) parseFail(`an integer in [${min}, ${max}]`, raw);
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < min || n > max) parseFail(`an integer in [${min}, ${max}]`, raw);
    return n;
  };
}

export function numberParser(min: number, max: number): (raw: string | number | boolean) => number {
  return (raw) => {
    const n = parseDecimal(String(raw));
    if (n === undefined || n < min || n > max) parseFail(`a number in [${min}, ${max}]`, raw);
    return n;
  };
}

export function boolParser(raw: string | number | boolean): boolean {
  if (typeof raw === 'boolean') return raw;
  const text = String(raw).trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(text)) return true;
  if (['false', '0', 'no', 'off', ''].includes(text)) return false;
  return parseFail('true or false (also 1/0, yes/no, on/off)', raw);
}

export function enumParser<T extends string>(values: readonly T[], aliases: Record<string, T> = {}): (raw: string | number | boolean) => T {
  return (raw) => {
    const text = String(raw).trim().toLowerCase();
    if ((values as readonly string[]).includes(text)) return text as T;
    if (text in aliases) return aliases[text]!;
    return parseFail(`one of ${[...values, ...Object.keys(aliases)].join(', ')}`, raw);
  };
}

function stringParser(raw: string | number | boolean): string {
  const text = String(raw).trim();
  if (text === '') parseFail('a non-empty string', raw);
  return text;
}

/** Converts a parser failure into a named bad-input error for the source it came from. */
export function settingError(def: SettingDef, source: 'flag' | 'env' | 'config' | 'calibration', name: string, error: unknown): ClmmLabError {
  const expected = (error as { expected?: string }).expected ?? def.expected;
  const got = (error as { got?: unknown }).got;
  const code = source === 'flag' ? 'BAD_FLAG' : source === 'env' ? 'BAD_ENV' : source === 'config' ? 'BAD_CONFIG' : 'BAD_CALIBRATION';
  return badInput(code, name, expected, got);
}

export const DEFAULT_REGIME_MIX = 'mean_revert:0.4,jumpy:0.3,trend_up:0.3';

export const SETTINGS: SettingDef[] = [
  { key: 'hbEnv', env: ['HB_ENV'], flag: '--hb-env', valueName: 'mock|real', description: 'environment: mock (simulated market) or real (a chain)', default: 'mock', defaultDoc: 'mock', expected: 'mock or real', parse: enumParser(['mock', 'real'] as const), scope: 'campaign' },
  { key: 'mockClmm', env: ['MOCK_CLMM'], flag: '--mock-clmm', valueName: 'bool', description: 'force the simulated executor (EXEC_MODE=mock)', default: false, defaultDoc: 'false', expected: 'true or false', parse: boolParser, scope: 'campaign' },
  { key: 'execMode', env: ['EXEC_MODE'], flag: '--exec-mode', valueName: 'mode', description: 'mock (alias sim), shadow, paper or live; unset: mock, or shadow when HB_ENV=real', default: null, defaultDoc: 'derived', expected: 'mock, sim, shadow, paper or live', parse: enumParser(['mock', 'shadow', 'paper', 'live'] as const, { sim: 'mock' }), scope: 'campaign' },
  { key: 'executor', env: ['CLMM_EXECUTOR'], flag: '--executor', valueName: 'onchain|gateway', description: 'the executor of EXEC_MODE=live: onchain (signed transactions through an EVM JSON-RPC node) or gateway (Hummingbot Gateway); required in live mode, an error (EXEC_EXECUTOR_IGNORED) in any other', default: null, defaultDoc: 'none', expected: 'onchain or gateway', parse: enumParser(['onchain', 'gateway'] as const), scope: 'campaign' },
  { key: 'learnFromMock', env: ['LEARN_FROM_MOCK'], flag: '--learn-from-mock', valueName: 'bool', description: 'let the agent learn from simulated (mock) episodes', default: false, defaultDoc: 'false', expected: 'true or false', parse: boolParser, scope: 'campaign' },
  { key: 'seed', env: ['HB_SEED'], flag: '--seed', valueName: 'n', description: 'seed of every random draw (uint32)', default: 42, defaultDoc: '42', expected: 'an integer in [0, 4294967295]', parse: intParser(0, 0xffffffff), scope: 'campaign' },
  { key: 'episodes', env: ['EPISODES', 'EPISODE_COUNT'], flag: '--episodes', valueName: 'n', description: 'episodes in the campaign', default: 100, defaultDoc: '100', expected: 'an integer in [1, 1000000]', parse: intParser(1, 1_000_000), scope: 'campaign' },
  { key: 'lanes', env: ['HB_LANES'], flag: '--lanes', valueName: 'n', description: 'independent lanes (episode i runs in lane i mod L)', default: 8, defaultDoc: '8', expected: 'an integer in [1, 1024]', parse: intParser(1, 1024), scope: 'campaign' },
  { key: 'regimeMix', env: ['HB_REGIME_MIX'], flag: '--regime-mix', valueName: 'mix', description: 'regime probabilities name:weight,... (sum within 0.01 of 1)', default: DEFAULT_REGIME_MIX, defaultDoc: DEFAULT_REGIME_MIX, expected: 'name:weight,... over low, mid, high, mean_revert, jumpy, trend_up, trend_down', parse: stringParser, scope: 'campaign' },
  { key: 'horizonSeconds', env: ['HB_EPISODE_HORIZON_S'], flag: '--horizon-s', valueName: 'seconds', description: 'episode window (a multiple of the 12 s block)', default: 21600, defaultDoc: '21600 (six hours)', expected: 'a multiple of 12 in [12, 604800]', parse: (raw) => { const n = intParser(12, 604800)(raw); if (n % 12 !== 0) parseFail('a multiple of 12 in [12, 604800]', raw); return n; }, scope: 'campaign' },
  { key: 'gasUsd', env: ['GAS_USD'], flag: '--gas-usd', valueName: 'usd', description: "agent's gas cost estimate per action (EV gate)", default: 2, defaultDoc: '2', expected: 'a number in [0, 10000]', parse: numberParser(0, 10000), fromCalibration: 'GAS_USD', scope: 'campaign' },
  { key: 'feeGateMult', env: ['FEE_GATE_MULT'], flag: '--fee-gate-mult', valueName: 'x', description: 'FEE_GATE = FEE_GATE_MULT × GAS_USD unless FEE_GATE_USD is set', default: 2, defaultDoc: '2', expected: 'a number in [0, 1000]', parse: numberParser(0, 1000), scope: 'campaign' },
  { key: 'feeGateUsd', env: ['FEE_GATE_USD'], flag: '--fee-gate-usd', valueName: 'usd', description: 'expected fees (USD) an action must promise', default: (r) => (r.feeGateMult as number) * (r.gasUsd as number), defaultDoc: 'FEE_GATE_MULT × GAS_USD (4)', expected: 'a number in [0, 100000]', parse: numberParser(0, 100000), fromCalibration: 'FEE_GATE', scope: 'campaign' },
  { key: 'preemptMargin', env: ['PREEMPT_MARGIN'], flag: '--preempt-margin', valueName: 'pct', description: 'points below the out-of-range critical threshold at which trends pre-empt with a widen', default: 3, defaultDoc: '3', expected: 'a number in [0, 100]', parse: numberParser(0, 100), scope: 'campaign' },
  { key: 'evGate', env: ['HB_EV_GATE'], flag: '--ev-gate', valueName: 'bool', description: 'EV gate on (false = the "width floors only" variant)', default: true, defaultDoc: 'true', expected: 'true or false', parse: boolParser, scope: 'campaign' },
  { key: 'startCapitalUsd', env: ['HB_START_CAPITAL_USD'], flag: '--start-capital-usd', valueName: 'usd', description: 'capital per lane and strategy', default: 10000, defaultDoc: '10000', expected: 'a number in [1, 1e12]', parse: numberParser(1, 1e12), scope: 'campaign' },
  { key: 'market', env: ['HB_MARKET'], flag: '--market', valueName: 'sim|replay', description: 'market source: regime model or recorded data', default: 'sim', defaultDoc: 'sim', expected: 'sim or replay', parse: enumParser(['sim', 'replay'] as const), scope: 'campaign' },
  { key: 'realDataDir', env: ['CLMM_REAL_DATA'], flag: '--real-data', valueName: 'dir', description: 'recorded data folder for --market replay and calibration', default: '../shared/data/real', defaultDoc: '../shared/data/real', expected: 'a folder path', parse: stringParser, scope: 'all' },
  { key: 'calibration', env: ['DUNE_CALIBRATION_JSON'], flag: '--calibration', valueName: 'file', description: 'calibration report to load (its sha256 goes into every metadata.json)', default: null, defaultDoc: 'none', expected: 'a file path', parse: stringParser, scope: 'campaign' },
  { key: 'learningState', env: ['HB_LEARNING_STATE'], flag: '--learning-state', valueName: 'file', description: 'learning state to start every lane from', default: null, defaultDoc: 'none', expected: 'a file path', parse: stringParser, scope: 'campaign' },
  { key: 'disablePoolValidation', env: ['DISABLE_POOL_VALIDATION'], flag: '--disable-pool-validation', valueName: 'bool', description: 'skip the pool validation step in real modes', default: false, defaultDoc: 'false', expected: 'true or false', parse: boolParser, scope: 'campaign' },
  { key: 'iUnderstandLiveRisk', env: ['I_UNDERSTAND_LIVE_RISK'], flag: '--i-understand-live-risk', valueName: 'bool', description: 'acknowledgement required for live execution', default: false, defaultDoc: 'false', expected: 'true or false', parse: boolParser, scope: 'campaign' },
  { key: 'simStartSeconds', env: ['HB_MOCK_CURRENT_TIME'], flag: '--sim-start', valueName: 'unix-seconds', description: "simulated time of the run's start (episode i starts i horizons later; intel ages are measured against it)", default: null, defaultDoc: 'the UTC time a run id ends with (run_YYYYMMDD_HHMMSS), else the run\'s creation time (saved in run_config.json)', expected: 'an integer in [0, 4102444800]', parse: intParser(0, 4_102_444_800), scope: 'campaign' },
  { key: 'intelRefresh', env: ['CLMM_INTEL_REFRESH'], flag: '--intel-refresh', valueName: 'bool', description: 'run the intel scheduler in the background during the campaign (refreshes serve later runs; needs DUNE_API_KEY)', default: false, defaultDoc: 'false', expected: 'true or false', parse: boolParser, scope: 'campaign' },
  { key: 'duneApiKey', env: ['DUNE_API_KEY'], flag: '--dune-api-key', valueName: 'key', description: 'Dune API key (never logged; the log says PRESENT or NOT SET)', default: null, defaultDoc: 'unset', expected: 'a non-empty string', parse: stringParser, scope: 'all' },
];

export function settingByKey(key: string): SettingDef {
  const def = SETTINGS.find((s) => s.key === key);
  if (def === undefined) throw new Error(`unknown setting ${key}`);
  return def;
}
