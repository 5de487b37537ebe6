// Reads lexicon files from disk for the engine (which never touches the file system itself).
import * as fs from 'fs';
import * as path from 'path';
import { compileLexicon, type CompiledLexicon, type LexiconFile } from '../engine';

let root: string | undefined;

/** The folder holding `lexicon/`: found by walking up from this module (source, out/ or a bundle). */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'lexicon', 'schema.json')) && fs.existsSync(path.join(dir, 'package.json'))) return (root = dir);
    if (path.dirname(dir) === dir) throw new Error(`cannot find Heard's lexicon folder above ${__dirname}`);
  }
}

export function coreLexiconDir(): string {
  return path.join(packageRoot(), 'lexicon');
}

export function readLexiconFile(file: string): LexiconFile {
  return { path: file, text: fs.readFileSync(file, 'utf8') };
}

/** Paths of the core lexicon files, in a stable order. */
export function coreLexiconPaths(): string[] {
  const dir = coreLexiconDir();
  return fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}

const compiled = new Map<string, CompiledLexicon>();

/**
 * The core lexicon plus extra (organisation) files, compiled once and reused until one of the
 * files changes (keyed by paths and modification times).
 */
export function loadLexicon(extraFiles: string[] = []): CompiledLexicon {
  const core = coreLexiconPaths();
  const stamp = (f: string) => `${f}@${fs.statSync(f).mtimeMs}`;
  const key = [...core.map(stamp), '|', ...extraFiles.map(stamp)].join('\n');
  let lexicon = compiled.get(key);
  if (!lexicon) {
    lexicon = compileLexicon(core.map(readLexiconFile), extraFiles.map(readLexiconFile));
    compiled.clear();
    compiled.set(key, lexicon);
  }
  return lexicon;
}
