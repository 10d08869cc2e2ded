// SPDX-License-Identifier: MIT
pragma solidity =0.7.6;

/// @notice The sandbox chain's test token (USDC-like with 6 decimals, or any other): a plain ERC20
/// whose `mint` is open to anyone, so traders and users of the sandbox can fund themselves.
/// Reverts on a short balance or allowance, as the pool's and periphery's TransferHelper expect.
contract SandboxERC20 {
    string public name;
    string public symbol;
    uint8 public immutable decimals;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    constructor(string memory name_, string memory symbol_, uint8 decimals_) {
        name = name_;
        symbol = symbol_;
        decimals = decimals_;
    }

    function mint(address to, uint256 amount) external {
        uint256 supply = totalSupply + amount;
        require(supply >= amount, 'mint overflow');
        totalSupply = supply;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _transfer(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != uint256(-1)) {
            require(allowed >= amount, 'allowance');
            allowance[from][msg.sender] = allowed - amount;
        }
        _transfer(from, to, amount);
        return true;
    }

    function _transfer(address from, address to, uint256 amount) private {
        uint256 balance = balanceOf[from];
        require(balance >= amount, 'balance');
        balanceOf[from] = balance - amount;
        balanceOf[to] += amount; // cannot overflow: the sum of balances is totalSupply
        emit Transfer(from, to, amount);
    }
}
