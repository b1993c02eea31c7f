// Bundles the extension into out/extension.js and the model graph's webview into out/graphview.{js,css};
// with --tests, bundles each unit test with the `vscode` and `vscode-languageclient/node` modules replaced by
// the fakes in client/test/fakes.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' };

if (process.argv.includes('--tests')) {
  const dir = 'client/test';
  await build({
    ...common,
    entryPoints: readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f)),
    outdir: 'out/test',
    sourcemap: 'inline',
    alias: {
      vscode: './client/test/fakes/vscode.ts',
      'vscode-languageclient/node': './client/test/fakes/languageclient.ts',
    },
  });
} else {
  await build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'out/extension.js',
    external: ['vscode'],
    minify: true,
    sourcemap: false,
  });
  // The model graph's webview: its script with ELK (run in the page, no worker) and its styles.
  await build({
    bundle: true, platform: 'browser', target: 'chrome120', format: 'iife', logLevel: 'warning', minify: true,
    entryPoints: [{ in: 'client/src/graphview/main.ts', out: 'graphview' },
      { in: 'client/src/graphview/style.css', out: 'graphview' }],
    outdir: 'out',
  });
}
