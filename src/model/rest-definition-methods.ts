import type { RestDefinitionFacts, RestOperationFacts, RestPageFacts, RestSchema } from '../facts/file-facts.js';
import { diagnostic, type Diagnostic } from '../facts/diagnostics.js';
import { formatProvenance } from '../facts/provenance.js';
import type { Agent, Method, Param, RestBinding, ReturnValue } from './api-model.js';
import { cleanDescription, lastSegment, provenance, RestTypes } from './rest-definition-types.js';
import type { TypeLookup } from './type-graph.js';

/** `POST /api/v1/Agents/ErpSync/SaveConnection`: the REST v1 Agents API. */
const AGENT_PATH = /^\/?api\/v1\/Agents\/([A-Za-z_][A-Za-z0-9_]*)\/([A-Za-z_][A-Za-z0-9_]*)$/;

/** The OData-style options whose value is a comma-separated list of names. */
const COMMA_LISTS = new Set(['$orderBy', '$entities']);

/** Value-body parameters whose name no definition gave (an OpenAPI body has none): a later given name replaces it. */
const derivedNames = new WeakSet<Param>();

/** The headers the client sets from its options (`ClientOptions`), when an operation declares them. */
const OPTION_HEADERS = new Set(['Accept-Language', 'SO-Language', 'SO-Culture', 'SO-TimeZone', 'SO-AppToken']);

export interface DefinitionInput {
  file: string;
  definition: RestDefinitionFacts;
}

export interface TwinSource {
  /** The newest ServicesNN operation of that agent and name. */
  method(agent: string, name: string): Method | undefined;
  types: TypeLookup;
}

/**
 * The agents and methods of the REST definitions, one method from every definition that describes it
 * (an OpenAPI 3 file and a Swagger 2 file of the same agent): the first file (OpenAPI before Swagger,
 * then by path) gives the wire; every other is compared with it and its differences reported.
 */
export function agentsFromDefinitions(
  inputs: DefinitionInput[],
  twins: TwinSource,
  diagnostics: Diagnostic[],
): { agents: Map<string, Agent>; resources: Map<string, Agent>; types: RestTypes } {
  const ordered = [...inputs].sort(
    (a, b) => (a.definition.format === b.definition.format ? 0 : a.definition.format === 'openapi' ? -1 : 1) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0),
  );
  const types = new RestTypes(ordered, twins.types, diagnostics);
  const agents = new Map<string, Agent>();
  const resources = new Map<string, Agent>();
  for (const { file, definition } of ordered) {
    const unnamed: RestOperationFacts[] = [];
    for (const op of definition.operations) {
      const match = AGENT_PATH.exec(op.path);
      if (!match) {
        if (!addResourceOperation(file, op, resources, types, diagnostics)) unnamed.push(op);
        continue;
      }
      const [, agentName, methodName] = match as unknown as [string, string, string];
      let agent = agents.get(agentName);
      if (!agent) {
        agent = { name: agentName, path: `api/v1/Agents/${agentName}`, methods: [], sources: [] };
        agents.set(agentName, agent);
      }
      agent.sources.push(provenance(op.source));
      const method = methodOf(file, op, methodName, twins.method(agentName, methodName), types, diagnostics, 'agent');
      const known = agent.methods.find((m) => m.name === methodName);
      if (known) mergeMethod(known, method, diagnostics);
      else agent.methods.push(method);
    }
    if (unnamed.length > 0) {
      const first = unnamed[0]!;
      diagnostics.push(
        diagnostic(
          'rest-definition-unread',
          `${unnamed.length} operation${unnamed.length > 1 ? 's' : ''} of the entity API without a tag to group ${unnamed.length > 1 ? 'them' : 'it'} by (such as ${first.verb} ${first.path}) are not generated`,
          provenance(first.source),
        ),
      );
    }
  }
  return { agents, resources, types };
}

/**
 * An entity-API operation (`GET /api/v1/Contact/{id}`) joins the resource of its first tag, as a
 * method named by its operationId after the `v1<Name>_` prefix. Answers whether it found a home.
 */
