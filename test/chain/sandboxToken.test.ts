// The committed sandbox token artifact is what its Solidity source compiles to (run `npm run chain:artifacts` after editing the source).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import { compileSandboxToken, SANDBOX_TOKEN_ARTIFACT } from './compileSandboxToken.ts';

it('chain/compiled/SandboxERC20.json matches chain/contracts/SandboxERC20.sol compiled with solc 0.7.6', () => {
  assert.equal(readFileSync(SANDBOX_TOKEN_ARTIFACT, 'utf8'), compileSandboxToken());
});
