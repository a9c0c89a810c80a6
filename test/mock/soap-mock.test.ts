import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import soap from 'soap';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadModel } from '../../src/cli/load-model.js';
import type { ApiModel } from '../../src/model/api-model.js';
import { serveModel as startMock, type RunningMock } from '../../src/mock/server.js';
import { inputDocs, projectRoot } from '../support/shared.js';

/**
 * The mock NetServer's SOAP half, served from input-docs' model: the generated SDK of every version
 * calls every ErpSync operation through it; raw requests with one defect each get the fault that
 * names it; node-soap, built from the mock's own `?wsdl`, calls it as a third-party client.
 */
const TNS88 = 'http://www.superoffice.net/ws/crm/NetServer/Services88';
const ACTION = (method: string) => `"${TNS88}/ErpSync/${method}"`;
const envelope = (body: string, header = '') =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`;
const save = (connection: string) => envelope(`<SaveConnection xmlns="${TNS88}"><Connection>${connection}</Connection></SaveConnection>`);

let model: ApiModel;
let mock: RunningMock;
let record: string;
let dir: string;

beforeAll(async () => {
  model = await loadModel([inputDocs]);
  dir = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-mock-'));
  record = path.join(dir, 'record.jsonl');
  mock = await startMock({ model, record });
}, 60_000);
afterAll(async () => {
  await mock?.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: string, headers: Record<string, string>, version = 'Services88') =>
  fetch(`${mock.url}/Cust1/Remote/${version}/ErpSync.svc`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', ...headers }, body });
const faultOf = (xml: string) => /<faultstring[^>]*>([\s\S]*?)<\/faultstring>/.exec(xml)?.[1]?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('the generated SOAP clients of every version, against the mock', () => {
  for (const version of ['services86', 'services87', 'services88']) {
    test(`${version}: every ErpSync operation answers without a fault, typed`, async () => {
      const module = (await import(path.join(projectRoot, 'generated', version, 'ErpSyncAgent.ts'))) as { ErpSyncAgent: new (o: unknown) => Record<string, (a: unknown) => Promise<unknown>> };
      const agent = new module.ErpSyncAgent({ baseUrl: `${mock.url}/Cust1`, ticket: '7T:t', applicationToken: 'app', timeoutMs: 10_000 });
      const methods = model.versions.find((v) => v.name.toLowerCase() === version)!.agents.find((a) => a.name === 'ErpSync')!.methods;
      expect(methods.length).toBeGreaterThan(3);
      for (const method of methods) {
        const result = await agent[method.name]!({});
        if (method.returns) expect(result, method.name).not.toBeUndefined();
        else expect(result, method.name).toBeUndefined();
      }
    });
  }

  test('a documented sample response is what the client reads (Services88 GetAllConnections)', async () => {
    const module = (await import(path.join(projectRoot, 'generated/services88/ErpSyncAgent.ts'))) as { ErpSyncAgent: new (o: unknown) => { GetAllConnections(a: unknown): Promise<unknown> } };
    const method = model.versions.find((v) => v.name === 'Services88')!.agents[0]!.methods.find((m) => m.name === 'GetAllConnections')!;
    const sample = method.samples.find((s) => s.kind === 'soap-response');
    const result = (await new module.ErpSyncAgent({ baseUrl: `${mock.url}/Cust1`, ticket: 't' }).GetAllConnections({})) as Array<{ DisplayName?: string | null }>;
    // Read off the sample text by hand: every DisplayName it holds, in order.
    const names = sample ? [...sample.text.matchAll(/<(?:\w+:)?DisplayName>([^<]*)</g)].map((m) => m[1]) : [];
    if (sample) expect(result.map((c) => c?.DisplayName)).toEqual(names);
    else expect(result.length).toBeGreaterThan(0);
  });
});

describe('requests NetServer would refuse get a SOAP 1.1 fault naming the first problem', () => {
  test.each<[string, { body: string; headers: Record<string, string>; fault: RegExp }]>([
    ['two fields swapped', { body: save('<DisplayName>x</DisplayName><ErpConnectionId>1</ErpConnectionId>'), headers: { SOAPAction: ACTION('SaveConnection') }, fault: /<ErpConnectionId> comes after <DisplayName>; the schema orders it before/ }],
    ['an unknown element', { body: save('<ErpConnectionId>1</ErpConnectionId><Colour>red</Colour>'), headers: { SOAPAction: ACTION('SaveConnection') }, fault: /<Colour> is not a field of Connection/ }],
    ['a value that is not its type', { body: save('<ErpConnectionId>one</ErpConnectionId>'), headers: { SOAPAction: ACTION('SaveConnection') }, fault: /<ErpConnectionId>: .*xs:int/ }],
    ['nil where not nillable', { body: save('<ErpConnectionId i:nil="true"/>'), headers: { SOAPAction: ACTION('SaveConnection') }, fault: /<ErpConnectionId> is nil but not nillable/ }],
    ['an element in the wrong namespace', { body: envelope(`<SaveConnection xmlns="${TNS88}"><Connection><ErpConnectionId xmlns="urn:other">1</ErpConnectionId></Connection></SaveConnection>`), headers: { SOAPAction: ACTION('SaveConnection') }, fault: /<ErpConnectionId> is in namespace 'urn:other'/ }],
    ['a header in the Body', { body: `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><ApplicationToken xmlns="${TNS88}">a</ApplicationToken><s:Body><GetAllConnections xmlns="${TNS88}"/></s:Body></s:Envelope>`, headers: { SOAPAction: ACTION('GetAllConnections') }, fault: /ApplicationToken stands outside soap:Header/ }],
    ['the wrong wrapper for the action', { body: envelope(`<GetAllConnections xmlns="${TNS88}"/>`), headers: { SOAPAction: ACTION('SaveConnection') }, fault: /body holds <GetAllConnections>, expected SaveConnection/ }],
    ['no SOAPAction', { body: envelope(`<GetAllConnections xmlns="${TNS88}"/>`), headers: {}, fault: /no SOAPAction header/ }],
    ['an action of no operation', { body: envelope(`<GetAllConnections xmlns="${TNS88}"/>`), headers: { SOAPAction: ACTION('Nothing') }, fault: /names no operation of ErpSync/ }],
    ['a SOAP 1.2 request', { body: envelope(`<GetAllConnections xmlns="${TNS88}"/>`), headers: { 'content-type': 'application/soap+xml; charset=utf-8' }, fault: /is SOAP 1\.2; Services88 binds SOAP 1\.1/ }],
    ['a required parameter of a type left empty', { body: save('<ErpConnectionId></ErpConnectionId>'), headers: { SOAPAction: ACTION('SaveConnection') }, fault: /<ErpConnectionId>: .*xs:int/ }],
    ['a SOAP 1.2 envelope', { body: `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><GetAllConnections xmlns="${TNS88}"/></s:Body></s:Envelope>`, headers: { SOAPAction: ACTION('GetAllConnections') }, fault: /SOAP 1\.2 envelope namespace/ }],
    ['XML that is not well-formed', { body: '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>', headers: { SOAPAction: ACTION('GetAllConnections') }, fault: /not well-formed/ }],
  ])('%s', async (_name, { body, headers, fault }) => {
    const response = await post(body, headers);
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    const text = await response.text();
    expect(text).toMatch(/^<s:Envelope xmlns:s="http:\/\/schemas\.xmlsoap\.org\/soap\/envelope\/"[^>]*><s:Body><s:Fault><faultcode>/);
    expect(faultOf(text)).toMatch(fault);
  });

  test('a header the WSDL does not bind (WS-Addressing To) is passed over, as WCF does', async () => {
    const response = await post(envelope(`<GetAllConnections xmlns="${TNS88}"/>`, '<a:To xmlns:a="http://www.w3.org/2005/08/addressing">x</a:To>'), { SOAPAction: ACTION('GetAllConnections') });
    expect(response.status).toBe(200);
  });

  test('another media type is 415, as WCF answers it', async () => {
    const response = await post(envelope(`<GetAllConnections xmlns="${TNS88}"/>`), { 'content-type': 'application/json', SOAPAction: ACTION('GetAllConnections') });
    expect(response.status).toBe(415);
    expect(await response.text()).toContain("content type 'application/json' was not the expected type 'text/xml; charset=utf-8'");
  });

  test('a fault code with a prefix declares it', async () => {
    const text = await (await post(envelope(`<GetAllConnections xmlns="${TNS88}"/>`), { SOAPAction: ACTION('Nothing') })).text();
    expect(text).toContain('<faultcode>a:ActionNotSupported</faultcode>');
    expect(text).toContain('xmlns:a="http://schemas.microsoft.com/ws/2005/05/addressing/none"');
  });

  test('unknown agents and paths are 404, other verbs 405, bodies over 16 MB 413', async () => {
    expect((await fetch(`${mock.url}/Cust1/Remote/Services88/NoSuch.svc`, { method: 'POST', body: '' })).status).toBe(404);
    expect((await fetch(`${mock.url}/elsewhere`)).status).toBe(404);
    expect((await fetch(`${mock.url}/Cust1/Remote/Services88/ErpSync.svc`, { method: 'PUT', body: 'x' })).status).toBe(405);
    const big = await fetch(`${mock.url}/Cust1/Remote/Services88/ErpSync.svc`, { method: 'POST', body: 'x'.repeat(16 * 2 ** 20 + 1) }).catch((e: Error) => e);
    expect(big instanceof Error ? 'reset' : String(big.status)).toMatch(/^(413|reset)$/);
  });
});

describe('a third-party client and what the mock keeps', () => {
  test('node-soap built from ?wsdl calls several operations and reads the answers', async () => {
    const client = await soap.createClientAsync(`${mock.url}/Cust1/Remote/Services88/ErpSync.svc?wsdl`);
    const [all] = await client.GetAllConnectionsAsync({ IncludeDeleted: true });
    expect(all).toHaveProperty('Response');
    const [deleted] = await client.DeleteConnectionAsync({ ErpConnectionId: 5 });
    expect(typeof deleted.Response).toBe('boolean');
    // node-soap writes a Date as empty text: it is given the xs:dateTime text.
    const [summary] = await client.GetSyncSummaryAsync({ ErpConnectionId: 5, Since: '2026-01-01T00:00:00Z' });
    expect(summary.Response).toHaveProperty('RowsSynced');
  });

  test('--answers generated is deterministic for a seed, and differs across seeds', async () => {
    const answers = async (seed: number) => {
      const m = await startMock({ model, answers: 'generated', seed, versions: ['Services88'] });
      const text = await (await fetch(`${m.url}/Remote/Services88/ErpSync.svc`, { method: 'POST', headers: { 'content-type': 'text/xml', SOAPAction: ACTION('GetSyncSummary') }, body: envelope(`<GetSyncSummary xmlns="${TNS88}"/>`) })).text();
      await m.close();
      return text;
    };
    const first = await answers(7);
    expect(await answers(7)).toBe(first);
    expect(await answers(8)).not.toBe(first);
    expect(first).toContain('<tns:GetSyncSummaryResponse><tns:Response>');
  });

  test('--record keeps every request and its answer as a JSON line', async () => {
    const lines = readFileSync(record, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { method: string; url: string; status: number; body: string; answer: string });
    expect(lines.length).toBeGreaterThan(20);
    expect(lines.some((l) => l.status === 500 && l.answer.includes('comes after &lt;DisplayName&gt;'))).toBe(true);
    expect(lines.every((l) => typeof l.url === 'string' && typeof l.body === 'string')).toBe(true);
  });
});

describe('bounds and load', () => {
  test('a 65th open connection is refused; the server goes on serving', async () => {
    const { port } = new URL(mock.url);
    const open = await Promise.all(Array.from({ length: 64 }, () => new Promise<net.Socket>((resolve) => { const s = net.connect(Number(port), '127.0.0.1', () => resolve(s)); })));
    // Node counts a connection once it has accepted it: wait for the 64 to be counted.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await new Promise<boolean>((resolve) => {
      const extra = net.connect(Number(port), '127.0.0.1');
      extra.on('close', () => resolve(true));
      extra.setTimeout(2000, () => (extra.destroy(), resolve(false)));
    });
    expect(refused).toBe(true);
    for (const socket of open) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await post(envelope(`<GetAllConnections xmlns="${TNS88}"/>`), { SOAPAction: ACTION('GetAllConnections') })).status).toBe(200);
  });

  test('200 concurrent and 10,000 sequential small requests: no error, memory flat', async () => {
    // A client that keeps under the mock's 64 connections, as one pooling its connections does
    // (earlier tests' fetch keeps a few of its own open).
    const agent = new http.Agent({ keepAlive: true, maxSockets: 48 });
    const { port } = new URL(mock.url);
    const body = envelope(`<DeleteConnection xmlns="${TNS88}"><ErpConnectionId>1</ErpConnectionId></DeleteConnection>`);
    const call = () =>
      new Promise<number>((resolve, reject) => {
        const request = http.request({ host: '127.0.0.1', port, path: '/Cust1/Remote/Services88/ErpSync.svc', method: 'POST', agent, headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: ACTION('DeleteConnection'), 'content-length': Buffer.byteLength(body) } }, (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        });
        request.on('error', reject);
        request.end(body);
      });
    const concurrent = await Promise.all(Array.from({ length: 200 }, call));
    expect(concurrent.every((s) => s === 200)).toBe(true);
    for (let i = 0; i < 500; i++) await call();
    // What stays after a full collection: garbage between calls is not growth.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let failures = 0;
    for (let i = 0; i < 10_000; i++) if ((await call()) !== 200) failures++;
    expect(failures).toBe(0);
    gc();
    // Flat: the heap after 10,000 calls has not grown with them (a leak of 1 KB per call would be 10 MB).
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(8 * 2 ** 20);
    agent.destroy();
  }, 180_000);

  test('a WSDL that cannot be read (inside a zip, or gone) is a 404, and the mock goes on', async () => {
    const copy = structuredClone(model);
    const agent = copy.versions.find((v) => v.name === 'Services88')!.agents[0]!;
    agent.sources = agent.sources.map((s) => (s.file.endsWith('.xml') ? { ...s, file: `${s.file}.zip/gone.xml` } : s));
    const m = await startMock({ model: copy, versions: ['Services88'] });
    expect((await fetch(`${m.url}/Remote/Services88/ErpSync.svc?wsdl`)).status).toBe(404);
    expect((await fetch(`${m.url}/Remote/Services88/ErpSync.svc`, { method: 'POST', headers: { 'content-type': 'text/xml', SOAPAction: ACTION('GetAllConnections') }, body: envelope(`<GetAllConnections xmlns="${TNS88}"/>`) })).status).toBe(200);
    await m.close();
  });

  test('a record file that cannot be written is refused at the start', async () => {
    await expect(startMock({ model, record: path.join(dir, 'no-such-folder', 'r.jsonl') })).rejects.toThrow(/ENOENT/);
  });
});
