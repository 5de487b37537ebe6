// Regular expressions from a workspace's own files (an organisation's lexicon, `.heard.yaml`),
// matched by re2js, a pure-JavaScript port of RE2: time linear in the text whatever the pattern.
// JavaScript's own engine backtracks, and a pattern such as `(a+)+$` takes time doubling with
// every character it reads: a file in a workspace must not be able to hang the editor or the CLI.
// The core lexicon's regexes are the project's own, reviewed with it, and keep the native engine
// (they use lookahead, which RE2 does not have).
import { RE2JS } from 're2js';

/** What the engine asks of a condition regex: does it match somewhere in this text? */
export interface TextTest {
  readonly source: string;
  test(text: string): boolean;
}

/** Why a pattern cannot be matched in linear time, in words a lexicon's author can act on. */
function explain(source: string, message: string): string {
  if (/\(\?[=!]/.test(source)) return 'lookahead (?= …) and (?! …) cannot be matched in linear time: write the pattern without it (in a lexicon entry, notAfter says "not followed by")';
  if (/\\[1-9]/.test(source)) return 'back-references (\\1 …) cannot be matched in linear time';
  return message.replace(/^error parsing regexp: /, '');
}

/**
 * Compiles `source` for linear-time matching (RE2 syntax, with lookbehind), case-insensitive
 * unless `ignoreCase` is false. Throws an Error saying why when RE2 cannot take the pattern.
 */
export function linearRegex(source: string, options: { ignoreCase?: boolean; multiline?: boolean } = {}): TextTest {
  let flags = RE2JS.LOOKBEHINDS;
  if (options.ignoreCase !== false) flags |= RE2JS.CASE_INSENSITIVE;
  if (options.multiline) flags |= RE2JS.MULTILINE;
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source, flags);
  } catch (e) {
    throw new Error(`/${source}/ cannot be used: ${explain(source, (e as Error).message)}`);
  }
  return {
    source,
    test: (text: string) => compiled.matcher(text).find(),
  };
}
