import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { LaneRunner } from '../episode/LaneRunner.ts';
import type { RunContext } from '../episode/RunContext.ts';
import type { ExecutorPort } from '../exec/ExecutorPort.ts';
import { LaneMarket } from '../market/LaneMarket.ts';
import { defaultMarketConfig } from '../market/marketConfig.ts';
import { DEFAULT_REGIME_MIX } from '../config/settingsTable.ts';
import { lanePorts } from './lanePorts.ts';
import { simMarketSource } from './marketSources.ts';
import { buildRunConfig, buildRunContext, type RunSettings } from './runSpec.ts';

const INTEL = JSON.stringify({ entries: {}, hygiene: { total_queries: 0, fresh: 0, stale: 0, missing_or_too_old: 0, fresh_pct: 0 }, data: {} });

function context(): RunContext {
  const settings: RunSettings = {
    hbEnv: 'mock', mockClmm: false, execMode: 'mock', learnFromMock: false, seed: 3, episodes: 4, lanes: 2, regimeMix: DEFAULT_REGIME_MIX,
    horizonSeconds: 1200, gasUsd: 2, feeGateMult: 2, feeGateUsd: 4, preemptMargin: 3, evGate: true, startCapitalUsd: 10_000, market: 'sim',
    disablePoolValidation: false, simStartSeconds: null,
  };
  const config = buildRunConfig({ runId: 'run_test', settings, marketConfig: defaultMarketConfig(), agentPatch: null, calibration: null, intelText: INTEL, learningStateText: null, realDataFingerprint: null, agentVersion: 'test' });
  return buildRunContext({ config, calibration: null, intelText: INTEL, learningStateText: null });
}

const WRITES = new Set(['openPosition', 'addLiquidity', 'removeLiquidity', 'collectFees', 'closePosition', 'executeSwap']);

/** The port with every call's verb recorded under the strategy's name. */
function recorded(port: ExecutorPort, calls: string[]): ExecutorPort {
  return new Proxy(port, {
    get(target, verb: string) {
      const fn = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[verb]!;
      return (...args: unknown[]) => {
        calls.push(verb);
        return fn.apply(target, args);
      };
    },
  });
}

test('a lane runs its strategies through their ports only: HODL never writes, the others open in their first episode', async () => {
  const ctx = context();
  assert.deepEqual(ctx.execution, { mode: 'mock', executor: 'sim' });
  const market = new LaneMarket({ source: simMarketSource(ctx), config: ctx.marketConfig });
  const ports = lanePorts({ ctx, market });
  const calls = new Map<string, string[]>();
  const runner = new LaneRunner({ ctx, lane: 0, market, portFor: (name) => recorded(ports(name), calls.set(name, []).get(name)!) });
  const first = await runner.runEpisode(0);
  await runner.runEpisode(2);
  assert.equal(calls.size, 9);
  assert.deepEqual(calls.get('baseline_hodl')!.filter((v) => WRITES.has(v)), [], 'baseline_hodl makes no write');
  assert.equal(first.baselines.find((b) => b.name === 'baseline_hodl')!.poolSwaps, 0, 'and gets no pool copy to run');
  for (const s of [first.agent, ...first.baselines].filter((b) => b.name !== 'baseline_hodl')) {
    assert.ok(calls.get(s.name)!.includes('openPosition'), `${s.name} opened through the port`);
    assert.ok(s.positionAfter.position_open && s.poolSwaps > 0, `${s.name} holds a position in its own pool copy`);
  }
  for (const list of calls.values()) assert.equal(list.filter((v) => v === 'advance').length, 2, 'one advance per episode: the window\'s blocks stay inside it');
});

test('an executor that is not built yet is a named error, not a silent sim', () => {
  const ctx = { ...context(), execution: { mode: 'live', executor: 'gateway' } } as RunContext;
  const market = new LaneMarket({ source: simMarketSource(ctx), config: ctx.marketConfig });
  assert.throws(() => lanePorts({ ctx, market }), (e: unknown) => e instanceof ClmmLabError && e.code === 'EXEC_NOT_AVAILABLE');
});