function addResourceOperation(file: string, op: RestOperationFacts, resources: Map<string, Agent>, types: RestTypes, diagnostics: Diagnostic[]): boolean {
  if (!op.tag) return false;
  const resourceName = op.tag.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(?=\d)/, '_');
  if (resourceName !== op.tag) diagnostics.push(diagnostic('rest-definition-invalid', `tag '${op.tag}' is not an identifier: the resource is ${resourceName}`, provenance(op.source)));
  let resource = resources.get(resourceName);
  if (!resource) {
    resource = { name: resourceName, path: `api/v1/${resourceName}`, methods: [], sources: [] };
    resources.set(resourceName, resource);
  }
  resource.sources.push(provenance(op.source));
  let name = op.operationId?.replace(/^v\d+[A-Za-z0-9]*_/, '').replace(/[^A-Za-z0-9_]/g, '_');
  if (!name) {
    name = `${op.verb.charAt(0)}${op.verb.slice(1).toLowerCase()}${op.path.replace(/\{[^}]*\}/g, 'By').replace(/[^A-Za-z0-9]+/g, '_')}`;
    diagnostics.push(diagnostic('rest-definition-invalid', `an operation without operationId: its method is ${name}`, provenance(op.source)));
  }
  const method = methodOf(file, op, name, undefined, types, diagnostics, 'resource');
  const known = resource.methods.find((m) => m.name === name);
  if (!known) {
    resource.methods.push(method);
    return true;
  }
  // The same operation in another format's file, or a second operation under a taken operationId.
  if (known.rest!.verb === method.rest!.verb && known.rest!.path === method.rest!.path) {
    mergeMethod(known, method, diagnostics);
    return true;
  }
  let n = 2;
  while (resource.methods.some((m) => m.name === `${name}${n}`)) n++;
  diagnostics.push(
    diagnostic('rest-definition-invalid', `operationId ${op.operationId ?? name} is taken by ${known.rest!.verb} ${known.rest!.path}: this one is ${name}${n}`, provenance(op.source)),
  );
  method.name = `${name}${n}`;
  resource.methods.push(method);
  return true;
}

