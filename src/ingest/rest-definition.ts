import { diagnostic } from '../facts/diagnostics.js';
import type { FileResult, RestDefinitionFacts } from '../facts/file-facts.js';
import { parseJsonText } from '../parse/json-text.js';

const VERBS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/**
 * A JSON input: an OpenAPI 3.0.x or Swagger 2.0 definition is recognised and its operations listed;
 * any other JSON is `unrecognised-file`, and JSON that does not parse is `malformed-json` at its line.
 * A JSON file is never read as markdown.
 */
export function readJsonFile(file: string, text: string): FileResult {
  const parsed = parseJsonText(text);
  if ('problem' in parsed) {
    const { message, line, column } = parsed.problem;
    return { facts: { kind: 'skipped', file }, diagnostics: [diagnostic('malformed-json', `not valid JSON: ${message}`, { file, line, column })] };
  }
  const doc = parsed.value;
  const definition = isRecord(doc) ? definitionOf(doc) : undefined;
  if (!definition) {
    return {
      facts: { kind: 'skipped', file },
      diagnostics: [diagnostic('unrecognised-file', 'JSON that is neither an OpenAPI 3.0 nor a Swagger 2.0 definition', { file, line: 1 })],
    };
  }
  return {
    facts: { kind: 'rest-definition', file, definition },
    diagnostics: [
      diagnostic(
        'rest-definition-unread',
        `${definition.format === 'openapi' ? 'OpenAPI' : 'Swagger'} ${definition.formatVersion} definition with ${definition.operations.length} operations: ` +
          'recognised, but REST definitions are not yet read into the model (the REST client comes from the REST pages)',
        { file, line: 1 },
      ),
    ],
  };
}

function definitionOf(doc: Record<string, unknown>): RestDefinitionFacts | undefined {
  const openapi = doc['openapi'];
  const swagger = doc['swagger'];
  let format: RestDefinitionFacts['format'];
  let formatVersion: string;
  if (typeof openapi === 'string' && /^3\.0(\.\d+)?$/.test(openapi)) [format, formatVersion] = ['openapi', openapi];
  else if (swagger === '2.0') [format, formatVersion] = ['swagger', swagger];
  else return undefined;
  const info = isRecord(doc['info']) ? doc['info'] : {};
  const operations: RestDefinitionFacts['operations'] = [];
  const paths = isRecord(doc['paths']) ? doc['paths'] : {};
  for (const [route, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    for (const verb of VERBS) {
      const op = item[verb];
      if (!isRecord(op)) continue;
      const operationId = typeof op['operationId'] === 'string' ? op['operationId'] : undefined;
      operations.push({ verb: verb.toUpperCase(), path: route, ...(operationId === undefined ? {} : { operationId }) });
    }
  }
  return { format, formatVersion, title: typeof info['title'] === 'string' ? info['title'] : '', operations };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
