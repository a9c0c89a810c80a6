import { diagnostic } from '../facts/diagnostics.js';
import type {
  FileResult,
  RestBodyFacts,
  RestDefinitionFacts,
  RestOperationFacts,
  RestParameterFacts,
  RestResponseFacts,
  RestSchema,
} from '../facts/file-facts.js';
import { escapePointer, JsonArrayNode, JsonNumber, JsonObjectNode, parseLocatedJson, type JsonValue } from '../parse/json-text.js';
import {
  child,
  DefinitionContext,
  describeJson,
  item,
  member,
  refTarget,
  resolvePointer,
  SchemaReader,
  stringOf,
  type Located,
} from './openapi-schema.js';

const VERBS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
const PARAMETER_PLACES = new Set(['path', 'query', 'header', 'cookie']);
/** `$ref`s to parameters, bodies and responses are followed this many times at most (they may chain). */
const MAX_REF_HOPS = 8;

/**
 * A JSON input: an OpenAPI 3.0.x or Swagger 2.0 definition is read into `RestDefinitionFacts` (one
 * parse, every element with its line and JSON pointer); any other JSON is `unrecognised-file`, and JSON
 * that does not parse is `malformed-json` at its line. A JSON file is never read as markdown. Defects
 * inside a definition are reported where they stand and the rest of the file is read.
 */
export function readJsonFile(file: string, text: string): FileResult {
  const parsed = parseLocatedJson(text);
  if ('problem' in parsed) {
    const { message, line, column } = parsed.problem;
    return { facts: { kind: 'skipped', file }, diagnostics: [diagnostic('malformed-json', `not valid JSON: ${message}`, { file, line, column })] };
  }
  const doc = parsed.value;
  const recognised = doc instanceof JsonObjectNode ? formatOf(doc) : undefined;
  if (!recognised || !(doc instanceof JsonObjectNode)) {
    return {
      facts: { kind: 'skipped', file },
      diagnostics: [diagnostic('unrecognised-file', 'JSON that is neither an OpenAPI 3.0 nor a Swagger 2.0 definition', { file, line: 1 })],
    };
  }
  const ctx = new DefinitionContext(file, text, recognised.format === 'openapi' ? ['components', 'schemas'] : ['definitions']);
  const definition = new DefinitionReader(ctx, { value: doc, offset: parsed.offset, pointer: '' }, recognised).read();
  return {
    facts: { kind: 'rest-definition', file, definition },
    diagnostics: [
      // In the order of the file (schemas are read before the operations that use them).
      ...ctx.diagnostics.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0)),
    ],
  };
}

function formatOf(doc: JsonObjectNode): Pick<RestDefinitionFacts, 'format' | 'formatVersion'> | undefined {
  const openapi = doc.get('openapi');
  if (typeof openapi === 'string' && /^3\.0(\.\d+)?$/.test(openapi)) return { format: 'openapi', formatVersion: openapi };
  if (doc.get('swagger') === '2.0') return { format: 'swagger', formatVersion: '2.0' };
  return undefined;
}

class DefinitionReader {
  private readonly schemas: SchemaReader;
  private readonly swagger: boolean;
  private readonly doc: JsonObjectNode;

  constructor(
    private readonly ctx: DefinitionContext,
    private readonly root: Located,
    private readonly format: Pick<RestDefinitionFacts, 'format' | 'formatVersion'>,
  ) {
    this.doc = root.value as JsonObjectNode;
    this.swagger = format.format === 'swagger';
    this.schemas = new SchemaReader(ctx, this.schemaContainer());
  }

  read(): RestDefinitionFacts {
    const infoAt = child(this.doc, '', 'info');
    const info = infoAt ? this.ctx.object(infoAt, "'info'") : undefined;
    const schemas = this.schemas.named();
    return {
      ...this.format,
      title: (info && stringOf(info, 'title')) ?? '',
      operations: this.operations(),
      schemas,
    };
  }

