// compromise, loaded on first use. Analysis needs only its tokenizer (compromise/one: sentence
// boundaries, tens of milliseconds to load); the full library (inflection, the word lexicon, a
// few hundred milliseconds) is needed only when the lexicon is compiled from YAML.
import type Nlp from 'compromise';
import type NlpOne from 'compromise/one';

let full: typeof Nlp | undefined;
let tokenizer: typeof NlpOne | undefined;

/** The full compromise (tagger, inflection, lexicon). */
export function nlp(): typeof Nlp {
  return (full ??= require('compromise') as typeof Nlp);
}

/** compromise's tokenizer only. */
export function nlpTokenizer(): typeof NlpOne {
  return (tokenizer ??= require('compromise/one') as typeof NlpOne);
}
