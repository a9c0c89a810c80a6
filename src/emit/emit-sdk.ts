import type { Agent, ApiModel, ApiVersion, Method, Param, TypeDef } from '../model/api-model.js';
import { responseElements } from '../model/type-graph.js';
import { jsdoc } from './jsdoc.js';
import { methodKey, objectKey, propertyKey, stringLiteral } from './safe-identifier.js';
import { compareDiagnostics } from '../facts/diagnostics.js';
import { agentClassName, byPath, resourceClassName, versionFolder, type GeneratedFile } from './output-names.js';
import { emitSampleTests, sampleIssuesReport } from './sample-tests.js';
import type { TemplateSet } from './templates.js';
import { arrayOf, TypeNames, withNull } from './type-names.js';
import { COMMA_LIST, fieldFlags, soapOperationOf, wireSchemaLiteral } from './wire-schema.js';
import type { SoapOperation } from '../runtime/schema.js';

export type { GeneratedFile } from './output-names.js';

export interface EmitOptions {
  /** Prefixes stripped from source paths in doc comments, so output does not depend on where inputs sit. */
  sourceRoots?: string[];
  /** Only these versions (`Services88`, `v1`); all when empty. */
  versions?: string[];
  /** Only these agents; all when empty. */
  agents?: string[];
  /** Also emit vitest files generated from the documented samples, and SAMPLE-ISSUES.md. */
  tests?: boolean;
}

/** Everything `generate` writes, as a pure function of the model: the same model gives the same bytes, in path order. */
export function emitSdk(model: ApiModel, templates: TemplateSet, options: EmitOptions = {}): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  emitEach(model, templates, options, (file) => files.push(file));
  return files.sort(byPath);
}

/**
 * The files of `emitSdk`, handed to `emit` one by one as they are rendered (in no promised order),
 * so that a writer can stage each while the rest renders and none has to be kept.
 */
export function emitEach(model: ApiModel, templates: TemplateSet, options: EmitOptions, emit: (file: GeneratedFile) => void): void {
  for (const [name, source] of templates.runtime) {
    // The helpers of the generated sample tests ship only with them.
    if (name === 'testing.ts' && !options.tests) continue;
    emit({ path: `runtime/${name}`, content: source });
  }
  const displayPath = makeDisplayPath(options.sourceRoots ?? []);
  for (const version of model.versions) {
    if (options.versions?.length && !options.versions.includes(version.name)) continue;
    const wanted = (a: Agent) => !options.agents?.length || options.agents.includes(a.name);
    emitVersion(version, version.agents.filter(wanted), (version.resources ?? []).filter(wanted), templates, displayPath, emit);
  }
  if (options.tests) {
    const tests = emitSampleTests(model, templates, { versions: options.versions ?? [], agents: options.agents ?? [], displayPath });
    tests.files.forEach((file) => emit(file));
    emit(sampleIssuesReport([...model.diagnostics, ...tests.diagnostics].sort(compareDiagnostics), displayPath));
  }
}

function makeDisplayPath(roots: string[]): (file: string) => string {
  const prefixes = roots.map((r) => r.replace(/\/+$/, '') + '/').sort((a, b) => b.length - a.length);
  return (file) => {
    const root = prefixes.find((p) => file.startsWith(p));
    return root ? file.slice(root.length) : file.replace(/^(\.\.\/)+/, '');
  };
}

function emitVersion(
  version: ApiVersion,
  agents: Agent[],
  resources: Agent[],
  templates: TemplateSet,
  displayPath: (f: string) => string,
  emit: (file: GeneratedFile) => void,
): void {
  const folder = versionFolder(version);
  const classNames = [...agents.map(agentClassName), ...resources.map(resourceClassName)];
  const names = new TypeNames(version, classNames);
  const header = { version: version.kind === 'rest' ? `REST ${version.name}` : version.name };
  emit({ path: `${folder}/types.ts`, content: templates.render('types.ts', { ...header, types: typeViews(version, names) }) });
  const usedFiles = new Set<string>(['types', 'index']);
  const agentViews: Array<{ className: string; file: string }> = [];
  for (const agent of agents) {
    let file = agentClassName(agent);
    while (usedFiles.has(file.toLowerCase())) file = `${file}_`;
    usedFiles.add(file.toLowerCase());
    const template = version.kind === 'rest' ? 'rest-agent.ts' : 'soap-agent.ts';
    const view = version.kind === 'rest' ? restAgentView(version, agent, names, displayPath) : soapAgentView(version, agent, names, displayPath);
    emit({ path: `${folder}/${file}.ts`, content: templates.render(template, { ...header, ...view }) });
    agentViews.push({ className: agentClassName(agent), file });
  }
  for (const resource of resources) {
    let file = resourceClassName(resource);
    while (usedFiles.has(file.toLowerCase())) file = `${file}_`;
    usedFiles.add(file.toLowerCase());
    const view = restAgentView(version, resource, names, displayPath, resourceClassName(resource));
    emit({ path: `${folder}/${file}.ts`, content: templates.render('rest-agent.ts', { ...header, ...view }) });
    agentViews.push({ className: resourceClassName(resource), file });
  }
  emit({ path: `${folder}/index.ts`, content: templates.render('version-index.ts', { ...header, agents: agentViews }) });
}

