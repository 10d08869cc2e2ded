/**
 * UniswapV3Pool.sol without the oracle: initialize, mint, burn, collect, swap, setFeeProtocol and
 * collectProtocol, statement for statement, with the contract's reverts as PoolRevertError codes.
 *
 * Atomicity: a reverted EVM call leaves no trace, so every call here runs inside `atomic`, which
 * journals each tick, bitmap word and position it is about to change and restores them (and the
 * scalar state) when anything throws — a revert, or an exception from a payer callback.
 * Owners are string ids; the caller of burn/collect is the owner, as msg.sender is in the contract.
 */
import { FEE_TIER_TICK_SPACING, MAX_INT24, MAX_UINT128, MAX_UINT160, MAX_UINT256, MIN_INT24, MIN_INT256, MAX_INT256 } from './constants.ts';
import { addDelta } from './LiquidityMath.ts';
import { emptyPosition, positionKey, update as updatePositionInfo } from './Position.ts';
import { PoolArgumentError } from './PoolArgumentError.ts';
import { require } from './PoolRevertError.ts';
import { addUint256, toInt128 } from './SafeCast.ts';
import { getAmount0DeltaSigned, getAmount1DeltaSigned } from './SqrtPriceMath.ts';
import { computeSwapStep } from './SwapMath.ts';
import { cross, emptyTick, getFeeGrowthInside, tickSpacingToMaxLiquidityPerTick, update as updateTickInfo, type TickMap } from './Tick.ts';
import { flipTick, nextInitializedTickEncoded, toggleCompressed, type TickBitmapWords } from './TickBitmap.ts';
import { getSqrtRatioAtTick, getTickAtSqrtRatio, getTickAtSqrtRatioFast, MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK } from './TickMath.ts';
import type { Payer, PositionInfo, ProtocolFees, Slot0, TickInfo, TokenAmounts } from './types.ts';

export interface PoolParams {
  /** Swap fee in hundredths of a bip (pips): 100, 500, 3000, 10000, or any value in (0, 1e6). */
  fee: number;
  /** Defaults to the factory's spacing for the fee tier. */
  tickSpacing?: number;
}

export interface MintParams {
  recipient: string;
  tickLower: number;
  tickUpper: number;
  /** Liquidity to add (uint128, > 0). */
  amount: bigint;
  payer?: Payer;
}

export interface BurnParams {
  owner: string;
  tickLower: number;
  tickUpper: number;
  /** Liquidity to remove (uint128; 0 pokes the position to credit its fees). */
  amount: bigint;
}

export interface CollectParams {
  owner: string;
  tickLower: number;
  tickUpper: number;
  amount0Requested: bigint;
  amount1Requested: bigint;
}

export interface SwapParams {
  /** token0 in, token1 out (price falls) when true. */
  zeroForOne: boolean;
  /** > 0: exact input; < 0: exact output (int256). */
  amountSpecified: bigint;
  /** The price may not pass this value (uint160); must be on the right side of the current price. */
  sqrtPriceLimitX96: bigint;
  payer?: Payer;
}

export interface CollectProtocolParams {
  amount0Requested: bigint;
  amount1Requested: bigint;
}

const TWO_POW_256 = 1n << 256n;

/** SafeCast.toInt256 of the uint256 sum `a + b` (which wraps modulo 2^256) of two uint256 values. */
function toInt256Wrapped(sum: bigint): bigint {
  const wrapped = sum > MAX_UINT256 ? sum - TWO_POW_256 : sum;
  require(wrapped <= MAX_INT256);
  return wrapped;
}

/** Pays exactly what is owed, like a well-behaved router. */
const payExactly: Payer = (amount0Delta, amount1Delta) => ({
  paid0: amount0Delta > 0n ? amount0Delta : 0n,
  paid1: amount1Delta > 0n ? amount1Delta : 0n,
});

export class Pool {
  readonly fee: number;
  readonly tickSpacing: number;
  readonly maxLiquidityPerTick: bigint;

  slot0: Slot0 = { sqrtPriceX96: 0n, tick: 0, feeProtocol: 0, unlocked: false };
  feeGrowthGlobal0X128 = 0n;
  feeGrowthGlobal1X128 = 0n;
  protocolFees: ProtocolFees = { token0: 0n, token1: 0n };
  liquidity = 0n;
  /** Token balances the pool holds (the contract's balanceOf(this)). */
  balance0 = 0n;
  balance1 = 0n;

  private ticks: TickMap = new Map();
  private tickBitmap: TickBitmapWords = new Map();
  /** The tick bitmap's set bits as sorted compressed ticks (see TickBitmap.toggleCompressed). */
  private initializedCompressed: number[] = [];
  private positions = new Map<string, PositionInfo>();
  /** Undo actions of the call in progress, replayed in reverse when it reverts. */
  private journal: Array<() => void> | null = null;

