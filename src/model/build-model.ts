import type { FileResult, OperationFacts, RestPageFacts, SoapAgentIndexFacts, SoapPageFacts, TableField, WsdlFacts } from '../facts/file-facts.js';
import type { Agent, ApiModel, ApiVersion, Method, Param, RestBinding, TypeDef, TypeRef } from './api-model.js';
import { compareDiagnostics, diagnostic, type Diagnostic } from '../facts/diagnostics.js';
import { fixedNamespaces } from '../facts/namespaces.js';
import { compareProvenance, formatProvenance, type Provenance } from '../facts/provenance.js';
import { labelFits, labelMeaning } from './rest-types.js';
import { checkSamples } from './sample-check.js';
import { assignPrefixes } from './assign-prefixes.js';
import { allFields, inheritanceChain, typeClosure } from './type-graph.js';
import { copyPlain, sameWireShape } from './plain-data.js';
import { agentsFromDefinitions, bodyWords, pageBodyKind, type DefinitionInput, type TwinSource } from './rest-definition-methods.js';
import { checkAgainstTwins } from './rest-twin-check.js';
import { REST_NAMESPACE } from './rest-definition-types.js';

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Merges the facts of every file into one model. The WSDL decides the wire shape; pages add prose and
 * samples; REST pages are joined to the newest ServicesNN operation of the same agent and name.
 * Every disagreement becomes a diagnostic: nothing is chosen silently.
 */
export function buildModel(results: FileResult[], listingDiagnostics: Diagnostic[] = []): ApiModel {
  const diagnostics: Diagnostic[] = [...listingDiagnostics];
  for (const r of results) diagnostics.push(...r.diagnostics);

  const wsdls: WsdlFacts[] = [];
  const soapPages: SoapPageFacts[] = [];
  const indexPages: SoapAgentIndexFacts[] = [];
  const restPages: RestPageFacts[] = [];
  const definitions: DefinitionInput[] = [];
  // The official .xml download is preferred over a WSDL copied into a page when the two disagree.
  const sorted = [...results].sort((a, b) => kindRank(a) - kindRank(b) || (a.facts.file < b.facts.file ? -1 : 1));
  for (const { facts } of sorted) {
    if (facts.kind === 'wsdl' || facts.kind === 'wsdl-page') wsdls.push(facts.wsdl);
    else if (facts.kind === 'soap-method-page') soapPages.push(facts.page);
    else if (facts.kind === 'soap-agent-index') indexPages.push(facts.page);
    else if (facts.kind === 'rest-method-page') restPages.push(facts.page);
    else if (facts.kind === 'rest-definition') definitions.push({ file: facts.file, definition: facts.definition });
  }

  const versions = new Map<string, ApiVersion>();
  const typeIndex = new Map<string, Map<TypeRef, TypeDef>>();
  for (const wsdl of wsdls) addWsdl(wsdl, versions, typeIndex, diagnostics);
  for (const page of soapPages) addSoapPage(page, versions, diagnostics);
  for (const page of indexPages) addIndexPage(page, versions, diagnostics);

  const soapVersions = [...versions.values()].sort((a, b) => versionNumber(a.name) - versionNumber(b.name));
  for (const version of soapVersions) version.types = [...typeIndex.get(version.name)!.values()];

  if (restPages.length > 0 || definitions.length > 0) {
    versions.set('v1', buildRest(restPages, definitions, soapVersions, typeIndex, diagnostics));
  }
  for (const version of versions.values()) {
    const lookup = typeIndex.get(version.typesFrom ?? version.name) ?? new Map();
    for (const agent of version.agents) {
      for (const method of agent.methods) diagnostics.push(...checkSamples(method, version, lookup));
    }
  }

  const all = [...versions.values()].sort(byName);
  for (const version of all) {
    assignPrefixes(version);
    version.agents.sort(byName);
    version.resources?.sort(byName);
    for (const agent of [...version.agents, ...(version.resources ?? [])]) {
      agent.methods.sort(byName);
      agent.sources.sort(compareProvenance);
    }
    version.types.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  }
  diagnostics.sort(compareDiagnostics);
  return { modelVersion: 1, versions: all, diagnostics: dedupe(diagnostics), summary: summarise(results, diagnostics) };
}

