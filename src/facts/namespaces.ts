export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
export const SER_NS = 'http://schemas.microsoft.com/2003/10/Serialization/';
export const ARR_NS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
export const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
export const WSDL_SOAP11_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
export const WSDL_SOAP12_NS = 'http://schemas.xmlsoap.org/wsdl/soap12/';
export const SOAP11_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_ENV_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** `http://www.superoffice.net/ws/crm/NetServer/Services88` → `Services88`; any ServicesNN is accepted. */
const VERSION_NS = /^https?:\/\/www\.superoffice\.net\/ws\/crm\/NetServer\/(Services\d+)\/?$/i;

export function versionOfNamespace(ns: string): string | undefined {
  const match = VERSION_NS.exec(ns);
  return match ? `Services${match[1]!.slice('Services'.length)}` : undefined;
}

const FIXED_PREFIXES: ReadonlyArray<[string, string]> = [
  ['xs', XSD_NS],
  ['ser', SER_NS],
  ['arr', ARR_NS],
];

/**
 * Names type references `prefix:Name`. The prefixes are fixed for the namespaces every NetServer WSDL uses;
 * any other namespace is written in Clark notation (`{uri}Name`) until the model assigns it a prefix.
 */
export function typeRef(ns: string, local: string): string {
  let byLocal = typeRefs.get(ns);
  if (byLocal === undefined) typeRefs.set(ns, (byLocal = new Map()));
  let ref = byLocal.get(local);
  if (ref === undefined) byLocal.set(local, (ref = newTypeRef(ns, local)));
  return ref;
}

/**
 * Every WSDL of a version repeats the shared types, so the same few thousand references come up
 * tens of thousands of times; one string each keeps the facts of a large run small for the collector.
 */
const typeRefs = new Map<string, Map<string, string>>();

function newTypeRef(ns: string, local: string): string {
  for (const [prefix, uri] of FIXED_PREFIXES) if (uri === ns) return `${prefix}:${local}`;
  if (versionOfNamespace(ns)) return `tns:${local}`;
  return `{${ns}}${local}`;
}

export function fixedNamespaces(targetNamespace?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [prefix, uri] of FIXED_PREFIXES) out[prefix] = uri;
  if (targetNamespace) out['tns'] = targetNamespace;
  return out;
}
