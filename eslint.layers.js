/**
 * The layers of DESIGN.md's layout table (folders under src/), top to bottom, and what each may
 * import. Imports point down only; `errors/` is importable from every layer and imports nothing.
 * eslint.config.js turns this table into eslint-plugin-boundaries policies, so a wrong import fails
 * `npm run lint` (and so `npm test`); eslint.layers.test.ts proves the rule fires.
 */
const ALL_BELOW_EPISODE = ['intel', 'exec', 'safety', 'store', 'config', 'agent', 'market', 'clmm'];

/** layer → the layers it may import (besides itself and errors/). */
export const LAYERS = {
  cli: ['server', 'experiment', 'dist', 'campaign', 'episode', ...ALL_BELOW_EPISODE],
  server: ['experiment', 'dist', 'campaign', 'episode', ...ALL_BELOW_EPISODE],
  experiment: ['dist', 'campaign', 'episode', ...ALL_BELOW_EPISODE],
  dist: ['campaign', 'episode', ...ALL_BELOW_EPISODE],
  campaign: ['episode', ...ALL_BELOW_EPISODE],
  episode: ALL_BELOW_EPISODE,
  // DESIGN: intel may import config/ and store/; we also allow what those may import (agent,
  // market, clmm), never exec/ or safety/.
  intel: ['config', 'store', 'agent', 'market', 'clmm'],
  // safety wraps exec's port (a decorator), so safety → exec; never the other way.
  safety: ['exec', 'agent', 'market', 'clmm'],
  exec: ['agent', 'market', 'clmm'],
  // store/ and config/ are one level: each may import the other.
  store: ['config', 'agent', 'market', 'clmm'],
  config: ['store', 'agent', 'market', 'clmm'],
  agent: ['market', 'clmm'],
  market: ['clmm'],
  clmm: [],
  errors: [],
};
