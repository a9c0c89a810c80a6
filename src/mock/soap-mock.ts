import { readFileSync } from 'node:fs';
import type { Agent, ApiVersion, Method, TypeDef, TypeRef } from '../model/api-model.js';
import { readSoapSample } from '../model/sample-check.js';
import { responseElements } from '../model/type-graph.js';
import { soapOperationOf, wireSchemaOf } from '../emit/wire-schema.js';
import { decodeResponse, encodeRequest } from '../runtime/soap.js';
import type { SoapOperation, WireSchema } from '../runtime/schema.js';
import { escapeText } from '../runtime/xml.js';
import { generatedValue, randomFor } from './generated-values.js';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
/** The namespace of WCF's own fault codes (`a:ActionNotSupported`). */
const WCF_ADDRESSING = 'http://schemas.microsoft.com/ws/2005/05/addressing/none';

/** One agent of one ServicesNN, as the mock serves it at `…/Remote/<ServicesNN>/<Agent>.svc`. */
export interface SoapRoute {
  version: ApiVersion;
  agent: Agent;
  schema: WireSchema;
  operations: Map<Method, SoapOperation>;
  lookup: (ref: TypeRef) => TypeDef | undefined;
  /** The WSDL file the agent was read from, when one was. */
  wsdlFile: string | undefined;
}

export function soapRoute(version: ApiVersion, agent: Agent): SoapRoute {
  const defs = new Map(version.types.map((t) => [t.ref, t]));
  const roots = new Set<TypeRef>();
  const operations = new Map<Method, SoapOperation>();
  for (const method of agent.methods) {
    if (!method.soap) continue;
    for (const p of [...method.params, ...responseElements(method)]) roots.add(p.type);
    for (const h of method.soap.requestHeaders) roots.add(h.type);
    operations.set(method, soapOperationOf(method));
  }
  const wsdlFile = agent.sources.map((s) => s.file).find((f) => /\.(xml|wsdl)$/i.test(f) && /wsdl/i.test(f));
  return { version, agent, schema: wireSchemaOf(version, defs, roots), operations, lookup: (ref) => defs.get(ref), wsdlFile };
}

export interface MockAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** A SOAP 1.1 fault, as WCF sends one for a request it cannot take. */
export function soapFault(message: string, code = 's:Client'): MockAnswer {
  return {
    status: 500,
    contentType: 'text/xml; charset=utf-8',
    body: `<s:Envelope xmlns:s="${SOAP11}" xmlns:a="${WCF_ADDRESSING}"><s:Body><s:Fault><faultcode>${escapeText(code)}</faultcode><faultstring xml:lang="en-US">${escapeText(message)}</faultstring></s:Fault></s:Body></s:Envelope>`,
  };
}

/** The WSDL as read, its service address pointing at the mock. */
export function wsdlAnswer(route: SoapRoute, address: string): MockAnswer | undefined {
  if (!route.wsdlFile) return undefined;
  let text: string;
  try {
    text = readFileSync(route.wsdlFile, 'utf8');
  } catch {
    // Read from inside a zip, or gone since: there is no file to serve.
    return undefined;
  }
  text = text.replace(/(<(?:\w+:)?address\s+location=")[^"]*(")/g, (_, open: string, close: string) => `${open}${escapeText(address)}${close}`);
  return { status: 200, contentType: 'text/xml; charset=utf-8', body: text };
}

export interface AnswerOptions {
  answers: 'samples' | 'generated';
  seed: number;
}

/**
 * A request the way WCF would take it, or the fault that names its first problem: SOAP 1.1, the
 * SOAPAction of an operation of the agent, its wrapper element, and every element in `xs:sequence`
 * order, in its namespace, of its type, nil only where nillable, none unknown, headers in
 * `soap:Header` (the rules the documented samples are checked by).
 */
export function handleSoap(route: SoapRoute, contentType: string, soapAction: string | undefined, body: string, options: AnswerOptions): MockAnswer {
  if (/application\/soap\+xml/i.test(contentType)) {
    return soapFault(`the content type '${contentType}' is SOAP 1.2; ${route.version.name} binds SOAP 1.1 (text/xml)`);
  }
  // As WCF's basic binding: another media type is not taken at all.
  if (!/^\s*text\/xml\s*(;|$)/i.test(contentType)) {
    return { status: 415, contentType: 'text/plain; charset=utf-8', body: `Cannot process the message because the content type '${contentType}' was not the expected type 'text/xml; charset=utf-8'.\n` };
  }
  if (soapAction === undefined) return soapFault('the request has no SOAPAction header');
  const action = soapAction.trim().replace(/^"(.*)"$/, '$1');
  const method = [...route.operations.keys()].find((m) => m.soap!.soapAction === action);
  if (!method) return soapFault(`the SOAPAction '${action}' names no operation of ${route.agent.name} in ${route.version.name}`, 'a:ActionNotSupported');
  const reading = readSoapSample({ kind: 'soap-request', text: body, source: { file: 'request', line: 1 } }, method, route.version, route.lookup);
  // An empty value is a choice the caller made, not a defect of the request; a header the WSDL does
  // not bind (WS-Addressing's To, say) is passed over, as WCF does one not marked mustUnderstand.
  const problem = reading.diagnostics.find(
    (d) => d.code !== 'sample-empty-value' && !/^header \S+ is not bound by the WSDL$/.test(d.message) && (d.severity !== 'info' || d.code === 'sample-missing-element' || d.code === 'sample-placeholder'),
  );
  if (problem) return soapFault(`${method.name}: ${problem.message} (line ${problem.line})`);
  return { status: 200, contentType: 'text/xml; charset=utf-8', body: answerFor(route, method, options) };
}

/**
 * The answer of a valid call: the documented sample response read as the typed value it shows, or a
 * value made from the schema; written either way by the SDK's own writer, so it is the WSDL's wire
 * form (SOAP 1.1, elements in order, namespaces as bound) whatever the sample's defects.
 */
export function answerFor(route: SoapRoute, method: Method, options: AnswerOptions): string {
  const op = route.operations.get(method)!;
  let value: unknown;
  let found = false;
  if (options.answers === 'samples') {
    for (const sample of method.samples) {
      if (sample.kind !== 'soap-response') continue;
      try {
        value = decodeResponse(route.schema, op, sample.text, 200);
        found = true;
        break;
      } catch {
        // A sample that cannot be read (a fault, a defect): the next one, or a made value.
      }
    }
  }
  let results: Record<string, unknown>;
  if (found) {
    results = op.results.length === 0 ? {} : op.result !== null && op.results.length === 1 ? { [op.results[0]![0]]: value } : (value as Record<string, unknown>);
  } else {
    const random = randomFor(options.seed, `${route.version.name}/${route.agent.name}/${method.name}`);
    results = Object.fromEntries(responseElements(method).map((p) => [p.name, generatedValue(p.type, route.lookup, random, p.name)]));
  }
  const asRequest: SoapOperation = { ...op, request: op.response, params: op.results, headers: [] };
  return encodeRequest(route.schema, asRequest, results, { baseUrl: '' });
}
