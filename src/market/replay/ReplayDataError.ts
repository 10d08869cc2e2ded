/**
 * A recorded-data file that cannot be replayed: names the file, the 1-based line (the header is line
 * 1), the data row and the column, so a bad file fails loudly instead of replaying the wrong market.
 * Its code is the registry's REAL_DATA_MISSING ("does not exist or has no usable files"); file, line
 * and column are also in `details`.
 */
import { ClmmLabError } from '../../errors/ClmmLabError.ts';

export class ReplayDataError extends ClmmLabError {
  declare readonly code: 'REAL_DATA_MISSING';
  readonly file: string;
  readonly line: number | null;
  readonly column: string | null;

  constructor(params: { file: string; line?: number; column?: string; problem: string }) {
    const where = params.line === undefined ? '' : `, line ${params.line} (data row ${params.line - 1})`;
    const column = params.column === undefined ? '' : `, column ${params.column}`;
    const line = params.line ?? null;
    const col = params.column ?? null;
    super('REAL_DATA_MISSING', `${params.file}${where}${column}: ${params.problem}`, { details: { file: params.file, line, column: col } });
    this.name = 'ReplayDataError';
    this.file = params.file;
    this.line = line;
    this.column = col;
  }
}
