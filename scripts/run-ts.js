#!/usr/bin/env node
// Runs a TypeScript script (demo, bench) with esbuild: bundled for Node, no type check.
const path = require('path');
const fs = require('fs');
const esbuild = require('esbuild');

const entry = path.resolve(process.argv[2]);
// Inside the project, so the externals (exceljs…) resolve from node_modules.
const outDir = path.resolve(__dirname, '..', 'node_modules', '.cache', 'wb-sheets');
fs.mkdirSync(outDir, { recursive: true });
const outfile = path.join(outDir, path.basename(entry, '.ts') + '.cjs');
esbuild.buildSync({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile,
  sourcemap: 'inline',
  external: ['exceljs', 'playwright-core', 'esbuild', 'webpack', '@duckdb/node-api'],
});
process.env.WB_SHEETS_ROOT = path.resolve(__dirname, '..');
process.argv.splice(1, 2, outfile);
require(outfile);
