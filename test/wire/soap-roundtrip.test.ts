import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import soap from 'soap';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateForTest } from '../support/generate-sdk.js';
import { corpusRoot, haveShared, sharedSkipReason } from '../support/shared.js';

/**
 * The generated Services88 ErpSync client against a node-soap server built from the official WSDL, on
 * 127.0.0.1. The server checks what it decoded (arguments and headers); the client checks the typed
 * results, and that a fault becomes a NetServerError.
 */
describe.skipIf(!haveShared)('round trip against node-soap serving the official Services88 ErpSync WSDL', () => {
  const seen: Array<{ method: string; args: unknown; headers: unknown }> = [];
  let server: http.Server;
  let client: any;
  let errors: any;

  const ok = (method: string, result: unknown) => (args: unknown, _cb: unknown, headers: unknown) => {
    seen.push({ method, args, headers });
    return result;
  };

  beforeAll(async () => {
    const wsdlFile = path.join(corpusRoot, 'wsdl/Services88/WSDL-Services88-ErpSync.xml');
    const { dir } = await generateForTest('roundtrip', [wsdlFile]);
    const services = {
      WcfErpSyncService: {
        BasicHttpBinding_ErpSync: {
          SaveConnection: ok('SaveConnection', {
            Response: {
              ErpConnectionId: 42,
              ErpConnectorId: 7,
              DisplayName: 'Ledger & <east>',
              Active: true,
              ConfigFields: { StringKeyValuePair: [{ Key: 'region', Value: 'east' }, { Key: 'mode', Value: 'full' }] },
              UserGroupAccessIds: { int: [4] },
              AssociateAccessIds: { int: [1, 2, 3] },
            },
          }),
          ConnectActor: ok('ConnectActor', {}),
          GetAllConnections: (args: unknown, _cb: unknown, headers: unknown) => {
            seen.push({ method: 'GetAllConnections', args, headers });
            return { Response: { ErpConnection: [{ ErpConnectionId: 1, DisplayName: 'one', Deleted: false }, { ErpConnectionId: 2, DisplayName: 'two', Deleted: true }] } };
          },
          GetConnection: () => {
            throw { Fault: { faultcode: 's:Server', faultstring: 'Connection 99 does not exist', detail: {} } };
          },
          DeleteConnection: ok('DeleteConnection', {}),
          ChangeEngineStatus: ok('ChangeEngineStatus', { Response: { IsRunning: true, StatusMessage: 'running', Interval: 'PT5M' } }),
          ChangeEngineInterval: ok('ChangeEngineInterval', {}),
          ForceResync: ok('ForceResync', { Response: { IsOk: true, UserExplanation: 'queued' } }),
          ForceResyncExternal: ok('ForceResyncExternal', { Response: { IsOk: false, ErrorCode: 'E1' } }),
          GetErpConnectionConfigFields: ok('GetErpConnectionConfigFields', { Response: { StringKeyValuePair: [{ Key: 'url', Value: 'https://erp.invalid' }] } }),
          ToggleErpConnectionActive: ok('ToggleErpConnectionActive', { Response: { string: ['a', 'b'] } }),
          TestConnectionByConfig: ok('TestConnectionByConfig', { Response: true }),
          SaveErpSyncConnectorEntity: ok('SaveErpSyncConnectorEntity', { Response: { ErpConnectorId: 3, DisplayName: 'c', URL: 'https://c.invalid', Deleted: false } }),
          CreateDefaultErpSyncConnectorEntity: ok('CreateDefaultErpSyncConnectorEntity', { Response: { ErpConnectorId: 0, Deleted: false } }),
          GetCrmActorType: ok('GetCrmActorType', { Response: 'Contact' }),
        },
      },
    };
    server = http.createServer((_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    soap.listen(server, '/Cust1/Remote/Services88/ErpSync.svc', services, readFileSync(wsdlFile, 'utf8'));
    const { port } = server.address() as AddressInfo;
    const module = await import(path.join(dir, 'services88/ErpSyncAgent.ts'));
    errors = await import(path.join(dir, 'runtime/errors.ts'));
    client = new module.ErpSyncAgent({ baseUrl: `http://127.0.0.1:${port}/Cust1`, ticket: '7T:ticket', applicationToken: 'app-token', timeoutMs: 10_000 });
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  const lastCall = (method: string) => seen.filter((s) => s.method === method).at(-1)!;

  test('SaveConnection: the carrier travels in order with dictionary and arrays; the typed result comes back', async () => {
    const result = await client.SaveConnection({
      Connection: { ErpConnectionId: 0, ErpConnectorId: 7, DisplayName: 'Ledger & <east>', Active: true, ConfigFields: { region: 'east' }, UserGroupAccessIds: [4, 5] },
    });
    expect(lastCall('SaveConnection')).toEqual({
      method: 'SaveConnection',
      args: { Connection: { ErpConnectionId: 0, ErpConnectorId: 7, DisplayName: 'Ledger & <east>', Active: true, ConfigFields: { StringKeyValuePair: [{ Key: 'region', Value: 'east' }] }, UserGroupAccessIds: { int: [4, 5] } } },
      headers: { ApplicationToken: 'app-token', Credentials: { Ticket: '7T:ticket' } },
    });
    expect(result).toEqual({
      ErpConnectionId: 42,
      ErpConnectorId: 7,
      DisplayName: 'Ledger & <east>',
      Active: true,
      ConfigFields: { region: 'east', mode: 'full' },
      UserGroupAccessIds: [4],
      AssociateAccessIds: [1, 2, 3],
    });
  });

  test('ConnectActor: enums and an array of carriers; no result', async () => {
    const result = await client.ConnectActor({
      ErpConnectionId: 1,
      CrmRecordId: 2,
      CrmActorType: 'Person',
      ErpKey: 'K-1',
      ErpActorType: 'Customer',
      FieldValues: [{ CrmFieldKey: 'name', Value: 'Acme', SyncToCrm: true }],
    });
    expect(result).toBeUndefined();
    expect(lastCall('ConnectActor').args).toEqual({
      ErpConnectionId: 1,
      CrmRecordId: 2,
      CrmActorType: 'Person',
      ErpKey: 'K-1',
      ErpActorType: 'Customer',
      FieldValues: { ErpSyncFieldValue: [{ CrmFieldKey: 'name', Value: 'Acme', SyncToCrm: true }] },
    });
  });

  test('GetAllConnections: an array result decodes to typed carriers', async () => {
    const result = await client.GetAllConnections({ IncludeDeleted: true });
    expect(lastCall('GetAllConnections').args).toEqual({ IncludeDeleted: true });
    expect(result).toEqual([
      { ErpConnectionId: 1, DisplayName: 'one', Deleted: false },
      { ErpConnectionId: 2, DisplayName: 'two', Deleted: true },
    ]);
  });

  test('a SOAP fault becomes a NetServerError with the server message', async () => {
    const error = await client.GetConnection({ ErpConnectionId: 99 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors.NetServerError);
    expect(error.message).toBe('Connection 99 does not exist');
    expect(error.exceptionType).toBe('s:Server');
  });

  test.each([
    ['DeleteConnection', { ErpConnectionId: 5 }, { ErpConnectionId: 5 }, undefined],
    ['ChangeEngineStatus', { Run: true }, { Run: true }, { IsRunning: true, StatusMessage: 'running', Interval: 'PT5M' }],
    ['ChangeEngineInterval', { Interval: 'PT10M' }, { Interval: 'PT10M' }, undefined],
    ['ForceResync', { ErpConnectionId: 3, InternalKeyIds: [7, 8] }, { ErpConnectionId: 3, InternalKeyIds: { int: [7, 8] } }, { IsOk: true, UserExplanation: 'queued' }],
    ['ForceResyncExternal', { ErpConnectionId: 3, ErpActorType: 'Supplier', ExternalKeys: ['x', 'y'] }, { ErpConnectionId: 3, ErpActorType: 'Supplier', ExternalKeys: { string: ['x', 'y'] } }, { IsOk: false, ErrorCode: 'E1' }],
    ['GetErpConnectionConfigFields', { ErpConnectionId: 3 }, { ErpConnectionId: 3 }, { url: 'https://erp.invalid' }],
    ['ToggleErpConnectionActive', { ErpConnectionId: 3 }, { ErpConnectionId: 3 }, ['a', 'b']],
    ['TestConnectionByConfig', { ErpConnectionId: 3, ConfigFields: { a: '1' } }, { ErpConnectionId: 3, ConfigFields: { StringKeyValuePair: [{ Key: 'a', Value: '1' }] } }, true],
    ['SaveErpSyncConnectorEntity', { ErpSyncConnectorEntity: { ErpConnectorId: 3, DisplayName: 'c', URL: 'https://c.invalid', Deleted: false } }, { ErpSyncConnectorEntity: { ErpConnectorId: 3, DisplayName: 'c', URL: 'https://c.invalid', Deleted: false } }, { ErpConnectorId: 3, DisplayName: 'c', URL: 'https://c.invalid', Deleted: false }],
    ['CreateDefaultErpSyncConnectorEntity', undefined, {}, { ErpConnectorId: 0, Deleted: false }],
    ['GetCrmActorType', { ErpConnectionId: 3, ErpActorType: 'Customer' }, { ErpConnectionId: 3, ErpActorType: 'Customer' }, 'Contact'],
  ])('%s', async (method, args, serverSees, want) => {
    const result = args === undefined ? await client[method]() : await client[method](args);
    const call = lastCall(method);
    expect(call.args ?? {}).toEqual(serverSees);
    expect(call.headers).toEqual({ ApplicationToken: 'app-token', Credentials: { Ticket: '7T:ticket' } });
    expect(result).toEqual(want);
  });
});

if (!haveShared) test.skip(sharedSkipReason, () => {});
