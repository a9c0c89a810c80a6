// Bundles the command line and its workers (reading, staging output) into dist/cli with esbuild. Node spends about a third
// of a second resolving and compiling the ~300 modules of the unbundled build before any work starts;
// one file per entry loads in a fraction of that. ts-morph (only for --typecheck) stays external and
// is loaded on demand from its own chunk.
import { build } from 'esbuild';
import Handlebars from 'handlebars';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Fills src/emit/precompiled-templates.ts with the built-in templates compiled, with the options
 * templates.ts compiles them with, and their text, by which it decides at run time whether the
 * compiled form still applies.
 */
const precompiledTemplates = {
  name: 'precompiled-templates',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]emit[\\/]precompiled-templates\.ts$/ }, () => {
      const dir = path.join(root, 'templates');
      const names = [
        ...readdirSync(dir).filter((f) => f.endsWith('.hbs')),
        ...readdirSync(path.join(dir, 'partials')).filter((f) => f.endsWith('.hbs')).map((f) => `partials/${f}`),
      ].sort();
      const entries = names.map((file) => {
        const source = readFileSync(path.join(dir, file), 'utf8');
        const spec = Handlebars.precompile(source, { noEscape: true });
        return `  ${JSON.stringify(file.replace(/\.hbs$/, ''))}: { source: ${JSON.stringify(source)}, spec: ${spec} },`;
      });
      return { contents: `export const PRECOMPILED = {\n${entries.join('\n')}\n};\n`, loader: 'js', watchDirs: [dir] };
    });
  },
};
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // Entries and shared chunks all land in dist/cli, whichever module esbuild moves code into: the
  // worker is found beside the module that starts it, and templates and runtime sources two folders
  // up, as in the source tree. (Chunks in a subfolder once hid the worker, and every run read on one thread.)
  entryPoints: { main: 'src/cli/main.ts', 'ingest-worker': 'src/ingest/ingest-worker.ts', 'stage-worker': 'src/emit/stage-worker.ts', mock: 'src/mock/index.ts' },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  chunkNames: '[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['ts-morph', '@ts-morph/common'],
  // CommonJS packages inside an ESM bundle call require() for Node built-ins.
  banner: { js: "import { createRequire as __sdkgenCreateRequire } from 'node:module';\nconst require = __sdkgenCreateRequire(import.meta.url);" },
  legalComments: 'linked',
  // Less source for V8 to parse at every start; identifiers stay, so stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  // handlebars loads source-map only to precompile templates to files, which this tool never does;
  // without it, handlebars uses its own stand-in. string-width: see scripts/string-width.js.
  // jsonc-parser's UMD build requires its modules by computed paths, which a bundle cannot follow: take its ESM build.
  alias: { 'source-map': './scripts/no-source-map.js', 'string-width': './scripts/string-width.js', 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  plugins: [precompiledTemplates],
  logLevel: 'warning',
});

// `import { startMock } from 'superoffice-sdkgen/mock'` gets these types; the bundle itself is untyped.
writeFileSync(
  path.join(root, 'dist/cli/mock.d.ts'),
  `export interface RunningMock {
  /** http://127.0.0.1:PORT: a client's base URL (a tenant segment such as /Cust1 may be added). */
  url: string;
  close(): Promise<void>;
}
export interface StartMockOptions {
  /** Input folders or files, as for generate (default: input-docs). */
  input?: string[];
  host?: string;
  /** 0: any free port. */
  port?: number;
  versions?: string[];
  agents?: string[];
  seed?: number;
  answers?: 'samples' | 'generated';
  /** Appends every request and its answer here, one JSON object per line. */
  record?: string;
}
export declare function startMock(options?: StartMockOptions): Promise<RunningMock>;
`,
);
