/* global module, require, setInterval */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file that hardhat 2 loads with require() */
// Hardhat 2 configuration of the sandbox chain node (`clmm-lab chain up`, and the tests that need a
// node). src/exec/chain/startSandboxNode.ts spawns `hardhat node` with it and passes the chain id and
// base fee through the environment. Blocks are not mined by hardhat's own interval: hardhat stamps an
// interval block with the wall clock, so the starter mines every 100–250 ms itself with `evm_mine`
// and a timestamp 12 s after the last block's (mainnet's slot). Nothing is compiled here; the
// contracts come from npm artifacts and chain/compiled/.
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const chainId = Number(process.env.CLMM_SANDBOX_CHAIN_ID ?? '31337');
const baseFeeWei = BigInt(process.env.CLMM_SANDBOX_BASE_FEE_WEI ?? '1000000000');
const scratch = join(tmpdir(), 'clmm-lab-hardhat-sandbox');

// Orphan guard: the starter passes its pid; when that process is gone (even SIGKILLed, when it
// cannot stop its node), the node exits too instead of holding its port forever.
const parentPid = Number(process.env.CLMM_SANDBOX_PARENT_PID ?? '0');
if (parentPid > 0) {
  setInterval(() => {
    try {
      process.kill(parentPid, 0);
    } catch {
      process.exit(0);
    }
  }, 1000).unref();
}

module.exports = {
  defaultNetwork: 'hardhat',
  paths: { sources: join(scratch, 'sources'), cache: join(scratch, 'cache'), artifacts: join(scratch, 'artifacts') },
  networks: {
    hardhat: {
      chainId,
      hardfork: 'prague',
      // mainnet's block gas limit
      blockGasLimit: 30_000_000,
      initialBaseFeePerGas: Number(baseFeeWei),
      // the default gas price of a transaction sent without one: twice the base fee
      gasPrice: Number(2n * baseFeeWei),
      mining: { auto: true, interval: 0, mempool: { order: 'fifo' } },
      accounts: { count: 10, accountsBalance: '1000000000000000000000000' },
      loggingEnabled: false,
    },
  },
};
