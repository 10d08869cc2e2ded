/** A calibration report named by `--calibration`, `DUNE_CALIBRATION_JSON` or an experiment variant: read once, validated, hashed. */
import { loadCalibration, type CalibrationReport } from '../intel/calibration/report.ts';
import { readInputFile } from '../store/readInputFile.ts';

export interface LoadedCalibration {
  report: CalibrationReport;
  sha256: string;
  /** The file's bytes, stored in the run folder as they are. */
  text: string;
}

export function loadCalibrationFile(path: string, field: string): LoadedCalibration {
  const text = readInputFile({ path, field, code: 'BAD_CALIBRATION', what: 'a calibration report (JSON)' });
  return { ...loadCalibration(text, path), text };
}
