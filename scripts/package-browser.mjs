#!/usr/bin/env node
// `npm run package:browser`: zips the built extension (browser/dist, from `npm run build:browser`)
// for the stores: dist/heard-browser-<version>-chromium.zip (Chrome Web Store, Edge Add-ons; the
// manifest at the zip's root, as they require) and dist/heard-browser-<version>-firefox.zip
// (addons.mozilla.org). The test build is never packaged.
import JSZip from 'jszip';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;

function files(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))]));
}

fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
for (const target of ['chromium', 'firefox']) {
  const dir = path.join(root, 'browser', 'dist', target);
  const manifestFile = path.join(dir, 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    console.error(`package-browser: ${path.relative(root, dir)} is missing; run npm run build:browser`);
    process.exit(1);
  }
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  if (manifest.host_permissions) {
    console.error(`package-browser: ${path.relative(root, manifestFile)} grants hosts at install (${manifest.host_permissions.join(', ')}); only the test build may.`);
    process.exit(1);
  }
  const zip = new JSZip();
  // Sorted names and a fixed date: the same build gives the same zip.
  for (const name of files(dir).sort()) zip.file(name.split(path.sep).join('/'), fs.readFileSync(path.join(dir, name)), { date: new Date('2020-01-01T00:00:00Z'), createFolders: false });
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'UNIX' });
  const out = path.join(root, 'dist', `heard-browser-${version}-${target}.zip`);
  fs.writeFileSync(out, data);
  console.log(`${path.relative(root, out)}  ${(data.length / 1024).toFixed(0)} KB`);
}
