import type { EnumValue, Field, Param, ReturnValue, SoapBinding, SoapHeader, TypeDef } from '../model/api-model.js';
import { diagnostic, type Diagnostic } from '../facts/diagnostics.js';
import type { Provenance } from '../facts/provenance.js';
import type { FileResult, OperationFacts, WsdlFacts } from '../facts/file-facts.js';
import {
  SER_NS,
  WSDL_NS,
  WSDL_SOAP11_NS,
  XSD_NS,
  typeRef,
  versionOfNamespace,
} from '../facts/namespaces.js';
import { attr, childElements, firstChild, resolveQName, type XmlElement } from '../parse/xml-element.js';
import { parseXml, XmlSyntaxError } from '../parse/xml-tree.js';



interface GlobalElement {
  node: XmlElement;
  ns: string;
}

/** Whether a file's text is XML (read as a WSDL document) rather than a page. */
export function isXmlText(text: string): boolean {
  return text.trimStart().startsWith('<');
}

/** An input file holding XML: a WSDL document, or skipped with the reason. */
export function readWsdlFile(file: string, text: string): FileResult {
  const { facts, diagnostics } = readWsdl(text, file);
  return facts ? { facts: { kind: 'wsdl', file, wsdl: facts }, diagnostics } : { facts: { kind: 'skipped', file }, diagnostics };
}

/**
 * Reads a WSDL 1.1 document (SOAP 1.1 document/literal, WCF DataContract schemas) into facts.
 * `lineOffset` places a WSDL found inside a markdown fence at its real line in the page.
 */