  constructor(params: PoolParams) {
    const { fee } = params;
    if (!Number.isInteger(fee) || fee <= 0 || fee >= 1_000_000) {
      throw new PoolArgumentError('fee', 'an integer number of pips in (0, 1000000), e.g. 500');
    }
    const tickSpacing = params.tickSpacing ?? FEE_TIER_TICK_SPACING[fee];
    if (tickSpacing === undefined) {
      throw new PoolArgumentError('tickSpacing', `an integer in [1, 16383]; fee ${fee} is not a standard tier, so give it`);
    }
    // the factory's own bound: tick spacing is capped at 16384 to prevent the situation where
    // tickSpacing is so large that TickBitmap#nextInitializedTickWithinOneWord overflows int24
    if (!Number.isInteger(tickSpacing) || tickSpacing <= 0 || tickSpacing >= 16384) {
      throw new PoolArgumentError('tickSpacing', 'an integer in [1, 16383]');
    }
    this.fee = fee;
    this.tickSpacing = tickSpacing;
    this.maxLiquidityPerTick = tickSpacingToMaxLiquidityPerTick(tickSpacing);
  }

  /** Sets the initial price; not locked, as in the contract. Reverts AI if already initialized, R if the price is out of range. */
  initialize(sqrtPriceX96: bigint): void {
    checkUint(sqrtPriceX96, MAX_UINT160, 'sqrtPriceX96', 'uint160');
    this.atomic(() => {
      require(this.slot0.sqrtPriceX96 === 0n, 'AI');
      const tick = getTickAtSqrtRatio(sqrtPriceX96);
      this.slot0 = { sqrtPriceX96, tick, feeProtocol: 0, unlocked: true };
    });
  }

  /** Adds liquidity for `recipient`; the payer is asked for the token amounts owed. */
  mint(params: MintParams): TokenAmounts {
    const { recipient, tickLower, tickUpper, amount } = params;
    checkInt24(tickLower, 'tickLower');
    checkInt24(tickUpper, 'tickUpper');
    checkUint(amount, MAX_UINT128, 'amount', 'uint128');
    const payer = params.payer ?? payExactly;
    return this.locked(() => {
      require(amount > 0n);
      const modified = this.modifyPosition(recipient, tickLower, tickUpper, toInt128(amount));
      const amount0 = modified.amount0;
      const amount1 = modified.amount1;
      const balance0Before = this.balance0;
      const balance1Before = this.balance1;
      this.receivePayment(payer(amount0, amount1));
      if (amount0 > 0n) require(addUint256(balance0Before, amount0) <= this.balance0, 'M0');
      if (amount1 > 0n) require(addUint256(balance1Before, amount1) <= this.balance1, 'M1');
      return { amount0, amount1 };
    });
  }

  /** Removes liquidity from the owner's position; the tokens are credited to tokensOwed, not sent. */
  burn(params: BurnParams): TokenAmounts {
    const { owner, tickLower, tickUpper, amount } = params;
    checkInt24(tickLower, 'tickLower');
    checkInt24(tickUpper, 'tickUpper');
    checkUint(amount, MAX_UINT128, 'amount', 'uint128');
    return this.locked(() => {
      const modified = this.modifyPosition(owner, tickLower, tickUpper, -toInt128(amount));
      const amount0 = -modified.amount0;
      const amount1 = -modified.amount1;
      if (amount0 > 0n || amount1 > 0n) {
        const position = modified.position;
        position.tokensOwed0 = (position.tokensOwed0 + (amount0 & MAX_UINT128)) & MAX_UINT128;
        position.tokensOwed1 = (position.tokensOwed1 + (amount1 & MAX_UINT128)) & MAX_UINT128;
      }
      return { amount0, amount1 };
    });
  }

  /** Sends up to the requested amounts of the owner's tokensOwed out of the pool. */
  collect(params: CollectParams): TokenAmounts {
    const { owner, tickLower, tickUpper, amount0Requested, amount1Requested } = params;
    checkInt24(tickLower, 'tickLower');
    checkInt24(tickUpper, 'tickUpper');
    checkUint(amount0Requested, MAX_UINT128, 'amount0Requested', 'uint128');
    checkUint(amount1Requested, MAX_UINT128, 'amount1Requested', 'uint128');
    return this.locked(() => {
      // we don't need to checkTicks here, because invalid positions will never have non-zero tokensOwed{0,1}
      const key = positionKey(owner, tickLower, tickUpper);
      const stored = this.positions.get(key);
      const owed0 = stored?.tokensOwed0 ?? 0n;
      const owed1 = stored?.tokensOwed1 ?? 0n;
      const amount0 = amount0Requested > owed0 ? owed0 : amount0Requested;
      const amount1 = amount1Requested > owed1 ? owed1 : amount1Requested;
      if (amount0 > 0n) {
        this.positionForWrite(key).tokensOwed0 -= amount0;
        this.transferOut0(amount0);
      }
      if (amount1 > 0n) {
        this.positionForWrite(key).tokensOwed1 -= amount1;
        this.transferOut1(amount1);
      }
      return { amount0, amount1 };
    });
  }

