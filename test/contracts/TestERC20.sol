// SPDX-License-Identifier: MIT
pragma solidity =0.7.6;

/// @notice Minimal ERC20 for the fidelity test: anyone may mint, transfer reverts on a short balance
/// (so the pool's TransferHelper reports 'TF' exactly when it holds too little).
contract TestERC20 {
    mapping(address => uint256) public balanceOf;

    function mint(address to, uint256 amount) external {
        uint256 balance = balanceOf[to];
        require(balance + amount >= balance, 'mint overflow');
        balanceOf[to] = balance + amount;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        uint256 balance = balanceOf[msg.sender];
        require(balance >= amount, 'balance');
        balanceOf[msg.sender] = balance - amount;
        uint256 received = balanceOf[to];
        require(received + amount >= received, 'transfer overflow');
        balanceOf[to] = received + amount;
        return true;
    }
}
