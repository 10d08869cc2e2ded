// SPDX-License-Identifier: MIT
pragma solidity =0.7.6;

interface ILensPool {
    function slot0()
        external
        view
        returns (uint160, int24, uint16, uint16, uint16, uint8, bool);
    function liquidity() external view returns (uint128);
    function feeGrowthGlobal0X128() external view returns (uint256);
    function feeGrowthGlobal1X128() external view returns (uint256);
    function protocolFees() external view returns (uint128, uint128);
    function token0() external view returns (address);
    function token1() external view returns (address);
    function ticks(int24 tick)
        external
        view
        returns (uint128, int128, uint256, uint256, int56, uint160, uint32, bool);
    function positions(bytes32 key) external view returns (uint128, uint256, uint256, uint128, uint128);
}

interface ILensToken {
    function balanceOf(address) external view returns (uint256);
}

/// @notice Reads everything the fidelity test compares in one eth_call, as flat 256-bit words
/// (signed values in two's complement):
///   11 pool words: sqrtPriceX96, tick, feeProtocol, unlocked, liquidity, feeGrowthGlobal0X128,
///                  feeGrowthGlobal1X128, protocolFees.token0, protocolFees.token1, balance0, balance1
///   5 words per tick: liquidityGross, liquidityNet, feeGrowthOutside0X128, feeGrowthOutside1X128, initialized
///   5 words per position: liquidity, feeGrowthInside0LastX128, feeGrowthInside1LastX128, tokensOwed0, tokensOwed1
contract PoolLens {
    function read(
        address pool,
        int24[] calldata tickIds,
        address[] calldata owners,
        int24[] calldata lowers,
        int24[] calldata uppers
    ) external view returns (uint256[] memory out) {
        out = new uint256[](11 + 5 * tickIds.length + 5 * owners.length);
        ILensPool p = ILensPool(pool);
        {
            (uint160 sqrtPriceX96, int24 tick, , , , uint8 feeProtocol, bool unlocked) = p.slot0();
            out[0] = sqrtPriceX96;
            out[1] = uint256(int256(tick));
            out[2] = feeProtocol;
            out[3] = unlocked ? 1 : 0;
        }
        out[4] = p.liquidity();
        out[5] = p.feeGrowthGlobal0X128();
        out[6] = p.feeGrowthGlobal1X128();
        (out[7], out[8]) = p.protocolFees();
        out[9] = ILensToken(p.token0()).balanceOf(pool);
        out[10] = ILensToken(p.token1()).balanceOf(pool);
        uint256 k = 11;
        for (uint256 i = 0; i < tickIds.length; i++) {
            readTick(p, tickIds[i], out, k);
            k += 5;
        }
        for (uint256 i = 0; i < owners.length; i++) {
            readPosition(p, keccak256(abi.encodePacked(owners[i], lowers[i], uppers[i])), out, k);
            k += 5;
        }
    }

    function readTick(ILensPool p, int24 tick, uint256[] memory out, uint256 k) private view {
        (uint128 gross, int128 net, uint256 outside0, uint256 outside1, , , , bool initialized) = p.ticks(tick);
        out[k] = gross;
        out[k + 1] = uint256(int256(net));
        out[k + 2] = outside0;
        out[k + 3] = outside1;
        out[k + 4] = initialized ? 1 : 0;
    }

    function readPosition(ILensPool p, bytes32 key, uint256[] memory out, uint256 k) private view {
        (uint128 liq, uint256 inside0, uint256 inside1, uint128 owed0, uint128 owed1) = p.positions(key);
        out[k] = liq;
        out[k + 1] = inside0;
        out[k + 2] = inside1;
        out[k + 3] = owed0;
        out[k + 4] = owed1;
    }
}
