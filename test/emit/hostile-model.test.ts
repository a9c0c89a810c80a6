import vm from 'node:vm';
import { ts } from 'ts-morph';
import { describe, expect, test } from 'vitest';
import type { ApiModel, ApiVersion } from '../../src/model/api-model.js';
import { typeCheck } from '../../src/emit/check-program.js';
import { emitSdk } from '../../src/emit/emit-sdk.js';
import { loadTemplates } from '../../src/emit/templates.js';

const at = [{ file: 'x.md', line: 1 }];
const EVIL = '*/ globalThis.hacked = true; /* </script> @param x \u2028 ${1} `';

/** A model whose every text and name tries to break the generated code. */
function hostileVersion(): ApiVersion {
  return {
    name: 'Services99',
    kind: 'soap',
    targetNamespace: 'http://www.superoffice.net/ws/crm/NetServer/Services99',
    namespaces: { xs: 'http://www.w3.org/2001/XMLSchema', tns: 'http://www.superoffice.net/ws/crm/NetServer/Services99', ns1: 'urn:other' },
    agents: [
      {
        name: '../../escape',
        path: 'Remote/Services99/Escape.svc',
        description: EVIL,
        sources: at,
        methods: [
          {
            name: 'constructor',
            description: EVIL,
            onlineRestricted: EVIL,
            returnsDescription: EVIL,
            params: [
              { name: 'delete', type: 'tns:Date', minOccurs: 0, maxOccurs: 1, nillable: true, description: EVIL, sources: at },
              { name: 'odd-name', type: 'tns:Kind', minOccurs: 1, maxOccurs: 1, nillable: false, sources: at },
              { name: '__proto__', type: 'xs:int', minOccurs: 0, maxOccurs: 1, nillable: false, sources: at },
            ],
            returns: { name: 'Response', type: 'ns1:Date', minOccurs: 0, nillable: true, position: 0, sources: at },
            outParams: [],
            soap: { soapAction: 'a"b', requestElement: 'tns:constructor', responseElement: 'tns:constructorResponse', requestHeaders: [], responseHeaders: [] },
            docPages: [{ file: EVIL, line: 3 }],
            samples: [],
            sources: at,
          },
          {
            name: 'Delete',
            params: [],
            returns: { name: 'Response', type: 'xs:dateTime', minOccurs: 0, nillable: false, position: 0, sources: at },
            outParams: [],
            soap: { soapAction: 'd', requestElement: 'tns:Delete', responseElement: 'tns:DeleteResponse', requestHeaders: [], responseHeaders: [] },
            docPages: [],
            samples: [],
            sources: at,
          },
        ],
      },
    ],
    types: [
      { ref: 'tns:Date', name: 'Date', namespace: 'x', kind: 'complex', description: EVIL, sources: at, fields: [
        { name: 'class', type: 'xs:dateTime', minOccurs: 0, maxOccurs: 1, nillable: false, description: EVIL, sources: at },
        { name: 'a b', type: 'tns:Kind', minOccurs: 1, maxOccurs: -1, nillable: true, sources: at },
        { name: 'Self', type: 'tns:Date', minOccurs: 0, maxOccurs: 1, nillable: true, sources: at },
      ] },
      { ref: 'ns1:Date', name: 'Date', namespace: 'urn:other', kind: 'complex', fields: [], sources: at },
      { ref: 'tns:Kind', name: 'Kind', namespace: 'x', kind: 'enum', values: [{ name: EVIL, sources: at }, { name: 'a-b', sources: at }, { name: 'constructor', sources: at }, { name: '__proto__', sources: at }], sources: at },
      { ref: 'tns:EscapeAgent', name: '___escapeAgent', namespace: 'x', kind: 'simple', base: 'xs:string', sources: at },
    ],
  };
}


describe('text and names from the docs cannot break or hijack the generated code', () => {
  const model: ApiModel = { modelVersion: 1, versions: [hostileVersion()], diagnostics: [], summary: { filesRead: 0, filesUsed: 0, filesSkipped: 0, filesByKind: {}, diagnosticsByCode: {} } };
  const files = emitSdk(model, loadTemplates());

  test('every file stays inside the output folder', () => {
    for (const f of files) expect(f.path).toMatch(/^(runtime\/[a-z-]+\.ts|services99\/[A-Za-z0-9_.]+)$/);
  });

  test('the program type-checks under the strictest settings', () => {
    expect(typeCheck(files, 'test/.generated/hostile')).toEqual([]);
  });

  test('doc text never closes a comment or runs: the emitted modules evaluate without side effects', () => {
    for (const f of files.filter((x) => x.path.startsWith('services99/'))) {
      expect(f.content).not.toContain('\u2028');
      const js = ts.transpileModule(f.content, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
      const sandbox: Record<string, unknown> = { exports: {}, require: () => new Proxy({}, { get: () => class {} }) };
      vm.runInNewContext(js, sandbox);
      expect(sandbox['hacked'], f.path).toBeUndefined();
      if (f.path.endsWith('types.ts')) {
        const kind = (sandbox['exports'] as Record<string, Record<string, string>>)['Kind']!;
        expect(Object.keys(kind)).toEqual([EVIL.replace('\u2028', '\u2028'), 'a-b', 'constructor', '__proto__']);
        expect(Object.prototype.hasOwnProperty.call(kind, '__proto__')).toBe(true);
      }
    }
  });

  test('the generated module loads and exposes the escaped names', async () => {
    const agent = files.find((f) => f.path.endsWith('Agent.ts') && f.path.startsWith('services99/'))!;
    expect(agent.content).toContain('"constructor_"(args:');
    expect(agent.content).toContain('operations[0]!');
    expect(agent.content).toContain('Delete(call?: CallOptions): Promise<Date>');
    const types = files.find((f) => f.path === 'services99/types.ts')!.content;
    expect(types).toContain('export interface Date_ {');
    expect(types).toContain('export interface ns1_Date {');
    expect(types).toContain('"a b": (Kind | null)[];');
    expect(types).toContain('class?: Date | undefined;');
    expect((globalThis as Record<string, unknown>)['hacked']).toBeUndefined();
  });
});