  private schemaContainer(): JsonObjectNode | undefined {
    if (this.swagger) {
      const at = child(this.doc, '', 'definitions');
      return at ? this.ctx.object(at, "'definitions'") : undefined;
    }
    const componentsAt = child(this.doc, '', 'components');
    const components = componentsAt ? this.ctx.object(componentsAt, "'components'") : undefined;
    const at = components ? child(components, componentsAt!.pointer, 'schemas') : undefined;
    return at ? this.ctx.object(at, "'components/schemas'") : undefined;
  }

  private operations(): RestOperationFacts[] {
    const out: RestOperationFacts[] = [];
    const pathsAt = child(this.doc, '', 'paths');
    if (!pathsAt) {
      this.ctx.report('rest-definition-invalid', this.root, "a definition without 'paths': no operations read");
      return out;
    }
    const paths = this.ctx.object(pathsAt, "'paths'");
    if (!paths) return out;
    const unique = paths.uniqueKeys();
    for (let p = 0; p < paths.size; p++) {
      if (!unique && paths.indexOf(paths.key(p)) !== p) continue;
      const itemAt = member(paths, pathsAt.pointer, p);
      const pathItem = this.ctx.object(itemAt, 'a path item');
      if (!pathItem) continue;
      if (pathItem.indexOf('$ref') !== -1) this.ctx.report('unsupported-schema', child(pathItem, itemAt.pointer, '$ref')!, 'a path item $ref is not followed');
      const shared = this.parameterList(pathItem, itemAt);
      for (let v = 0; v < pathItem.size; v++) {
        const verb = pathItem.key(v);
        if (!VERBS.has(verb) || pathItem.indexOf(verb) !== v) continue;
        const opAt = member(pathItem, itemAt.pointer, v);
        const op = this.ctx.object(opAt, `the ${verb.toUpperCase()} operation`);
        if (op) out.push(this.operation(paths.key(p), verb, op, opAt, shared));
      }
    }
    return out;
  }

  private operation(path: string, verb: string, op: JsonObjectNode, at: Located, shared: Located[]): RestOperationFacts {
    const operation: RestOperationFacts = { verb: verb.toUpperCase(), path, parameters: [], responses: [], source: this.ctx.source(at) };
    const operationId = stringOf(op, 'operationId');
    if (operationId !== undefined) operation.operationId = operationId;
    const tagsAt = child(op, at.pointer, 'tags');
    const tags = tagsAt ? this.ctx.array(tagsAt, "'tags'") : undefined;
    const tag = tags && tags.length > 0 ? tags.item(0) : undefined;
    if (typeof tag === 'string') operation.tag = tag;
    const summary = stringOf(op, 'summary');
    if (summary !== undefined) operation.summary = summary;
    const description = stringOf(op, 'description');
    if (description !== undefined) operation.description = description;
    if (op.get('deprecated') === true) operation.deprecated = true;

    // Parameters: the operation's own replace the path item's of the same name and place.
    const own = this.parameterList(op, at);
    const key = (p: Located) => {
      const o = p.value as JsonObjectNode;
      return `${stringOf(o, 'in')}\0${stringOf(o, 'name')}`;
    };
    const ownKeys = new Set(own.map(key));
    const formData: Located[] = [];
    for (const p of [...shared.filter((s) => !ownKeys.has(key(s))), ...own]) {
      const param = p.value as JsonObjectNode;
      const place = param.get('in');
      if (this.swagger && place === 'body') {
        if (operation.body) this.ctx.report('rest-definition-invalid', p, 'a second body parameter: left out');
        else operation.body = this.swaggerBody(param, p, op);
        continue;
      }
      if (this.swagger && place === 'formData') {
        formData.push(p);
        continue;
      }
      const read = this.parameter(param, p);
      if (read) operation.parameters.push(read);
    }
    if (formData.length > 0) {
      if (operation.body) this.ctx.report('rest-definition-invalid', formData[0]!, 'formData parameters beside a body parameter: left out');
      else operation.body = this.formBody(formData, op);
    }
    if (!this.swagger) {
      const bodyAt = child(op, at.pointer, 'requestBody');
      if (bodyAt) {
        const body = this.openapiBody(bodyAt);
        if (body) operation.body = body;
      }
    }

    const responsesAt = child(op, at.pointer, 'responses');
    if (!responsesAt) this.ctx.report('rest-definition-invalid', at, 'an operation without responses: read with none');
    else {
      const responses = this.ctx.object(responsesAt, "'responses'");
      for (let r = 0; responses && r < responses.size; r++) {
        const status = responses.key(r);
        if (responses.indexOf(status) !== r || status.startsWith('x-')) continue;
        const response = this.response(status, member(responses, responsesAt.pointer, r), op);
        if (response) operation.responses.push(response);
      }
      if (responses && operation.responses.length === 0) this.ctx.report('rest-definition-invalid', responsesAt, 'an operation without responses: read with none');
    }
    return operation;
  }

