/** Types for eslint.layers.js (plain JS so that eslint.config.js can import it without a loader). */
export declare const LAYERS: Readonly<Record<string, readonly string[]>>;
