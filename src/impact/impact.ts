import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Project, type Node, type SourceFile } from 'ts-morph';
import type { Change } from '../diff/changes.js';
import type { ApiVersion } from '../model/api-model.js';
import { findUses, isUserFile } from './find-uses.js';
import { hitsOf, interestOf, type Hit } from './hits.js';
import { sdkNames } from './sdk-names.js';

/** A project that cannot be loaded, or nothing to compare: a usage problem (exit 2), not a bug. */
export class ImpactInputError extends Error {}

export interface ImpactResult {
  hits: Hit[];
  /** Files (relative to the project) whose uses all survive, so their imports can move to the new version. */
  switchable: string[];
  /** What --fix rewrote: `file: old → new` per import. */
  fixed: string[];
  /** Why --fix rewrote nothing, where moving the files would not type-check. */
  fixRefused?: string;
  /** How many uses of the old version's SDK were resolved (of the names any breaking change is about). */
  uses: number;
  /** Files that import the old version's SDK. */
  importers: number;
  /** Syntax errors in the project's own files: uses inside code TypeScript cannot read may be missed. */
  syntaxErrors: string[];
  root: string;
}

/** The tsconfig.json of `--project`: the file itself, or the one in the folder. */
export function tsconfigOf(project: string): string {
  const stat = statSync(project, { throwIfNoEntry: false });
  if (!stat) throw new ImpactInputError(`${project} does not exist`);
  const file = stat.isDirectory() ? path.join(project, 'tsconfig.json') : project;
  if (!existsSync(file)) throw new ImpactInputError(`${project} has no tsconfig.json`);
  return path.resolve(file);
}

/**
 * Which lines of a TypeScript project an upgrade from one version's generated SDK to another's
 * breaks: the breaking changes between the versions, intersected with the project's uses.
 */
export function analyseImpact(project: string, from: ApiVersion, to: ApiVersion, changes: readonly Change[], options: { fix?: boolean } = {}): ImpactResult {
  const tsconfig = tsconfigOf(project);
  const root = path.dirname(tsconfig);
  let loaded: Project;
  try {
    loaded = new Project({ tsConfigFilePath: tsconfig });
  } catch (error) {
    throw new ImpactInputError(`${tsconfig} cannot be loaded: ${(error as Error).message}`);
  }
  const configErrors = loaded.getConfigFileParsingDiagnostics().filter((d) => d.getCategory() === 1);
  if (configErrors.length > 0) throw new ImpactInputError(`${tsconfig}: ${messageText(configErrors[0]!.getMessageText())}`);
  const names = sdkNames(from);
  const agentClass = (agent: string) => names.classOfAgent.get(agent) ?? agent;
  const interest = interestOf(changes, (agent) => names.classOfAgent.get(agent), (type) => names.namesOfType.get(type) ?? [type]);
  const found = findUses(loaded, names, interest);
  const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');
  const hits = hitsOf(found.uses, changes, to.name, agentClass, relative);
  const syntaxErrors: string[] = [];
  for (const file of loaded.getSourceFiles().filter(isUserFile)) {
    for (const d of loaded.getProgram().compilerObject.getSyntacticDiagnostics(file.compilerNode)) {
      const { line } = file.getLineAndColumnAtPos(d.start ?? 0);
      syntaxErrors.push(`${relative(file.getFilePath())}:${line}: ${messageText(d.messageText)}`);
    }
  }
  const toFolder = sdkNames(to).folder;
  const hitFiles = new Set(hits.map((h) => h.file));
  const switchable: string[] = [];
  const moves: Array<{ file: SourceFile; name: string; node: Node; specifier: string; moved: string }> = [];
  // Two drops of one version share a folder: there is nowhere to move to.
  for (const [file, imports] of toFolder === names.folder ? [] : found.importers) {
    const name = relative(file.getFilePath());
    if (hitFiles.has(name)) continue;
    // A file that re-exports the SDK passes it on: it moves only when no file in the project is hit.
    if (hits.length > 0 && imports.some(({ node }) => node.getKindName() === 'ExportDeclaration')) continue;
    const planned = imports.map(({ node, specifier, target }) => ({ file, name, node, specifier, moved: movedSpecifier(specifier, target, names.folder, toFolder) }));
    if (planned.some((m) => m.moved === undefined)) continue;
    switchable.push(name);
    moves.push(...(planned as typeof moves));
  }
  const fixed: string[] = [];
  let fixRefused: string | undefined;
  if (options.fix && moves.length > 0) {
    // Moved in memory first: a file's SDK types can flow into a file that stays, and the two versions'
    // types are not the same types. Nothing is written unless the project type-checks as well as before.
    const userFiles = loaded.getSourceFiles().filter(isUserFile);
    const errors = () => userFiles.flatMap((f) => f.getPreEmitDiagnostics()).filter((d) => d.getCategory() === 1);
    const before = errors().length;
    const setSpecifier = (node: Node, text: string) => (node as unknown as { setModuleSpecifier(text: string): void }).setModuleSpecifier(text);
    for (const m of moves) setSpecifier(m.node, m.moved);
    const after = errors();
    if (after.length > before) {
      for (const m of moves) setSpecifier(m.node, m.specifier);
      const first = after[0]!;
      fixRefused = `moving the imports would leave ${after.length - before} new type error${after.length - before === 1 ? '' : 's'} (first: ${first.getSourceFile() ? relative(first.getSourceFile()!.getFilePath()) : '?'}:${first.getLineNumber() ?? '?'}: ${messageText(first.getMessageText())}): nothing was rewritten`;
    } else {
      for (const file of new Set(moves.map((m) => m.file))) file.saveSync();
      for (const m of moves) fixed.push(`${m.name}: ${m.specifier} → ${m.moved}`);
    }
  }
  return { hits, switchable: switchable.sort(), fixed, ...(fixRefused === undefined ? {} : { fixRefused }), uses: found.uses.length, importers: found.importers.size, syntaxErrors, root };
}

/**
 * The import path of the same module in the new version's folder, which `generate` writes beside the
 * old one (`…/services87/ErpSyncAgent.js` → `…/services88/ErpSyncAgent.js`); undefined where the new
 * folder, or that module in it, is not there.
 */
function movedSpecifier(specifier: string, target: SourceFile, fromFolder: string, toFolder: string): string | undefined {
  const targetPath = target.getFilePath();
  const folder = path.dirname(targetPath);
  if (path.basename(folder) !== fromFolder) return undefined;
  const counterpart = path.join(path.dirname(folder), toFolder, path.basename(targetPath));
  if (!existsSync(counterpart)) return undefined;
  const segments = specifier.split('/');
  const at = segments.lastIndexOf(fromFolder);
  if (at === -1) return undefined;
  segments[at] = toFolder;
  return segments.join('/');
}

function messageText(text: unknown): string {
  if (typeof text === 'string') return text;
  const chain = text as { messageText?: string; getMessageText?: () => string };
  return chain.getMessageText?.() ?? chain.messageText ?? String(text);
}