  /** Swaps token0 for token1 or back; output is sent first, then the payer must cover the input (IIA). */
  swap(params: SwapParams): TokenAmounts {
    const { zeroForOne, amountSpecified, sqrtPriceLimitX96 } = params;
    checkInt256(amountSpecified, 'amountSpecified');
    checkUint(sqrtPriceLimitX96, MAX_UINT160, 'sqrtPriceLimitX96', 'uint160');
    const payer = params.payer ?? payExactly;
    // `atomic`, unrolled for the hot path: the same snapshot, journal and restore, without the closure
    const outer = this.journal;
    const journal: Array<() => void> = [];
    this.journal = journal;
    const slot0 = this.slot0;
    const savedSqrtPriceX96 = slot0.sqrtPriceX96;
    const savedTick = slot0.tick;
    const savedFeeProtocol = slot0.feeProtocol;
    const savedUnlocked = slot0.unlocked;
    const savedFeeGrowthGlobal0X128 = this.feeGrowthGlobal0X128;
    const savedFeeGrowthGlobal1X128 = this.feeGrowthGlobal1X128;
    const savedProtocolFees0 = this.protocolFees.token0;
    const savedProtocolFees1 = this.protocolFees.token1;
    const savedLiquidity = this.liquidity;
    const savedBalance0 = this.balance0;
    const savedBalance1 = this.balance1;
    try {
      return this.swapInner(zeroForOne, amountSpecified, sqrtPriceLimitX96, payer);
    } catch (error) {
      for (let i = journal.length - 1; i >= 0; i--) journal[i]!();
      this.slot0 = slot0;
      slot0.sqrtPriceX96 = savedSqrtPriceX96;
      slot0.tick = savedTick;
      slot0.feeProtocol = savedFeeProtocol;
      slot0.unlocked = savedUnlocked;
      this.feeGrowthGlobal0X128 = savedFeeGrowthGlobal0X128;
      this.feeGrowthGlobal1X128 = savedFeeGrowthGlobal1X128;
      this.protocolFees.token0 = savedProtocolFees0;
      this.protocolFees.token1 = savedProtocolFees1;
      this.liquidity = savedLiquidity;
      this.balance0 = savedBalance0;
      this.balance1 = savedBalance1;
      throw error;
    } finally {
      this.journal = outer;
    }
  }

