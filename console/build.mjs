// Builds the console into dist/: index.html plus hashed assets/*-<hash>.js|css (and lazy
// chunks: each language's catalogue, ECharts for the analytics page). Every asset name carries
// its content hash, so the edge may cache it for a year; index.html is the only name that stays.
// Fails when a bundled npm package is missing from LICENSES.md.
import * as esbuild from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
// Where the console is served from: index.html names its assets by absolute path, so /console
// and /console/ load the same files.
const base = '/console/';

await rm(dist, { recursive: true, force: true });
await mkdir(path.join(dist, 'assets'), { recursive: true });

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: { main: 'src/main.js' },
  bundle: true,
  splitting: true,
  format: 'esm',
  target: ['es2020', 'chrome100', 'safari15', 'firefox100'],
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  outdir: path.join(dist, 'assets'),
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.entries(result.metafile.outputs);
const entry = outputs.find(([, o]) => o.entryPoint === 'src/main.js');
if (!entry) {
  throw new Error('build: no output for src/main.js');
}
const js = path.basename(entry[0]);
const css = entry[1].cssBundle ? path.basename(entry[1].cssBundle) : null;

const template = await readFile(path.join(here, 'src', 'index.html'), 'utf8');
const html = template
  .replace('<!-- stylesheet -->', css ? `<link rel="stylesheet" href="${base}assets/${css}">` : '')
  .replace('<!-- script -->', `<script type="module" src="${base}assets/${js}"></script>`);
await writeFile(path.join(dist, 'index.html'), html);

// Every npm package any output holds bytes of, by name (scoped names keep their scope).
const bundled = new Set();
for (const [, output] of outputs) {
  for (const input of Object.keys(output.inputs)) {
    const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
    if (m) {
      bundled.add(m[1]);
    }
  }
}
const licences = await readFile(path.join(here, 'LICENSES.md'), 'utf8');
const listed = new Set([...licences.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((m) => m[1]));
const missing = [...bundled].filter((name) => !listed.has(name)).sort();
// Outside dist/ (never published): what the browser test checks LICENSES.md against.
await mkdir(path.join(here, 'target'), { recursive: true });
await writeFile(path.join(here, 'target', 'bundled-packages.json'), JSON.stringify([...bundled].sort(), null, 2) + '\n');
if (missing.length > 0) {
  console.error(`build: bundled but not in LICENSES.md: ${missing.join(', ')}`);
  process.exit(1);
}
