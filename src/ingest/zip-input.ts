import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { diagnostic, type Diagnostic } from '../facts/diagnostics.js';

/** Entries of a `.zip` input (the official WSDL download), read in place: nothing is extracted to disk. */
export interface ZipContents {
  entries: Map<string, Uint8Array>;
  diagnostics: Diagnostic[];
}

const MAX_ENTRY_BYTES = 32 * 1024 * 1024;
const MAX_TOTAL_BYTES = 1024 * 1024 * 1024;
const opened = new Map<string, ZipContents>();

/**
 * Opens a zip once per process. Entries whose declared size is over the limits are refused before
 * they are inflated (zip bombs), and names with `..` or a leading `/` are refused (they are only ever
 * used as labels, but such a name is a sign of a hostile archive).
 */
export function openZip(absolute: string, label: string): ZipContents {
  const known = opened.get(absolute);
  if (known) return known;
  const diagnostics: Diagnostic[] = [];
  const entries = new Map<string, Uint8Array>();
  let total = 0;
  try {
    const inflated = unzipSync(readFileSync(absolute), {
      filter: (file) => {
        const name = file.name;
        if (name.endsWith('/')) return false;
        if (name.startsWith('/') || name.split('/').includes('..') || name.includes('\\')) {
          diagnostics.push(diagnostic('unreadable-file', `zip entry '${name}' has an unsafe name`, { file: label, line: 1 }));
          return false;
        }
        if (file.originalSize > MAX_ENTRY_BYTES || total + file.originalSize > MAX_TOTAL_BYTES) {
          diagnostics.push(diagnostic('file-too-large', `zip entry '${name}' inflates to ${file.originalSize} bytes`, { file: `${label}/${name}`, line: 1 }));
          return false;
        }
        total += file.originalSize;
        return true;
      },
    });
    for (const [name, bytes] of Object.entries(inflated)) entries.set(name, bytes);
  } catch (error) {
    diagnostics.push(diagnostic('unreadable-file', `not a readable zip archive: ${(error as Error).message}`, { file: label, line: 1 }));
  }
  const contents = { entries, diagnostics };
  opened.set(absolute, contents);
  return contents;
}

/** `archive!/entry` names a file inside a zip wherever a path is expected (hashing, dependencies). */
export const ZIP_SEPARATOR = '!/';