  /** The body of swap; runs inside swap's snapshot/restore. */
  private swapInner(zeroForOne: boolean, amountSpecified: bigint, sqrtPriceLimitX96: bigint, payer: Payer): TokenAmounts {
    require(amountSpecified !== 0n, 'AS');
    const slot0Start = this.slot0;
    const sqrtPriceStart = slot0Start.sqrtPriceX96;
    const tickStart = slot0Start.tick;
    require(slot0Start.unlocked, 'LOK');
    require(
      zeroForOne
        ? sqrtPriceLimitX96 < sqrtPriceStart && sqrtPriceLimitX96 > MIN_SQRT_RATIO
        : sqrtPriceLimitX96 > sqrtPriceStart && sqrtPriceLimitX96 < MAX_SQRT_RATIO,
      'SPL',
    );
    slot0Start.unlocked = false;

    const liquidityStart = this.liquidity;
    const feeProtocolBits = zeroForOne ? slot0Start.feeProtocol % 16 : slot0Start.feeProtocol >> 4;
    const feeProtocol = feeProtocolBits === 0 ? 0n : BigInt(feeProtocolBits);
    const exactInput = amountSpecified > 0n;
    const fee = this.fee;
    const tickSpacing = this.tickSpacing;
    const initializedCompressed = this.initializedCompressed;

    // the swap state: amount remaining to be swapped in/out of the input/output asset, the amount
    // already swapped out/in of the output/input asset, the current price and tick, the global fee
    // growth of the input token, the protocol fee paid in it, and the current liquidity in range
    let amountSpecifiedRemaining = amountSpecified;
    let amountCalculated = 0n;
    let sqrtPriceX96 = sqrtPriceStart;
    let tick = tickStart;
    let feeGrowthGlobalX128 = zeroForOne ? this.feeGrowthGlobal0X128 : this.feeGrowthGlobal1X128;
    let protocolFee = 0n;
    let liquidity = liquidityStart;

    // continue swapping as long as we haven't used the entire input/output and haven't reached the price limit
    while (amountSpecifiedRemaining !== 0n && sqrtPriceX96 !== sqrtPriceLimitX96) {
      const sqrtPriceStartX96 = sqrtPriceX96;
      // nextInitializedTickWithinOneWord(tickBitmap, tick, tickSpacing, zeroForOne), on the bitmap's mirror
      const found = nextInitializedTickEncoded(initializedCompressed, tick, tickSpacing, zeroForOne);
      const initialized = (found & 1) !== 0;
      // ensure that we do not overshoot the min/max tick, as the tick bitmap is not aware of these bounds
      let tickNext = found >> 1;
      if (tickNext < MIN_TICK) tickNext = MIN_TICK;
      else if (tickNext > MAX_TICK) tickNext = MAX_TICK;
      const sqrtPriceNextX96 = getSqrtRatioAtTick(tickNext);

      // compute values to swap to the target tick, price limit, or point where input/output amount is exhausted
      const sqrtPriceTargetX96 = (zeroForOne ? sqrtPriceNextX96 < sqrtPriceLimitX96 : sqrtPriceNextX96 > sqrtPriceLimitX96)
        ? sqrtPriceLimitX96
        : sqrtPriceNextX96;
      const step = computeSwapStep(sqrtPriceX96, sqrtPriceTargetX96, liquidity, amountSpecifiedRemaining, fee);
      sqrtPriceX96 = step.sqrtRatioNextX96;
      const amountOut = step.amountOut;
      let feeAmount = step.feeAmount;

      // the contract's `(amountIn + feeAmount)` wraps modulo 2^256, then toInt256 (< 2^255) and the
      // int256 `-=`/`+=` wrap; amountCalculated goes through LowGasSafeMath (checked). All terms are
      // in range, so single comparisons replace the masks: a sum of two uint256 is below 2^257, and
      // int256 ± a value in [0, 2^255] is within one 2^256 of the int256 range.
      require(amountOut <= MAX_INT256); // toInt256
      if (exactInput) {
        if (sqrtPriceX96 !== sqrtPriceTargetX96) {
          // SwapMath took the rest of the input as fee (feeAmount = amountRemaining − amountIn), so
          // amountIn + feeAmount is amountSpecifiedRemaining (in [0, 2^255)) and nothing is left
          amountSpecifiedRemaining = 0n;
        } else {
          amountSpecifiedRemaining -= toInt256Wrapped(step.amountIn + feeAmount);
          if (amountSpecifiedRemaining < MIN_INT256) amountSpecifiedRemaining += TWO_POW_256;
        }
        amountCalculated -= amountOut;
      } else {
        amountSpecifiedRemaining += amountOut;
        if (amountSpecifiedRemaining > MAX_INT256) amountSpecifiedRemaining -= TWO_POW_256;
        amountCalculated += toInt256Wrapped(step.amountIn + feeAmount);
      }
      require(amountCalculated >= MIN_INT256 && amountCalculated <= MAX_INT256); // subInt256 / addInt256

      // if the protocol fee is on, calculate how much is owed, decrement feeAmount, and increment protocolFee
      if (feeProtocol > 0n) {
        const delta = feeAmount / feeProtocol;
        feeAmount -= delta;
        protocolFee = (protocolFee + (delta & MAX_UINT128)) & MAX_UINT128;
      }

      // update global fee tracker
      if (liquidity > 0n) {
        // FullMath.mulDiv(feeAmount, Q128, liquidity): the product by 2^128 is a shift and liquidity > 0,
        // so the only check left is that the quotient fits 256 bits; the uint256 `+=` wraps (both terms
        // are below 2^256, so subtracting 2^256 once is the mask)
        const growth = (feeAmount << 128n) / liquidity;
        require(growth <= MAX_UINT256);
        feeGrowthGlobalX128 += growth;
        if (feeGrowthGlobalX128 > MAX_UINT256) feeGrowthGlobalX128 -= TWO_POW_256;
      }

      // shift tick if we reached the next price
      if (sqrtPriceX96 === sqrtPriceNextX96) {
        // if the tick is initialized, run the tick transition
        if (initialized) {
          const info = this.tickForCross(tickNext);
          let liquidityNet = cross(
            info,
            zeroForOne ? feeGrowthGlobalX128 : this.feeGrowthGlobal0X128,
            zeroForOne ? this.feeGrowthGlobal1X128 : feeGrowthGlobalX128,
          );
          // if we're moving leftward, we interpret liquidityNet as the opposite sign
          if (zeroForOne) liquidityNet = -liquidityNet;
          liquidity = addDelta(liquidity, liquidityNet);
        }
        tick = zeroForOne ? tickNext - 1 : tickNext;
      } else if (sqrtPriceX96 !== sqrtPriceStartX96) {
        // recompute unless we're on a lower tick boundary (i.e. already transitioned ticks), and haven't moved
        tick = getTickAtSqrtRatioFast(sqrtPriceX96);
      }
    }

    slot0Start.sqrtPriceX96 = sqrtPriceX96;
    slot0Start.tick = tick;
    if (liquidityStart !== liquidity) this.liquidity = liquidity;

    // update fee growth global and, if necessary, protocol fees
    // overflow is acceptable, protocol has to withdraw before it hits type(uint128).max fees
    if (zeroForOne) {
      this.feeGrowthGlobal0X128 = feeGrowthGlobalX128;
      if (protocolFee > 0n) this.protocolFees.token0 = (this.protocolFees.token0 + protocolFee) & MAX_UINT128;
    } else {
      this.feeGrowthGlobal1X128 = feeGrowthGlobalX128;
      if (protocolFee > 0n) this.protocolFees.token1 = (this.protocolFees.token1 + protocolFee) & MAX_UINT128;
    }

    let amountDone = amountSpecifiedRemaining === 0n ? amountSpecified : amountSpecified - amountSpecifiedRemaining;
    if (amountDone > MAX_INT256) amountDone -= TWO_POW_256; // int256 `-` wraps
    else if (amountDone < MIN_INT256) amountDone += TWO_POW_256;
    const amount0 = zeroForOne === exactInput ? amountDone : amountCalculated;
    const amount1 = zeroForOne === exactInput ? amountCalculated : amountDone;

    // do the transfers and collect payment; uint256(amount) of an int256 is amount mod 2^256
    // (TransferHelper's TF check `balance >= -amount` is written as `balance + amount >= 0`)
    if (zeroForOne) {
      if (amount1 < 0n) {
        const balance1 = this.balance1 + amount1;
        require(balance1 >= 0n, 'TF');
        this.balance1 = balance1;
      }
      const balance0Before = this.balance0;
      if (payer === payExactly && amount0 > 0n && amount1 <= 0n) {
        // the default payer pays exactly amount0, so the IIA check's sum is the new balance: only its
        // LowGasSafeMath overflow check can fail
        const balance0 = balance0Before + amount0;
        require(balance0 <= MAX_UINT256);
        this.balance0 = balance0;
      } else {
        this.pay(payer, amount0, amount1);
        require(addUint256(balance0Before, amount0 >= 0n ? amount0 : amount0 + TWO_POW_256) <= this.balance0, 'IIA');
      }
    } else {
      if (amount0 < 0n) {
        const balance0 = this.balance0 + amount0;
        require(balance0 >= 0n, 'TF');
        this.balance0 = balance0;
      }
      const balance1Before = this.balance1;
      if (payer === payExactly && amount1 > 0n && amount0 <= 0n) {
        // as above
        const balance1 = balance1Before + amount1;
        require(balance1 <= MAX_UINT256);
        this.balance1 = balance1;
      } else {
        this.pay(payer, amount0, amount1);
        require(addUint256(balance1Before, amount1 >= 0n ? amount1 : amount1 + TWO_POW_256) <= this.balance1, 'IIA');
      }
    }

    slot0Start.unlocked = true;
    return { amount0, amount1 };
  }

