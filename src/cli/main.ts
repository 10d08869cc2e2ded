/** The `clmm-lab` command: builds the program, runs it, and maps errors to messages and exit codes. */
import { Command } from 'commander';
import { registerCalibrate } from './commands/calibrate.ts';
import { registerCampaign } from './commands/campaign.ts';
import { registerChain } from './commands/chain.ts';
import { registerMetrics } from './commands/metrics.ts';
import { registerCompare } from './commands/compare.ts';
import { registerDemo } from './commands/demo.ts';
import { registerIntel } from './commands/intel.ts';
import { registerServe } from './commands/serve.ts';
import { EXIT } from '../errors/exitCodes.ts';
import { reportError } from './reportError.ts';
import { versionLine } from './version.ts';

/** What the commands read from their surroundings; tests pass their own. */
export interface ProgramDeps {
  env?: Record<string, string | undefined>;
  print?: (line: string) => void;
}

export function buildProgram(deps: ProgramDeps = {}): Command {
  const program = new Command();
  program
    .name('clmm-lab')
    .description('Train, evaluate and safely operate an automated LP on Uniswap-v3-style pools, on an exact pool engine.')
    .version(versionLine(), '-V, --version', 'print the version and git commit')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerCampaign(program, deps);
  registerMetrics(program, deps);
  registerCompare(program, deps);
  registerDemo(program);
  registerIntel(program, deps);
  registerCalibrate(program, deps);
  registerChain(program);
  registerServe(program, deps);
  return program;
}

/** Runs the CLI on argv (as process.argv) and returns the exit code. */
export async function main(argv: string[], deps: ProgramDeps = {}): Promise<number> {
  const program = buildProgram(deps);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    return reportError(error, (line) => console.error(line));
  }
}
