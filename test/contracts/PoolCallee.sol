// SPDX-License-Identifier: MIT
pragma solidity =0.7.6;

interface IMintableToken {
    function mint(address to, uint256 amount) external;
}

/// @notice One account of the fidelity test (a position owner, the swapper, or the factory owner).
/// `exec` forwards ready-made calldata to a pool and records the outcome in an event instead of
/// reverting, so a single transaction yields the return data or the revert data of the pool call.
/// The mint and swap callbacks pay by minting tokens straight to the pool; the callback data says
/// which tokens and how much to deviate from what is owed (negative = shortfall, positive = extra),
/// exactly as the engine-side payer does: paid = max(0, max(owed, 0) + adjust).
contract PoolCallee {
    event Result(bool ok, bytes data);

    function exec(address target, bytes calldata data) external {
        (bool ok, bytes memory ret) = target.call(data);
        emit Result(ok, ret);
    }

    function uniswapV3MintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata data) external {
        pay(int256(amount0Owed), int256(amount1Owed), data);
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external {
        pay(amount0Delta, amount1Delta, data);
    }

    function pay(int256 owed0, int256 owed1, bytes calldata data) private {
        (address token0, address token1, int256 adjust0, int256 adjust1) =
            abi.decode(data, (address, address, int256, int256));
        uint256 paid0 = payment(owed0, adjust0);
        uint256 paid1 = payment(owed1, adjust1);
        if (paid0 > 0) IMintableToken(token0).mint(msg.sender, paid0);
        if (paid1 > 0) IMintableToken(token1).mint(msg.sender, paid1);
    }

    function payment(int256 owed, int256 adjust) private pure returns (uint256) {
        int256 due = owed > 0 ? owed : 0;
        int256 paid = due + adjust;
        require(adjust <= 0 || paid > due, 'adjust overflow');
        return paid > 0 ? uint256(paid) : 0;
    }
}
