// The engine's public surface. Pure TypeScript: safe to bundle for the editor, the CLI and tests.
export * from './types';
export { analyse, AnalysisCache, resolveRule, resolveRules, type AnalyseInput } from './analyse';
export { compileLexicon, parseLexiconFile, LexiconError, serializeLexicon, deserializeLexicon, type CompiledLexicon, type CompiledEntry, type LexiconFile, type SerializedLexicon } from './lexicon';
export { applyFixes, isSafeRewrite, safeRewrite, type AppliedFix } from './fixes';
export { LineIndex } from './text';
