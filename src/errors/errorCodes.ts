/**
 * The one registry of error codes. `kind` decides the exit code (exitCodes.ts); the docs table in
 * docs/errors.md is generated from and tested against this registry.
 */
export type ErrorKind = 'bad_input' | 'external' | 'failed' | 'interrupted' | 'internal';

export const ERROR_CODES = {
  BAD_FLAG: { kind: 'bad_input', summary: 'A command-line flag or argument is malformed or out of range.' },
  BAD_ENV: { kind: 'bad_input', summary: 'An environment variable is malformed or out of range.' },
  BAD_CONFIG: { kind: 'bad_input', summary: 'A config file is missing, not JSON, or fails validation.' },
  BAD_CALIBRATION: { kind: 'bad_input', summary: 'A calibration report is missing, not JSON, or incomplete.' },
  BAD_REGIME_MIX: { kind: 'bad_input', summary: 'A regime mix is not name:weight,... over the seven regimes summing to 1 (within 0.01).' },
  BAD_LEARNING_STATE: { kind: 'bad_input', summary: 'A learning state file is not valid.' },
  MODE_NOT_AVAILABLE: { kind: 'bad_input', summary: 'The requested execution mode is not built yet.' },
  LIVE_NOT_ACKNOWLEDGED: { kind: 'bad_input', summary: 'Live execution needs I_UNDERSTAND_LIVE_RISK=true.' },
  RUN_EXISTS: { kind: 'bad_input', summary: 'A run with this id already exists; use --resume to continue it.' },
  RUN_NOT_FOUND: { kind: 'bad_input', summary: 'No run with this id in the data dir.' },
  RUN_LOCKED: { kind: 'bad_input', summary: 'Another process is writing this run (its lock file is held).' },
  RESUME_CONFLICT: { kind: 'bad_input', summary: 'A flag given with --resume conflicts with the run’s saved settings.' },
  REAL_DATA_MISSING: { kind: 'bad_input', summary: 'The recorded data folder does not exist or has no usable files.' },
  RESUME_MISMATCH: { kind: 'failed', summary: 'Re-simulating a finished episode on resume gave other bytes than on disk (the code or data changed).' },
  INTERRUPTED: { kind: 'interrupted', summary: 'Stopped by SIGINT/SIGTERM after the episodes in flight; the run is resumable.' },
  BAD_SPEC: { kind: 'bad_input', summary: 'An experiment spec is not JSON or fails validation (e.g. a variant that tries to change the shared market).' },
  EXPERIMENT_CONFLICT: { kind: 'bad_input', summary: 'An experiment with this id exists with another spec, episode count or seed.' },
  EXPERIMENT_NOT_FOUND: { kind: 'bad_input', summary: 'No experiment with this id in the data dir.' },
  INTEL_QUERY_IDS: { kind: 'bad_input', summary: 'The Dune query-id mapping (file or DUNE_QUERY_IDS) names an unknown query or a bad id.' },
  INTEL_NO_API_KEY: { kind: 'bad_input', summary: 'DUNE_API_KEY is not set; refreshing from Dune needs it (reading the cache does not).' },
  INTEL_CACHE: { kind: 'external', summary: 'The intel cache (SQLite file or Redis server) could not be opened, read or written.' },
  INTEL_SCOPE: { kind: 'bad_input', summary: 'A query scope (pool, pair, hook or wallet id) is malformed or does not fit the query.' },
  DUNE_BAD_REQUEST: { kind: 'bad_input', summary: 'Dune answered 400: a missing or invalid parameter (e.g. an unknown query parameter name).' },
  DUNE_UNAUTHORIZED: { kind: 'bad_input', summary: 'Dune answered 401: DUNE_API_KEY is not a valid API key.' },
  DUNE_PAYMENT_REQUIRED: { kind: 'external', summary: 'Dune answered 402: the request would exceed the billing-cycle credit limits.' },
  DUNE_FORBIDDEN: { kind: 'bad_input', summary: 'Dune answered 403: the query is archived, unsaved or private to another account.' },
  DUNE_NOT_FOUND: { kind: 'bad_input', summary: 'Dune answered 404: no such query, execution or result (check the query id mapping).' },
  DUNE_CONFLICT: { kind: 'external', summary: 'Dune answered 409: the request conflicts with the state of the resource.' },
  DUNE_RATE_LIMITED: { kind: 'external', summary: 'Dune answered 429 and the retries (honouring Retry-After) ran out.' },
  DUNE_SERVER: { kind: 'external', summary: 'Dune answered 5xx and the retries ran out.' },
  DUNE_NETWORK: { kind: 'external', summary: 'Dune could not be reached (connection refused, reset or DNS failure).' },
  DUNE_TIMEOUT: { kind: 'external', summary: 'A Dune request or execution did not finish within its deadline.' },
  DUNE_MALFORMED: { kind: 'external', summary: 'Dune answered with a body that is not the documented shape (or rows that fail the query schema).' },
  DUNE_EXECUTION_FAILED: { kind: 'external', summary: 'A Dune execution ended in QUERY_STATE_FAILED (its SQL error is in the details).' },
  DUNE_EXECUTION_CANCELLED: { kind: 'external', summary: 'A Dune execution ended in QUERY_STATE_CANCELLED.' },
  DUNE_EXECUTION_EXPIRED: { kind: 'external', summary: 'A Dune execution ended in QUERY_STATE_EXPIRED: its result is no longer stored.' },
  POOL_BAD_ARGUMENT: { kind: 'bad_input', summary: 'A pool call argument does not fit its Solidity type.' },
  POOL_REVERT: { kind: 'failed', summary: 'A pool call reverted; the contract code is in the details.' },
  BAD_DATA_DIR: { kind: 'bad_input', summary: 'The data dir (--data-dir or CLMM_DATA_DIR) is a file, or a folder this user cannot write.' },
  INTERNAL: { kind: 'internal', summary: 'An unexpected fault; please report it with the stack trace.' },
} as const satisfies Record<string, { kind: ErrorKind; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
