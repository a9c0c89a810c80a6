import { diagnostic, type Diagnostic } from '../facts/diagnostics.js';

/** Hostile or unusable bytes: the file is reported and skipped before any parser sees it. */
export function checkReadable(file: string, bytes: Uint8Array, maxBytes: number): { text?: string; diagnostic?: Diagnostic } {
  if (bytes.length > maxBytes) {
    return { diagnostic: diagnostic('file-too-large', `${bytes.length} bytes is more than the limit of ${maxBytes}`, { file, line: 1 }) };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = countLines(bytes, nul);
    return { diagnostic: diagnostic('binary-file', 'contains a NUL byte: not a text file', { file, line }) };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text };
  } catch {
    return { diagnostic: diagnostic('binary-file', 'is not valid UTF-8 text', { file, line: 1 }) };
  }
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 10) line++;
  return line;
}
