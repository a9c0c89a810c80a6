import { describe, expect, test } from 'vitest';
import { attr } from '../../src/parse/xml-element.js';
import { parseXml, XmlSyntaxError } from '../../src/parse/xml-tree.js';

describe('parseXml rejects what is not well-formed, at the right place', () => {
  const cases: Array<[string, { given: string; want: { message: RegExp; line: number } }]> = [
    ['mismatched close', { given: '<a>\n  <b></a>', want: { message: /<b> \(line 2\) is closed by a different tag, <\/a>/, line: 2 } }],
    ['unclosed at end', { given: '<a>\n<b>', want: { message: /<b> is never closed/, line: 2 } }],
    ['wrong closing name', { given: '<a>\n <b></c></a>', want: { message: /closed by a different tag/, line: 2 } }],
    ['undeclared prefix', { given: '<a>\n\n<x:b/></a>', want: { message: /prefix 'x'/, line: 3 } }],
    ['text outside the root', { given: '   \n just text', want: { message: /text outside the root element/, line: 2 } }],
    ['no root', { given: '<?xml version="1.0"?>\n<!-- empty -->', want: { message: /no root element/, line: 1 } }],
    ['bad attribute syntax', { given: '<a>\n<b x=1/></a>', want: { message: /not well-formed XML: .*quoted/, line: 2 } }],
    ['two roots', { given: '<a/>\n<b/>', want: { message: /more than one root/, line: 2 } }],
    ['doctype (entity expansion)', { given: '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "xxxxxxxx">]><a>&x;</a>', want: { message: /DOCTYPE/, line: 2 } }],
  ];
  test.each(cases)('%s', (_name, { given, want }) => {
    let error: unknown;
    try {
      parseXml(given);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XmlSyntaxError);
    expect((error as XmlSyntaxError).message).toMatch(want.message);
    expect((error as XmlSyntaxError).line).toBe(want.line);
  });
});

describe('parseXml builds a namespace-aware tree', () => {
  test('resolves prefixes per scope, keeps positions and decodes entities', () => {
    const root = parseXml('<r xmlns="urn:d" xmlns:p="urn:p">\n  <p:a at="&lt;x&gt;">A &amp; B &#65;</p:a>\n  <b xmlns="urn:e"><![CDATA[<raw>]]></b>\n</r>', 10);
    expect(root).toMatchObject({ local: 'r', ns: 'urn:d', line: 11, column: 1 });
    const [a, b] = root.children;
    expect(a).toMatchObject({ qname: 'p:a', local: 'a', ns: 'urn:p', line: 12, column: 3, text: 'A & B A', attrs: ['at', '<x>'] });
    expect(b).toMatchObject({ local: 'b', ns: 'urn:e', text: '<raw>' });
  });

  test.each([
    ['the fast reader', '<a __proto__="p" constructor="c" b=\'1\'/>'],
    ['saxes (a processing instruction sends it there)', '<?pi x?><a __proto__="p" constructor="c" b=\'1\'/>'],
  ])('attributes named like Object members are kept as written, by %s', (_reader, given) => {
    const root = parseXml(given);
    expect(root.attrs).toEqual(['__proto__', 'p', 'constructor', 'c', 'b', '1']);
    expect([attr(root, '__proto__'), attr(root, 'constructor'), attr(root, 'b'), attr(root, 'toString')]).toEqual(['p', 'c', '1', undefined]);
  });

  test('a single-line document still gets exact columns', () => {
    const root = parseXml('<a><b/><c><d/></c></a>');
    expect(root.children.map((c) => c.column)).toEqual([4, 8]);
    expect(root.children[1]!.children[0]!.column).toBe(11);
  });

  test('an undefined entity is kept as written, not expanded', () => {
    expect(parseXml('<a>&custom;</a>').text).toBe('&custom;');
  });
});