  /** Sets the protocol's share of swap fees, 1/x for x in {0 (off), 4..10}, per token. */
  setFeeProtocol(feeProtocol0: number, feeProtocol1: number): void {
    checkUint8(feeProtocol0, 'feeProtocol0');
    checkUint8(feeProtocol1, 'feeProtocol1');
    this.locked(() => {
      require(
        (feeProtocol0 === 0 || (feeProtocol0 >= 4 && feeProtocol0 <= 10)) &&
          (feeProtocol1 === 0 || (feeProtocol1 >= 4 && feeProtocol1 <= 10)),
      );
      this.slot0.feeProtocol = feeProtocol0 + (feeProtocol1 << 4);
    });
  }

  /** Sends protocol fees out; asking for all of a token leaves 1 wei so the storage slot is not cleared. */
  collectProtocol(params: CollectProtocolParams): TokenAmounts {
    checkUint(params.amount0Requested, MAX_UINT128, 'amount0Requested', 'uint128');
    checkUint(params.amount1Requested, MAX_UINT128, 'amount1Requested', 'uint128');
    return this.locked(() => {
      const fees = this.protocolFees;
      let amount0 = params.amount0Requested > fees.token0 ? fees.token0 : params.amount0Requested;
      let amount1 = params.amount1Requested > fees.token1 ? fees.token1 : params.amount1Requested;
      if (amount0 > 0n) {
        if (amount0 === fees.token0) amount0--; // ensure that the slot is not cleared, for gas savings
        fees.token0 -= amount0;
        this.transferOut0(amount0);
      }
      if (amount1 > 0n) {
        if (amount1 === fees.token1) amount1--; // ensure that the slot is not cleared, for gas savings
        fees.token1 -= amount1;
        this.transferOut1(amount1);
      }
      return { amount0, amount1 };
    });
  }

