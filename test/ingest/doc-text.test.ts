import { describe, expect, test } from 'vitest';
import { cleanDocText } from '../../src/ingest/doc-text.js';

describe('cleanDocText decodes entities in prose', () => {
  const cases: Array<[string, { given: string; want: string }]> = [
    ['predefined entities', { given: 'a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;', want: 'a <b> & "c" \'d\'' }],
    ['character references', { given: '&#65;&#x42;', want: 'AB' }],
    ['an unknown entity is kept', { given: 'x&nbsp;y', want: 'x&nbsp;y' }],
    ['a name an object inherits is not an entity', { given: '&constructor; &toString; &__proto__;', want: '&constructor; &toString; &__proto__;' }],
  ];
  test.each(cases)('%s', (_name, { given, want }) => {
    expect(cleanDocText(given)).toBe(want);
  });
});
