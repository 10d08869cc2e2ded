/** The `clmm-lab` command: builds the program, runs it, and maps errors to messages and exit codes. */
import { Command, CommanderError } from 'commander';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { PoolArgumentError } from '../clmm/PoolArgumentError.ts';
import { PoolRevertError } from '../clmm/PoolRevertError.ts';
import { fromFsError } from '../store/fsError.ts';
import { registerCalibrate } from './commands/calibrate.ts';
import { registerCampaign } from './commands/campaign.ts';
import { registerMetrics } from './commands/metrics.ts';
import { registerCompare } from './commands/compare.ts';
import { registerDemo } from './commands/demo.ts';
import { registerIntel } from './commands/intel.ts';
import { EXIT, exitCodeForKind } from './exitCodes.ts';
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
  return program;
}

/** Runs the CLI on argv (as process.argv) and returns the exit code. */
export async function main(argv: string[], deps: ProgramDeps = {}): Promise<number> {
  const program = buildProgram(deps);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // help and version exit through here with code 0
    if (error.exitCode === 0) return EXIT.ok;
    return EXIT.badInput;
  }
  // a raw read-only, disk-full or size-limit error that escaped a writer gets its name too
  const named = fromFsError(error);
  if (named instanceof ClmmLabError) {
    console.error(`error [${named.code}]: ${named.message}`);
    return exitCodeForKind(named.kind);
  }
  if (error instanceof PoolArgumentError) {
    console.error(`error [${error.code}]: ${error.message}`);
    return EXIT.badInput;
  }
  if (error instanceof PoolRevertError) {
    console.error(`error [POOL_REVERT]: ${error.message}`);
    return EXIT.failed;
  }
  console.error('error [INTERNAL]: unexpected fault, please report it');
  console.error(error);
  return EXIT.failed;
}
