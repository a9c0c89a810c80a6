import { describe, expect, test } from 'vitest';
import { LineIndex } from '../../src/parse/line-index.js';
import { parseCommonXml } from '../../src/parse/xml-fast-path.js';
import { parseWithSaxes } from '../../src/parse/xml-tree.js';

// Each case is either read by the fast path, giving exactly saxes' tree, or deferred to saxes.
const cases: Array<[string, { given: string; want: 'read' | 'deferred' }]> = [
  ['one element', { given: '<a/>', want: 'read' }],
  ['declaration, nesting and namespaces', { given: '<?xml version="1.0" encoding="utf-8"?><w:d xmlns:w="urn:w"><w:t a="1" b=\'2\'><x xmlns="urn:x"/></w:t></w:d>', want: 'read' }],
  ['declaration with standalone', { given: '<?xml version="1.0" standalone="yes" ?>\n<a/>\n', want: 'read' }],
  ['entities and character references', { given: '<a t="&lt;&#65;&#x42;&quot;">x &amp; y &gt; z&apos;</a>', want: 'read' }],
  ['white space in attributes becomes spaces', { given: '<a t="1\t2\n3\r\n4\r5"/>', want: 'read' }],
  ['a character reference for a tab is kept', { given: '<a t="1&#9;2"/>', want: 'read' }],
  ['line ends in text become \\n', { given: '<a>1\r\n2\r3\n</a>', want: 'read' }],
  ['pretty-printed, positions on later lines', { given: '<a>\n  <b>\n    <c x="1" />\n  </b >\n</a>\n', want: 'read' }],
  ['CDATA keeps markup and ampersands', { given: '<a>x<![CDATA[<b>&amp;]]>y</a>', want: 'read' }],
  ['comments inside and around', { given: '<!-- c --><a><!-- d -->x</a><!---->', want: 'read' }],
  ['> in text and attributes', { given: '<a t=">">></a>', want: 'read' }],
  [']] without > in text', { given: '<a>]]</a>', want: 'read' }],
  ['non-ASCII text below U+D800', { given: '<a t="æøå">Ærlig – “sitat”</a>', want: 'read' }],
  ['attribute named like an Object method', { given: '<a constructor="x" toString="y"/>', want: 'read' }],
  ['DOCTYPE', { given: '<!DOCTYPE a><a/>', want: 'deferred' }],
  ['processing instruction', { given: '<?pi x?><a/>', want: 'deferred' }],
  ['XML 1.1', { given: '<?xml version="1.1"?><a/>', want: 'deferred' }],
  ['declaration not at the start', { given: ' <?xml version="1.0"?><a/>', want: 'deferred' }],
  ['byte-order mark', { given: '\uFEFF<a/>', want: 'deferred' }],
  ['non-ASCII name', { given: '<ø/>', want: 'deferred' }],
  ['name starting with a digit', { given: '<a><1/></a>', want: 'deferred' }],
  ['unknown entity', { given: '<a>&nbsp;</a>', want: 'deferred' }],
  ['character reference to a non-character', { given: '<a>&#0;</a>', want: 'deferred' }],
  ['bare ampersand', { given: '<a>fish & chips</a>', want: 'deferred' }],
  ['mismatched close tag', { given: '<a><b></a></b>', want: 'deferred' }],
  ['close tag with a longer name', { given: '<a></ab>', want: 'deferred' }],
  ['unclosed element', { given: '<a><b/>', want: 'deferred' }],
  ['duplicate attribute', { given: '<a x="1" x="2"/>', want: 'deferred' }],
  ['duplicate namespace declaration', { given: '<a xmlns:p="1" xmlns:p="2"/>', want: 'deferred' }],
  ['attributes not separated', { given: '<a x="1"y="2"/>', want: 'deferred' }],
  ['unquoted attribute', { given: '<a x=1/>', want: 'deferred' }],
  ['< in an attribute', { given: '<a x="<"/>', want: 'deferred' }],
  [']]> in text', { given: '<a>]]></a>', want: 'deferred' }],
  ['control character', { given: '<a>\u0001</a>', want: 'deferred' }],
  ['surrogate pair', { given: '<a>\uD83D\uDE00</a>', want: 'deferred' }],
  ['U+FFFE', { given: '<a>\uFFFE</a>', want: 'deferred' }],
  ['text outside the root', { given: '<a/>x', want: 'deferred' }],
  ['two roots', { given: '<a/><b/>', want: 'deferred' }],
  ['no root', { given: '<!-- only -->', want: 'deferred' }],
  ['-- inside a comment', { given: '<a><!-- a -- b --></a>', want: 'deferred' }],
  ['comment ending in ---', { given: '<a><!-- a ---></a>', want: 'deferred' }],
  ['undeclared prefix', { given: '<p:a/>', want: 'deferred' }],
  ['slash not closing the tag', { given: '<a / >', want: 'deferred' }],
  ['unterminated CDATA', { given: '<a><![CDATA[x</a>', want: 'deferred' }],
  ['64 attributes', { given: `<a ${Array.from({ length: 64 }, (_, i) => `a${i}="${i}"`).join(' ')}/>`, want: 'read' }],
  ['65 attributes (a quadratic duplicate check)', { given: `<a ${Array.from({ length: 65 }, (_, i) => `a${i}="${i}"`).join(' ')}/>`, want: 'deferred' }],
];

describe('the XML fast path', () => {
  test.each(cases)('%s', (_name, { given, want }) => {
    const lines = new LineIndex(given, 3);
    const tree = parseCommonXml(given, lines);
    if (want === 'deferred') {
      expect(tree).toBeUndefined();
      return;
    }
    expect(tree).toBeDefined();
    expect(tree).toStrictEqual(parseWithSaxes(given, lines));
  });
});
