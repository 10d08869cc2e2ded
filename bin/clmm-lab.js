#!/usr/bin/env node
// Runs the CLI from its TypeScript source through tsx, so `npx clmm-lab` needs no build step.
import { register } from 'tsx/esm/api';

register();
// a closed pipe (`clmm-lab runs | head`) ends the output quietly
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
