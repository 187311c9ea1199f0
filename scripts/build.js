#!/usr/bin/env node
// Builds dist/ for `clasp push`: Code.js (webpack + esbuild-loader + gas-webpack-plugin),
// Sidebar.html (client script bundled by esbuild and inlined) and appsscript.json.
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

function buildScript() {
  return new Promise((resolve, reject) => {
    webpack(require(path.join(root, 'webpack.config.js')), (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

function buildSidebar() {
  const out = esbuild.buildSync({
    entryPoints: [path.join(root, 'src/ui/sidebar/client.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    minify: true,
    write: false,
  });
  const js = out.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const template = fs.readFileSync(path.join(root, 'src/ui/sidebar/index.html'), 'utf8');
  if (!template.includes('/*CLIENT_SCRIPT*/')) throw new Error('sidebar template lacks the script placeholder');
  fs.writeFileSync(path.join(dist, 'Sidebar.html'), template.replace('/*CLIENT_SCRIPT*/', () => js));
}

async function main() {
  fs.rmSync(dist, { recursive: true, force: true });
  fs.mkdirSync(dist, { recursive: true });
  await buildScript();
  buildSidebar();
  fs.copyFileSync(path.join(root, 'appsscript.json'), path.join(dist, 'appsscript.json'));
  const files = fs.readdirSync(dist).map((f) => f + ' (' + fs.statSync(path.join(dist, f)).size + ' B)');
  console.log('dist/: ' + files.join(', '));
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
