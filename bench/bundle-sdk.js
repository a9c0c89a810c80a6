// The generated SDK of the checkout as one ES module, for the runtime benchmarks.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `contents` (imports from `generated/`) into `dir/sdk.mjs` and imports it. */
export async function bundleSdk(dir, contents) {
  const entry = path.join(dir, 'sdk.mjs');
  await build({ stdin: { contents, resolveDir: root, loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', outfile: entry });
  return import(pathToFileURL(entry).href);
}