export function readWsdl(
  text: string,
  file: string,
  lineOffset = 0,
): { facts?: WsdlFacts; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  let root: XmlElement;
  try {
    root = parseXml(text, lineOffset);
  } catch (error) {
    if (error instanceof XmlSyntaxError) {
      return { diagnostics: [diagnostic('malformed-xml', error.message, { file, line: error.line, column: error.column })] };
    }
    throw error;
  }
  const at = (node: XmlElement): Provenance => ({ file, line: node.line, column: node.column });
  if (root.ns !== WSDL_NS || root.local !== 'definitions') {
    return { diagnostics: [diagnostic('unrecognised-file', `root element <${root.qname}> is not wsdl:definitions`, at(root))] };
  }
  const targetNamespace = attr(root, 'targetNamespace') ?? '';
  const version = versionOfNamespace(targetNamespace);
  if (!version) {
    return {
      diagnostics: [
        diagnostic('version-undetected', `target namespace '${targetNamespace}' names no ServicesNN version`, at(root)),
      ],
    };
  }

  const { schemaTypes, globalElements } = readSchemas(root, at, diagnostics);
  const messages = readMessages(root);

  const portType = firstChild(root, WSDL_NS, 'portType');
  const binding = childElements(root, WSDL_NS, 'binding').find((b) => firstChild(b, WSDL_SOAP11_NS, 'binding'));
  if (!portType || !binding) {
    diagnostics.push(diagnostic('unsupported-schema', 'no portType with a SOAP 1.1 binding', at(root)));
    return { diagnostics };
  }
  const agent = attr(portType, 'name') ?? '';
  const address = root.children
    .filter((c) => c.ns === WSDL_NS && c.local === 'service')
    .flatMap((s) => childElements(s, WSDL_NS, 'port'))
    .map((p) => firstChild(p, WSDL_SOAP11_NS, 'address'))
    .map((a) => (a ? attr(a, 'location') : undefined))
    .find((l): l is string => typeof l === 'string');
  const pathMatch = address ? /Remote\/Services\d+\/[^/?#]+\.svc/i.exec(address) : null;
  const path = pathMatch ? pathMatch[0] : `Remote/${version}/${agent}.svc`;

  const document: WsdlDocument = { messages, globalElements, knownHeaders: new Map(), at, diagnostics };
  const bindingOps = new Map(childElements(binding, WSDL_NS, 'operation').map((op) => [attr(op, 'name') ?? '', op]));
  const operations: OperationFacts[] = [];
  for (const op of childElements(portType, WSDL_NS, 'operation')) {
    const operation = readOperation(op, bindingOps.get(attr(op, 'name') ?? ''), document);
    if (operation) operations.push(operation);
  }

  return {
    facts: { version, targetNamespace, agent, path, operations, types: schemaTypes, source: at(root) },
    diagnostics,
  };
}

/**
 * What reading one operation needs of its document. The parts of a WSDL are read by functions of
 * their own: V8 compiles a hot function whole, and one function for the whole document cost more to
 * compile than the documents took to read.
 */
interface WsdlDocument {
  messages: Map<string, Map<string, string>>;
  globalElements: Map<string, GlobalElement>;
  /** Header elements already resolved, by their Clark name (see headerParts). */
  knownHeaders: Map<string, { element: string; type: string }>;
  at: (node: XmlElement) => Provenance;
  diagnostics: Diagnostic[];
}

function readSchemas(root: XmlElement, at: (node: XmlElement) => Provenance, diagnostics: Diagnostic[]): { schemaTypes: TypeDef[]; globalElements: Map<string, GlobalElement> } {
  const schemaTypes: TypeDef[] = [];
  const globalElements = new Map<string, GlobalElement>();
  const types = firstChild(root, WSDL_NS, 'types');
  for (const schema of types ? childElements(types, XSD_NS, 'schema') : []) {
    const schemaNs = attr(schema, 'targetNamespace') ?? '';
    if (attr(schema, 'elementFormDefault') !== 'qualified') {
      diagnostics.push(
        diagnostic('unsupported-schema', `schema '${schemaNs}' does not use elementFormDefault="qualified"`, at(schema)),
      );
    }
    for (const child of schema.children) {
      if (child.ns !== XSD_NS) continue;
      const name = attr(child, 'name');
      if (child.local === 'element' && name) globalElements.set(`{${schemaNs}}${name}`, { node: child, ns: schemaNs });
      else if (child.local === 'complexType' && name) {
        const def = readComplexType(child, name, schemaNs, at, diagnostics);
        if (def) schemaTypes.push(def);
      } else if (child.local === 'simpleType' && name) {
        const def = readSimpleType(child, name, schemaNs, at, diagnostics);
        if (def) schemaTypes.push(def);
      }
    }
  }
  return { schemaTypes, globalElements };
}

function readMessages(root: XmlElement): Map<string, Map<string, string>> {
  const messages = new Map<string, Map<string, string>>();
  for (const message of childElements(root, WSDL_NS, 'message')) {
    const parts = new Map<string, string>();
    for (const part of childElements(message, WSDL_NS, 'part')) {
      const elementAttr = attr(part, 'element');
      const element = elementAttr ? resolveQName(elementAttr, part.scope) : undefined;
      const partName = attr(part, 'name');
      if (partName && element) parts.set(partName, `{${element.ns}}${element.local}`);
    }
    const messageName = attr(message, 'name');
    if (messageName) messages.set(messageName, parts);
  }
  return messages;
}

/** One portType operation with its binding, or undefined (reported) when it cannot be called. */
function readOperation(op: XmlElement, bound: XmlElement | undefined, doc: WsdlDocument): OperationFacts | undefined {
  const { messages, globalElements, at, diagnostics } = doc;
  const name = attr(op, 'name') ?? '';
  const input = firstChild(op, WSDL_NS, 'input');
  const output = firstChild(op, WSDL_NS, 'output');
  if (!bound || !input) {
    diagnostics.push(diagnostic('unsupported-schema', `operation ${name} has no SOAP binding or input`, at(op)));
    return undefined;
  }
  const requestElement = bodyElement(input, messages);
  const responseElement = output ? bodyElement(output, messages) : undefined;
  const request = requestElement ? globalElements.get(requestElement) : undefined;
  if (!request) {
    diagnostics.push(diagnostic('unresolved-type', `request element of ${name} is not declared in the schema`, at(op)));
    return undefined;
  }
  const params = wrapperParticles(request.node, at, diagnostics).map((el) => readParticle(el, at, diagnostics));
  let returns: ReturnValue | null = null;
  let outParams: Param[] = [];
  const response = responseElement ? globalElements.get(responseElement) : undefined;
  if (responseElement && !response) {
    diagnostics.push(diagnostic('unresolved-type', `response element of ${name} is not declared in the schema`, at(op)));
  }
  if (response) {
    const elements = wrapperParticles(response.node, at, diagnostics).map((el) => readParticle(el, at, diagnostics));
    // NetServer names the result `Response`; other elements are out parameters.
    const result = elements.find((f) => f.name === 'Response') ?? (elements.length === 1 ? elements[0] : undefined);
    if (result) {
      returns = {
        name: result.name,
        type: result.type,
        minOccurs: result.minOccurs,
        nillable: result.nillable,
        position: elements.indexOf(result),
        sources: result.sources,
      };
    }
    outParams = elements.filter((f) => f !== result);
  }
  const soapOp = firstChild(bound, WSDL_SOAP11_NS, 'operation');
  const soap: SoapBinding = {
    soapAction: (soapOp && attr(soapOp, 'soapAction')) ?? '',
    requestElement: clarkToRef(requestElement!),
    responseElement: responseElement ? clarkToRef(responseElement) : '',
    requestHeaders: headerParts(firstChild(bound, WSDL_NS, 'input'), messages, globalElements, doc.knownHeaders),
    responseHeaders: headerParts(firstChild(bound, WSDL_NS, 'output'), messages, globalElements, doc.knownHeaders),
  };
  return { name, params, returns, outParams, soap, sources: [at(op)] };
}

function bodyElement(io: XmlElement, messages: Map<string, Map<string, string>>): string | undefined {
  const messageAttr = attr(io, 'message');
  const message = messageAttr ? resolveQName(messageAttr, io.scope) : undefined;
  const parts = message ? messages.get(message.local) : undefined;
  return parts?.get('parameters') ?? (parts ? [...parts.values()][0] : undefined);
}

/**
 * The SOAP headers of one direction of an operation. WCF gives every operation its own header
 * message, but they name the same few header elements, so an element's references are worked out
 * once per document (`known`).
 */
function headerParts(
  io: XmlElement | undefined,
  messages: Map<string, Map<string, string>>,
  globalElements: Map<string, GlobalElement>,
  known: Map<string, { element: string; type: string }>,
): SoapHeader[] {
  if (!io) return [];
  const headers: SoapHeader[] = [];
  for (const h of io.children) {
    if (h.local !== 'header' || h.ns !== WSDL_SOAP11_NS) continue;
    const name = attr(h, 'part') ?? '';
    const messageAttr = attr(h, 'message');
    const message = messageAttr ? resolveQName(messageAttr, h.scope) : undefined;
    const element = message ? messages.get(message.local)?.get(name) : undefined;
    if (element === undefined) {
      headers.push({ name, element: `tns:${name}`, type: 'xs:anyType' });
      continue;
    }
    let refs = known.get(element);
    if (refs === undefined) {
      const declared = globalElements.get(element);
      const typeAttr = declared ? attr(declared.node, 'type') : undefined;
      const type = typeAttr ? resolveQName(typeAttr, declared!.node.scope) : undefined;
      refs = { element: clarkToRef(element), type: type ? typeRef(type.ns, type.local) : 'xs:anyType' };
      known.set(element, refs);
    }
    headers.push({ name, element: refs.element, type: refs.type });
  }
  return headers;
}

function clarkToRef(clark: string): string {
  const close = clark.indexOf('}');
  return typeRef(clark.slice(1, close), clark.slice(close + 1));
}

/** The `xs:element` children of an element's (or type's) `xs:sequence`. */
function sequenceOf(node: XmlElement): XmlElement[] {
  const complex = node.local === 'complexType' ? node : firstChild(node, XSD_NS, 'complexType');
  const sequence = complex ? firstChild(complex, XSD_NS, 'sequence') : undefined;
  return sequence ? childElements(sequence, XSD_NS, 'element') : [];
}

/**
 * Reports each XML Schema child of `holder` (a complex type, or its extension) that the model does
 * not carry: `xs:choice`, `xs:all`, `xs:group`, attributes, `xs:simpleContent` ... Only the children
 * named in `read` are read.
 */
function reportUnmodelled(
  holder: XmlElement,
  read: readonly string[],
  owner: string,
  at: (n: XmlElement) => Provenance,
  diagnostics: Diagnostic[],
): void {
  for (const child of holder.children) {
    if (child.ns === XSD_NS && !read.includes(child.local)) {
      diagnostics.push(diagnostic('unsupported-schema', `xs:${child.local} in ${owner} is not modelled`, at(child)));
    }
  }
}

/** The `xs:element`s of a request or response wrapper's sequence, reporting whatever else its type holds. */
function wrapperParticles(node: XmlElement, at: (n: XmlElement) => Provenance, diagnostics: Diagnostic[]): XmlElement[] {
  const complex = firstChild(node, XSD_NS, 'complexType');
  const owner = `element ${attr(node, 'name') ?? ''}`;
  if (complex) {
    reportUnmodelled(complex, ['annotation', 'sequence'], owner, at, diagnostics);
    const sequence = firstChild(complex, XSD_NS, 'sequence');
    if (sequence) reportUnmodelled(sequence, ['element'], owner, at, diagnostics);
  }
  return sequenceOf(node);
}

function occurs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value === 'unbounded') return -1;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