function typeViews(version: ApiVersion, names: TypeNames): object[] {
  const views = version.types.map((type) => typeView(type, names));
  return views.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function fieldType(field: { type: string; nillable: boolean; maxOccurs: number }, names: TypeNames, qualifier = ''): string {
  const base = names.expression(field.type, qualifier);
  const single = withNull(base, field.nillable);
  return field.maxOccurs !== 1 ? arrayOf(field.nillable ? `(${single})` : base) : single;
}

function typeView(type: TypeDef, names: TypeNames): { name: string } & Record<string, unknown> {
  const name = names.nameOf(type.ref)!;
  const doc = jsdoc([type.description], [['see', `${type.ref} (${type.namespace})`]]);
  const common = { name, doc, isInterface: false, isEnum: false, isFlags: false, isAlias: false };
  switch (type.kind) {
    case 'complex':
      return {
        ...common,
        isInterface: true,
        extends: type.base && names.nameOf(type.base) ? names.nameOf(type.base) : '',
        fields: (type.fields ?? []).map((f) => ({
          doc: jsdoc([f.description], [], '  '),
          key: propertyKey(f.name),
          optional: f.minOccurs === 0,
          type: optionalType(fieldType(f, names), f.minOccurs === 0),
        })),
      };
    case 'enum':
    case 'flags':
      return {
        ...common,
        isEnum: true,
        isFlags: type.kind === 'flags',
        values: (type.values ?? []).map((v) => ({ key: objectKey(v.name), literal: stringLiteral(v.name) })),
      };
    case 'array': {
      const item = names.expression(type.item!.type);
      return { ...common, isAlias: true, type: arrayOf(type.item!.nillable ? `(${item} | null)` : item) };
    }
    case 'dictionary':
      return { ...common, isAlias: true, type: `Record<string, ${withNull(names.expression(type.entry!.valueType), type.entry!.valueNillable)}>` };
    case 'simple':
      return { ...common, isAlias: true, type: names.expression(type.base ?? 'xs:string') };
  }
}

/**
 * An optional member also takes `undefined`, so that `{ Name: maybe }` compiles under
 * `exactOptionalPropertyTypes`: the runtime sends nothing for it either way.
 */
function optionalType(type: string, optional: boolean): string {
  return optional ? `${type} | undefined` : type;
}

/** A name inside a line comment: nothing may end the line early. */
function safeComment(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]/g, ' ');
}

function argsType(params: Param[], names: TypeNames, extra: string[] = []): string {
  const members = params.map((p) => {
    const type = p.commaList ? 'string | string[]' : fieldType(p, names, 'T.');
    return `${jsdoc([p.description], [], '    ')}    ${propertyKey(p.name)}${p.minOccurs === 0 ? '?' : ''}: ${optionalType(type, p.minOccurs === 0)};`;
  });
  return `{\n${[...members, ...extra].join('\n')}\n  }`;
}

function returnType(method: Method, names: TypeNames): string {
  if (!method.returns && method.outParams.length === 0) return 'void';
  if (method.outParams.length === 0) return withNull(names.expression(method.returns!.type, 'T.'), method.returns!.nillable);
  return `{ ${responseElements(method).map((p) => `${propertyKey(p.name)}${p.minOccurs === 0 ? '?' : ''}: ${fieldType(p, names, 'T.')}`).join('; ')} }`;
}

/**
 * Whether a method's signature names a type of `types.ts`: an agent module imports `T` only then, so
 * that a project with `noUnusedLocals` compiles it (BlobManager and others use primitives only).
 */
function usesTypes(params: Param[], returned: string, names: TypeNames): boolean {
  return [returned, ...params.map((p) => fieldType(p, names, 'T.'))].some((type) => /(^|[^\w$.])T\./.test(type));
}

function methodDoc(method: Method, displayPath: (f: string) => string): string {
  return jsdoc(
    [method.description, method.onlineRestricted ? `Online Restricted: ${method.onlineRestricted}` : undefined],
    [
      ['returns', method.returnsDescription],
      ...method.docPages.map((p): [string, string] => ['see', `${displayPath(p.file)}:${p.line}`]),
    ],
    '  ',
  );
}

