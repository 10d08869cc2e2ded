/**
 * jsbi is CommonJS (`module.exports = JSBI`) but its typings say `export default class JSBI`, so
 * under NodeNext TypeScript types a default import as the module object. At run time the default
 * import is the class (the SDK's own ESM build relies on that); this re-types it once.
 */
import jsbiModule from 'jsbi';

export const JSBI = jsbiModule as unknown as typeof jsbiModule.default;
export type JSBI = jsbiModule.default;
