/** LiquidityMath.sol: add a signed liquidity delta to an unsigned liquidity, with LS / LA on under/overflow. */
import { MAX_UINT128 } from './constants.ts';
import { require } from './PoolRevertError.ts';

export function addDelta(x: bigint, y: bigint): bigint {
  if (y < 0n) {
    const z = x + y;
    require(z >= 0n, 'LS');
    return z;
  }
  const z = x + y;
  require(z <= MAX_UINT128, 'LA');
  return z;
}