function soapAgentView(version: ApiVersion, agent: Agent, names: TypeNames, displayPath: (f: string) => string): object {
  const roots = new Set<string>();
  const methods = agent.methods.map((method, index) => {
    const soap = method.soap!;
    const results = responseElements(method);
    for (const p of [...method.params, ...results]) roots.add(p.type);
    for (const h of soap.requestHeaders) roots.add(h.type);
    roots.add(soap.requestElement);
    const returned = returnType(method, names);
    const op = soapOperationOf(method);
    const fields = (list: SoapOperation['params']) => list.map(([name, type, flags]) => `[${stringLiteral(name)}, ${stringLiteral(type)}, ${flags}]`).join(', ');
    return {
      key: methodKey(method.name),
      index,
      comment: safeComment(method.name),
      doc: methodDoc(method, displayPath),
      action: stringLiteral(op.action),
      request: stringLiteral(op.request),
      params: fields(op.params),
      response: stringLiteral(op.response),
      results: fields(op.results),
      result: op.result === null ? 'null' : stringLiteral(op.result),
      headers: op.headers.map((h) => `[${h.map(stringLiteral).join(', ')}]`).join(', '),
      hasParams: method.params.length > 0,
      argsOptional: method.params.every((p) => p.minOccurs === 0),
      argsType: argsType(method.params, names),
      returnType: returned,
      usesTypes: usesTypes(method.params, returned, names),
    };
  });
  const defs = names.defs;
  return {
    className: agentClassName(agent),
    usesTypes: methods.some((m) => m.usesTypes),
    doc: jsdoc([agent.description, `The ${agent.name} agent of ${version.name}, at \`${agent.path}\`.`], [['see', agent.interfaceName]]),
    path: stringLiteral(agent.path),
    schema: wireSchemaLiteral(version, defs, roots),
    methods,
  };
}

function restAgentView(version: ApiVersion, agent: Agent, names: TypeNames, displayPath: (f: string) => string, className = agentClassName(agent)): object {
  const roots = new Set<string>();
  const methods = agent.methods.map((method, index) => {
    const rest = method.rest!;
    for (const p of method.params) roots.add(p.type);
    if (method.returns) roots.add(method.returns.type);
    const extra = rest.select
      ? [`${jsdoc(['Properties to include in the answer; the others come back null (`$select`).'], [], '    ')}    $select?: string | string[] | undefined;`]
      : [];
    const hasParams = method.params.length > 0 || rest.select;
    const notModified = rest.responses?.some((r) => r.status === '304') ?? false;
    const answered = method.returns ? withNull(names.expression(method.returns.type, 'T.'), method.returns.nillable) : 'void';
    // A 304 answer (the caller's copy is current) resolves to undefined.
    const restReturnType = notModified ? (answered === 'void' ? 'void' : `${answered} | undefined`) : answered;
    return {
      key: methodKey(method.name),
      index,
      comment: safeComment(method.name),
      doc: methodDoc(method, displayPath),
      verb: stringLiteral(rest.verb),
      path: stringLiteral(rest.path),
      body: stringLiteral(rest.body),
      params: method.params
        .map((p) => `[${stringLiteral(p.name)}, ${stringLiteral(p.type)}, ${fieldFlags(p) | (p.commaList ? COMMA_LIST : 0)}, ${stringLiteral(p.in === 'query' ? 'q' : p.in === 'path' ? 'p' : 'b')}, ${stringLiteral(p.wireName ?? p.name)}]`)
        .join(', '),
      result: method.returns ? stringLiteral(method.returns.type) : 'null',
      resultFlags: method.returns ? fieldFlags({ ...method.returns, maxOccurs: 1 }) : 0,
      select: rest.select,
      headers: rest.headers ? `[${rest.headers.map(stringLiteral).join(', ')}]` : '',
      binary: rest.response === 'binary',
      notModified,
      binaryBody: rest.binaryBody ? stringLiteral(rest.binaryBody) : '',
      bodyType: rest.bodyType ? stringLiteral(rest.bodyType) : '',
      formBody: rest.formBody === true,
      hasParams,
      argsOptional: method.params.every((p) => p.minOccurs === 0),
      argsType: argsType(method.params, names, extra),
      returnType: restReturnType,
      usesTypes: usesTypes(method.params, restReturnType, names),
    };
  });
  const what = agent.path.startsWith('api/v1/Agents/') ? `The ${agent.name} agent of the REST ${version.name} API, at \`${agent.path}\`.` : `The ${agent.name} resources of the REST ${version.name} entity API.`;
  return {
    className,
    usesTypes: methods.some((m) => m.usesTypes),
    doc: jsdoc([agent.description, what]),
    schema: wireSchemaLiteral(version, names.defs, roots),
    methods,
  };
}
