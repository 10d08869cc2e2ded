/**
 * The wiring of a lane's execution: which implementation stands behind the port, chosen from the
 * run's execution data (`ctx.execution.executor`), never from a strategy's name. `sim` is one
 * SimVenue per lane following the lane's market timeline, each strategy a wallet on it funded with
 * half the lane's capital in each token at the start price.
 */
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import type { ExecutorName } from '../config/resolveExecution.ts';
import type { RunContext } from '../episode/RunContext.ts';
import type { ExecutorPort } from '../exec/ExecutorPort.ts';
import { SimVenue } from '../exec/sim/SimVenue.ts';
import type { LaneMarket } from '../market/LaneMarket.ts';

export type PortFor = (strategy: string) => ExecutorPort;

type LanePortsFactory = (p: { ctx: RunContext; market: LaneMarket }) => PortFor;

function simPorts(p: { ctx: RunContext; market: LaneMarket }): PortFor {
  const config = p.ctx.marketConfig;
  const spec = config.pool;
  const venue = new SimVenue({ config, windows: p.market, startRawPrice: p.market.startRawPrice });
  const half = p.ctx.startCapitalUsd / 2;
  const amount0Raw = BigInt(Math.round(half * 10 ** spec.decimals0));
  const amount1Raw = BigInt(Math.round((half / config.startPriceUsd) * 10 ** spec.decimals1));
  return (name) => venue.port({ name, amount0Raw, amount1Raw });
}

const FACTORIES: Record<ExecutorName, LanePortsFactory | null> = { sim: simPorts, shadow: null, paper: null, onchain: null, gateway: null };

/** The ports of one lane's strategies, by the run's executor. */
export function lanePorts(p: { ctx: RunContext; market: LaneMarket }): PortFor {
  const { mode, executor } = p.ctx.execution;
  const factory = FACTORIES[executor];
  if (factory === null) throw new ClmmLabError('EXEC_NOT_AVAILABLE', `executor ${executor} (EXEC_MODE=${mode}) is not built yet: only sim runs in this version`, { details: { executor, mode } });
  return factory(p);
}
