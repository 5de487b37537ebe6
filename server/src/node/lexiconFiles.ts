// Reads lexicon files from disk for the engine (which never touches the file system itself).
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { compileLexicon, type CompiledLexicon, type LexiconFile } from '../engine';
import { deserializeLexicon, type SerializedLexicon } from '../engine/lexicon';
import { ReadRefused, readRegularFile } from './safeRead';

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

/** Lexicon files are YAML text (the whole core lexicon is about 300 KB); a file larger than this is not one. */
export const MAX_LEXICON_BYTES = 10 * 1024 * 1024;

/** Reads a lexicon file: a regular file only (never a FIFO or a device), of at most 10 MB. Throws ReadRefused. */
export function readLexiconFile(file: string): LexiconFile {
  try {
    return { path: file, text: readRegularFile(file, MAX_LEXICON_BYTES).toString('utf8') };
  } catch (e) {
    if (e instanceof ReadRefused) throw new ReadRefused(`${file}: ${e.size !== undefined ? 'too large for a lexicon file (more than 10 MB)' : e.message}`);
    throw e;
  }
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

/**
 * Hash of lexicon file names and texts, in order: a serialized lexicon is valid only for the same
 * hash. SHA-256 from Node's crypto, which hashes the ~200 KB of YAML in well under a millisecond.
 */
export function lexiconSourceHash(files: LexiconFile[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${path.basename(f.path)}\n${f.text}\u0000`);
  return hash.digest('hex');
}

const compiled = new Map<string, CompiledLexicon>();

/** Where the build writes the precompiled core lexicon (out/ from tsc, dist/ in the editor bundle). */
export function precompiledLexiconPaths(): string[] {
  return ['out', 'dist'].map((dir) => path.join(packageRoot(), dir, 'lexicon.compiled.json'));
}

/**
 * The core lexicon: from the build's precompiled copy when it matches the YAML files (hash of their
 * text), else compiled from the YAML. Either way the result is the same; the copy only saves time.
 */
function loadCore(files: LexiconFile[], extra: LexiconFile[]): CompiledLexicon {
  if (extra.length === 0) {
    const hash = lexiconSourceHash(files);
    for (const file of precompiledLexiconPaths()) {
      if (!fs.existsSync(file)) continue;
      try {
        const data = JSON.parse(fs.readFileSync(file, 'utf8')) as SerializedLexicon;
        if (data.format === 2 && data.sourceHash === hash) return deserializeLexicon(data);
      } catch {
        // A damaged copy is ignored: the YAML is the source of truth.
      }
    }
  }
  return compileLexicon(files, extra);
}

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
    lexicon = loadCore(core.map(readLexiconFile), extraFiles.map(readLexiconFile));
    compiled.clear();
    compiled.set(key, lexicon);
  }
  return lexicon;
}
