import type { ApiVersion, TypeRef } from './api-model.js';

/** Calls `fn` on every type reference in a version and stores what it returns. */
export function mapRefs(version: ApiVersion, fn: (ref: TypeRef) => TypeRef): void {
  for (const type of version.types) {
    type.ref = fn(type.ref);
    if (type.base) type.base = fn(type.base);
    for (const field of type.fields ?? []) field.type = fn(field.type);
    if (type.item) type.item.type = fn(type.item.type);
    if (type.entry) {
      type.entry.keyType = fn(type.entry.keyType);
      type.entry.valueType = fn(type.entry.valueType);
    }
  }
  for (const agent of [...version.agents, ...(version.resources ?? [])]) {
    for (const method of agent.methods) {
      for (const p of [...method.params, ...method.outParams]) p.type = fn(p.type);
      if (method.returns) method.returns.type = fn(method.returns.type);
      if (method.soap) {
        method.soap.requestElement = fn(method.soap.requestElement);
        if (method.soap.responseElement) method.soap.responseElement = fn(method.soap.responseElement);
        for (const h of [...method.soap.requestHeaders, ...method.soap.responseHeaders]) {
          h.element = fn(h.element);
          h.type = fn(h.type);
        }
      }
    }
  }
}

/**
 * Gives namespaces beyond the fixed ones (a WCF data contract such as
 * `http://schemas.datacontract.org/2004/07/System.Security.Cryptography`) the prefixes `ns1`, `ns2` …
 * in the order of their URIs, and rewrites the `{uri}Name` references the ingest left for them.
 */
export function assignPrefixes(version: ApiVersion): void {
  const uris = new Set<string>();
  mapRefs(version, (ref) => {
    if (ref.startsWith('{')) uris.add(ref.slice(1, ref.indexOf('}')));
    return ref;
  });
  if (uris.size === 0) return;
  const prefixes = new Map([...uris].sort().map((uri, i) => [uri, `ns${i + 1}`]));
  for (const [uri, prefix] of prefixes) version.namespaces[prefix] = uri;
  mapRefs(version, (ref) => {
    if (!ref.startsWith('{')) return ref;
    const close = ref.indexOf('}');
    return `${prefixes.get(ref.slice(1, close))}:${ref.slice(close + 1)}`;
  });
}
