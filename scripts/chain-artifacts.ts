// Rewrites chain/compiled/SandboxERC20.json from its Solidity source (npm run chain:artifacts).
import { writeFileSync } from 'node:fs';
import { compileSandboxToken, SANDBOX_TOKEN_ARTIFACT } from '../test/chain/compileSandboxToken.ts';

writeFileSync(SANDBOX_TOKEN_ARTIFACT, compileSandboxToken());
console.log('wrote chain/compiled/SandboxERC20.json');
