import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../facts/diagnostics.js';
import type { FileResult } from '../facts/file-facts.js';
import { checkReadable } from './file-text.js';
import type { IncludeResolver } from './rest-page.js';
import { isXmlText, readWsdlFile } from './wsdl.js';
import { looksLikeJson } from '../parse/json-text.js';
import { readJsonFile } from './rest-definition.js';
import { openZip, ZIP_SEPARATOR } from './zip-input.js';

export const MAX_FILE_BYTES = 32 * 1024 * 1024;

/** One file to read: its absolute path, the input root it was found under, and the name diagnostics use. */
export interface InputFile {
  absolute: string;
  root: string;
  /** How the root is named in diagnostics. */
  rootLabel: string;
  /** `<root as given>/<path below it>`, posix separators: stable across machines for the same command. */
  name: string;
  /** For a file inside a `.zip` input: its entry name (`absolute` is then the archive). */
  zipEntry?: string;
}

/** Identifies an input's bytes: its path, or `archive!/entry`. */
export function inputKey(input: InputFile): string {
  return input.zipEntry === undefined ? input.absolute : `${input.absolute}${ZIP_SEPARATOR}${input.zipEntry}`;
}

/** The bytes behind a key from `inputKey` (or a dependency recorded the same way). */
export function readKey(key: string): Uint8Array {
  const at = key.indexOf(ZIP_SEPARATOR);
  if (at !== -1 && /\.zip$/i.test(key.slice(0, at))) {
    const bytes = openZip(key.slice(0, at), key.slice(0, at)).entries.get(key.slice(at + ZIP_SEPARATOR.length));
    if (!bytes) throw new Error(`no entry ${key}`);
    return bytes;
  }
  return readFileSync(key);
}

/** Lists the files below each input (a folder or a single file), sorted, without following links out of it. */
export function listInputs(inputs: string[]): { files: InputFile[]; diagnostics: Diagnostic[] } {
  const files: InputFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const input of inputs) {
    const label = toPosix(input).replace(/\/+$/, '') || '.';
    let stat;
    try {
      stat = statSync(input);
    } catch {
      diagnostics.push(diagnostic('unreadable-file', 'input does not exist', { file: label, line: 1 }));
      continue;
    }
    if (stat.isFile() && /\.zip$/i.test(input)) {
      const absolute = path.resolve(input);
      const zip = openZip(absolute, label);
      diagnostics.push(...zip.diagnostics);
      for (const entry of [...zip.entries.keys()].sort()) {
        if (entry.split('/').some((part) => part.startsWith('.'))) continue;
        files.push({ absolute, root: absolute, rootLabel: label, name: `${label}/${entry}`, zipEntry: entry });
      }
      continue;
    }
    if (stat.isFile()) {
      const dir = path.posix.dirname(label);
      files.push({ absolute: path.resolve(input), root: path.dirname(realpathSync(input)), rootLabel: dir, name: label });
      continue;
    }
    const root = realpathSync(input);
    walk(root, root, label, files, diagnostics);
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { files, diagnostics };
}

function walk(dir: string, root: string, label: string, out: InputFile[], diagnostics: Diagnostic[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    diagnostics.push(diagnostic('unreadable-file', `cannot list: ${(error as Error).message}`, { file: nameOf(dir, root, label), line: 1 }));
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const absolute = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(absolute, root, label, out, diagnostics);
    else if (entry.isFile()) out.push({ absolute, root, rootLabel: label, name: nameOf(absolute, root, label) });
    else if (entry.isSymbolicLink()) {
      diagnostics.push(diagnostic('unreadable-file', 'symbolic links are not followed', { file: nameOf(absolute, root, label), line: 1 }));
    }
  }
}

