import { describe, expect, test } from 'vitest';
import { parseCommonPage } from '../../src/ingest/markdown-fast-path.js';
import { parseWithRemark } from '../../src/ingest/markdown-page.js';

// `read`: the fast path must answer, with exactly remark's tree. `defer`: it must leave the text to
// remark, because there the cheap reading would differ (or might).
describe('parseCommonPage reads the common layouts exactly as remark does', () => {
  const cases: Array<[string, { given: string; want: 'read' | 'defer' }]> = [
    ['headings and paragraphs', { given: '# Services88 Widget Spin\n\nSOAP request and response examples **Remote/Services88/Widget.svc**\nImplemented by the `SuperOffice.Services88.IWidgetAgent.Spin` method.\n\n## Spin\n', want: 'read' }],
    ['links, html tags and entities', { given: 'Obtain a ticket from the [Services88/SoPrincipal.svc](../SoPrincipal/index)\n\nImplemented by the <see cref="M:A.B">B</see> method &amp; more.<para />', want: 'read' }],
    ['strong before a colon, underscores inside words', { given: '- **id**: the contact_new list\n- **name**: text\n\nafter', want: 'read' }],
    ['a table with alignment and an empty cell', { given: '| Name | Type |  Description |\n|------|:----:|-------------:|\n| $select | `string` | |\n| a | b &lt; c | <para>x</para> |', want: 'read' }],
    ['fences with and without info', { given: '```xml title\n```\n\n~~~\n~~~\ntext', want: 'read' }],
    ['trailing spaces on the last line', { given: 'one\ntwo  \n', want: 'read' }],
    ['trailing spaces after a list item and before a list', { given: 'a, \n+ b \n\nc', want: 'read' }],
    ['a no-break space after the fence info (not trimmed)', { given: '```xml\u00a0\n```', want: 'read' }],
    ['literal brackets without a destination', { given: 'the format "SuperOffice:[UdefFieldIdentity]", e.g. `[x]`', want: 'read' }],
    ['inline html opening a continuation line', { given: 'Retrieves the type\n<para /><b>Online Restricted:</b> text', want: 'read' }],
    ['an html block tag interrupting a paragraph', { given: 'text\n<div>\nx', want: 'defer' }],
    ['brackets around a link', { given: '[x [a](b) y]', want: 'defer' }],
    ['brackets before a label', { given: '[a][b]', want: 'defer' }],
    ['hard break', { given: 'one  \ntwo', want: 'defer' }],
    ['emphasis with underscores', { given: 'a _b_ c', want: 'defer' }],
    ['single asterisk', { given: 'a *b* c', want: 'defer' }],
    ['strong right before punctuation after punctuation', { given: '**a.**.', want: 'defer' }],
    ['setext headings', { given: 'Title\n-----\n\nTwo\nlines\n=== ', want: 'read' }],
    ['thematic breaks', { given: 'a\n\n* * *\n\n---\ntitle: A\n---', want: 'read' }],
    ['loose list', { given: '- a\n\n- b\n- c\n\n* d', want: 'read' }],
    ['a dash under a paragraph', { given: 'Foo\n- ', want: 'read' }],
    ['asterisks under a paragraph', { given: 'Foo\n***', want: 'defer' }],
    ['lazy list continuation', { given: '- a\nmore', want: 'defer' }],
    ['a heading inside a list item', { given: '- ## Title', want: 'defer' }],
    ['a nested list', { given: '- - a', want: 'defer' }],
    ['ordered list', { given: '1. a\n2. b', want: 'defer' }],
    ['block quote', { given: '> quoted', want: 'defer' }],
    ['html block', { given: '<div>\nx\n</div>', want: 'defer' }],
    ['indented code', { given: 'a\n\n    code', want: 'defer' }],
    ['closing hashes', { given: '# Title #', want: 'defer' }],
    ['empty heading', { given: '#\n\ntext', want: 'defer' }],
    ['image', { given: '![alt](x.png)', want: 'defer' }],
    ['link with a title', { given: '[a](b "t")', want: 'defer' }],
    ['reference link', { given: '[a][b]\n\n[b]: /url', want: 'defer' }],
    ['autolink', { given: '<https://example.test>', want: 'defer' }],
    ['other entity', { given: 'a &nbsp; b', want: 'defer' }],
    ['escape', { given: 'a \\* b', want: 'defer' }],
    ['row without a leading pipe after a table', { given: '| a |\n|---|\n| b |\nc | d', want: 'defer' }],
    ['table cell count differs', { given: '| a | b |\n|---|---|\n| c |', want: 'defer' }],
    ['table right after a paragraph line', { given: 'text\n| a |\n|---|', want: 'defer' }],
    ['double backtick code span', { given: 'a ``b`` c', want: 'defer' }],
    ['unclosed fence', { given: '```xml', want: 'defer' }],
    ['tabs', { given: '#\tTitle', want: 'defer' }],
    ['entity in a fence info string', { given: '```&amp;xml\n```', want: 'defer' }],
    ['entity in a link destination', { given: '[a](b&amp;c)', want: 'defer' }],
  ];
  test.each(cases)('%s', (_name, { given, want }) => {
    const tree = parseCommonPage(given);
    if (want === 'defer') expect(tree).toBeUndefined();
    else expect(tree).toEqual(parseWithRemark(given));
  });
});