  /** A tick's state (zeros when never initialized or cleared), as the contract's `ticks(tick)` view returns it. */
  getTick(tick: number): TickInfo {
    const info = this.ticks.get(tick);
    return info === undefined ? emptyTick() : { ...info };
  }

  /** A position's state (zeros when absent), as `positions(keccak(owner, lower, upper))` returns it. */
  getPosition(owner: string, tickLower: number, tickUpper: number): PositionInfo {
    const info = this.positions.get(positionKey(owner, tickLower, tickUpper));
    return info === undefined ? emptyPosition() : { ...info };
  }

  /** The contract's `tickBitmap(wordPos)` view. */
  getTickBitmapWord(wordPos: number): bigint {
    return this.tickBitmap.get(wordPos) ?? 0n;
  }

  /** Initialized ticks in ascending order (read off the bitmap's sorted mirror). */
  initializedTicks(): number[] {
    return this.initializedCompressed.map((compressed) => compressed * this.tickSpacing);
  }

  /** Fee growth inside a range now, as Tick.getFeeGrowthInside computes it for the current tick. */
  getFeeGrowthInside(tickLower: number, tickUpper: number): { feeGrowthInside0X128: bigint; feeGrowthInside1X128: bigint } {
    return getFeeGrowthInside(this.ticks, tickLower, tickUpper, this.slot0.tick, this.feeGrowthGlobal0X128, this.feeGrowthGlobal1X128);
  }

  /**
   * Simulator-only storage compaction (not a contract function): forgets positions with zero
   * liquidity and nothing owed, and returns how many. The contract keeps such a slot, but it reads as
   * zeros except its fee-growth-inside snapshot, and that snapshot is only ever multiplied by the
   * position's liquidity (zero) before a mint overwrites it; so no later mint, burn, collect or swap
   * gives another result. Only `getPosition` differs: it returns zeros for the forgotten snapshot.
   * Long simulations call it so one-off positions (JIT liquidity, recentred background LPs) do not pile up.
   */
  pruneEmptyPositions(): number {
    let pruned = 0;
    for (const [key, info] of this.positions) {
      if (info.liquidity === 0n && info.tokensOwed0 === 0n && info.tokensOwed1 === 0n) {
        this.positions.delete(key);
        pruned++;
      }
    }
    return pruned;
  }

  /** An independent copy: later calls on either pool do not affect the other. */
  clone(): Pool {
    const copy = new Pool({ fee: this.fee, tickSpacing: this.tickSpacing });
    copy.slot0 = { ...this.slot0 };
    copy.feeGrowthGlobal0X128 = this.feeGrowthGlobal0X128;
    copy.feeGrowthGlobal1X128 = this.feeGrowthGlobal1X128;
    copy.protocolFees = { ...this.protocolFees };
    copy.liquidity = this.liquidity;
    copy.balance0 = this.balance0;
    copy.balance1 = this.balance1;
    for (const [tick, info] of this.ticks) copy.ticks.set(tick, { ...info });
    copy.tickBitmap = new Map(this.tickBitmap);
    copy.initializedCompressed = [...this.initializedCompressed];
    for (const [key, info] of this.positions) copy.positions.set(key, { ...info });
    return copy;
  }

  // ---- internals -------------------------------------------------------------------------------

  /** The contract's `lock` modifier: LOK while another call (e.g. a payer's re-entry) is in progress or before initialize. */
  private locked<T>(fn: () => T): T {
    return this.atomic(() => {
      require(this.slot0.unlocked, 'LOK');
      this.slot0.unlocked = false;
      const result = fn();
      this.slot0.unlocked = true;
      return result;
    });
  }

