// Transforms TypeScript for jest with esbuild: the same compiler that builds the add-on.
const esbuild = require('esbuild');
module.exports = {
  process(src, filename) {
    const out = esbuild.transformSync(src, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'es2020',
      sourcemap: 'inline',
      sourcefile: filename,
    });
    return { code: out.code };
  },
};