function nameOf(absolute: string, root: string, label: string): string {
  const rel = toPosix(path.relative(root, absolute));
  return rel ? `${label}/${rel}` : label;
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

// Kept once loaded: every import() goes through the module loader again, a cost paid per page.
let pageReader: Promise<typeof import('./read-file.js')> | undefined;

/**
 * Reads and classifies one file. Includes resolve relative to the page and may not leave its input root.
 * The page readers (remark, micromark, YAML) are loaded with the first page, so that a run over WSDL
 * files alone never compiles them.
 */
export async function ingestFile(input: InputFile): Promise<FileResult> {
  let bytes: Uint8Array;
  try {
    bytes = readKey(inputKey(input));
  } catch (error) {
    return {
      facts: { kind: 'skipped', file: input.name },
      diagnostics: [diagnostic('unreadable-file', (error as Error).message, { file: input.name, line: 1 })],
    };
  }
  const readable = checkReadable(input.name, bytes, MAX_FILE_BYTES);
  if (readable.diagnostic) return { facts: { kind: 'skipped', file: input.name }, diagnostics: [readable.diagnostic] };
  const dependencies: string[] = [];
  let result: FileResult;
  try {
    const text = readable.text!;
    result = isXmlText(text)
      ? readWsdlFile(input.name, text)
      : isJsonInput(input.name, text)
        ? readJsonFile(input.name, text)
        : (await (pageReader ??= import('./read-file.js'))).readInputFile(input.name, text, includeResolver(input, dependencies));
  } catch (error) {
    // A reader bug must cost one file, reported, not the whole run.
    return {
      facts: { kind: 'skipped', file: input.name },
      diagnostics: [diagnostic('unreadable-file', `could not be read (${(error as Error).message}); please report this`, { file: input.name, line: 1 })],
    };
  }
  if (dependencies.length > 0) result.dependencies = dependencies;
  return result;
}

function includeResolver(input: InputFile, dependencies: string[]): IncludeResolver {
  return (target, from) => {
    const fail = (code: 'include-outside-root' | 'include-missing', message: string) => ({
      error: diagnostic(code, message, from),
    });
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || path.isAbsolute(target) || target.startsWith('/')) {
      return fail('include-outside-root', `include '${target}' is not a path relative to the page`);
    }
    if (input.zipEntry !== undefined) {
      const entry = path.posix.normalize(path.posix.join(path.posix.dirname(input.zipEntry), target));
      if (entry.startsWith('../') || entry === '..') return fail('include-outside-root', `include '${target}' leaves the archive`);
      const key = `${input.absolute}${ZIP_SEPARATOR}${entry}`;
      let bytes: Uint8Array;
      try {
        bytes = readKey(key);
      } catch {
        return fail('include-missing', `included file '${target}' is not in the archive`);
      }
      dependencies.push(key);
      const readable = checkReadable(target, bytes, MAX_FILE_BYTES);
      if (readable.diagnostic) return { error: { ...readable.diagnostic, file: from.file, line: from.line } };
      return { text: readable.text!, file: `${input.rootLabel}/${entry}` };
    }
    const candidate = path.resolve(path.dirname(input.absolute), target.split('/').join(path.sep));
    let real: string;
    try {
      real = realpathSync(candidate);
    } catch {
      return fail('include-missing', `included file '${target}' does not exist`);
    }
    const rel = path.relative(input.root, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      return fail('include-outside-root', `include '${target}' leaves the input root`);
    }
    dependencies.push(real);
    const readable = checkReadable(target, readFileSync(real), MAX_FILE_BYTES);
    if (readable.diagnostic) return { error: { ...readable.diagnostic, file: from.file, line: from.line } };
    return { text: readable.text!, file: input.rootLabel === '.' ? toPosix(rel) : `${input.rootLabel}/${toPosix(rel)}` };
  };
}

/** A `.json` file, or any file whose text opens with an object or array, is read as JSON, never as a page. */
function isJsonInput(name: string, text: string): boolean {
  return /\.json$/i.test(name) || looksLikeJson(text);
}