  /** Runs `fn`; if it throws, undoes everything it changed, like a reverted transaction. */
  private atomic<T>(fn: () => T): T {
    const outer = this.journal;
    const journal: Array<() => void> = [];
    this.journal = journal;
    const slot0 = this.slot0;
    const saved = {
      slot0: { ...slot0 },
      feeGrowthGlobal0X128: this.feeGrowthGlobal0X128,
      feeGrowthGlobal1X128: this.feeGrowthGlobal1X128,
      protocolFees0: this.protocolFees.token0,
      protocolFees1: this.protocolFees.token1,
      liquidity: this.liquidity,
      balance0: this.balance0,
      balance1: this.balance1,
    };
    try {
      return fn();
    } catch (error) {
      for (let i = journal.length - 1; i >= 0; i--) journal[i]!();
      this.slot0 = slot0;
      Object.assign(slot0, saved.slot0);
      this.feeGrowthGlobal0X128 = saved.feeGrowthGlobal0X128;
      this.feeGrowthGlobal1X128 = saved.feeGrowthGlobal1X128;
      this.protocolFees.token0 = saved.protocolFees0;
      this.protocolFees.token1 = saved.protocolFees1;
      this.liquidity = saved.liquidity;
      this.balance0 = saved.balance0;
      this.balance1 = saved.balance1;
      throw error;
    } finally {
      this.journal = outer;
    }
  }

  /** The tick's entry, created if absent, with its prior state journaled. */
  private tickForWrite(tick: number): TickInfo {
    const existing = this.ticks.get(tick);
    const journal = this.journal;
    if (existing === undefined) {
      const created = emptyTick();
      this.ticks.set(tick, created);
      journal?.push(() => this.ticks.delete(tick));
      return created;
    }
    if (journal !== null) {
      const before = { ...existing };
      journal.push(() => Object.assign(existing, before));
    }
    return existing;
  }

  /**
   * tickForWrite for Tick.cross, which changes only the two fee-growth-outside fields: journals just
   * those (no other field of the tick can change before the swap returns: mint and burn are locked).
   */
  private tickForCross(tick: number): TickInfo {
    const existing = this.ticks.get(tick);
    const journal = this.journal;
    if (existing === undefined || journal === null) return this.tickForWrite(tick);
    const outside0 = existing.feeGrowthOutside0X128;
    const outside1 = existing.feeGrowthOutside1X128;
    journal.push(() => {
      existing.feeGrowthOutside0X128 = outside0;
      existing.feeGrowthOutside1X128 = outside1;
    });
    return existing;
  }

  /** Ticks.clear: deletes the tick's data, journaled. */
  private clearTick(tick: number): void {
    const existing = this.ticks.get(tick);
    if (existing === undefined) return;
    this.ticks.delete(tick);
    this.journal?.push(() => this.ticks.set(tick, existing));
  }

  private positionForWrite(key: string): PositionInfo {
    const existing = this.positions.get(key);
    const journal = this.journal;
    if (existing === undefined) {
      const created = emptyPosition();
      this.positions.set(key, created);
      journal?.push(() => this.positions.delete(key));
      return created;
    }
    if (journal !== null) {
      const before = { ...existing };
      journal.push(() => Object.assign(existing, before));
    }
    return existing;
  }

  private flipTick(tick: number): void {
    const wordPos = Math.trunc(tick / this.tickSpacing) >> 8;
    const before = this.tickBitmap.get(wordPos);
    flipTick(this.tickBitmap, tick, this.tickSpacing);
    // (flipTick has checked that the tick is spaced, so the compressed tick is an integer)
    const compressed = tick / this.tickSpacing;
    toggleCompressed(this.initializedCompressed, compressed);
    this.journal?.push(() => {
      if (before === undefined) this.tickBitmap.delete(wordPos);
      else this.tickBitmap.set(wordPos, before);
      toggleCompressed(this.initializedCompressed, compressed);
    });
  }

  /** Effect some changes to a position; returns the position and the signed token amounts owed to (+) or by (−) the pool. */
  private modifyPosition(owner: string, tickLower: number, tickUpper: number, liquidityDelta: bigint): { position: PositionInfo; amount0: bigint; amount1: bigint } {
    checkTicks(tickLower, tickUpper);
    const { sqrtPriceX96, tick } = this.slot0; // SLOAD for gas optimization

    const position = this.updatePosition(owner, tickLower, tickUpper, liquidityDelta, tick);
    let amount0 = 0n;
    let amount1 = 0n;
    if (liquidityDelta !== 0n) {
      if (tick < tickLower) {
        // current tick is below the passed range; liquidity can only become in range by crossing from left to
        // right, when we'll need _more_ token0 (it's becoming more valuable) so user must provide it
        amount0 = getAmount0DeltaSigned(getSqrtRatioAtTick(tickLower), getSqrtRatioAtTick(tickUpper), liquidityDelta);
      } else if (tick < tickUpper) {
        // current tick is inside the passed range
        amount0 = getAmount0DeltaSigned(sqrtPriceX96, getSqrtRatioAtTick(tickUpper), liquidityDelta);
        amount1 = getAmount1DeltaSigned(getSqrtRatioAtTick(tickLower), sqrtPriceX96, liquidityDelta);
        this.liquidity = addDelta(this.liquidity, liquidityDelta);
      } else {
        // current tick is above the passed range; liquidity can only become in range by crossing from right to
        // left, when we'll need _more_ token1 (it's becoming more valuable) so user must provide it
        amount1 = getAmount1DeltaSigned(getSqrtRatioAtTick(tickLower), getSqrtRatioAtTick(tickUpper), liquidityDelta);
      }
    }
    return { position, amount0, amount1 };
  }

