/** The folder of one experiment: `<data-dir>/experiments/<id>/`, its variants' runs under `runs/`. */
import { join } from 'node:path';

export interface ExperimentPaths {
  root: string;
  record: string;
  spec: string;
  criteria: string;
  intelSnapshot: string;
  calibration: string;
  reportJson: string;
  reportMd: string;
  reportHtml: string;
}

export function experimentPaths(dataDir: string, id: string): ExperimentPaths {
  const root = join(dataDir, 'experiments', id);
  return {
    root,
    record: join(root, 'experiment.json'),
    spec: join(root, 'spec.json'),
    criteria: join(root, 'criteria.json'),
    intelSnapshot: join(root, 'intel_snapshot.json'),
    calibration: join(root, 'calibration.json'),
    reportJson: join(root, 'report.json'),
    reportMd: join(root, 'report.md'),
    reportHtml: join(root, 'report.html'),
  };
}
