/** The data dir when neither --data-dir nor CLMM_DATA_DIR names one (DESIGN.md: ./data). */
export const DEFAULT_DATA_DIR = 'data';
