/**
 * The calibration report (kept from the original: `{input_metrics, calibrated_constants{GAS_USD,
 * FEE_GATE, LOSS_BREAKER, OOR_CRITICAL_DEFAULT, OOR_CRITICAL_BY_REGIME, REGIME_MIN_WIDTH},
 * calibrated_regime_mix, recommendations}`, fields added, none renamed), its one serialisation,
 * its sha256, and `loadCalibration` for `DUNE_CALIBRATION_JSON` / `--calibration FILE`: a bad or
 * incomplete file is a BAD_CALIBRATION error naming the field.
 */
import { createHash } from 'node:crypto';
import { ClmmLabError } from '../../errors/ClmmLabError.ts';
import { artifactText } from '../../store/artifacts/artifactIo.ts';
import { calibrationReportSchema, type CalibrationReport } from '../../store/artifacts/calibrationReport.ts';

export const CONSTANT_NAMES = ['GAS_USD', 'FEE_GATE', 'LOSS_BREAKER', 'OOR_CRITICAL_DEFAULT', 'OOR_CRITICAL_BY_REGIME', 'REGIME_MIN_WIDTH'] as const;
export type ConstantName = (typeof CONSTANT_NAMES)[number];

// the schema is a store artifact (clmm-lab/artifacts); these names stay importable from here
export { calibrationReportSchema, INPUT_QUALITIES, type CalibratedConstants, type CalibrationReport, type InputMetric } from '../../store/artifacts/calibrationReport.ts';

/** The one serialisation: pretty JSON with a trailing newline (validated, strict); the sha256 is of these bytes. */
export function serializeCalibration(report: CalibrationReport): { text: string; sha256: string } {
  const text = artifactText(calibrationReportSchema, report, 'calibration report');
  return { text, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}

/** Validates a calibration file's text; the sha256 is of the text as given. */
export function loadCalibration(text: string, source = 'calibration'): { report: CalibrationReport; sha256: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new ClmmLabError('BAD_CALIBRATION', `${source}: not JSON (${(cause as Error).message})`, { details: { field: '(root)', source }, cause });
  }
  const r = calibrationReportSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    throw new ClmmLabError('BAD_CALIBRATION', `${source}: ${field}: ${missing ? 'missing' : issue.message}`, { details: { field, source, issue: issue.message } });
  }
  return { report: r.data, sha256: createHash('sha256').update(text, 'utf8').digest('hex') };
}
