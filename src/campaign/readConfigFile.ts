/**
 * A `--config FILE.json`: the settings (keys as in docs/settings.md) and the optional `market` and
 * `agent` objects, each validated with errors naming the file and the field (BAD_CONFIG).
 */
import type { AgentConfigPatch } from '../agent/agentConfig.ts';
import { AgentConfigError, parseAgentConfigPatch } from '../agent/parseAgentConfigPatch.ts';
import { badInput, ClmmLabError } from '../errors/ClmmLabError.ts';
import { MarketConfigError, parseMarketConfig, type MarketConfig } from '../market/marketConfig.ts';
import { readInputFile } from '../store/readInputFile.ts';

export interface ConfigFile {
  settings: Record<string, unknown>;
  market: unknown;
  agent: unknown;
}

export function readConfigFile(path: string): ConfigFile {
  const text = readInputFile({ path, field: '--config', code: 'BAD_CONFIG', what: 'a JSON file of settings' });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ClmmLabError('BAD_CONFIG', `${path}: not JSON (${(error as Error).message})`, { details: { field: '(root)', path } });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw badInput('BAD_CONFIG', `${path}: (root)`, 'a JSON object of settings', json);
  const { market, agent, ...settings } = json as Record<string, unknown>;
  return { settings, market, agent };
}

/** The config file's `market` object (absent: the defaults). */
export function marketConfigOf(json: unknown, path: string | undefined): MarketConfig {
  try {
    return parseMarketConfig(json);
  } catch (error) {
    if (error instanceof MarketConfigError) throw new ClmmLabError('BAD_CONFIG', `${path ?? 'config'}: market.${error.field}: expected ${error.expected}`, { details: error.details });
    throw error;
  }
}

/** The config file's `agent` object (absent: no overrides). */
export function agentPatchOf(json: unknown, path: string | undefined): AgentConfigPatch {
  try {
    return parseAgentConfigPatch(json);
  } catch (error) {
    if (error instanceof AgentConfigError) throw new ClmmLabError('BAD_CONFIG', `${path ?? 'config'}: agent.${error.field}: expected ${error.expected}`, { details: { field: `agent.${error.field}` } });
    throw error;
  }
}
