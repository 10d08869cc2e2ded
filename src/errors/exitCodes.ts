/** Exit codes fixed by DESIGN.md ("clmm-lab's own contracts"), and the mapping from an error's kind to one. */
import type { ErrorKind } from './errorCodes.ts';

export const EXIT = { ok: 0, failed: 1, badInput: 2, external: 3, interrupted: 130 } as const;

export function exitCodeForKind(kind: ErrorKind): number {
  switch (kind) {
    case 'bad_input':
      return EXIT.badInput;
    case 'external':
      return EXIT.external;
    case 'interrupted':
      return EXIT.interrupted;
    case 'failed':
    case 'internal':
      return EXIT.failed;
  }
}
