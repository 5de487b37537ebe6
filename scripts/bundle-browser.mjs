#!/usr/bin/env node
// Builds the browser extension (docs/browser.md) from the same engine and precompiled lexicon as
// the editor and the CLI. Run `npm run build:browser` (it builds out/ first: the precompiled
// lexicon comes from there). Writes, under browser/dist/:
//   chromium/       Chrome and Edge (what `npm run package:browser` zips for the stores)
//   firefox/        Firefox (background scripts instead of a service worker, a gecko id)
//   chromium-test/  chromium/ plus a host permission for http://127.0.0.1, for the tests only
// Type-checks browser/ with its own tsconfig first (DOM and chrome types), so `tsc -p .` stays a
// Node build.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeIcons } from './browser-icons.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dev = process.argv.includes('--dev');
const out = path.join(root, 'browser', 'dist');
const compiledLexicon = path.join(root, 'out', 'lexicon.compiled.json');

if (!fs.existsSync(compiledLexicon)) {
  console.error('bundle-browser: out/lexicon.compiled.json is missing; run `npm run -s build` first (npm run build:browser does).');
  process.exit(1);
}

if (!process.argv.includes('--no-check')) {
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'browser')], { stdio: 'inherit' });
  } catch {
    console.error('bundle-browser: the type check of browser/ failed (above); nothing was written.');
    process.exit(1);
  }
}

/** heard:lexicon-compiled (the precompiled core lexicon as text) and heard:lexicon-sources (the YAML, for organisation lexicons). */
const lexiconModules = {
  name: 'heard-lexicon',
  setup(build) {
    build.onResolve({ filter: /^heard:lexicon-/ }, (args) => ({ path: args.path, namespace: 'heard' }));
    build.onLoad({ filter: /.*/, namespace: 'heard' }, (args) => {
      if (args.path === 'heard:lexicon-compiled') return { contents: fs.readFileSync(compiledLexicon, 'utf8'), loader: 'text' };
      const dir = path.join(root, 'lexicon');
      // The same files in the same order as coreLexiconPaths() (server/src/node/lexiconFiles.ts).
      const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => ({ path: `lexicon/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
      return { contents: JSON.stringify(files), loader: 'json' };
    });
  },
};

/**
 * Extension pages may not evaluate code (MV3's CSP has no 'unsafe-eval'), and Ajv compiles a schema
 * into a function with new Function(). The only schema the engine compiles is the lexicon's (when an
 * administrator's organisation lexicon is compiled in the service worker), so the bundle gets Ajv's
 * standalone validation code for it, generated here, behind the one method the engine calls.
 */
const precompiledAjv = {
  name: 'heard-precompiled-ajv',
  setup(build) {
    build.onResolve({ filter: /^ajv$/ }, (args) => (args.importer.endsWith(path.join('engine', 'libraries.ts')) ? { path: 'ajv', namespace: 'heard-ajv' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'heard-ajv' }, async () => {
      const { default: Ajv } = await import('ajv');
      const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
      const schema = JSON.parse(fs.readFileSync(path.join(root, 'lexicon', 'schema.json'), 'utf8'));
      // The same options as newAjv() in server/src/engine/libraries.ts.
      const ajv = new Ajv({ allErrors: false, strict: false, code: { source: true } });
      const validate = standaloneCode(ajv, ajv.compile(schema));
      const contents = `const lexiconSchemaValidator = (() => { const module = { exports: {} }; const exports = module.exports; ${validate}\n return module.exports; })();
const lexiconSchema = ${JSON.stringify(JSON.stringify(schema))};
class PrecompiledAjv {
  compile(schema) {
    if (JSON.stringify(schema) !== lexiconSchema) throw new Error('Only the lexicon schema is precompiled for the browser (scripts/bundle-browser.mjs)');
    return lexiconSchemaValidator;
  }
}
module.exports = { default: PrecompiledAjv };`;
      return { contents, loader: 'js', resolveDir: root };
    });
  },
};

fs.rmSync(out, { recursive: true, force: true });
const staging = path.join(out, 'chromium');
fs.mkdirSync(staging, { recursive: true });
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: { background: 'browser/src/background.ts', content: 'browser/src/content.ts', popup: 'browser/src/popup.ts' },
  outdir: staging,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: ['chrome102', 'firefox128'],
  minify: !dev,
  keepNames: true,
  sourcemap: dev ? 'inline' : false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  plugins: [lexiconModules, precompiledAjv],
  // The engine imports the lexicon schema as JSON; nothing else from Node may reach the bundle.
  define: { 'process.env.NODE_ENV': '"production"' },
});
for (const [file, info] of Object.entries(result.metafile.outputs)) console.log(`${path.relative(root, file)}  ${(info.bytes / 1024).toFixed(0)} KB`);

for (const f of fs.readdirSync(path.join(root, 'browser', 'static'))) fs.copyFileSync(path.join(root, 'browser', 'static', f), path.join(staging, f));
fs.copyFileSync(path.join(root, 'browser', 'managed_schema.json'), path.join(staging, 'managed_schema.json'));
writeIcons(path.join(staging, 'icons'));

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'browser', 'manifest.json'), 'utf8'));
manifest.version = pkg.version;
const write = (dir, m) => fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2) + '\n');
write(staging, manifest);

function copyTree(from, to) {
  fs.cpSync(from, to, { recursive: true });
}

// Firefox: MV3 there has background scripts (an event page), not a service worker, and takes the
// managed policy from policies.json ("3rdparty" → extension id) without a schema file.
const firefox = path.join(out, 'firefox');
copyTree(staging, firefox);
const { storage: _storage, minimum_chrome_version: _min, ...firefoxBase } = manifest;
write(firefox, {
  ...firefoxBase,
  background: { scripts: ['background.js'] },
  browser_specific_settings: { gecko: { id: 'heard@heard.invalid', strict_min_version: '128.0' } },
});

// Tests only: the test server's origin granted at install (a user grants it from the popup).
const test = path.join(out, 'chromium-test');
copyTree(staging, test);
write(test, { ...manifest, name: 'Heard (test build)', host_permissions: ['http://127.0.0.1/*'] });
console.log(`browser/dist: chromium, firefox, chromium-test (version ${pkg.version})`);