function readParticle(el: XmlElement, at: (n: XmlElement) => Provenance, diagnostics: Diagnostic[]): Field {
  const name = attr(el, 'name') ?? '';
  const typeAttr = attr(el, 'type');
  const resolved = typeAttr ? resolveQName(typeAttr, el.scope) : undefined;
  let type: string;
  if (resolved) type = typeRef(resolved.ns, resolved.local);
  else {
    diagnostics.push(
      diagnostic(
        'unsupported-schema',
        typeAttr ? `type '${typeAttr}' of element ${name} uses an undeclared prefix` : `element ${name} has no named type`,
        at(el),
      ),
    );
    type = 'xs:anyType';
  }
  return {
    name,
    type,
    minOccurs: occurs(attr(el, 'minOccurs'), 1),
    maxOccurs: occurs(attr(el, 'maxOccurs'), 1),
    nillable: attr(el, 'nillable') === 'true',
    sources: [at(el)],
  };
}

function appinfo(node: XmlElement): XmlElement[] {
  const annotation = firstChild(node, XSD_NS, 'annotation');
  const info = annotation ? firstChild(annotation, XSD_NS, 'appinfo') : undefined;
  return info ? info.children : [];
}

function readComplexType(
  node: XmlElement,
  name: string,
  ns: string,
  at: (n: XmlElement) => Provenance,
  diagnostics: Diagnostic[],
): TypeDef | undefined {
  const ref = typeRef(ns, name);
  const sources = [at(node)];
  reportUnmodelled(node, ['annotation', 'sequence', 'complexContent'], name, at, diagnostics);
  const isDictionary = appinfo(node).some((i) => i.local === 'IsDictionary' && i.ns === SER_NS && i.text.trim() === 'true');
  if (isDictionary) {
    const [entry] = sequenceOf(node);
    const [key, value] = entry ? sequenceOf(entry) : [];
    if (!entry || !key || !value) {
      diagnostics.push(diagnostic('unsupported-schema', `dictionary ${name} has no key/value entry`, at(node)));
      return undefined;
    }
    const k = readParticle(key, at, diagnostics);
    const v = readParticle(value, at, diagnostics);
    return {
      ref,
      name,
      namespace: ns,
      kind: 'dictionary',
      entry: {
        elementName: attr(entry, 'name') ?? '',
        keyName: k.name,
        keyType: k.type,
        valueName: v.name,
        valueType: v.type,
        valueNillable: v.nillable,
      },
      sources,
    };
  }
  const content = firstChild(node, XSD_NS, 'complexContent');
  const extension = content ? firstChild(content, XSD_NS, 'extension') : undefined;
  if (content && !extension) {
    diagnostics.push(diagnostic('unsupported-schema', `complex type ${name} uses complexContent without extension`, at(node)));
  }
  const holder = extension ?? node;
  if (extension) reportUnmodelled(extension, ['annotation', 'sequence'], name, at, diagnostics);
  const sequence = firstChild(holder, XSD_NS, 'sequence');
  const particles = sequence ? childElements(sequence, XSD_NS, 'element') : [];
  for (const other of (sequence?.children ?? []).filter((c) => c.local !== 'element')) {
    diagnostics.push(diagnostic('unsupported-schema', `xs:${other.local} in ${name} is not modelled`, at(other)));
  }
  const fields = particles.map((p) => readParticle(p, at, diagnostics));
  const only = fields[0];
  if (!extension && fields.length === 1 && only && only.maxOccurs === -1 && name.startsWith('ArrayOf')) {
    return { ref, name, namespace: ns, kind: 'array', item: { elementName: only.name, type: only.type, nillable: only.nillable }, sources };
  }
  const def: TypeDef = { ref, name, namespace: ns, kind: 'complex', fields, sources };
  if (extension) {
    const baseAttr = attr(extension, 'base');
    const base = baseAttr ? resolveQName(baseAttr, extension.scope) : undefined;
    if (base) def.base = typeRef(base.ns, base.local);
  }
  return def;
}

