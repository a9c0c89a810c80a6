import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, test } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { readInputFile } from '../../src/ingest/read-file.js';
import type { ApiModel } from '../../src/model/api-model.js';
import { buildModel } from '../../src/model/build-model.js';
import { stableJson } from '../../src/model/model-json.js';
import { inputDocs, projectRoot } from '../support/shared.js';

async function modelOf(inputs: string[]): Promise<ApiModel> {
  const { results, listingDiagnostics } = await ingest(inputs, { threads: 1 });
  return buildModel(results, listingDiagnostics);
}

const method = (model: ApiModel, version: string, agent: string, name: string) =>
  model.versions.find((v) => v.name === version)!.agents.find((a) => a.name === agent)!.methods.find((m) => m.name === name)!;

describe('the model of input-docs', async () => {
  const model = await modelOf([inputDocs]);

  test('validates against the JSON Schema kept in the repo', () => {
    const schema = JSON.parse(readFileSync(path.join(projectRoot, 'schema/model.schema.json'), 'utf8'));
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
    const ok = validate(JSON.parse(stableJson(model)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test('is the same bytes every time', async () => {
    expect(stableJson(await modelOf([inputDocs]))).toBe(stableJson(model));
  });

  test('has every version found in the drop, each agent and method once', () => {
    expect(model.versions.map((v) => [v.name, v.kind, v.agents.map((a) => `${a.name}:${a.methods.length}`).join()])).toEqual([
      ['Services86', 'soap', 'ErpSync:4'],
      ['Services87', 'soap', 'ErpSync:5'],
      ['Services88', 'soap', 'ErpSync:6'],
      ['v1', 'rest', 'ErpSync:10'],
    ]);
  });

  test('pages add prose to the WSDL operation; the WSDL keeps the wire shape', () => {
    const save = method(model, 'Services86', 'ErpSync', 'SaveConnection');
    expect(save.description).toBe('Stores a connection; a new one is created when ErpConnectionId is 0.');
    expect(save.onlineRestricted).toBe('Only apps registered for ERP integration may call this agent in Online.');
    expect(save.params.map((p) => [p.name, p.type, p.description])).toEqual([['Connection', 'tns:ErpConnection', 'The connection to store.']]);
    expect(save.docPages).toHaveLength(1);
    expect(save.soap!.soapAction).toBe('http://www.superoffice.net/ws/crm/NetServer/Services86/ErpSync/SaveConnection');
  });

  test('results and enum values carry their sources: a WSDL file and a WSDL page describing one operation are both named', () => {
    /** 1-based line and column of the first `marker` after `after` in a file, found in its text. */
    const at = (relative: string, after: string, marker: string) => {
      const file = path.join(projectRoot, relative);
      const text = readFileSync(file, 'utf8');
      const i = text.indexOf(marker, text.indexOf(after));
      return { file, line: text.slice(0, i).split('\n').length, column: i - text.lastIndexOf('\n', i - 1) };
    };
    const wsdlFile = 'input-docs/wsdl/Services88/WSDL-Services88-ErpSync.xml';
    const wsdlPage = 'input-docs/mintlify/Services88/Services88-ErpSync.md';
    const response = '<xs:element minOccurs="0" name="Response"';
    expect(method(model, 'Services88', 'ErpSync', 'SaveConnection').returns!.sources).toEqual([
      at(wsdlFile, '<xs:element name="SaveConnectionResponse">', response),
      at(wsdlPage, '<xs:element name="SaveConnectionResponse">', response),
    ]);
    expect(method(model, 'Services86', 'ErpSync', 'SaveConnection').returns!.sources).toEqual([
      at('input-docs/wsdl/Services86/WSDL-Services86-ErpSync.xml', '<xs:element name="SaveConnectionResponse">', response),
    ]);
    const actorType = model.versions.find((v) => v.name === 'Services86')!.types.find((t) => t.name === 'CrmActorType')!;
    const actorFile = 'input-docs/wsdl/Services86/WSDL-Services86-ErpSync.xml';
    expect(actorType.values!.map((v) => [v.name, v.sources])).toEqual(
      ['Unknown', 'Person', 'Contact', 'Project', 'Sale'].map((name) => [name, [at(actorFile, '<xs:simpleType name="CrmActorType">', `<xs:enumeration value="${name}"/>`)]]),
    );
    // A REST method's result is the one the REST definitions declare (both formats), and the page's Response section.
    const restPage = path.join(projectRoot, 'input-docs/docfx/restful/agent/ErpSync_Agent/v1ErpSyncAgent_SaveConnection.md');
    const responseLine = readFileSync(restPage, 'utf8').split('\n').findIndex((l) => l.startsWith('## Response')) + 1;
    const ok = '/paths/~1api~1v1~1Agents~1ErpSync~1SaveConnection/post/responses/200';
    expect(method(model, 'v1', 'ErpSync', 'SaveConnection').returns!.sources.map((s) => [path.basename(s.file), s.pointer ?? s.line])).toEqual([
      ['openapi-v3-ErpSyncAgent.json', ok],
      ['Swagger-v1-ErpSyncAgent.json', ok],
      [path.basename(restPage), responseLine],
    ]);
  });

  test('two drops of one version merge: both pages and the WSDL page are sources', () => {
    const save = method(model, 'Services88', 'ErpSync', 'SaveConnection');
    expect(save.docPages.map((p) => p.file)).toEqual([
      'input-docs/docfx/soap/Services88/ErpSync/SaveConnection.md',
      'input-docs/mintlify/Services88/ErpSync/SaveConnection.md',
    ].map((f) => path.join(projectRoot, f)));
    expect(save.sources.map((s) => path.basename(s.file))).toEqual(['WSDL-Services88-ErpSync.xml', 'Services88-ErpSync.md']);
    expect(save.samples.map((s) => s.kind)).toEqual(['soap-request', 'soap-response', 'soap-request', 'soap-response']);
  });

  test('without a REST definition, REST methods take their types from the newest ServicesNN and their shape from the page', async () => {
    const pagesOnly = await modelOf(['wsdl', 'docfx', 'mintlify'].map((d) => path.join(inputDocs, d)));
    const rest = pagesOnly.versions.find((v) => v.name === 'v1')!;
    expect(rest.typesFrom).toBe('Services88');
    const del = method(pagesOnly, 'v1', 'ErpSync', 'DeleteConnection');
    expect(del.rest).toEqual({ verb: 'POST', path: 'api/v1/Agents/ErpSync/DeleteConnection', body: 'none', select: false, responseBodyLabel: 'bool' });
    expect(del.params.map((p) => [p.name, p.in, p.wireName, p.type])).toEqual([['ErpConnectionId', 'query', 'erpConnectionId', 'xs:int']]);
    expect(del.returns?.type).toBe('xs:boolean');
    const save = method(pagesOnly, 'v1', 'ErpSync', 'SaveConnection');
    expect(save.rest).toMatchObject({ body: 'object', bodyName: 'request', select: true });
    expect(save.params.map((p) => [p.name, p.type, p.in])).toEqual([['Connection', 'tns:ErpConnection', 'body']]);
    const types = new Set(rest.types.map((t) => t.ref));
    for (const ref of ['tns:ErpConnection', 'tns:Carrier', 'tns:StringDictionary', 'arr:ArrayOfint', 'tns:SyncSummary', 'ser:guid', 'tns:ConnectorTestResult']) {
      expect(types, ref).toContain(ref);
    }
    const erp = rest.types.find((t) => t.ref === 'tns:ErpConnection')!;
    expect(erp.fields!.find((f) => f.name === 'DisplayName')!.description).toBe('Name shown to users');
  });

  test('with REST definitions, they give the REST wire; the pages add prose and samples; the WSDL twin a richer type', () => {
    const rest = model.versions.find((v) => v.name === 'v1')!;
    expect(rest.typesFrom).toBeUndefined();
    const del = method(model, 'v1', 'ErpSync', 'DeleteConnection');
    expect(del.rest).toEqual({
      verb: 'POST',
      path: 'api/v1/Agents/ErpSync/DeleteConnection',
      body: 'none',
      select: false,
      headers: ['Accept-Language', 'SO-Language', 'SO-Culture', 'SO-TimeZone', 'SO-AppToken'],
      operationId: 'v1ErpSyncAgent_DeleteConnection',
    });
    // The SOAP twin's spelling for the argument, the definition's on the wire.
    expect(del.params.map((p) => [p.name, p.in, p.wireName, p.type, p.minOccurs])).toEqual([['ErpConnectionId', 'query', 'erpConnectionId', 'xs:int', 1]]);
    expect(del.docPages.map((p) => path.basename(p.file))).toEqual(['v1ErpSyncAgent_DeleteConnection.md']);
    const save = method(model, 'v1', 'ErpSync', 'SaveConnection');
    // One method from four kinds of source: OpenAPI, the SOAP twin (its WSDL file and WSDL page), Swagger, the REST page.
    expect(save.sources.map((s) => path.basename(s.file))).toEqual([
      'openapi-v3-ErpSyncAgent.json',
      'WSDL-Services88-ErpSync.xml',
      'Services88-ErpSync.md',
      'Swagger-v1-ErpSyncAgent.json',
      'v1ErpSyncAgent_SaveConnection.md',
    ]);
    expect(save.samples.map((s) => s.kind)).toEqual(['rest-request', 'rest-response']);
    expect(save.onlineRestricted).toBe('Ask for the ErpSync agent when the app is registered.');
    // The entity itself as the body, named by Swagger; an array body that only Swagger names.
    expect(method(model, 'v1', 'ErpSync', 'SaveConnectorEntity').rest).toMatchObject({ body: 'value', bodyName: 'erpSyncConnectorEntity' });
    expect(method(model, 'v1', 'ErpSync', 'SetConnectionOrder').params.map((p) => [p.name, p.type])).toEqual([['connectionIds', 'tns:ArrayOfint']]);
    expect(method(model, 'v1', 'ErpSync', 'GetConnectorLogo').rest).toMatchObject({ response: 'binary', headers: ['SO-AppToken'] });
    const type = (ref: string) => rest.types.find((t) => t.ref === ref)!;
    const erp = type('tns:ErpConnection');
    expect(erp.namespace).toBe('SuperOffice.CRM.Services');
    expect(erp.fields!.map((f) => [f.name, f.type, f.nillable])).toEqual([
      ['ErpConnectionId', 'xs:int', false],
      ['ErpConnectorId', 'xs:int', false],
      ['DisplayName', 'xs:string', true],
      ['Active', 'xs:boolean', false],
      ['ConnectionId', 'xs:string', true],
      ['MostRecentTimestamp', 'xs:string', true],
      ['ConfigFields', 'tns:DictionaryOfstring', true],
      ['Deleted', 'xs:boolean', false],
      ['UserGroupAccessIds', 'tns:ArrayOfint', true],
      ['TableRight', 'tns:TableRight', true],
      ['FieldProperties', 'tns:DictionaryOfFieldProperty', true],
    ]);
    // The definition says string; the WSDL twin says flags, with the same text on the wire.
    expect(type('tns:TableRight').fields!.find((f) => f.name === 'Mask')!.type).toBe('tns:ETableRight');
    expect(type('tns:ETableRight').kind).toBe('flags');
    expect(type('tns:SyncSummary').fields!.map((f) => [f.name, f.type])).toEqual([
      ['SyncId', 'xs:string'],
      ['LastRun', 'xs:dateTime'],
      ['RowsSynced', 'xs:long'],
      ['Amount', 'xs:decimal'],
      ['Elapsed', 'xs:string'],
      ['Checksum', 'xs:base64Binary'],
      ['Tags', 'tns:ArrayOfstring'],
    ]);
    const disagreements = model.diagnostics.filter((d) => d.file.endsWith('.json')).map((d) => [path.basename(d.file), d.code, d.pointer, d.message]);
    expect(disagreements).toEqual([
      [
        'Swagger-v1-ErpSyncAgent.json',
        'source-disagreement',
        '/definitions/SuperOffice.CRM.Services.ErpConnection',
        expect.stringMatching(/^schema SuperOffice\.CRM\.Services\.ErpConnection differs from its definition at .*openapi-v3-ErpSyncAgent\.json:\d+ \(property MostRecentTimestamp only there\); that one is kept$/),
      ],
      [
        'openapi-v3-ErpSyncAgent.json',
        'source-disagreement',
        '/components/schemas/SuperOffice.CRM.Services.ErpConnection/properties/MostRecentTimestamp',
        'ErpConnection.MostRecentTimestamp is not a field of the WSDL type tns:ErpConnection',
      ],
    ]);
  });

  test('sample defects are diagnostics with file and line', () => {
    expect(model.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'sample-value',
        file: path.join(projectRoot, 'input-docs/docfx/soap/Services87/ErpSync/GetAllConnections.md'),
        line: 38,
      }),
    );
    expect(model.summary).toMatchObject({ filesRead: 23, filesUsed: 23, filesSkipped: 0 });
  });
});

describe('disagreements between sources are diagnostics, never silent choices', () => {
  const wsdl = (ops: string, extraType = '') =>
    `<wsdl:definitions targetNamespace="http://www.superoffice.net/ws/crm/NetServer/Services90" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="http://www.superoffice.net/ws/crm/NetServer/Services90" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/">
<wsdl:types><xs:schema elementFormDefault="qualified" targetNamespace="http://www.superoffice.net/ws/crm/NetServer/Services90" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<xs:element name="A"><xs:complexType><xs:sequence><xs:element name="X" type="${ops}"/></xs:sequence></xs:complexType></xs:element>
<xs:element name="AResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
<xs:complexType name="T"><xs:sequence><xs:element name="F" type="xs:int"/>${extraType}</xs:sequence></xs:complexType>
</xs:schema></wsdl:types>
<wsdl:message name="AReq"><wsdl:part name="parameters" element="tns:A"/></wsdl:message><wsdl:message name="ARes"><wsdl:part name="parameters" element="tns:AResponse"/></wsdl:message>
<wsdl:portType name="W"><wsdl:operation name="A"><wsdl:input message="tns:AReq"/><wsdl:output message="tns:ARes"/></wsdl:operation></wsdl:portType>
<wsdl:binding name="B" type="tns:W"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/><wsdl:operation name="A"><soap:operation soapAction="a"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation></wsdl:binding>
</wsdl:definitions>`;
  const read = (file: string, text: string) => readInputFile(file, text, () => ({ error: {} as never }));

  const cases: Array<[string, { given: Array<[string, string]>; want: Array<{ code: string; file: string }> }]> = [
    ['the same WSDL twice agrees', { given: [['a.xml', wsdl('xs:int')], ['b.xml', wsdl('xs:int')]], want: [] }],
    ['an operation that differs', { given: [['a.xml', wsdl('xs:int')], ['b.xml', wsdl('xs:string')]], want: [{ code: 'source-disagreement', file: 'b.xml' }] }],
    ['a type that differs', { given: [['a.xml', wsdl('xs:int')], ['b.xml', wsdl('xs:int', '<xs:element name="G" type="xs:int"/>')]], want: [{ code: 'source-disagreement', file: 'b.xml' }] }],
    [
      'a page for an operation the WSDL lacks',
      {
        given: [['a.xml', wsdl('xs:int')], ['p.md', '# Services90 W Zap\n\nSOAP request and response examples **Remote/Services90/W.svc**\n\n## Zap Request\n\n```xml\n<a/>\n```\n']],
        want: [{ code: 'page-without-operation', file: 'p.md' }],
      },
    ],
  ];
  test.each(cases)('%s', (_name, { given, want }) => {
    const model = buildModel(given.map(([file, text]) => read(file, text)));
    expect(model.diagnostics.map((d) => ({ code: d.code, file: d.file }))).toEqual(want);
    expect(model.versions[0]!.agents[0]!.methods.map((m) => m.name)).toEqual(['A']);
  });
});
