/* global module */
// Hardhat 2 configuration used only by the EVM side of the fidelity test (test/fidelity/). It is a
// .cjs file because package.json declares "type": "module". The in-process network runs v3-core's
// pool unchanged; gas is effectively free so a long swap walk (tens of millions of gas) fits in one tx.
module.exports = {
  defaultNetwork: 'hardhat',
  networks: {
    hardhat: {
      // Prague, not the default Osaka: Osaka's EIP-7825 caps a transaction at 2^24 gas.
      hardfork: 'prague',
      blockGasLimit: 4_000_000_000,
      gas: 1_000_000_000,
      gasPrice: 0,
      initialBaseFeePerGas: 0,
      allowUnlimitedContractSize: true,
      mining: { auto: true, interval: 0 },
      accounts: { count: 2 },
      loggingEnabled: false,
    },
  },
};