function methodOf(
  file: string,
  op: RestOperationFacts,
  name: string,
  twin: Method | undefined,
  types: RestTypes,
  diagnostics: Diagnostic[],
  kind: 'agent' | 'resource',
): Method {
  const rest: RestBinding = { verb: op.verb, path: op.path.replace(/^\//, ''), body: 'none', select: false, headers: [] };
  if (op.operationId) rest.operationId = op.operationId;
  const params: Param[] = [];
  const twinParam = (n: string) => twin?.params.find((p) => p.name.toLowerCase() === n.toLowerCase());

  if (op.body) {
    const schema = op.body.schema;
    const carrier = schema.kind === 'ref' ? types.schemaNamed(file, schema.name) : undefined;
    const carrierName = schema.kind === 'ref' ? lastSegment(schema.name) : '';
    // An object of the parameters is the method's request carrier (`SaveConnectionRequest`), which
    // Swagger also names `request`; anything else is the one value the body is.
    // The entity API takes its body as `body`, whatever it is.
    const binary = isBytes(schema) && !op.body.contentTypes.some(isJsonMedia);
    if (kind === 'agent' && carrier && carrier.schema.kind === 'object' && !carrier.schema.base && (carrierName === `${name}Request` || op.body.name === 'request')) {
      rest.body = 'object';
      rest.bodyName = op.body.name ?? 'request';
      for (const property of carrier.schema.properties) {
        params.push({ ...types.fieldOf(file, property, `${name}${property.name}`, twinParam(property.name)), in: 'body' });
      }
    } else {
      rest.body = 'value';
      const queryNames = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name.toLowerCase()));
      const twinBody = twin?.params.filter((p) => !queryNames.has(p.name.toLowerCase()));
      const twinned = twinBody?.length === 1 ? twinBody[0] : undefined;
      const bodyName = kind === 'resource' ? 'body' : op.body.name ?? (twinned ? lowerFirst(twinned.name) : carrierName ? lowerFirst(carrierName) : 'body');
      rest.bodyName = bodyName;
      if (binary) rest.binaryBody = op.body.contentTypes[0] ?? 'application/octet-stream';
      else if (op.body.contentTypes.includes('multipart/form-data') && !op.body.contentTypes.some(isJsonMedia)) rest.formBody = true;
      else {
        // A JSON body of another JSON media type only (application/json-patch+json) is sent as that type.
        const json = op.body.contentTypes.filter(isJsonMedia);
        if (json.length > 0 && !json.some((t) => /^application\/json\s*(;|$)/i.test(t))) rest.bodyType = json[0]!;
      }
      const param: Param = {
        name: bodyName,
        type: binary ? 'xs:base64Binary' : types.refOf(file, schema, `${name}Body`, twinned?.type),
        minOccurs: op.body.required ? 1 : 0,
        maxOccurs: 1,
        nillable: types.nillable(schema, twinned?.nillable),
        in: 'body',
        sources: [provenance(op.body.source)],
      };
      const description = op.body.description ? cleanDescription(op.body.description) : twinned?.description;
      if (description) param.description = description;
      if (op.body.name === undefined && !twinned && kind === 'agent') derivedNames.add(param);
      params.push(param);
    }
  }

  for (const p of op.parameters) {
    if (p.in === 'query' && p.name === '$select') {
      rest.select = true;
      continue;
    }
    if (p.in === 'header') {
      if (OPTION_HEADERS.has(p.name)) rest.headers!.push(p.name);
      else diagnostics.push(diagnostic('unsupported-schema', `header parameter ${p.name} is not one the client sets: it is not sent`, provenance(p.source)));
      continue;
    }
    if (p.in === 'path' && kind === 'resource') {
      if (!op.path.includes(`{${p.name}}`)) {
        diagnostics.push(diagnostic('rest-definition-invalid', `path parameter ${p.name} is not in the path ${op.path}: not sent`, provenance(p.source)));
        continue;
      }
      const param: Param = {
        name: p.name,
        type: types.refOf(file, p.schema, upperFirst(p.name), undefined),
        // A path has no hole to leave empty.
        minOccurs: 1,
        maxOccurs: 1,
        nillable: false,
        in: 'path',
        sources: [provenance(p.source)],
      };
      if (p.description) param.description = cleanDescription(p.description);
      params.push(param);
      continue;
    }
    if (p.in !== 'query') {
      diagnostics.push(diagnostic('unsupported-schema', `a ${p.in} parameter (${p.name}) in ${kind === 'agent' ? 'an Agents API' : 'this'} operation is not generated`, provenance(p.source)));
      continue;
    }
    const twinned = twinParam(p.name);
    const param: Param = {
      // The SOAP twin's spelling (`ErpConnectionId` for `erpConnectionId`), so both clients take the same arguments.
      name: twinned?.name ?? p.name,
      type: types.refOf(file, p.schema, upperFirst(p.name.replace(/^\$/, '')), twinned?.type),
      minOccurs: p.required ? 1 : 0,
      maxOccurs: 1,
      // A query string has no null: leaving the value out is how a caller says nothing.
      nillable: false,
      in: 'query',
      sources: [provenance(p.source)],
    };
    if (param.name !== p.name) param.wireName = p.name;
    if (COMMA_LISTS.has(p.name) && param.type === 'xs:string') param.commaList = true;
    const description = p.description ? cleanDescription(p.description) : twinned?.description;
    if (description) param.description = description;
    params.push(param);
  }

  if (kind === 'resource') {
    for (const [, hole] of op.path.matchAll(/\{([^}]*)\}/g)) {
      if (hole !== undefined && !params.some((p) => p.in === 'path' && p.name === hole)) {
        diagnostics.push(diagnostic('rest-definition-invalid', `the path ${op.path} has {${hole}}, which no parameter declares: it is taken as a string`, provenance(op.source)));
        params.push({ name: hole, type: 'xs:string', minOccurs: 1, maxOccurs: 1, nillable: false, in: 'path', sources: [provenance(op.source)] });
      }
    }
    rest.responses = op.responses.map((r) => {
      const out: { status: string; type?: string; description?: string } = { status: r.status };
      if (r.description) out.description = r.description;
      return out;
    });
  }
  const method: Method = {
    name,
    params,
    returns: returnsOf(file, op, name, twin, types, rest),
    outParams: [],
    rest,
    docPages: [],
    samples: [],
    // The SOAP twin describes the same method: its WSDL is a source of the names, enums and nullability taken.
    sources: [provenance(op.source), ...(twin?.sources ?? [])],
  };
  const text = [op.summary, op.description].filter((t): t is string => !!t && t.trim() !== '').map(cleanDescription);
  const joined = text.join('\n\n');
  const restricted = /##\s*Online Restricted:\s*##\s*([\s\S]*)$/.exec(joined);
  const description = (restricted ? joined.slice(0, restricted.index) : joined).trim();
  if (description) method.description = description;
  else if (twin?.description) method.description = twin.description;
  if (restricted?.[1]?.trim()) method.onlineRestricted = restricted[1].trim();
  if (twin?.returnsDescription) method.returnsDescription = twin.returnsDescription;
  return method;
}

