/**
 * The one registry of error codes. `kind` decides the exit code (cli/exitCodes.ts); the docs table in
 * docs/errors.md is generated from and tested against this registry.
 */
export type ErrorKind = 'bad_input' | 'external' | 'failed' | 'interrupted' | 'internal';

export const ERROR_CODES = {
  BAD_FLAG: { kind: 'bad_input', summary: 'A command-line flag or argument is malformed or out of range.' },
  BAD_ENV: { kind: 'bad_input', summary: 'An environment variable is malformed or out of range.' },
  BAD_CONFIG: { kind: 'bad_input', summary: 'A config file is missing, not JSON, or fails validation.' },
  POOL_BAD_ARGUMENT: { kind: 'bad_input', summary: 'A pool call argument does not fit its Solidity type.' },
  POOL_REVERT: { kind: 'failed', summary: 'A pool call reverted; the contract code is in the details.' },
  INTERNAL: { kind: 'internal', summary: 'An unexpected fault; please report it with the stack trace.' },
} as const satisfies Record<string, { kind: ErrorKind; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
