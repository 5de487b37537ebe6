// Modules the browser bundler provides (scripts/bundle-browser.mjs).
declare module 'heard:lexicon-compiled' {
  /** The precompiled core lexicon (out/lexicon.compiled.json) as JSON text. */
  const json: string;
  export default json;
}
declare module 'heard:lexicon-sources' {
  /** The core lexicon's YAML files, for compiling it together with an organisation's entries. */
  const files: Array<{ path: string; text: string }>;
  export default files;
}
// The engine loads yaml, ajv and compromise with require() on first use; esbuild bundles them.
declare function require(id: string): unknown;
