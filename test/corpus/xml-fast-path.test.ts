import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, test } from 'vitest';
import { LineIndex } from '../../src/parse/line-index.js';
import { scanFences } from '../../src/ingest/markdown-page.js';
import { listInputs } from '../../src/ingest/read-inputs.js';
import { parseCommonXml } from '../../src/parse/xml-fast-path.js';
import { parseWithSaxes, XmlSyntaxError } from '../../src/parse/xml-tree.js';
import { corpusRoot, haveShared, inputDocs, seedsRoot, sharedSkipReason } from '../support/shared.js';

/** Every XML document of ../shared: the WSDL files, and the envelopes and WSDL quoted in page fences. */
function xmlDocuments(): Array<{ name: string; text: string }> {
  const docs: Array<{ name: string; text: string }> = [];
  for (const file of listInputs([corpusRoot, seedsRoot, inputDocs]).files) {
    const text = readFileSync(file.absolute, 'utf8');
    if (!file.absolute.endsWith('.md')) {
      if (text.trimStart().startsWith('<')) docs.push({ name: file.name, text });
      continue;
    }
    for (const fence of scanFences(text).fences) {
      if (fence.value.trimStart().startsWith('<')) docs.push({ name: `${file.name}:${fence.line}`, text: fence.value });
    }
  }
  return docs;
}

function saxesReading(text: string, lines: LineIndex): unknown {
  try {
    return parseWithSaxes(text, lines);
  } catch (error) {
    if (error instanceof XmlSyntaxError) return error;
    throw error;
  }
}

describe.skipIf(!haveShared)(`the XML fast path over every XML document of ../shared${haveShared ? '' : ` (${sharedSkipReason})`}`, () => {
  const docs = haveShared ? xmlDocuments() : [];

  test('reads every document, into exactly saxes\' tree', () => {
    // The speed of a cold run rests on this: every WSDL left to saxes costs about three times as much.
    expect(docs.length).toBeGreaterThan(2000);
    for (const { name, text } of docs) {
      const lines = new LineIndex(text);
      const tree = parseCommonXml(text, lines);
      expect(tree, name).toBeDefined();
      // isDeepStrictEqual, not toStrictEqual: the WSDL trees have a quarter of a million elements.
      expect(isDeepStrictEqual(tree, saxesReading(text, lines)), name).toBe(true);
    }
  });

  test('still gives saxes\' tree, or none, on documents with markup characters sprinkled in', () => {
    const small = docs.filter((d) => d.text.length < 20_000).map((d) => d.text);
    // A fixed linear congruential sequence: the same mutations on every run.
    let seed = 20261126;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
    const pieces = ['<', '>', '/', '&', ';', '&amp;', '&#65;', '&#x41;', '&#0;', '&foo;', '"', "'", '=', ' ', '\n', '\r', '\r\n', '\t', ':', '!', '?', '-', '--', ']]>', '<![CDATA[', '<!--', '-->', '<?xml version="1.0"?>', '<?pi x?>', '<!DOCTYPE a>', '\u0001', '\uFFFE', '\uFEFF', '\uD83D\uDE00', 'é', ' a="1"', 'xmlns:a="u"', 'a:', '<a/>', '</a>', '<b>', '\u0085', '0', '<:'];
    let answered = 0;
    for (let n = 0; n < 4000; n++) {
      let text = pick(small);
      for (let k = 1 + Math.floor(random() * 2); k > 0; k--) {
        const at = Math.floor(random() * text.length);
        text = random() < 0.75 ? text.slice(0, at) + pick(pieces) + text.slice(at) : text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 3));
      }
      const lines = new LineIndex(text, 7);
      const tree = parseCommonXml(text, lines);
      if (!tree) continue;
      answered++;
      expect(isDeepStrictEqual(tree, saxesReading(text, lines)), JSON.stringify(text)).toBe(true);
    }
    expect(answered).toBeGreaterThan(500);
  });
});
