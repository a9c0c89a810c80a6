import type { Agent, ApiVersion, Method, Param, TypeDef, TypeRef } from '../model/api-model.js';
import { splitHttpSample } from '../model/sample-check.js';
import { fieldFlags, wireSchemaOf } from '../emit/wire-schema.js';
import { DecodeError } from '../runtime/errors.js';
import { readJson, type JsonReading, type JsonValue } from '../runtime/json.js';
import { fromJson, toJson } from '../runtime/rest.js';
import { decodeScalar } from '../runtime/scalars.js';
import { REPEATED, scalarPrimitive, type WireSchema } from '../runtime/schema.js';
import { generatedValue, randomFor } from './generated-values.js';
import type { AnswerOptions, MockAnswer } from './soap-mock.js';

/** One REST operation (an agent method or an entity-API operation) as the mock serves it. */
export interface RestRoute {
  version: ApiVersion;
  agent: Agent;
  method: Method;
  verb: string;
  /** The path template as a pattern, its `{name}` segments captured in order. */
  pattern: RegExp;
  pathNames: string[];
  schema: WireSchema;
  lookup: (ref: TypeRef) => TypeDef | undefined;
}

export function restRoutes(version: ApiVersion, keep: (agent: Agent) => boolean): RestRoute[] {
  const defs = new Map(version.types.map((t) => [t.ref, t]));
  const lookup = (ref: TypeRef) => defs.get(ref);
  const routes: RestRoute[] = [];
  for (const agent of [...version.agents, ...(version.resources ?? [])]) {
    if (!keep(agent)) continue;
    for (const method of agent.methods) {
      if (!method.rest) continue;
      const pathNames: string[] = [];
      const pattern = method.rest.path
        .split('/')
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (param) pathNames.push(param[1]!);
          return param ? '([^/]+)' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/');
      const roots = [...method.params.map((p) => p.type), ...(method.returns ? [method.returns.type] : [])];
      routes.push({ version, agent, method, verb: method.rest.verb.toUpperCase(), pattern: new RegExp(`^${pattern}$`, 'i'), pathNames, schema: wireSchemaOf(version, defs, roots), lookup });
    }
  }
  return routes;
}

/** A NetServer-shaped error body: what its REST API sends for a request it cannot take. */
function restError(status: number, message: string, type = 'BadRequest'): MockAnswer {
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ Error: true, ErrorType: type, Message: message, ErrorSource: 'superoffice-sdkgen mock' }) };
}

/**
 * A REST request as the server would take it: the verb of the path, path and query values of their
 * types, and the body (an object of the body parameters, the one parameter's value, or none) read
 * as its schema says; unknown properties are passed over, as NetServer does. The first problem is a
 * 400 naming the parameter and the place in the body.
 */
export function handleRest(routes: readonly RestRoute[], verb: string, path: string, query: URLSearchParams, body: string, options: AnswerOptions): MockAnswer {
  const matching = routes.filter((r) => r.pattern.test(path));
  if (matching.length === 0) return restError(404, `no operation at /${path}`, 'NotFound');
  // A literal segment wins over a template: `Contact/default` is not `Contact/{id}`.
  const route = matching.filter((r) => r.verb === verb.toUpperCase()).sort((a, b) => a.pathNames.length - b.pathNames.length)[0];
  if (!route) return { ...restError(405, `${verb} is not allowed at /${path}: ${[...new Set(matching.map((r) => r.verb))].join(', ')}`, 'MethodNotAllowed') };
  const { method, schema } = route;
  // Query names are bound whatever their case, as ASP.NET binds them.
  const byName = new Map<string, string[]>();
  for (const [name, value] of query) byName.set(name.toLowerCase(), [...(byName.get(name.toLowerCase()) ?? []), value]);
  try {
    const values = route.pattern.exec(path)!.slice(1).map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        throw new DecodeError(`the path segment '${segment}' is not valid percent-encoding`);
      }
    });
    for (const param of method.params) {
      if (param.in === 'path') scalarText(schema, param, values[route.pathNames.indexOf(param.wireName ?? param.name)] ?? '', `path {${param.name}}`);
      else if (param.in === 'query') {
        const texts = byName.get((param.wireName ?? param.name).toLowerCase()) ?? [];
        if (texts.length === 0 && param.minOccurs > 0) throw new DecodeError(`query ${param.wireName ?? param.name} is required`);
        const items = param.maxOccurs !== 1 || param.commaList ? texts.flatMap((t) => t.split(',')) : texts;
        for (const text of items) scalarText(schema, param, text, `query ${param.wireName ?? param.name}`);
      }
    }
    checkBody(route, body);
  } catch (error) {
    if (error instanceof DecodeError) return restError(400, `${method.name}: ${error.message}`);
    throw error;
  }
  return answerFor(route, options);
}

