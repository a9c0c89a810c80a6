import { PREDEFINED_ENTITIES } from '../parse/xml-fast-path.js';

/**
 * Turns documentation markup into plain text: `<see cref>` becomes its text (or the last part of the
 * referenced name), `<para />` a paragraph break, `<b>` and other tags vanish, markdown links keep their text.
 */
export function cleanDocText(raw: string): string {
  let text = raw
    .replace(/<see\s+cref\s*=\s*"(?:[A-Z]:)?([^"]*)"\s*>([\s\S]*?)<\/see>/gi, (_m, _ref: string, inner: string) => inner)
    .replace(/<see\s+cref\s*=\s*"(?:[A-Z]:)?([^"]*)"\s*\/>/gi, (_m, ref: string) => lastSegment(ref))
    .replace(/<\/?para\s*\/?>/gi, '\n\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1');
  text = decodeEntities(text);
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0)
    .join('\n\n');
}

function lastSegment(ref: string): string {
  const bare = ref.replace(/\(.*$/, '');
  return bare.slice(bare.lastIndexOf('.') + 1);
}

/**
 * Splits the "Online Restricted" note off a description. The docs write it as `<b>Online Restricted:</b> …`
 * on SOAP pages and as a `## Online Restricted: ## …` heading on REST pages.
 */
export function splitOnlineRestricted(raw: string): { description: string; onlineRestricted?: string } {
  const match = /(?:<b>\s*)?Online Restricted:\s*(?:<\/b>)?\s*(?:##\s*)?/i.exec(raw);
  if (!match) return { description: cleanDocText(raw) };
  const note = cleanDocText(raw.slice(match.index + match[0].length));
  const result: { description: string; onlineRestricted?: string } = { description: cleanDocText(raw.slice(0, match.index)) };
  if (note) result.onlineRestricted = note;
  return result;
}

/** Decodes the predefined entities and character references; anything else is kept as written. */
function decodeEntities(value: string): string {
  if (value.indexOf('&') === -1) return value;
  return value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED_ENTITIES.get(body) ?? whole;
  });
}
