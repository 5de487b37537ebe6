// `extends:` in a config file: settings shared by a partnership, from a file next to the project or
// from an npm package installed in the project's node_modules (a package such as
// `@our-partnership/heard-config` holding a `.heard.yaml` and the lexicon files it names).
//
// Merging, written once here and in docs/cli.md:
// - the files named by `extends:` are applied in order, each over the one before, and the
//   extending file over all of them: it wins;
// - maps (`rules:`, `categories:`, `checks:`) merge key by key; single values (`profile:`,
//   `childAge:` …) are replaced; lists (`allow:`, `ignore:`, `lexicon:`) concatenate, the extended
//   file's entries first (so the extending file's lexicon entries replace the package's with the
//   same id); `profiles:` concatenate with the extending file's patterns first (first match wins);
// - paths inside an extended file (`lexicon:`) are relative to that file, so a package's lexicon
//   paths resolve inside the package;
// - an extended file may extend others; a cycle or a target that cannot be found is an error at the
//   line of the `extends:` entry that names it.
//
// config.ts calls resolveExtends() for every config file it loads; the CLI and the language server
// share it through resolveSettings().
import * as fs from 'fs';
import * as path from 'path';
import type { HeardConfig } from '../engine';

/** A config file as config.ts reads it (without its `extends:`). */
export interface LoadedConfig {
  config: HeardConfig;
  lineOf(keys: Array<string | number>): number;
  /** The config files this one's settings came from, extended files first, itself last. */
  files: string[];
}

/** What resolveExtends needs from config.ts: loading another file, merging, and raising errors. */
export interface ExtendsContext {
  load(file: string, chain: string[]): LoadedConfig;
  merge(base: HeardConfig, over: HeardConfig): HeardConfig;
  error(message: string, file: string, line: number): Error;
}

/** Names a config file may have at the root of a folder or package (config.ts's CONFIG_FILE_NAMES). */
const PACKAGE_CONFIG_NAMES = ['.heard.yaml', '.heard.yml', 'heard.config.yaml'];

/** `./shared.yaml`, `../x`, `/abs/x`, `C:\x`: a path. Anything else is a package name. */
function isPathTarget(target: string): boolean {
  return target.startsWith('./') || target.startsWith('../') || target === '.' || target === '..' || path.isAbsolute(target) || /^[A-Za-z]:[\\/]/.test(target);
}

/** `@scope/name/sub/file.yaml` → `@scope/name` and `sub/file.yaml`. */
function splitPackageTarget(target: string): { name: string; subpath: string } | undefined {
  const parts = target.split('/');
  const nameParts = target.startsWith('@') ? 2 : 1;
  if (parts.length < nameParts || parts.slice(0, nameParts).some((p) => p === '' || p === '.' || p === '..')) return undefined;
  const subpath = parts.slice(nameParts).join('/');
  if (subpath.split('/').includes('..')) return undefined;
  return { name: parts.slice(0, nameParts).join('/'), subpath };
}

/** The config file in a folder (a folder target, or a package's root). */
function configInFolder(folder: string, packageJson = false): string | undefined {
  if (packageJson) {
    // A package may name its config file: "heard": "config/heard.yaml" in package.json.
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as { heard?: unknown };
      if (typeof manifest.heard === 'string') return path.join(folder, manifest.heard);
    } catch {
      // No package.json, or not JSON: look for the usual names.
    }
  }
  for (const name of PACKAGE_CONFIG_NAMES) {
    const candidate = path.join(folder, name);
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The file an `extends:` entry names, or why it cannot be found. A path is relative to the
 * extending file (a folder means its config file); a package is looked up in node_modules
 * folders from the extending file's folder upwards, as Node looks up packages.
 */
export function findExtendsTarget(target: string, fromFile: string): { file: string } | { problem: string } {
  const fromDir = path.dirname(fromFile);
  if (isPathTarget(target)) {
    const resolved = path.resolve(fromDir, target);
    if (isFile(resolved)) return { file: resolved };
    if (isFolder(resolved)) {
      const inside = configInFolder(resolved);
      return inside ? { file: inside } : { problem: `'${target}' is a folder with no ${PACKAGE_CONFIG_NAMES.join(', ')} in it` };
    }
    return { problem: `'${target}' not found (looked for ${resolved})` };
  }
  const parsed = splitPackageTarget(target);
  if (!parsed) return { problem: `'${target}' is neither a relative path (start it with ./) nor a package name` };
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const root = path.join(dir, 'node_modules', parsed.name);
    if (isFolder(root)) {
      if (parsed.subpath) {
        const file = path.join(root, parsed.subpath);
        return isFile(file) ? { file } : { problem: `the package ${parsed.name} (${root}) has no file ${parsed.subpath}` };
      }
      const file = configInFolder(root, true);
      if (file && isFile(file)) return { file };
      return { problem: `the package ${parsed.name} (${root}) has no Heard config: add ${PACKAGE_CONFIG_NAMES[0]} at its root, or "heard": "<file>" to its package.json` };
    }
    if (path.dirname(dir) === dir) break;
  }
  return { problem: `package '${parsed.name}' not found in node_modules from ${fromDir} upwards: install it (npm install ${parsed.name}), or start a relative path with ./` };
}

/**
 * The settings of `file` with the files its `extends:` names merged underneath them. `raw` is the
 * value of its `extends:` key (validated by the schema: a string or a list of strings); `chain` the
 * files being loaded, outermost first, to catch cycles.
 */
export function resolveExtends(file: string, own: LoadedConfig, raw: string | string[] | undefined, chain: string[], context: ExtendsContext): LoadedConfig {
  if (raw === undefined) return own;
  const targets = Array.isArray(raw) ? raw : [raw];
  const lineOfTarget = (i: number) => own.lineOf(Array.isArray(raw) ? ['extends', i] : ['extends']);
  let base: HeardConfig = {};
  const files: string[] = [];
  targets.forEach((target, i) => {
    const found = findExtendsTarget(target, file);
    if ('problem' in found) throw context.error(`extends: ${found.problem}`, file, lineOfTarget(i));
    const resolved = fs.realpathSync(found.file);
    const loop = [...chain, file].map((f) => fs.realpathSync(f));
    if (loop.includes(resolved)) {
      const cycle = [...loop.slice(loop.indexOf(resolved)), resolved].map((f) => path.relative(path.dirname(file), f) || path.basename(f));
      throw context.error(`extends: a cycle: ${cycle.join(' → ')}`, file, lineOfTarget(i));
    }
    const extended = context.load(found.file, [...chain, file]);
    base = context.merge(base, extended.config);
    for (const f of extended.files) if (!files.includes(f)) files.push(f);
  });
  const config = context.merge(base, own.config);
  // `profiles:` is a list where the first match wins: the extending file's patterns go first.
  if (base.profiles?.length && own.config.profiles?.length) config.profiles = [...own.config.profiles, ...base.profiles];
  return { config, lineOf: own.lineOf, files: [...files, file] };
}