  /** Gets and updates a position with the given liquidity delta, flipping and clearing ticks as needed. */
  private updatePosition(owner: string, tickLower: number, tickUpper: number, liquidityDelta: bigint, tick: number): PositionInfo {
    const position = this.positionForWrite(positionKey(owner, tickLower, tickUpper));
    const feeGrowthGlobal0X128 = this.feeGrowthGlobal0X128; // SLOAD for gas optimization
    const feeGrowthGlobal1X128 = this.feeGrowthGlobal1X128; // SLOAD for gas optimization

    // if we need to update the ticks, do it
    let flippedLower = false;
    let flippedUpper = false;
    if (liquidityDelta !== 0n) {
      flippedLower = updateTickInfo(this.tickForWrite(tickLower), tickLower, tick, liquidityDelta, feeGrowthGlobal0X128, feeGrowthGlobal1X128, false, this.maxLiquidityPerTick);
      flippedUpper = updateTickInfo(this.tickForWrite(tickUpper), tickUpper, tick, liquidityDelta, feeGrowthGlobal0X128, feeGrowthGlobal1X128, true, this.maxLiquidityPerTick);
      if (flippedLower) this.flipTick(tickLower);
      if (flippedUpper) this.flipTick(tickUpper);
    }

    const inside = getFeeGrowthInside(this.ticks, tickLower, tickUpper, tick, feeGrowthGlobal0X128, feeGrowthGlobal1X128);
    updatePositionInfo(position, liquidityDelta, inside.feeGrowthInside0X128, inside.feeGrowthInside1X128);

    // clear any tick data that is no longer needed
    if (liquidityDelta < 0n) {
      if (flippedLower) this.clearTick(tickLower);
      if (flippedUpper) this.clearTick(tickUpper);
    }
    return position;
  }

  /** Calls the payer and credits what it paid; the default payer's payment is credited directly. */
  private pay(payer: Payer, amount0: bigint, amount1: bigint): void {
    if (payer === payExactly) {
      if (amount0 > 0n) this.balance0 += amount0;
      if (amount1 > 0n) this.balance1 += amount1;
    } else {
      this.receivePayment(payer(amount0, amount1));
    }
  }

  private receivePayment(paid: { paid0: bigint; paid1: bigint }): void {
    if (typeof paid?.paid0 !== 'bigint' || typeof paid.paid1 !== 'bigint' || paid.paid0 < 0n || paid.paid1 < 0n) {
      throw new PoolArgumentError('payer result', '{ paid0, paid1 } as non-negative bigints');
    }
    this.balance0 += paid.paid0;
    this.balance1 += paid.paid1;
  }

  /** TransferHelper.safeTransfer: TF when the pool does not hold the tokens. */
  private transferOut0(amount: bigint): void {
    require(this.balance0 >= amount, 'TF');
    this.balance0 -= amount;
  }

  private transferOut1(amount: bigint): void {
    require(this.balance1 >= amount, 'TF');
    this.balance1 -= amount;
  }
}

/** Common checks for valid tick inputs. */
function checkTicks(tickLower: number, tickUpper: number): void {
  require(tickLower < tickUpper, 'TLU');
  require(tickLower >= MIN_TICK, 'TLM');
  require(tickUpper <= MAX_TICK, 'TUM');
}

function checkInt24(value: number, name: string): void {
  if (!Number.isInteger(value) || value < MIN_INT24 || value > MAX_INT24) throw new PoolArgumentError(name, 'an int24 integer');
}

function checkUint8(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 255) throw new PoolArgumentError(name, 'a uint8 integer');
}

function checkUint(value: bigint, max: bigint, name: string, type: string): void {
  if (typeof value !== 'bigint' || value < 0n || value > max) throw new PoolArgumentError(name, `a ${type} bigint`);
}

function checkInt256(value: bigint, name: string): void {
  if (typeof value !== 'bigint' || value < MIN_INT256 || value > MAX_INT256) throw new PoolArgumentError(name, 'an int256 bigint');
}
