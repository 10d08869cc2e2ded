// Rewrites docs/settings.md from the settings table (npm run docs:settings).
import { writeFileSync } from 'node:fs';
import { settingsMarkdown } from '../src/config/settingsDoc.ts';

writeFileSync(new URL('../docs/settings.md', import.meta.url), settingsMarkdown());
console.log('wrote docs/settings.md');
