import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getLibFiles } from '@ts-morph/common';
import { ts } from 'ts-morph';
import type { GeneratedFile } from './output-names.js';

/**
 * The settings the generated SDK promises to compile under: the strictest that projects commonly
 * turn on, ES2022 and the DOM only (no DOM.Iterable, no Node types), as an ES module.
 */
export const STRICTEST: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noPropertyAccessFromIndexSignature: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  erasableSyntaxOnly: true,
  noEmit: true,
  // Libraries' own declarations (vitest's, for the sample tests) are theirs to check.
  skipLibCheck: true,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
};

/**
 * Type-checks generated files as one program, as a user's build would see them in `outDir`: they are
 * written to a scratch folder beside it (an ES module package, as their `.js` specifiers say; removed
 * afterwards, whatever happens), so that everything else, such as the `vitest` the sample tests
 * import, resolves from the real folders around it. Returns `file:line: message` for each problem.
 */
export function typeCheck(files: GeneratedFile[], outDir: string): string[] {
  const parent = path.dirname(path.resolve(outDir));
  mkdirSync(parent, { recursive: true });
  const root = mkdtempSync(path.join(parent, '.sdkgen-typecheck-'));
  try {
    writeFileSync(path.join(root, 'package.json'), '{ "type": "module" }\n');
    const targets: string[] = [];
    for (const file of files) {
      if (!file.path.endsWith('.ts')) continue;
      const target = path.join(root, file.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, file.content);
      targets.push(target);
    }
    // The compiler's own host, which reads package.json for each file's module format as tsc does;
    // only its lib files come from ts-morph, which carries them in memory rather than on disk.
    const host = ts.createCompilerHost(STRICTEST);
    const libDir = path.dirname(ts.getDefaultLibFilePath(STRICTEST));
    const libs = new Map(getLibFiles().map((f) => [path.join(libDir, f.fileName), f.text]));
    const { fileExists, readFile, getSourceFile } = host;
    host.fileExists = (file) => libs.has(file) || fileExists.call(host, file);
    host.readFile = (file) => libs.get(file) ?? readFile.call(host, file);
    host.getSourceFile = (file, language, ...rest) => {
      const lib = libs.get(file);
      return lib === undefined ? getSourceFile.call(host, file, language, ...rest) : ts.createSourceFile(file, lib, language);
    };
    const program = ts.createProgram(targets, STRICTEST, host);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file ? `${path.relative(root, d.file.fileName).split(path.sep).join('/')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '(program)';
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    if (problems.some((p) => p.includes("Cannot find module 'vitest'"))) {
      problems.push(`(program): the sample tests import vitest, which is not installed where the SDK goes (${parent}): install it there (npm i -D vitest) or generate without --tests`);
    }
    return problems;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
