// Libraries the engine needs only on some paths, loaded on first use. Checking a folder of notes
// with the precompiled lexicon and no configuration file needs neither: yaml (front matter, YAML
// lexicons and configuration) and ajv (schema validation) together cost ~70 ms at start-up.
import type * as Yaml from 'yaml';
import type AjvClass from 'ajv';

let yamlModule: typeof Yaml | undefined;
let ajvClass: typeof AjvClass | undefined;

export function yaml(): typeof Yaml {
  return (yamlModule ??= require('yaml') as typeof Yaml);
}

/** A new Ajv instance with the options every schema in Heard is checked with. */
export function newAjv(): AjvClass {
  ajvClass ??= (require('ajv') as { default: typeof AjvClass }).default;
  return new ajvClass({ allErrors: false, strict: false });
}
