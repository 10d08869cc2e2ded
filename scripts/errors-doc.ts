// Rewrites docs/errors.md from the error registry (npm run docs:errors).
import { writeFileSync } from 'node:fs';
import { errorsMarkdown } from '../src/errors/errorsDoc.ts';

writeFileSync(new URL('../docs/errors.md', import.meta.url), errorsMarkdown());
console.log('wrote docs/errors.md');
