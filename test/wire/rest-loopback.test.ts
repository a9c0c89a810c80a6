import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiModel, Method, TypeDef } from '../../src/model/api-model.js';
import { readRestSample, splitHttpSample } from '../../src/model/sample-check.js';
import { sampleToValue } from '../support/sample-values.js';
import { canonicalJson } from '../../src/runtime/testing.js';
import { fullValue } from '../support/full-values.js';
import { generateForTest } from '../support/generate-sdk.js';
import { corpusRoot, haveShared, sharedSkipReason } from '../support/shared.js';

interface Exchange {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * Where a decoded result differs from the JSON it was decoded from, as `path: why` lines. Read in the
 * SDK's own terms (README, Types): a Date is the instant the text names, a bigint has the JSON
 * number's digits, a Uint8Array is the base64 text, a flag array is the JSON's `"A, B"`; every other
 * value is the JSON value itself, and an object has exactly the JSON's keys.
 */
function mismatches(decoded: unknown, json: unknown, where: string, out: string[] = []): string[] {
  const show = (v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Date ? v.toISOString() : JSON.stringify(v));
  const fail = () => out.push(`${where}: decoded ${show(decoded)} from ${JSON.stringify(json)}`);
  if (json === null || typeof json === 'boolean') {
    if (decoded !== json) fail();
  } else if (typeof json === 'number') {
    if (!(decoded === json || (typeof decoded === 'bigint' && String(decoded) === String(json)))) fail();
  } else if (typeof json === 'string') {
    if (decoded instanceof Date) {
      if (decoded.getTime() !== Date.parse(json)) fail();
    } else if (decoded instanceof Uint8Array) {
      if (Buffer.from(decoded).toString('base64') !== json) fail();
    } else if (Array.isArray(decoded)) {
      if (decoded.join(', ') !== json) fail();
    } else if (decoded !== json) fail();
  } else if (Array.isArray(json)) {
    if (!Array.isArray(decoded) || decoded.length !== json.length) fail();
    else json.forEach((item, i) => mismatches(decoded[i], item, `${where}[${i}]`, out));
  } else if (typeof json === 'object') {
    if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded) || decoded instanceof Date) fail();
    else {
      const keys = Object.keys(json as object);
      const extra = Object.keys(decoded).filter((k) => !keys.includes(k) && (decoded as Record<string, unknown>)[k] !== undefined);
      if (extra.length > 0) out.push(`${where}: decoded keys ${extra.join(', ')} that the JSON does not have`);
      for (const k of keys) mismatches((decoded as Record<string, unknown>)[k], (json as Record<string, unknown>)[k], `${where}.${k}`, out);
    }
  }
  return out;
}

/**
 * Every ErpSync REST method of the corpus, called through the generated client against a loopback
 * server: verb, path, headers and body are checked on the server; the documented sample response,
 * served back, must decode into the typed result.
 */
