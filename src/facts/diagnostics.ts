import { formatProvenance } from './provenance.js';

/**
 * Every kind of finding the ingest can report. The README explains each one; keep the two in step.
 * `error`: input that could not be used (the file or block is skipped). `warning`: sources that disagree
 * or samples that are wrong; the model still takes the wire truth. `info`: worth knowing, nothing lost.
 */
export const DIAGNOSTIC_CODES = {
  'unrecognised-file': 'warning',
  'binary-file': 'error',
  'file-too-large': 'error',
  'unreadable-file': 'error',
  'malformed-xml': 'error',
  'malformed-json': 'error',
  'rest-definition-unread': 'warning',
  'rest-definition-invalid': 'warning',
  'malformed-front-matter': 'error',
  'truncated-fence': 'error',
  'page-too-complex': 'error',
  'unknown-table': 'warning',
  'unsupported-schema': 'warning',
  'include-outside-root': 'error',
  'include-missing': 'error',
  'version-undetected': 'error',
  'page-without-operation': 'warning',
  'duplicate-source': 'info',
  'source-disagreement': 'warning',
  'unresolved-type': 'error',
  'rest-type-mismatch': 'warning',
  'rest-response-for-void': 'warning',
  'sample-envelope': 'warning',
  'sample-header-placement': 'warning',
  'sample-unknown-element': 'warning',
  'sample-missing-element': 'info',
  'sample-empty-value': 'info',
  'sample-element-order': 'warning',
  'sample-value': 'warning',
  'sample-placeholder': 'info',
  'sample-malformed': 'warning',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
export type Severity = (typeof DIAGNOSTIC_CODES)[DiagnosticCode];

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column?: number;
  /** In a JSON file: the pointer of the value the finding is about. */
  pointer?: string;
}

export function diagnostic(
  code: DiagnosticCode,
  message: string,
  at: { file: string; line: number; column?: number; pointer?: string },
): Diagnostic {
  const d: Diagnostic = { code, severity: DIAGNOSTIC_CODES[code], message, file: at.file, line: at.line };
  if (at.column !== undefined) d.column = at.column;
  if (at.pointer !== undefined) d.pointer = at.pointer;
  return d;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${formatProvenance(d)}: ${d.severity} [${d.code}] ${d.message}${d.pointer === undefined ? '' : ` (at #${d.pointer})`}`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if ((a.column ?? 0) !== (b.column ?? 0)) return (a.column ?? 0) - (b.column ?? 0);
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

/** Diagnostics grouped by code, each group in the order given, the groups in the order first seen. */
export function groupByCode(list: Diagnostic[]): Map<DiagnosticCode, Diagnostic[]> {
  const byCode = new Map<DiagnosticCode, Diagnostic[]>();
  for (const d of list) {
    const same = byCode.get(d.code);
    if (same) same.push(d);
    else byCode.set(d.code, [d]);
  }
  return byCode;
}
