import { Project, ts } from 'ts-morph';
import type { GeneratedFile } from './output-names.js';

/**
 * Type-checks generated files as one program under `strict`, in memory, the way a user's build
 * would see them. Returns `file:line: message` for each problem.
 */
export function typeCheck(files: GeneratedFile[]): string[] {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      noEmit: true,
      skipLibCheck: true,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: [],
    },
  });
  for (const file of files) {
    if (file.path.endsWith('.ts')) project.createSourceFile(`/sdk/${file.path}`, file.content);
  }
  return project.getPreEmitDiagnostics().map((d) => {
    const source = d.getSourceFile();
    const where = source ? `${source.getFilePath().replace(/^\/sdk\//, '')}:${d.getLineNumber() ?? 0}` : '(program)';
    const message = d.getMessageText();
    return `${where}: ${typeof message === 'string' ? message : message.getMessageText()}`;
  });
}
