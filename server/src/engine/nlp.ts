// compromise, loaded on first use: it takes a few hundred milliseconds to load, and a run that
// finds no candidate phrase (or loads a precompiled lexicon) should not pay for it.
import type Nlp from 'compromise';

let instance: typeof Nlp | undefined;

export function nlp(): typeof Nlp {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (instance ??= require('compromise') as typeof Nlp);
}
