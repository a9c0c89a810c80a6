/**
 * A JSDoc block that text from the docs cannot break out of: `*\/` is split, a line-leading `@`
 * cannot start a tag, and control characters are dropped. Returns '' when there is nothing to say.
 */
export function jsdoc(paragraphs: Array<string | undefined>, tags: Array<[string, string | undefined]> = [], indent = ''): string {
  // Called for every type, field, method and parameter, most with nothing to say: plain loops.
  const lines: string[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const paragraph = paragraphs[i];
    if (!paragraph) continue;
    if (lines.length > 0) lines.push('');
    lines.push(...safeText(paragraph).split('\n'));
  }
  for (let i = 0; i < tags.length; i++) {
    const [tag, text] = tags[i]!;
    if (text === undefined) continue;
    lines.push(`@${tag}${text ? ` ${safeText(text).replace(/\n/g, ' ')}` : ''}`);
  }
  if (lines.length === 0) return '';
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)).join('\n')}\n${indent} */\n`;
}

function safeText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u2028\u2029]/g, ' ')
    .replace(/\r\n?/g, '\n')
    .replace(/\*\//g, '*\\/')
    .replace(/(^|\s)@/g, '$1\\@')
    .split('\n')
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}
