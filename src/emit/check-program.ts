import path from 'node:path';
import { Project, ts } from 'ts-morph';
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
  noEmit: true,
  // Libraries' own declarations (vitest's, for the sample tests) are theirs to check.
  skipLibCheck: true,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
};

/**
 * Type-checks generated files as one program, as they will sit in `outDir` before anything is
 * written: the files are held in memory, and everything else (the `vitest` the sample tests import)
 * resolves from the real folders around `outDir`, as it would in the user's build. Returns
 * `file:line: message` for each problem.
 */
export function typeCheck(files: GeneratedFile[], outDir: string): string[] {
  const root = path.resolve(outDir);
  const project = new Project({ compilerOptions: STRICTEST, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true });
  // The SDK is an ES module package wherever it is generated, as its `.js` import specifiers say.
  project.createSourceFile(path.join(root, 'package.json'), '{ "type": "module" }', { overwrite: true });
  for (const file of files) {
    if (file.path.endsWith('.ts')) project.createSourceFile(path.join(root, file.path), file.content, { overwrite: true });
  }
  const problems = project.getPreEmitDiagnostics().map((d) => {
    const source = d.getSourceFile();
    const where = source ? `${path.relative(root, source.getFilePath()).split(path.sep).join('/')}:${d.getLineNumber() ?? 0}` : '(program)';
    const message = d.getMessageText();
    return `${where}: ${typeof message === 'string' ? message : message.getMessageText()}`;
  });
  if (problems.some((p) => p.includes("Cannot find module 'vitest'"))) {
    problems.push(`(program): the sample tests import vitest, which is not installed where the SDK goes (${root}): install it there (npm i -D vitest) or generate without --tests`);
  }
  return problems;
}
