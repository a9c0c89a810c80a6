import { DecodeError, EncodeError } from './errors.js';

/**
 * A value that does not fit its type, on its way up to the codec's entry: each reader it passes
 * adds its step, so the place (`response[3].ConfigFields["url"]`) costs nothing until something is
 * wrong. Big answers hold hundreds of thousands of values and, almost always, no error.
 */
export class Misfit {
  readonly steps: string[] = [];
  /** The text after the place: `: 'x' is not an integer of xs:int`. */
  readonly tail: string;

  constructor(tail: string) {
    this.tail = tail;
  }

  /** The error the caller sees, with the place spelled out from `root`. */
  error(root: string): DecodeError {
    return new DecodeError(this.place(root));
  }

  /** The same for a value that cannot be written (an argument, not an answer). */
  encodeError(root: string): EncodeError {
    return new EncodeError(this.place(root));
  }

  private place(root: string): string {
    return `${root}${this.steps.reverse().join('')}${this.tail}`;
  }
}

/** Adds a step (`.Name`, `[3]`, `["key"]`) to a misfit passing through; other errors pass unchanged. */
export function within(error: unknown, step: string | number): unknown {
  if (error instanceof Misfit) error.steps.push(typeof step === 'number' ? `[${step}]` : step);
  return error;
}

/**
 * A scalar codec's verdict (`decodeScalar`, `encodeScalar`, called with an empty place) as a misfit:
 * its message, which starts `: …`, becomes the tail the place is put in front of.
 */
export function asMisfit<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw error instanceof DecodeError || error instanceof EncodeError ? new Misfit(error.message) : error;
  }
}

/** A dictionary entry's step. */
export function entryStep(key: string): string {
  return `[${JSON.stringify(key)}]`;
}
