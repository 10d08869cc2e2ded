/**
 * What the CLI prints for an error that ended a command, and the exit code it returns. Every coded
 * error of every layer (pool reverts, config, replay data, learning state, Dune, ...) is a
 * ClmmLabError, so its registry code decides both; a raw file-system error is named by
 * store/fsError.ts; anything else is an INTERNAL fault.
 */
import { CommanderError } from 'commander';
import { ClmmLabError } from '../errors/ClmmLabError.ts';
import { EXIT, exitCodeForKind } from '../errors/exitCodes.ts';
import { fromFsError } from '../store/fsError.ts';

export function reportError(error: unknown, printError: (line: unknown) => void): number {
  if (error instanceof CommanderError) {
    // help and version exit through here with code 0; commander has printed its own message
    return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  // a raw read-only, disk-full or size-limit error that escaped a writer gets its name too
  const named = fromFsError(error);
  if (named instanceof ClmmLabError) {
    printError(`error [${named.code}]: ${named.message}`);
    return exitCodeForKind(named.kind);
  }
  printError('error [INTERNAL]: unexpected fault, please report it');
  printError(error);
  return EXIT.failed;
}