  /** The parameters an object lists (references followed), each an object with `name` and `in`. */
  private parameterList(owner: JsonObjectNode, at: Located): Located[] {
    const listAt = child(owner, at.pointer, 'parameters');
    if (!listAt) return [];
    const list = this.ctx.array(listAt, "'parameters'");
    const out: Located[] = [];
    for (let i = 0; list && i < list.length; i++) {
      const p = this.follow(item(list, listAt.pointer, i), 'a parameter');
      if (!p) continue;
      const param = p.value as JsonObjectNode;
      const name = param.get('name');
      const place = param.get('in');
      if (typeof name !== 'string' || typeof place !== 'string') {
        this.ctx.report('rest-definition-invalid', p, `a parameter without a string 'name' and 'in' (${describeJson(name)}, ${describeJson(place)}): left out`);
        continue;
      }
      out.push(p);
    }
    return out;
  }

  private parameter(param: JsonObjectNode, at: Located): RestParameterFacts | undefined {
    const name = param.get('name') as string;
    const place = param.get('in') as string;
    if (!PARAMETER_PLACES.has(place) || (this.swagger && place === 'cookie')) {
      this.ctx.report('rest-definition-invalid', child(param, at.pointer, 'in')!, `parameter '${name}' is in '${place}', not a place parameters go: left out`);
      return undefined;
    }
    let schema: RestSchema;
    if (this.swagger) {
      // Swagger 2 describes a non-body parameter's type on the parameter itself.
      schema = this.schemas.read(at, 1, at.pointer);
      delete schema.description;
    } else {
      const schemaAt = child(param, at.pointer, 'schema') ?? this.mediaSchema(param, at);
      if (schemaAt) schema = this.schemas.read(schemaAt, 1, schemaAt.pointer);
      else {
        this.ctx.report('rest-definition-invalid', at, `parameter '${name}' has neither 'schema' nor 'content': read as any`);
        schema = { kind: 'any', source: this.ctx.source(at) };
      }
    }
    const read: RestParameterFacts = {
      name,
      in: place as RestParameterFacts['in'],
      required: param.get('required') === true || place === 'path',
      schema,
      // A Swagger parameter is its own schema: one source object for both (stored once in the cache).
      source: this.swagger ? schema.source : this.ctx.source(at),
    };
    const description = stringOf(param, 'description');
    if (description !== undefined) read.description = description;
    return read;
  }

  /** An OpenAPI parameter given by `content`: the schema of its first media type. */
  private mediaSchema(param: JsonObjectNode, at: Located): Located | undefined {
    const contentAt = child(param, at.pointer, 'content');
    const content = contentAt ? this.ctx.object(contentAt, "'content'") : undefined;
    if (!content || content.size === 0) return undefined;
    const media = member(content, contentAt!.pointer, 0);
    return media.value instanceof JsonObjectNode ? child(media.value, media.pointer, 'schema') : undefined;
  }

