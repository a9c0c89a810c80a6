/**
 * A JSON reader for what a client sent, written for the tests and sharing nothing with the runtime:
 * numbers keep their text (JSON.parse would round an int64 past 2^53 to its neighbour, hiding the very
 * digits under test), objects keep their members in order, and a repeated member name is an error
 * (JSON.parse would keep the last one silently).
 */
export class ExactNumber {
  constructor(readonly text: string) {}
}

export class ExactObject {
  constructor(readonly entries: ReadonlyArray<readonly [string, ExactValue]>) {}
  get(name: string): ExactValue | undefined {
    return this.entries.find(([k]) => k === name)?.[1];
  }
  keys(): string[] {
    return this.entries.map(([k]) => k);
  }
}

export type ExactValue = null | boolean | string | ExactNumber | ExactValue[] | ExactObject;

export function readExact(text: string): ExactValue {
  let pos = 0;
  const fail = (what: string): never => {
    throw new Error(`not JSON at offset ${pos} (${what}): ${text.slice(Math.max(0, pos - 40), pos + 40)}`);
  };
  const space = () => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos]!)) pos++;
  };
  const string = (): string => {
    const re = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
    re.lastIndex = pos;
    const m = re.exec(text) ?? fail('bad string');
    pos = re.lastIndex;
    // One string literal: JSON.parse reads its escapes and cannot round anything.
    return JSON.parse(m[0]) as string;
  };
  const value = (depth: number): ExactValue => {
    if (depth > 512) fail('nested too deeply');
    space();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const entries: Array<[string, ExactValue]> = [];
      space();
      if (text[pos] === '}') {
        pos++;
        return new ExactObject(entries);
      }
      for (;;) {
        space();
        const key = string();
        if (entries.some(([k]) => k === key)) fail(`member "${key}" twice`);
        space();
        if (text[pos++] !== ':') fail('expected ":"');
        entries.push([key, value(depth + 1)]);
        space();
        if (text[pos] === ',') pos++;
        else if (text[pos] === '}') {
          pos++;
          return new ExactObject(entries);
        } else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      pos++;
      const items: ExactValue[] = [];
      space();
      if (text[pos] === ']') {
        pos++;
        return items;
      }
      for (;;) {
        items.push(value(depth + 1));
        space();
        if (text[pos] === ',') pos++;
        else if (text[pos] === ']') {
          pos++;
          return items;
        } else fail('expected "," or "]"');
      }
    }
    if (c === '"') return string();
    const re = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
    re.lastIndex = pos;
    const m = re.exec(text) ?? fail('unexpected character');
    pos = re.lastIndex;
    return m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : new ExactNumber(m[0]);
  };
  const out = value(0);
  space();
  if (pos < text.length) fail('text after the value');
  return out;
}