function kindRank(r: FileResult): number {
  return r.facts.kind === 'wsdl' ? 0 : r.facts.kind === 'wsdl-page' ? 1 : 2;
}

function versionNumber(name: string): number {
  return Number(/\d+/.exec(name)?.[0] ?? 0);
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.file}\0${d.line}\0${d.column ?? ''}\0${d.code}\0${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function summarise(results: FileResult[], diagnostics: Diagnostic[]): ApiModel['summary'] {
  const filesByKind: Record<string, number> = {};
  for (const r of results) filesByKind[r.facts.kind] = (filesByKind[r.facts.kind] ?? 0) + 1;
  const diagnosticsByCode: Record<string, number> = {};
  for (const d of diagnostics) diagnosticsByCode[d.code] = (diagnosticsByCode[d.code] ?? 0) + 1;
  const skipped = filesByKind['skipped'] ?? 0;
  return { filesRead: results.length, filesUsed: results.length - skipped, filesSkipped: skipped, filesByKind, diagnosticsByCode };
}

function addWsdl(
  wsdl: WsdlFacts,
  versions: Map<string, ApiVersion>,
  typeIndex: Map<string, Map<TypeRef, TypeDef>>,
  diagnostics: Diagnostic[],
): void {
  let version = versions.get(wsdl.version);
  if (!version) {
    version = {
      name: wsdl.version,
      kind: 'soap',
      targetNamespace: wsdl.targetNamespace,
      namespaces: fixedNamespaces(wsdl.targetNamespace),
      agents: [],
      types: [],
    };
    versions.set(wsdl.version, version);
    typeIndex.set(wsdl.version, new Map());
  }
  const types = typeIndex.get(wsdl.version)!;
  for (const type of wsdl.types) {
    const known = types.get(type.ref);
    if (!known) {
      types.set(type.ref, copyPlain(type));
      continue;
    }
    if (!sameWireShape(known, type)) {
      diagnostics.push(
        diagnostic(
          'source-disagreement',
          `type ${type.ref} differs from its definition at ${formatProvenance(known.sources[0]!)}; that one is kept`,
          type.sources[0]!,
        ),
      );
    }
    known.sources.push(...type.sources);
  }

  const agent = version.agents.find((a) => a.name === wsdl.agent);
  if (!agent) {
    version.agents.push({
      name: wsdl.agent,
      path: wsdl.path,
      methods: wsdl.operations.map((op) => methodOf(op)),
      sources: [wsdl.source],
    });
    return;
  }
  // A second description of the same agent (a WSDL page beside the WSDL file): same wire facts expected.
  agent.sources.push(wsdl.source);
  for (const op of wsdl.operations) {
    const method = agent.methods.find((m) => m.name === op.name);
    if (!method) {
      diagnostics.push(diagnostic('source-disagreement', `operation ${op.name} is missing from ${formatProvenance(agent.sources[0]!)}`, op.sources[0]!));
      agent.methods.push(methodOf(op));
      continue;
    }
    const existing = { params: method.params, returns: method.returns, outParams: method.outParams, soap: method.soap };
    if (!sameWireShape(existing, { params: op.params, returns: op.returns, outParams: op.outParams, soap: op.soap })) {
      diagnostics.push(
        diagnostic('source-disagreement', `operation ${op.name} differs from ${formatProvenance(method.sources[0]!)}; that one is kept`, op.sources[0]!),
      );
    }
    method.sources.push(...op.sources);
    op.params.forEach((p, i) => method.params[i]?.name === p.name && method.params[i]!.sources.push(...p.sources));
    if (method.returns && op.returns?.name === method.returns.name) method.returns.sources.push(...op.returns.sources);
  }
}

function methodOf(op: OperationFacts): Method {
  return {
    name: op.name,
    params: copyPlain(op.params),
    returns: copyPlain(op.returns),
    outParams: copyPlain(op.outParams),
    soap: { ...op.soap },
    docPages: [],
    samples: [],
    sources: [...op.sources],
  };
}

function findMethod(versions: Map<string, ApiVersion>, version: string, agent: string, method: string) {
  const v = versions.get(version);
  const a = v?.agents.find((x) => x.name.toLowerCase() === agent.toLowerCase());
  const m = a?.methods.find((x) => x.name === method);
  return { version: v, agent: a, method: m };
}

function addSoapPage(page: SoapPageFacts, versions: Map<string, ApiVersion>, diagnostics: Diagnostic[]): void {
  const { agent, method } = findMethod(versions, page.version, page.agent, page.method);
  if (!agent || !method) {
    diagnostics.push(
      diagnostic('page-without-operation', `no WSDL operation ${page.version} ${page.agent}.${page.method} for this page`, page.source),
    );
    return;
  }
  if (page.interfaceName) agent.interfaceName ??= page.interfaceName;
  method.docPages.push(page.source);
  agent.sources.push(page.source);
  mergeText(method, 'description', page.description, page.source, diagnostics);
  mergeText(method, 'onlineRestricted', page.onlineRestricted, page.source, diagnostics);
  mergeText(method, 'returnsDescription', page.returnsDescription, page.source, diagnostics);
  for (const doc of page.paramDocs) {
    const param = method.params.find((p) => p.name.toLowerCase() === doc.name.toLowerCase());
    if (!param) {
      diagnostics.push(diagnostic('source-disagreement', `the page documents parameter '${doc.name}', which ${method.name} does not have`, doc.source));
      continue;
    }
    param.sources.push(doc.source);
    if (doc.description) mergeText(param, 'description', doc.description, doc.source, diagnostics);
  }
  if (page.request) method.samples.push({ kind: 'soap-request', text: page.request.text, source: page.request.source });
  if (page.response) method.samples.push({ kind: 'soap-response', text: page.response.text, source: page.response.source });
}

/** Two pages describing the same thing: the first text stands, a different second one is reported. */
function mergeText<K extends string>(
  target: { [P in K]?: string } & { name: string },
  key: K,
  text: string | undefined,
  source: Provenance,
  diagnostics: Diagnostic[],
): void {
  if (!text) return;
  const current = target[key];
  if (current === undefined) {
    (target as Record<string, unknown>)[key] = text;
    return;
  }
  if (normalise(current) !== normalise(text)) {
    diagnostics.push(diagnostic('source-disagreement', `${key} of ${target.name} differs from another page: "${clip(text)}" vs "${clip(current)}"`, source));
  }
}

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function addIndexPage(page: SoapAgentIndexFacts, versions: Map<string, ApiVersion>, diagnostics: Diagnostic[]): void {
  const { agent } = findMethod(versions, page.version, page.agent, '');
  if (!agent) {
    diagnostics.push(diagnostic('page-without-operation', `no WSDL for agent ${page.version} ${page.agent}`, page.source));
    return;
  }
  agent.sources.push(page.source);
  if (page.interfaceName) agent.interfaceName ??= page.interfaceName;
  for (const name of page.methods) {
    if (!agent.methods.some((m) => m.name === name)) {
      diagnostics.push(diagnostic('page-without-operation', `the agent index lists ${name}, which the WSDL does not have`, page.source));
    }
  }
}

function buildRest(
  pages: RestPageFacts[],
  definitions: DefinitionInput[],
  soapVersions: ApiVersion[],
  typeIndex: Map<string, Map<TypeRef, TypeDef>>,
  diagnostics: Diagnostic[],
): ApiVersion {
  const newest = soapVersions[soapVersions.length - 1];
  const types = newest ? typeIndex.get(newest.name)! : new Map<TypeRef, TypeDef>();
  const lookup = (ref: TypeRef) => types.get(ref);
  const twinOf = (agentName: string, methodName: string) =>
    [...soapVersions]
      .reverse()
      .map((v) => v.agents.find((a) => a.name === agentName)?.methods.find((m) => m.name === methodName))
      .find((m): m is Method => m !== undefined);
  const twins: TwinSource = { method: twinOf, types: lookup };
  // The REST definitions give the REST wire where they are in the input; pages add prose and samples.
  const fromDefinitions = definitions.length > 0 ? agentsFromDefinitions(definitions, twins, diagnostics) : undefined;
  const restTypes = fromDefinitions?.types.types ?? new Map<TypeRef, TypeDef>();
  if (fromDefinitions) checkAgainstTwins(fromDefinitions.agents.values(), restTypes, twins, diagnostics);
  const restLookup = (ref: TypeRef) => restTypes.get(ref) ?? types.get(ref);
  const agents = fromDefinitions?.agents ?? new Map<string, Agent>();
  const defined = new Set([...agents.values()].flatMap((a) => a.methods.map((m) => `${a.name}.${m.name}`)));
  const used = new Set<TypeRef>();
  const fieldDocs = new Map<TypeRef, Map<string, TableField>>();
  const typeDocs = new Map<TypeRef, { description: string; source: Provenance }>();

  for (const page of pages) {
    const twin = twinOf(page.agent, page.method);
    let agent = agents.get(page.agent);
    if (!agent) {
      agent = { name: page.agent, path: `api/v1/Agents/${page.agent}`, methods: [], sources: [] };
      agents.set(page.agent, agent);
    }
    agent.sources.push(page.source);
    const known = agent.methods.find((m) => m.name === page.method);
    if (known && defined.has(`${page.agent}.${page.method}`) && !known.docPages.length) {
      attachPage(known, page, restLookup, diagnostics);
      // The page's tables describe the carriers of every ServicesNN too.
      if (twin) collectPageDocs(page, twin, lookup, fieldDocs, typeDocs);
      continue;
    }
    if (known) {
      diagnostics.push(diagnostic('source-disagreement', `a second page for REST ${page.agent}.${page.method}; the first is kept`, page.source));
      continue;
    }
    if (fromDefinitions) {
      diagnostics.push(diagnostic('page-without-operation', `no REST definition in the input has ${page.agent}.${page.method}: its types come from the WSDL`, page.source));
    }
    const method = restMethod(page, twin, lookup, diagnostics);
    agent.methods.push(method);
    for (const p of method.params) used.add(p.type);
    if (method.returns) used.add(method.returns.type);
    collectPageDocs(page, method, lookup, fieldDocs, typeDocs);
    if (method.returns && page.response?.fields.length) {
      checkTableFields(page.response.fields, method.returns.type, lookup, `response body of ${page.method}`, 'the WSDL', diagnostics);
    }
  }

  // The tables describe today's carriers; the same types of every ServicesNN get the prose too.
  for (const version of soapVersions) applyTypeDocs(typeIndex.get(version.name)!, fieldDocs, typeDocs);
  const wsdlTypes = [...typeClosure(used, lookup)].filter((ref) => !restTypes.has(ref)).map((ref) => copyPlain(types.get(ref)!));
  const version: ApiVersion = {
    name: 'v1',
    kind: 'rest',
    namespaces: fixedNamespaces(newest?.targetNamespace ?? REST_NAMESPACE),
    agents: [...agents.values()],
    types: [...restTypes.values(), ...wsdlTypes],
  };
  if (fromDefinitions && fromDefinitions.resources.size > 0) version.resources = [...fromDefinitions.resources.values()];
  if (newest && !fromDefinitions) version.typesFrom = newest.name;
  else typeIndex.set('v1', new Map(version.types.map((t) => [t.ref, t])));
  return version;
}

/**
 * A REST page beside a definition of the same method: the page adds its prose and samples, and what it
 * says about the wire is checked against the definition.
 */
function attachPage(method: Method, page: RestPageFacts, lookup: (ref: TypeRef) => TypeDef | undefined, diagnostics: Diagnostic[]): void {
  method.docPages.push(page.source);
  method.sources.push(page.source);
  if (page.response && method.returns) method.returns.sources.push(page.response.source);
  if (page.description && !method.description) method.description = page.description;
  if (page.onlineRestricted && !method.onlineRestricted) method.onlineRestricted = page.onlineRestricted;
  const rest = method.rest!;
  const definedAt = formatProvenance(method.sources[0]!);
  if (page.verb.toUpperCase() !== rest.verb) {
    diagnostics.push(diagnostic('source-disagreement', `${page.method} is ${page.verb} on the page, ${rest.verb} in the REST definition at ${definedAt}`, page.source));
  }
  const pageBody = pageBodyKind(page);
  if (pageBody !== rest.body) {
    diagnostics.push(
      diagnostic('source-disagreement', `the page gives ${page.method} ${pageBody === 'none' ? 'no body' : `body '${page.body!.name}'`}, the REST definition at ${definedAt} gives ${bodyWords(rest.body)}`, page.body?.source ?? page.source),
    );
  }
  const query = new Set(method.params.filter((p) => p.in === 'query').map((p) => (p.wireName ?? p.name).toLowerCase()));
  for (const row of page.query) {
    if (!query.has(row.name.toLowerCase())) diagnostics.push(diagnostic('source-disagreement', `the page lists query parameter ${row.name}, which the REST definition at ${definedAt} does not have`, row.source));
  }
  if (page.select !== rest.select) diagnostics.push(diagnostic('source-disagreement', `the page ${page.select ? 'offers' : 'does not offer'} $select, the REST definition at ${definedAt} ${rest.select ? 'does' : 'does not'}`, page.source));
  if (pageBody === 'object') {
    const bodyParams = new Map(method.params.filter((p) => p.in === 'body').map((p) => [p.name.toLowerCase(), p]));
    for (const row of page.body!.fields) {
      const param = bodyParams.get(row.name.toLowerCase());
      if (!param) diagnostics.push(diagnostic('source-disagreement', `the page lists ${row.name}, which the REST definition of ${page.method} does not have`, row.source));
      else if (!labelFits(labelMeaning(row.typeLabel), param.type, lookup)) {
        diagnostics.push(diagnostic('rest-type-mismatch', `parameter ${row.name} is '${row.typeLabel}' on the page but ${param.type} in the REST definition`, row.source));
      } else if (!param.description && row.description) param.description = row.description;
    }
  }
  if (method.returns && page.response?.fields.length) {
    checkTableFields(page.response.fields, method.returns.type, lookup, `response body of ${page.method}`, 'the REST definition', diagnostics);
  }
  if (page.requestSample) method.samples.push({ kind: 'rest-request', text: page.requestSample.text, source: page.requestSample.source });
  if (page.responseSample) method.samples.push({ kind: 'rest-response', text: page.responseSample.text, source: page.responseSample.source });
}

/** What a page's tables say of the WSDL carriers its method sends and answers (`method` has WSDL types). */
function collectPageDocs(
  page: RestPageFacts,
  method: Method,
  lookup: (ref: TypeRef) => TypeDef | undefined,
  fieldDocs: Map<TypeRef, Map<string, TableField>>,
  typeDocs: Map<TypeRef, { description: string; source: Provenance }>,
): void {
  if (method.returns && page.response?.fields.length) collectFieldDocs(method.returns.type, page.response.fields, lookup, fieldDocs);
  if (method.returns && page.response?.description) {
    const target = elementOf(method.returns.type, lookup);
    if (lookup(target)?.kind === 'complex' && !typeDocs.has(target)) typeDocs.set(target, { description: page.response.description, source: page.response.source });
  }
  const query = new Set(page.query.map((q) => q.name.toLowerCase()));
  const bodyParams = method.params.filter((p) => !query.has(p.name.toLowerCase()));
  if (page.body && pageBodyKind(page) === 'value' && bodyParams.length === 1) collectFieldDocs(bodyParams[0]!.type, page.body.fields, lookup, fieldDocs);
}

function applyTypeDocs(
  types: Map<TypeRef, TypeDef>,
  fieldDocs: Map<TypeRef, Map<string, TableField>>,
  typeDocs: Map<TypeRef, { description: string; source: Provenance }>,
): void {
  for (const [ref, doc] of typeDocs) {
    const type = types.get(ref);
    if (!type || type.description) continue;
    type.description = doc.description;
    type.sources.push(doc.source);
  }
  for (const [ref, docs] of fieldDocs) {
    for (const field of types.get(ref)?.fields ?? []) {
      const doc = docs.get(field.name);
      if (!doc?.description || field.description) continue;
      field.description = doc.description;
      field.sources.push(doc.source);
    }
  }
}

function restMethod(
  page: RestPageFacts,
  twin: Method | undefined,
  lookup: (ref: TypeRef) => TypeDef | undefined,
  diagnostics: Diagnostic[],
): Method {
  const bodyName = page.body?.name;
  const bodyKind = pageBodyKind(page);
  const method: Method = {
    name: page.method,
    params: [],
    // The twin's WSDL declares the result; the page's Response section documents it.
    returns: twin?.returns ? { ...copyPlain(twin.returns), sources: [...twin.returns.sources, ...(page.response ? [page.response.source] : [])] } : null,
    outParams: twin ? copyPlain(twin.outParams) : [],
    rest: { verb: page.verb, path: page.path, body: bodyKind, select: page.select },
    docPages: [page.source],
    samples: [],
    sources: [page.source, ...(twin?.sources ?? [])],
  };
  if (bodyName) method.rest!.bodyName = bodyName;
  if (page.response?.bodyLabel) method.rest!.responseBodyLabel = page.response.bodyLabel;
  if (page.description) method.description = page.description;
  else if (twin?.description) method.description = twin.description;
  if (page.onlineRestricted) method.onlineRestricted = page.onlineRestricted;
  if (twin?.returnsDescription) method.returnsDescription = twin.returnsDescription;

  const query = new Map(page.query.map((q) => [q.name.toLowerCase(), q]));
  const bodyFields = bodyKind === 'object' ? new Map((page.body?.fields ?? []).map((f) => [f.name.toLowerCase(), f])) : new Map<string, TableField>();
  if (twin) {
    for (const wsdlParam of twin.params) {
      const key = wsdlParam.name.toLowerCase();
      const inQuery = query.get(key);
      const inBody = bodyFields.get(key);
      const param: Param = { ...copyPlain(wsdlParam), in: inQuery ? 'query' : 'body', sources: [page.source] };
      const row = inQuery ?? inBody;
      if (row) {
        param.sources = [row.source];
        if (row.description) param.description = row.description;
        else if (wsdlParam.description) param.description = wsdlParam.description;
        const meaning = labelMeaning(row.typeLabel);
        if (!labelFits(meaning, wsdlParam.type, lookup)) {
          diagnostics.push(
            diagnostic('rest-type-mismatch', `parameter ${row.name} is '${row.typeLabel}' on the page but ${wsdlParam.type} in the WSDL`, row.source),
          );
        }
      } else if (bodyKind === 'object' || (bodyKind === 'none' && !inQuery)) {
        diagnostics.push(diagnostic('rest-type-mismatch', `the page does not list parameter ${wsdlParam.name} of ${page.method}`, page.body?.source ?? page.source));
      }
      if (inQuery && inQuery.name !== wsdlParam.name) param.wireName = inQuery.name;
      method.params.push(param);
    }
    const known = new Set(twin.params.map((p) => p.name.toLowerCase()));
    for (const row of [...query.values(), ...bodyFields.values()]) {
      if (!known.has(row.name.toLowerCase())) {
        diagnostics.push(diagnostic('rest-type-mismatch', `the page lists ${row.name}, which the WSDL operation ${page.method} does not have`, row.source));
      }
    }
    if (bodyKind === 'value' && twin.params.filter((p) => !query.has(p.name.toLowerCase())).length !== 1) {
      diagnostics.push(diagnostic('rest-type-mismatch', `body '${bodyName}' must carry exactly one parameter`, page.body!.source));
    }
  } else {
    diagnostics.push(diagnostic('page-without-operation', `no ServicesNN operation ${page.agent}.${page.method} resolves this page's types`, page.source));
    for (const row of [...page.query, ...(bodyKind === 'object' ? page.body?.fields ?? [] : [])]) {
      const meaning = labelMeaning(row.typeLabel);
      const type = meaning.kind === 'exact' ? meaning.ref : meaning.kind === 'json-string' ? 'xs:string' : 'xs:anyType';
      if (meaning.kind !== 'exact' && meaning.kind !== 'json-string') {
        diagnostics.push(diagnostic('unresolved-type', `type '${row.typeLabel}' of ${row.name} cannot be resolved`, row.source));
      }
      method.params.push({ name: row.name, type, minOccurs: row.required ? 1 : 0, maxOccurs: 1, nillable: false, in: page.query.includes(row) ? 'query' : 'body', description: row.description, sources: [row.source] });
    }
  }
  const label = (page.response?.bodyLabel ?? page.response?.label ?? '').trim();
  if (!method.returns && label && !/^(none|void)$/i.test(label)) {
    diagnostics.push(diagnostic('rest-response-for-void', `${page.method} returns nothing, yet the page names a response body '${label}'`, page.response!.source));
  } else if (method.returns && label) {
    const meaning = labelMeaning(label === 'object' ? 'object' : label);
    if (!labelFits(meaning, method.returns.type, lookup) && !labelFits(labelMeaning(label), elementOf(method.returns.type, lookup), lookup)) {
      diagnostics.push(diagnostic('rest-type-mismatch', `response is '${label}' on the page but ${method.returns.type} in the WSDL`, page.response!.source));
    }
  }
  if (page.requestSample) method.samples.push({ kind: 'rest-request', text: page.requestSample.text, source: page.requestSample.source });
  if (page.responseSample) method.samples.push({ kind: 'rest-response', text: page.responseSample.text, source: page.responseSample.source });
  return method;
}

function elementOf(ref: TypeRef, lookup: (ref: TypeRef) => TypeDef | undefined): TypeRef {
  return lookup(ref)?.item?.type ?? ref;
}

function collectFieldDocs(
  ref: TypeRef,
  rows: TableField[],
  lookup: (ref: TypeRef) => TypeDef | undefined,
  out: Map<TypeRef, Map<string, TableField>>,
): void {
  const chain = inheritanceChain(lookup(elementOf(ref, lookup)), lookup).reverse();
  for (const row of rows) {
    const owner = chain.find((d) => d.fields?.some((f) => f.name === row.name));
    if (!owner) continue;
    let docs = out.get(owner.ref);
    if (!docs) out.set(owner.ref, (docs = new Map()));
    if (!docs.has(row.name)) docs.set(row.name, row);
  }
}

function checkTableFields(
  rows: TableField[],
  ref: TypeRef,
  lookup: (ref: TypeRef) => TypeDef | undefined,
  what: string,
  against: string,
  diagnostics: Diagnostic[],
): void {
  const target = elementOf(ref, lookup);
  const def = lookup(target);
  if (!def || def.kind !== 'complex') return;
  const fields = new Map(allFields(target, lookup).map((f) => [f.name, f]));
  for (const row of rows) {
    const field = fields.get(row.name);
    if (!field) {
      diagnostics.push(diagnostic('rest-type-mismatch', `${what} lists ${row.name}, which ${target} does not have`, row.source));
    } else if (!labelFits(labelMeaning(row.typeLabel), field.type, lookup)) {
      diagnostics.push(diagnostic('rest-type-mismatch', `${what}: ${row.name} is '${row.typeLabel}' on the page but ${field.type} in ${against}`, row.source));
    }
  }
}
