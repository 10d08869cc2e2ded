/**
 * The artifacts' public API (the package's `clmm-lab/artifacts` export): a zod schema and its
 * inferred type for every file a run, an experiment or the intel scheduler writes, the RunEvent
 * union of `events.jsonl`, and the helpers that validate on write and on read.
 */
export { SCHEMA_VERSION, artifactText, artifactLine, readArtifact, readArtifactLines, parseArtifactValue } from './artifactIo.ts';
export { ARTIFACT_CATALOG, type ArtifactName, type ArtifactEntry } from './artifactCatalog.ts';
export * from './decisionBasis.ts';
export * from './episodeFiles.ts';
export * from './metricsFiles.ts';
export * from './runEvents.ts';
export * from './runFiles.ts';
export * from './intelSnapshot.ts';
export * from './calibrationReport.ts';
export * from './experimentReport.ts';
export * from './schedulerEvents.ts';
