// What compromise's lexicon knows about single words, reduced to what the engine asks: is a
// capitalised word a known first name (and whose), or a word that is not a noun ("Went",
// "Later")? Built once from compromise when the lexicon is compiled and stored with the
// precompiled lexicon, so a run never has to load compromise's full tagger to answer it.
import { nlp } from './nlp';

export interface WordModel {
  femaleNames: Set<string>;
  maleNames: Set<string>;
  /** Words compromise's lexicon lists only as something other than a noun. */
  notNouns: Set<string>;
}

interface TagInfo {
  parents?: string[];
}

export function buildWordModel(): WordModel {
  const world = nlp().world() as unknown as { model: { one: { lexicon: Record<string, string | string[]>; tagSet: Record<string, TagInfo> } } };
  const { lexicon, tagSet } = world.model.one;
  const isNoun = (tag: string) => tag === 'Noun' || !!tagSet[tag]?.parents?.includes('Noun');
  const model: WordModel = { femaleNames: new Set(), maleNames: new Set(), notNouns: new Set() };
  for (const [word, tags] of Object.entries(lexicon)) {
    if (/\s/.test(word)) continue;
    const list = ([] as string[]).concat(tags);
    if (list.includes('FemaleName')) model.femaleNames.add(word);
    if (list.includes('MaleName')) model.maleNames.add(word);
    if (!list.some(isNoun)) model.notNouns.add(word);
  }
  return model;
}

export interface WordInfo {
  /** Could be a name: a noun, a first name, or a word the lexicon does not know. */
  nounLike: boolean;
  gender: 'f' | 'm' | undefined;
}

/** What the model says of a capitalised word on its own. Unknown words ending -ing/-ed/-ly are not names. */
export function wordInfo(model: WordModel, word: string): WordInfo {
  const lower = word.toLowerCase();
  const gender = model.femaleNames.has(lower) ? 'f' : model.maleNames.has(lower) ? 'm' : undefined;
  const nounLike = gender !== undefined || (!model.notNouns.has(lower) && !/(?:ing|ed|ly)$/.test(lower));
  return { nounLike, gender };
}
