// Bundles src/main.ts into dist/Code.js: esbuild compiles (through esbuild-loader),
// gas-webpack-plugin emits a top-level stub for every `global.NAME =` assignment.
const path = require('path');
const GasPlugin = require('gas-webpack-plugin');

module.exports = {
  mode: 'production',
  context: __dirname,
  entry: './src/main.ts',
  devtool: false,
  target: ['web', 'es2020'],
  output: { path: path.resolve(__dirname, 'dist'), filename: 'Code.js', clean: false },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'esbuild-loader',
        options: { loader: 'ts', target: 'es2020', legalComments: 'inline' },
      },
    ],
  },
  optimization: { minimize: false, concatenateModules: true },
  performance: { hints: false },
  plugins: [new GasPlugin({ comment: true })],
};
