// Rewrites docs/schemas/<artifact>.schema.json from the artifact schemas (npm run docs:schemas).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { artifactJsonSchemas } from '../src/store/artifacts/artifactJsonSchemas.ts';

const dir = new URL('../docs/schemas/', import.meta.url);
mkdirSync(dir, { recursive: true });
const schemas = artifactJsonSchemas();
// a schema removed from the catalog leaves no stale file behind
for (const f of readdirSync(dir)) if (f.endsWith('.schema.json') && !schemas.has(f)) rmSync(new URL(f, dir));
for (const [name, text] of schemas) writeFileSync(new URL(name, dir), text);
console.log(`wrote ${schemas.size} schemas to docs/schemas/`);
