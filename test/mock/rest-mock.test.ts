import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadModel } from '../../src/cli/load-model.js';
import type { ApiModel } from '../../src/model/api-model.js';
import { serveModel, type RunningMock } from '../../src/mock/server.js';
import { inputDocs, projectRoot } from '../support/shared.js';

/**
 * The mock's REST half, served from input-docs' model (its ErpSync and Contact definitions): the
 * generated REST clients call the agent and entity operations through it, and plain fetch sends
 * requests NetServer would refuse.
 */
let model: ApiModel;
let mock: RunningMock;

beforeAll(async () => {
  model = await loadModel([inputDocs]);
  mock = await serveModel({ model });
}, 60_000);
afterAll(() => mock?.close());

type Client = Record<string, (args?: unknown) => Promise<unknown>>;
const client = async (file: string, name: string) => {
  const module = (await import(path.join(projectRoot, 'generated/rest-v1', file))) as Record<string, new (o: unknown) => Client>;
  return new module[name]!({ baseUrl: `${mock.url}/Cust1/`, ticket: '7T:t', applicationToken: 'app', timeoutMs: 10_000 });
};

describe('the generated REST clients against the mock', () => {
  test('every ErpSync agent operation answers, typed', async () => {
    const agent = await client('ErpSyncAgent.ts', 'ErpSyncAgent');
    const methods = model.versions.find((v) => v.name === 'v1')!.agents.find((a) => a.name === 'ErpSync')!.methods;
    expect(methods.length).toBeGreaterThan(3);
    // Required parameters get a plain value of their type; the rest are left out.
    const plain = (type: string): unknown => (type === 'xs:string' ? 'x' : type === 'xs:boolean' ? true : type.startsWith('xs:') ? 1 : {});
    for (const method of methods) {
      const result = await agent[method.name]!(Object.fromEntries(method.params.filter((p) => p.minOccurs > 0).map((p) => [p.name, plain(p.type)])));
      if (method.returns) expect(result, method.name).not.toBeUndefined();
    }
  });

  test('entity API operations: verbs, path templates, bodies', async () => {
    const contacts = await client('ContactRestApi.ts', 'ContactRestApi');
    const one = (await contacts.GetContactEntity!({ id: 5 })) as Record<string, unknown> | null;
    expect(one).toEqual(expect.any(Object));
    expect(await contacts.GetAll!({ $top: 3, $orderBy: ['name'] })).toBeDefined();
    expect(await contacts.PutContactEntity!({ id: 5, body: { ContactId: 5, Name: 'Renamed' } })).toEqual(expect.any(Object));
    expect(await contacts.PatchContactEntity!({ id: 5, body: [{ op: 'replace', path: '/Name', value: 'x' }] })).toEqual(expect.any(Object));
    await expect(contacts.DeleteContactEntity!({ id: 5 })).resolves.toBeUndefined();
    expect(await contacts.GetNameDuplicates!({ name: 'Acme & Co' })).toEqual(expect.any(Array));
  });
});

describe('requests NetServer would refuse: a NetServer-shaped error naming the first problem', () => {
  const send = (pathAndQuery: string, init: RequestInit) => fetch(`${mock.url}/Cust1/${pathAndQuery}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  test.each<[string, { path: string; init: RequestInit; status: number; message: RegExp }]>([
    ['a field of the wrong type', { path: 'api/v1/Agents/ErpSync/SaveConnection', init: { method: 'POST', body: '{"Connection":{"ErpConnectionId":"one"}}' }, status: 400, message: /body\.Connection\.ErpConnectionId: 'one' is not an integer of xs:int/ }],
    ['a body that is not JSON', { path: 'api/v1/Agents/ErpSync/SaveConnection', init: { method: 'POST', body: '{"Connection":' }, status: 400, message: /the body is not JSON/ }],
    ['a body that is not an object', { path: 'api/v1/Agents/ErpSync/SaveConnection', init: { method: 'POST', body: '[1]' }, status: 400, message: /must be an object of the parameters/ }],
    ['a path value of the wrong type', { path: 'api/v1/Contact/abc', init: { method: 'GET' }, status: 400, message: /path \{id\}: 'abc' is not an integer/ }],
    ['a query value of the wrong type', { path: 'api/v1/Contact?$top=many', init: { method: 'GET' }, status: 400, message: /query \$top: 'many' is not an integer/ }],
    ['a path that is not valid percent-encoding', { path: 'api/v1/Contact/%ZZ', init: { method: 'GET' }, status: 400, message: /'%ZZ' is not valid percent-encoding/ }],
    ['the wrong verb', { path: 'api/v1/Agents/ErpSync/SaveConnection', init: { method: 'GET' }, status: 405, message: /GET is not allowed .*: POST/ }],
    ['an unknown operation', { path: 'api/v1/Agents/ErpSync/Nothing', init: { method: 'POST', body: '{}' }, status: 404, message: /no operation at/ }],
  ])('%s', async (_name, { path: where, init, status, message }) => {
    const response = await send(where, init);
    expect(response.status).toBe(status);
    const error = (await response.json()) as { Error: boolean; ErrorType: string; Message: string };
    expect(error.Error).toBe(true);
    expect(error.Message).toMatch(message);
  });

  test('query names are bound whatever their case, as ASP.NET binds them', async () => {
    expect((await send('api/v1/Contact?$TOP=2', { method: 'GET' })).status).toBe(200);
    expect((await send('api/v1/Contact?$TOP=many', { method: 'GET' })).status).toBe(400);
  });

  test('exact numbers in a body (an xs:decimal with a fraction, an xs:long past 2^53) are taken; a fraction for an int is not', async () => {
    const put = (entity: string) => send('api/v1/Contact/5', { method: 'PUT', body: entity });
    expect((await put('{"ContactId":5,"Turnover":12345678901234567890.125,"Revision":9007199254740993}')).status).toBe(200);
    const refused = await put('{"ContactId":5.5}');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { Message: string }).Message).toMatch(/ContactId: '5\.5' is not an integer of xs:int/);
  });

  test('unknown properties are passed over, as NetServer does', async () => {
    const response = await send('api/v1/Agents/ErpSync/SaveConnection', { method: 'POST', body: '{"Connection":{"ErpConnectionId":1,"Colour":"red"},"Extra":true}' });
    expect(response.status).toBe(200);
  });
});