function returnsOf(file: string, op: RestOperationFacts, name: string, twin: Method | undefined, types: RestTypes, rest: RestBinding): ReturnValue | null {
  const ok = op.responses.find((r) => /^2\d\d$|^2XX$/i.test(r.status) && r.schema) ?? op.responses.find((r) => r.status === 'default' && r.schema);
  if (!ok?.schema) return null;
  const schema: RestSchema = ok.schema;
  const binary = isBytes(schema) && !ok.contentTypes.some(isJsonMedia);
  if (binary) rest.response = 'binary';
  return {
    name: twin?.returns?.name ?? 'Response',
    type: binary ? 'xs:base64Binary' : types.refOf(file, schema, `${name}Result`, twin?.returns?.type),
    minOccurs: 1,
    nillable: binary ? false : types.nillable(schema, twin?.returns?.nillable),
    position: 0,
    sources: [provenance(ok.source)],
  };
}

/** Bytes, whether the definition says `binary` or (under image media types) `byte`: no JSON around them. */
function isBytes(schema: RestSchema): boolean {
  return schema.kind === 'scalar' && schema.type === 'string' && (schema.format === 'binary' || schema.format === 'byte');
}

function isJsonMedia(type: string): boolean {
  return /^(application|text)\/([\w.+-]*\+)?json\b/i.test(type);
}

/** A second definition of a method: the first stands; every wire difference is reported where the second says it. */
function mergeMethod(known: Method, other: Method, diagnostics: Diagnostic[]): void {
  const at = other.sources[0]!;
  const there = formatProvenance(known.sources[0]!);
  const report = (here: string, kept: string) =>
    diagnostics.push(diagnostic('source-disagreement', `${known.name}: ${here} here, ${kept} at ${there}; that one is kept`, at));
  for (const source of other.sources) if (!known.sources.some((s) => s.file === source.file && s.line === source.line && s.pointer === source.pointer)) known.sources.push(source);
  const a = known.rest!;
  const b = other.rest!;
  if (a.verb !== b.verb) report(`verb ${b.verb}`, a.verb);
  if (a.body !== b.body) report(bodyWords(b.body), bodyWords(a.body));
  if (a.select !== b.select) report(b.select ? '$select offered' : 'no $select', b.select ? 'none' : 'offered');
  const headers = (r: RestBinding) => [...(r.headers ?? [])].sort().join(', ') || 'none';
  if (headers(a) !== headers(b)) report(`headers ${headers(b)}`, headers(a));
  for (const p of other.params) {
    // A value body's name is the SDK's, not the wire's: the first name given by a definition stands.
    const q = known.params.find((k) => k.name === p.name) ?? (a.body === 'value' && p.in === 'body' ? known.params.find((k) => k.in === 'body') : undefined);
    if (!q) {
      report(`parameter ${p.name} (${p.in})`, 'none');
      continue;
    }
    q.sources.push(...p.sources);
    if (q.name !== p.name && derivedNames.has(q) && !derivedNames.has(p)) {
      q.name = p.name;
      a.bodyName = p.name;
      derivedNames.delete(q);
    }
    if (q.in !== p.in) report(`parameter ${p.name} in the ${p.in}`, `in the ${q.in ?? 'body'}`);
    else if (q.type !== p.type) report(`parameter ${p.name} is ${p.type}`, q.type);
    if (!q.description && p.description) q.description = p.description;
  }
  for (const q of known.params) {
    if (!other.params.some((p) => p.name === q.name || (a.body === 'value' && q.in === 'body' && p.in === 'body'))) report(`no parameter ${q.name}`, 'one');
  }
  const ret = (m: Method) => m.returns?.type ?? 'nothing';
  if (ret(known) !== ret(other)) report(`the result is ${ret(other)}`, ret(known));
  else if (known.returns && other.returns) known.returns.sources.push(...other.returns.sources);
  if (!known.description && other.description) known.description = other.description;
  if (!known.onlineRestricted && other.onlineRestricted) known.onlineRestricted = other.onlineRestricted;
}

/** What a REST page's `Request Body` heading says of the body: `request` is an object of the parameters. */
export function pageBodyKind(page: Pick<RestPageFacts, 'body'>): RestBinding['body'] {
  return !page.body ? 'none' : page.body.name.toLowerCase() === 'request' ? 'object' : 'value';
}

/** A body shape in words, for findings. */
export function bodyWords(body: RestBinding['body']): string {
  return body === 'object' ? 'an object of the parameters' : body === 'value' ? 'one value as the body' : 'no body';
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function upperFirst(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