function readSimpleType(
  node: XmlElement,
  name: string,
  ns: string,
  at: (n: XmlElement) => Provenance,
  diagnostics: Diagnostic[],
): TypeDef | undefined {
  const ref = typeRef(ns, name);
  const sources = [at(node)];
  const list = firstChild(node, XSD_NS, 'list');
  const inner = list ? firstChild(list, XSD_NS, 'simpleType') : node;
  const restriction = inner ? firstChild(inner, XSD_NS, 'restriction') : undefined;
  if (!restriction) {
    diagnostics.push(diagnostic('unsupported-schema', `simple type ${name} is neither a restriction nor a list of one`, at(node)));
    return undefined;
  }
  const enumerations = childElements(restriction, XSD_NS, 'enumeration');
  if (enumerations.length > 0) {
    const values: EnumValue[] = enumerations.map((e) => {
      const value: EnumValue = { name: attr(e, 'value') ?? '', sources: [at(e)] };
      const explicit = appinfo(e).find((i) => i.local === 'EnumerationValue');
      if (explicit && /^-?\d+$/.test(explicit.text.trim())) value.value = Number(explicit.text.trim());
      return value;
    });
    return { ref, name, namespace: ns, kind: list ? 'flags' : 'enum', values, sources };
  }
  const baseAttr = attr(restriction, 'base');
  const base = baseAttr ? resolveQName(baseAttr, restriction.scope) : undefined;
  const def: TypeDef = { ref, name, namespace: ns, kind: 'simple', base: base ? typeRef(base.ns, base.local) : 'xs:string', sources };
  const patternNode = firstChild(restriction, XSD_NS, 'pattern');
  const pattern = patternNode ? attr(patternNode, 'value') : undefined;
  if (pattern !== undefined) def.pattern = pattern;
  return def;
}
