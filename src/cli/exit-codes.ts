/** Documented in the README; scripts rely on them. */
export const EXIT = {
  ok: 0,
  /** `--strict` and a diagnostic; `--check` and stale output; `diff --fail-on` and a matching change. */
  diagnostics: 1,
  /** Bad command line or an input that cannot be read at all. */
  usage: 2,
  /** A bug: please report it. */
  internal: 3,
} as const;
