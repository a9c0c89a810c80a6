// Stands in for string-width in the bundle (see bundle.js), where yargs, cliui and wrap-ansi use it to
// lay out help text. The package builds an Intl.Segmenter as it loads (about 15 ms of every start,
// for ICU data) and tests each character against a fresh copy of a large emoji expression (about
// 20 ms for the help text yargs renders after every command, shown or not). Here printable ASCII is
// measured by its length and other text by code point: marks and invisible characters are zero
// wide, pictographs and East Asian wide characters two. Unlike the package, a cluster such as a
// flag or a joined emoji counts once per pictograph in it.
import { eastAsianWidth } from 'get-east-asian-width';
import stripAnsi from 'strip-ansi';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ZERO_WIDTH = /^[\p{Mark}\p{Default_Ignorable_Code_Point}\p{Surrogate}]$/u;
const PICTOGRAPH = /^\p{Extended_Pictographic}$/u;

export default function stringWidth(string, options = {}) {
  if (typeof string !== 'string' || string.length === 0) return 0;
  if (PRINTABLE_ASCII.test(string)) return string.length;
  const text = options.countAnsiEscapeCodes ? string : stripAnsi(string);
  const ambiguousAsWide = options.ambiguousIsNarrow === false;
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || ZERO_WIDTH.test(character)) continue;
    width += PICTOGRAPH.test(character) ? 2 : eastAsianWidth(code, { ambiguousAsWide });
  }
  return width;
}
