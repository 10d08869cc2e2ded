// SPDX-License-Identifier: MIT
pragma solidity =0.7.6;

/// @notice Runtime code the fidelity test installs, through an eth_call state override, at a pool's
/// address: it returns sload(k) for every 32-byte word k of the calldata, so one call reads any set
/// of the pool's storage slots without the cost of the pool's getters (EDR traces every opcode).
contract StorageReader {
    fallback() external {
        assembly {
            let n := calldatasize()
            for { let i := 0 } lt(i, n) { i := add(i, 32) } {
                mstore(i, sload(calldataload(i)))
            }
            return(0, n)
        }
    }
}
