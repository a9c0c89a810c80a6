/** An element with its namespace resolved and the position of its start tag. */
export interface XmlElement {
  /** Qualified name as written, e.g. `xs:element`. */
  qname: string;
  local: string;
  /** Namespace URI ('' when the name has no namespace). */
  ns: string;
  /**
   * Attributes as written, name then value, in document order; namespace declarations are in `scope`.
   * Read them with `attr`. A flat list: a record per element meant a hash lookup per attribute and
   * property access of a thousand shapes.
   */
  attrs: string[];
  children: XmlElement[];
  /** Concatenated character data directly inside this element (entities decoded). */
  text: string;
  line: number;
  column: number;
  /** In-scope prefix → namespace bindings, for resolving QName-valued attributes such as `type="q1:Foo"`. */
  scope: NamespaceScope;
}

/**
 * In-scope prefix bindings as a chain from the innermost element outwards. NetServer WSDLs declare a
 * prefix on nearly every element (`xmlns:q12=...`), so copying a map per element would dominate parsing.
 */
export interface NamespaceScope {
  readonly prefix: string;
  readonly uri: string;
  readonly parent: NamespaceScope | undefined;
  /** How many bindings the chain holds, this one included. */
  readonly size: number;
}

/** The scope every document starts in: only the `xml` prefix is bound. */
export const XML_SCOPE: NamespaceScope = { prefix: 'xml', uri: 'http://www.w3.org/XML/1998/namespace', parent: undefined, size: 1 };

/**
 * A prefix is looked up along the chain, for every element, so a file that piles up declarations
 * could make reading it quadratic. Real documents have a few dozen in scope; beyond this many a
 * file is refused.
 */
export const MAX_NAMESPACE_BINDINGS = 1000;

export function lookupPrefix(scope: NamespaceScope | undefined, prefix: string): string | undefined {
  for (let s = scope; s; s = s.parent) if (s.prefix === prefix) return s.uri;
  return undefined;
}

/**
 * Files one attribute of a start tag, as written: a namespace declaration extends the scope, anything
 * else goes to `attrs`. Returns the scope, extended or not. Both XML readers build elements with this
 * and `newElement`, so that they cannot disagree on namespaces.
 */
export function bindAttribute(name: string, value: string, attrs: string[], scope: NamespaceScope): NamespaceScope {
  if (name.charCodeAt(0) === 120 /* x */ && name.startsWith('xmlns') && (name.length === 5 || name.charCodeAt(5) === 58 /* : */)) {
    return { prefix: name.length === 5 ? '' : name.slice(6), uri: value, parent: scope, size: scope.size + 1 };
  }
  attrs.push(name, value);
  return scope;
}

/** The value of the attribute `name` (as written, prefix included), or undefined. */
export function attr(element: XmlElement, name: string): string | undefined {
  const attrs = element.attrs;
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === name) return attrs[i + 1];
  return undefined;
}

/** The attributes as [name, value] pairs, in document order. */
export function attributes(element: XmlElement): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < element.attrs.length; i += 2) pairs.push([element.attrs[i]!, element.attrs[i + 1]!]);
  return pairs;
}

/** The element of a start tag, or undefined when the prefix of its name is not declared. */
export function newElement(qname: string, attrs: string[], scope: NamespaceScope, line: number, column: number): XmlElement | undefined {
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const ns = lookupPrefix(scope, prefix);
  if (ns === undefined && prefix !== '') return undefined;
  return { qname, local: colon === -1 ? qname : qname.slice(colon + 1), ns: ns ?? '', attrs, children: [], text: '', line, column, scope };
}

/** Resolves a QName-valued attribute (`q1:ErpConnection`) against the element's namespace scope. */
export function resolveQName(value: string, scope: NamespaceScope): { ns: string; local: string } | undefined {
  const colon = value.indexOf(':');
  const prefix = colon === -1 ? '' : value.slice(0, colon);
  const ns = lookupPrefix(scope, prefix);
  if (ns === undefined && prefix !== '') return undefined;
  return { ns: ns ?? '', local: colon === -1 ? value : value.slice(colon + 1) };
}

export function childElements(parent: XmlElement, ns: string, local: string): XmlElement[] {
  return parent.children.filter((c) => c.local === local && c.ns === ns);
}

export function firstChild(parent: XmlElement, ns: string, local: string): XmlElement | undefined {
  return parent.children.find((c) => c.local === local && c.ns === ns);
}