  private swaggerBody(param: JsonObjectNode, at: Located, op: JsonObjectNode): RestBodyFacts {
    const schemaAt = child(param, at.pointer, 'schema');
    let schema: RestSchema;
    if (schemaAt) schema = this.schemas.read(schemaAt, 1, schemaAt.pointer);
    else {
      this.ctx.report('rest-definition-invalid', at, "a body parameter without 'schema': read as any");
      schema = { kind: 'any', source: this.ctx.source(at) };
    }
    const body: RestBodyFacts = {
      name: param.get('name') as string,
      required: param.get('required') === true,
      contentTypes: this.mediaTypes(op, 'consumes'),
      schema,
      source: this.ctx.source(at),
    };
    const description = stringOf(param, 'description');
    if (description !== undefined) body.description = description;
    return body;
  }

  /** Swagger `formData` parameters: one object body, as OpenAPI 3 writes them (`type: file` is binary). */
  private formBody(params: Located[], op: JsonObjectNode): RestBodyFacts {
    const first = params[0]!;
    const properties = params.map((p) => {
      const param = p.value as JsonObjectNode;
      const schema = this.schemas.read(p, 1, p.pointer);
      const description = schema.description;
      delete schema.description;
      return {
        name: param.get('name') as string,
        required: param.get('required') === true,
        ...(description === undefined ? {} : { description }),
        schema,
        source: schema.source,
      };
    });
    const forms = this.mediaTypes(op, 'consumes').filter((t) => /^(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(t));
    const anyFile = params.some((p) => (p.value as JsonObjectNode).get('type') === 'file');
    const source = this.ctx.source(first);
    return {
      required: properties.some((p) => p.required),
      contentTypes: forms.length > 0 ? forms : [anyFile ? 'multipart/form-data' : 'application/x-www-form-urlencoded'],
      schema: { kind: 'object', properties, source },
      source,
    };
  }

  /** Swagger `consumes`/`produces`: the operation's, else the document's. */
  private mediaTypes(op: JsonObjectNode, key: 'consumes' | 'produces'): string[] {
    const list = op.get(key) ?? this.doc.get(key);
    const out: string[] = [];
    for (let i = 0; list instanceof JsonArrayNode && i < list.length; i++) {
      const v = list.item(i);
      if (typeof v === 'string') out.push(v);
    }
    return out;
  }

  private openapiBody(at: Located): RestBodyFacts | undefined {
    const bodyAt = this.follow(at, "'requestBody'");
    if (!bodyAt) return undefined;
    const node = bodyAt.value as JsonObjectNode;
    const content = this.content(node, bodyAt);
    const body: RestBodyFacts = {
      required: node.get('required') === true,
      contentTypes: content.types,
      schema: content.schema ?? { kind: 'any', source: this.ctx.source(bodyAt) },
      source: this.ctx.source(bodyAt),
    };
    if (content.variants) body.variants = content.variants;
    const description = stringOf(node, 'description');
    if (description !== undefined) body.description = description;
    return body;
  }

  private response(status: string, at: Located, op: JsonObjectNode): RestResponseFacts | undefined {
    const resolved = this.follow(at, `response ${status}`);
    if (!resolved) return undefined;
    const node = resolved.value as JsonObjectNode;
    const response: RestResponseFacts = { status, contentTypes: [], source: this.ctx.source(resolved) };
    const description = stringOf(node, 'description');
    if (description !== undefined) response.description = description;
    if (this.swagger) {
      const schemaAt = child(node, resolved.pointer, 'schema');
      if (schemaAt) {
        response.schema = this.schemas.read(schemaAt, 1, schemaAt.pointer);
        response.contentTypes = this.mediaTypes(op, 'produces');
      }
    } else {
      const content = this.content(node, resolved);
      response.contentTypes = content.types;
      if (content.schema) response.schema = content.schema;
      if (content.variants) response.variants = content.variants;
    }
    return response;
  }

  /**
   * An OpenAPI `content` map: its media types, and the schema of the first JSON one (else the first
   * with a schema). Media types with another schema are kept as variants.
   */
  private content(node: JsonObjectNode, at: Located): { types: string[]; schema?: RestSchema; variants?: Array<{ contentType: string; schema: RestSchema }> } {
    const contentAt = child(node, at.pointer, 'content');
    const content = contentAt ? this.ctx.object(contentAt, "'content'") : undefined;
    if (!content) return { types: [] };
    const types: string[] = [];
    // Media types and where their schemas are; pointers are built only for the schemas read.
    const withSchema: Array<{ type: string; media: JsonObjectNode; index: number; at: number }> = [];
    const unique = content.uniqueKeys();
    for (let i = 0; i < content.size; i++) {
      const type = content.key(i);
      if (!unique && content.indexOf(type) !== i) continue;
      types.push(type);
      const media = content.value(i);
      if (!(media instanceof JsonObjectNode)) {
        this.ctx.object(member(content, contentAt!.pointer, i), `media type '${type}'`);
        continue;
      }
      const k = media.indexOf('schema');
      if (k !== -1) withSchema.push({ type, media, index: k, at: i });
    }
    if (withSchema.length === 0) return { types };
    const main = withSchema.find((m) => /json/i.test(m.type)) ?? withSchema[0]!;
    const located = (m: (typeof withSchema)[number]): Located => member(m.media, `${contentAt!.pointer}/${escapePointer(m.type)}`, m.index);
    const mainAt = located(main);
    const schema = this.schemas.read(mainAt, 1, mainAt.pointer);
    const variants: Array<{ contentType: string; schema: RestSchema }> = [];
    for (const m of withSchema) {
      // Media types nearly always repeat the same schema: compared as written, read only when different.
      if (m === main || sameJson(m.media.value(m.index), main.media.value(main.index))) continue;
      const at = located(m);
      variants.push({ contentType: m.type, schema: this.schemas.read(at, 1, at.pointer) });
    }
    return variants.length > 0 ? { types, schema, variants } : { types, schema };
  }

  /** Follows `$ref`s of a parameter, body or response within this file; reports and answers undefined when it cannot. */
  private follow(at: Located, what: string): Located | undefined {
    let current = at;
    for (let hop = 0; ; hop++) {
      const node = this.ctx.object(current, what);
      if (!node) return undefined;
      const ref = node.get('$ref');
      if (ref === undefined) return current;
      const refAt = child(node, current.pointer, '$ref')!;
      if (typeof ref !== 'string') {
        this.ctx.report('rest-definition-invalid', refAt, `'$ref' is ${describeJson(ref)}, not a string: ${what} left out`);
        return undefined;
      }
      if (hop >= MAX_REF_HOPS) {
        this.ctx.report('rest-definition-invalid', refAt, `'${ref}': more than ${MAX_REF_HOPS} references in a row (a cycle?): ${what} left out`);
        return undefined;
      }
      const target = refTarget(ref);
      if (!target.local) {
        this.ctx.report('unsupported-schema', refAt, `'${ref}' refers to another file or a URL, which is never fetched: ${what} left out`);
        return undefined;
      }
      const next = resolvePointer(this.root, target.segments);
      if (!next) {
        this.ctx.report('rest-definition-invalid', refAt, `'${ref}' names nothing in this file: ${what} left out`);
        return undefined;
      }
      current = next;
    }
  }
}

/** Whether two JSON values are the same, member order included. */
function sameJson(a: JsonValue, b: JsonValue, depth = 0): boolean {
  if (a === b) return true;
  if (depth > 64) return false;
  if (a instanceof JsonObjectNode && b instanceof JsonObjectNode) {
    if (a.size !== b.size) return false;
    for (let i = 0; i < a.size; i++) if (a.key(i) !== b.key(i) || !sameJson(a.value(i), b.value(i), depth + 1)) return false;
    return true;
  }
  if (a instanceof JsonArrayNode && b instanceof JsonArrayNode) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a.item(i), b.item(i), depth + 1)) return false;
    return true;
  }
  return a instanceof JsonNumber && b instanceof JsonNumber && a.text === b.text;
}
