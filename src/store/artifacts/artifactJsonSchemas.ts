/**
 * The JSON Schema (draft 2020-12, zod's built-in `z.toJSONSchema`) of every artifact of the
 * catalog, as the text committed in `docs/schemas/<name>.schema.json`.
 */
import { z } from 'zod';
import { ARTIFACT_CATALOG, type ArtifactName } from './artifactCatalog.ts';

export function artifactJsonSchemaText(name: ArtifactName): string {
  const entry = ARTIFACT_CATALOG[name];
  const generated = z.toJSONSchema(entry.schema, { target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const schema = { $schema, $id: `clmm-lab/artifacts/${name}.schema.json`, title: name, description: `clmm-lab artifact: ${entry.file}. Generated from src/store/artifacts by npm run docs:schemas; do not edit.`, ...rest };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** File name → text of every artifact's JSON Schema. */
export function artifactJsonSchemas(): Map<string, string> {
  return new Map((Object.keys(ARTIFACT_CATALOG) as ArtifactName[]).map((name) => [`${name}.schema.json`, artifactJsonSchemaText(name)]));
}
