/**
 * A recorded-data file that cannot be replayed: names the file, the 1-based line (the header is line
 * 1), the data row and the column, so a bad file fails loudly instead of replaying the wrong market.
 * Its code is the registry's REAL_DATA_MISSING ("does not exist or has no usable files").
 */
export class ReplayDataError extends Error {
  readonly code = 'REAL_DATA_MISSING' as const;
  readonly file: string;
  readonly line: number | null;
  readonly column: string | null;

  constructor(params: { file: string; line?: number; column?: string; problem: string }) {
    const where = params.line === undefined ? '' : `, line ${params.line} (data row ${params.line - 1})`;
    const column = params.column === undefined ? '' : `, column ${params.column}`;
    super(`${params.file}${where}${column}: ${params.problem}`);
    this.name = 'ReplayDataError';
    this.file = params.file;
    this.line = params.line ?? null;
    this.column = params.column ?? null;
  }
}