describe.skipIf(!haveShared)('REST v1 ErpSync against a loopback server', () => {
  let model: ApiModel;
  let client: any;
  let server: http.Server;
  let reply = { status: 200, body: '' };
  const exchanges: Exchange[] = [];

  beforeAll(async () => {
    const inputs = [
      path.join(corpusRoot, 'wsdl/Services88/WSDL-Services88-ErpSync.xml'),
      path.join(corpusRoot, 'docs-docfx/docs/en/api/reference/restful'),
    ];
    const generated = await generateForTest('rest', inputs, { versions: ['v1'], agents: ['ErpSync'] });
    model = generated.model;
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        exchanges.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const module = await import(path.join(generated.dir, 'rest-v1/ErpSyncAgent.ts'));
    client = new module.ErpSyncAgent({ baseUrl: `http://127.0.0.1:${port}/Cust1/`, ticket: '7T:abc', applicationToken: 'app', acceptLanguage: 'sv', culture: 'sv' });
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  test('every ErpSync REST method', async () => {
    const rest = model.versions.find((v) => v.name === 'v1')!;
    const defs = new Map(rest.types.map((t) => [t.ref, t]));
    const lookup = (ref: string): TypeDef | undefined => defs.get(ref);
    const methods = rest.agents.find((a) => a.name === 'ErpSync')!.methods;
    expect(methods.length).toBeGreaterThanOrEqual(49);
    let decodedSamples = 0;
    const defective: string[] = [];
    for (const method of methods as Method[]) {
      const requestSample = method.samples.find((s) => s.kind === 'rest-request');
      const responseSample = method.samples.find((s) => s.kind === 'rest-response');
      const reading = requestSample ? readRestSample(requestSample, method, lookup) : undefined;
      const args = reading?.value
        ? (sampleToValue(reading.value, lookup) as Record<string, unknown>)
        : Object.fromEntries(method.params.map((p) => [p.name, fullValue(p.type, lookup)]));
      for (const p of method.params.filter((p) => p.in === 'query')) args[p.name] ??= fullValue(p.type, lookup);
      reply = { status: 200, body: responseSample ? splitHttpSample(responseSample.text, 1).body : '' };

      const result = await client[method.name](args);
      const exchange = exchanges.at(-1)!;
      const where = `${method.name}`;
      expect(exchange.method, where).toBe(method.rest!.verb);
      const url = new URL(exchange.url, 'http://x');
      expect(url.pathname, where).toBe(`/Cust1/${method.rest!.path}`);
      for (const p of method.params.filter((p) => p.in === 'query')) expect(url.searchParams.get(p.wireName ?? p.name), where).not.toBeNull();
      expect(exchange.headers['authorization'], where).toBe('SoTicket 7T:abc');
      expect(exchange.headers['so-apptoken'], where).toBe('app');
      expect(exchange.headers['accept-language'], where).toBe('sv');
      expect(exchange.headers['so-culture'], where).toBe('sv');
      expect(exchange.headers['accept'], where).toBe('application/json');
      if (method.rest!.body === 'none') {
        expect(exchange.body, where).toBe('');
      } else {
        expect(exchange.headers['content-type'], where).toBe('application/json; charset=utf-8');
        const sent = JSON.parse(exchange.body);
        if (method.rest!.body === 'object') {
          const bodyParams = method.params.filter((p) => p.in === 'body').map((p) => p.name);
          expect(Object.keys(sent).every((k) => bodyParams.includes(k)), where).toBe(true);
          if (requestSample && reading!.diagnostics.length === 0) {
            // Numbers compared as their text: JSON.parse on both sides would round the same digits away.
            expect(canonicalJson(exchange.body), where).toEqual(canonicalJson(splitHttpSample(requestSample.text, 1).body));
          }
        }
      }

      if (!method.returns) {
        expect(result, where).toBeUndefined();
        continue;
      }
      if (!responseSample) continue;
      // Every value of the served body, read back from the decoded result, defective ones included
      // (the client decodes what the server sent; only the sample tests leave defects out).
      const body = JSON.parse(splitHttpSample(responseSample.text, 1).body) as unknown;
      expect(mismatches(result, body, 'response'), where).toEqual([]);
      // (sampleToValue reads through the runtime's own scalar codec: it builds inputs here, never expectations.)
      if (readRestSample(responseSample, method, lookup).diagnostics.length > 0) defective.push(method.name);
      decodedSamples++;
    }
    expect(decodedSamples).toBeGreaterThan(30);
    // The samples with a value their type cannot hold (a duration 'voluptas', an enum value 'veritatis').
    expect(defective).toEqual(['ChangeEngineStatus', 'GetConnectionsAndDisplayFields', 'GetEngineStatus']);
  });

  test('a non-2xx answer with a NetServer error body becomes a NetServerError carrying its message', async () => {
    reply = { status: 500, body: JSON.stringify({ Error: 'ErrorConnectorHasConnections', ErrorType: 'SoException', Message: 'The connector still has connections' }) };
    const error = await client.DeleteErpSyncConnectorEntity({ ErpSyncConnectorEntityId: 1 }).catch((e: unknown) => e);
    expect(error.constructor.name).toBe('NetServerError');
    expect(error).toMatchObject({ message: 'The connector still has connections', status: 500, exceptionType: 'SoException' });
    reply = { status: 502, body: '<html>bad gateway</html>' };
    const http502 = await client.DeleteErpSyncConnectorEntity({ ErpSyncConnectorEntityId: 1 }).catch((e: unknown) => e);
    expect(http502.constructor.name).toBe('HttpError');
    expect(http502).toMatchObject({ status: 502, body: '<html>bad gateway</html>' });
  });
});

if (!haveShared) test.skip(sharedSkipReason, () => {});