function scalarText(schema: WireSchema, param: Param, text: string, where: string): void {
  const primitive = scalarPrimitive(schema, param.type);
  // Structured values in a query (a free-form object) are taken as sent.
  if (primitive === undefined || primitive === 'xs:anyType') return;
  decodeScalar(text, primitive, where);
}

function checkBody(route: RestRoute, body: string): void {
  const rest = route.method.rest!;
  const bodyParams = route.method.params.filter((p) => (p.in ?? 'body') === 'body');
  if (rest.body === 'none' || rest.binaryBody || rest.formBody || bodyParams.length === 0) return;
  let reading: JsonReading;
  try {
    reading = readJson(body.trim() === '' ? 'null' : body, true);
  } catch (error) {
    throw new DecodeError(`the body is not JSON: ${(error as Error).message}`);
  }
  const json = reading.value;
  // A part of the body is read by the body's own number marking.
  const read = (param: Param, value: JsonValue, where: string) => {
    const flags = fieldFlags(param);
    if (flags & REPEATED) {
      if (value === null) return;
      if (!Array.isArray(value)) throw new DecodeError(`${where}: expected an array`);
      value.forEach((item, i) => fromJson(route.schema, { ...reading, value: item }, param.type, `${where}[${i}]`));
    } else fromJson(route.schema, { ...reading, value }, param.type, where);
  };
  if (rest.body === 'value') return read(bodyParams[0]!, json, 'body');
  if (json === null) {
    if (bodyParams.some((p) => p.minOccurs > 0)) throw new DecodeError('the body is empty, and it has required parameters');
    return;
  }
  if (typeof json !== 'object' || Array.isArray(json)) throw new DecodeError('the body must be an object of the parameters');
  const object = json as Record<string, JsonValue>;
  for (const param of bodyParams) {
    const name = param.wireName ?? param.name;
    if (!Object.prototype.hasOwnProperty.call(object, name)) {
      if (param.minOccurs > 0) throw new DecodeError(`body.${name} is required`);
      continue;
    }
    read(param, object[name]!, `body.${name}`);
  }
}

/** The documented response where one reads as the result type, else a value made from the schema; written by the SDK's own writer. */
function answerFor(route: RestRoute, options: AnswerOptions): MockAnswer {
  const { method, schema } = route;
  const returns = method.returns;
  if (!returns) return { status: 204, contentType: 'text/plain', body: '' };
  const flags = fieldFlags({ ...returns, maxOccurs: 1 });
  if (method.rest!.response === 'binary') return { status: 200, contentType: 'application/octet-stream', body: 'mock stream' };
  if (options.answers === 'samples') {
    for (const sample of method.samples) {
      if (sample.kind !== 'rest-response') continue;
      try {
        const value = fromJson(schema, readJson(splitHttpSample(sample.text, 1).body, true), returns.type, 'response');
        return { status: 200, contentType: 'application/json; charset=utf-8', body: toJson(schema, value, returns.type, flags, 'response') };
      } catch {
        // A sample that does not read as the result type: the next one, or a made value.
      }
    }
  }
  const value = generatedValue(returns.type, route.lookup, randomFor(options.seed, `${route.version.name}/${route.agent.name}/${method.name}`), returns.name);
  return { status: 200, contentType: 'application/json; charset=utf-8', body: toJson(schema, value, returns.type, flags, 'response') };
}
