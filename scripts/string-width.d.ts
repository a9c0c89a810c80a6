/** The bundle's stand-in for string-width (see string-width.js): the package's signature. */
export default function stringWidth(string: string, options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean }): number;
