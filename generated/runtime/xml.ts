import { END, EOF, START, TEXT, XmlCursor } from './xml-cursor.js';

/** An element as a node, for the few small parts of an answer read as a whole (headers, faults) and for tests. */
export interface XmlNode {
  local: string;
  ns: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/** Right after a START of a cursor that keeps attributes: that element as a node, through its END. */
export function readNode(cursor: XmlCursor): XmlNode {
  const root: XmlNode = { local: cursor.local, ns: cursor.ns, attrs: cursor.attrs ?? {}, children: [], text: '' };
  // An explicit stack: an answer nested 10,000 deep must not use 10,000 frames.
  const open: XmlNode[] = [root];
  while (open.length > 0) {
    const token = cursor.next();
    const top = open[open.length - 1]!;
    if (token === START) {
      const node: XmlNode = { local: cursor.local, ns: cursor.ns, attrs: cursor.attrs ?? {}, children: [], text: '' };
      top.children.push(node);
      open.push(node);
    } else if (token === TEXT) top.text += cursor.text();
    else if (token === END) open.pop();
    else if (token === EOF) break;
  }
  return root;
}

/** A whole document as nodes: strict as the cursor is (no DOCTYPE, every prefix declared, one root). */
export function parseXmlDocument(xml: string): XmlNode {
  const cursor = new XmlCursor(xml, true);
  let root: XmlNode | undefined;
  for (let token = cursor.next(); token !== EOF; token = cursor.next()) if (token === START) root = readNode(cursor);
  return root!;
}

export function isNil(node: XmlNode): boolean {
  // xs:boolean collapses whitespace: ' true ' is true.
  const value = node.attrs[`{${XSI}}nil`]?.trim();
  return value === 'true' || value === '1';
}

export function escapeText(text: string): string {
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

export function escapeAttribute(text: string): string {
  return text.replace(/[&<>"\r\n\t]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function childrenNamed(node: XmlNode, local: string): XmlNode[] {
  return node.children.filter((c) => c.local === local);
}
