import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { readInputFile } from '../../src/ingest/read-file.js';
import type { ApiModel } from '../../src/model/api-model.js';
import { buildModel } from '../../src/model/build-model.js';
import { diffModels } from '../../src/diff/diff-models.js';
import { formatMarkdown } from '../../src/diff/format-markdown.js';
import { plainWsdlParser } from '../support/plain-wsdl.js';
import { corpusRoot, haveShared, sharedSkipReason } from '../support/shared.js';

const VERSIONS = ['Services86', 'Services87', 'Services88'];
const PAIRS: Array<[string, string]> = [
  ['Services86', 'Services87'],
  ['Services87', 'Services88'],
];
const wsdlDir = (v: string) => path.join(corpusRoot, 'wsdl', v);
const wsdlFiles = (v: string) => readdirSync(wsdlDir(v)).map((f) => path.join(wsdlDir(v), f));

/**
 * The WSDL files read here with fast-xml-parser, the independent reader the project keeps: agent
 * (portType) names, operation names with their request sequence (the parameters), and every named schema type with its own sequence elements and
 * enumeration values. A type is keyed by its namespace, with the ServicesNN of the version's own
 * namespace left out (the differ pairs `tns:` types across versions), and its name.
 */
const plain = plainWsdlParser;

interface SchemaType {
  name: string;
  fields: Set<string>;
  values: Set<string>;
}
interface VersionNames {
  /** Agent → operation → its request element's sequence (the parameters). */
  agents: Map<string, Map<string, Set<string>>>;
  types: Map<string, SchemaType>;
}

/** Every `@value` of an `xs:enumeration` anywhere below a node (an enum, or the restriction inside a list). */
function enumerationValues(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const n of node) enumerationValues(n, out);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'xs:enumeration') for (const e of value as Array<Record<string, string>>) out.add(e['@value']!);
      else enumerationValues(value, out);
    }
  }
  return out;
}

function namesOf(version: string): VersionNames {
  const agents = new Map<string, Map<string, Set<string>>>();
  const types = new Map<string, SchemaType>();
  const local = (qname: string) => qname.slice(qname.indexOf(':') + 1);
  for (const file of wsdlFiles(version)) {
    const doc = plain.parse(readFileSync(file, 'utf8'))['wsdl:definitions'];
    const elements = new Map<string, any>();
    for (const schema of doc['wsdl:types']['xs:schema'] as Array<Record<string, any>>) {
      for (const el of schema['xs:element'] ?? []) elements.set(el['@name'], el);
    }
    const messages = new Map((doc['wsdl:message'] as any[]).map((m) => [m['@name'], local(m['wsdl:part'][0]['@element'])]));
    const paramsOf = (op: any) => {
      const sequence = elements.get(messages.get(local(op['wsdl:input']['@message']))!)['xs:complexType'][0]['xs:sequence'];
      return new Set<string>((sequence?.['xs:element'] ?? []).map((e: Record<string, string>) => e['@name']));
    };
    const portType = doc['wsdl:portType'];
    agents.set(portType['@name'], new Map((portType['wsdl:operation'] as any[]).map((op) => [op['@name'], paramsOf(op)])));
    for (const schema of doc['wsdl:types']['xs:schema'] as Array<Record<string, any>>) {
      const ns = String(schema['@targetNamespace']).replace(/Services\d+$/, 'ServicesNN');
      for (const ct of schema['xs:complexType'] ?? []) {
        const sequence = (ct['xs:complexContent']?.['xs:extension'] ?? ct)['xs:sequence'];
        const fields = new Set<string>((sequence?.['xs:element'] ?? []).map((e: Record<string, string>) => e['@name']));
        types.set(`${ns} ${ct['@name']}`, { name: ct['@name'], fields, values: new Set() });
      }
      for (const st of schema['xs:simpleType'] ?? []) {
        types.set(`${ns} ${st['@name']}`, { name: st['@name'], fields: new Set(), values: enumerationValues(st) });
      }
    }
  }
  return { agents, types };
}

/** What was added and removed between two versions, as `what change name` lines. */
function expectedChanges(before: VersionNames, after: VersionNames): string[] {
  const out: string[] = [];
  const compare = <K, V>(a: Map<K, V> | Set<K>, b: Map<K, V> | Set<K>, line: (change: string, key: K) => string, both?: (x: K) => void) => {
    for (const key of a.keys()) if (b.has(key)) both?.(key); else out.push(line('removed', key));
    for (const key of b.keys()) if (!a.has(key)) out.push(line('added', key));
  };
  compare(before.agents, after.agents, (change, agent) => `agent ${change} ${agent}`, (agent) =>
    compare(before.agents.get(agent)!, after.agents.get(agent)!, (change, op) => `method ${change} ${agent}.${op}`, (op) =>
      compare(before.agents.get(agent)!.get(op)!, after.agents.get(agent)!.get(op)!, (change, param) => `param ${change} ${agent}.${op}.${param}`),
    ),
  );
  const nameOf = (key: string) => (before.types.get(key) ?? after.types.get(key))!.name;
  compare(before.types, after.types, (change, key) => `type ${change} ${nameOf(key)}`, (key) => {
    const [a, b] = [before.types.get(key)!, after.types.get(key)!];
    compare(a.fields, b.fields, (change, field) => `field ${change} ${a.name}.${field}`);
    compare(a.values, b.values, (change, value) => `enum-value ${change} ${a.name}.${value}`);
  });
  return out.sort();
}

function modelOf(files: string[]): ApiModel {
  return buildModel(files.map((f) => readInputFile(f, readFileSync(f, 'utf8'), () => ({ error: {} as never }))));
}

describe.skipIf(!haveShared)('diff over every agent of the corpus WSDL', () => {
  let model: ApiModel;
  beforeAll(() => {
    model = modelOf(VERSIONS.flatMap(wsdlFiles));
  });

  test.each(PAIRS)('%s → %s: every agent, method, parameter, type, field and enum value added or removed, as the WSDL files show', (from, to) => {
    const want = expectedChanges(namesOf(from), namesOf(to));
    const report = diffModels(model, model, { from, to });
    const got = report.changes
      .filter((c) => c.change !== 'changed')
      .map((c) => {
        const name = c.what === 'agent' ? c.agent : c.what === 'method' || c.what === 'param' ? `${c.agent}.${c.name}` : c.what === 'type' ? c.type : `${c.type}.${c.name}`;
        return `${c.what} ${c.change} ${name}`;
      })
      .sort();
    expect(got).toEqual(want);
    // The pairs really differ: agents come and go, and so do methods and types.
    expect(want.some((l) => l.startsWith('agent added'))).toBe(from !== 'Services86');
    expect(want.filter((l) => l.startsWith('method ')).length).toBeGreaterThan(10);
    expect(want.filter((l) => l.startsWith('type ')).length).toBeGreaterThan(10);
    if (to === 'Services88') expect(want).toContain('param added CustomerService.CreateTicketFromMailData.PersonId');
  });

  test.each(VERSIONS)('%s diffed with itself over all its agents: no change', (version) => {
    const report = diffModels(model, model, { from: version, to: version, docs: true });
    expect(model.versions.find((v) => v.name === version)!.agents.length).toBe(wsdlFiles(version).length);
    expect(report.changes).toEqual([]);
  });

  test('ErpSync Services87 → Services88 in markdown: the added methods, types, enum values and the PluginResponse field, nothing breaking', () => {
    const erp = modelOf([path.join(wsdlDir('Services87'), 'WSDL-Services87-ErpSync.xml'), path.join(wsdlDir('Services88'), 'WSDL-Services88-ErpSync.xml')]);
    const md = formatMarkdown(diffModels(erp, erp, { from: 'Services87', to: 'Services88' }));
    const bullets = md.split('\n').filter((l) => l.startsWith('- '));
    expect(bullets).toEqual([
      '- method `ForceResyncExternalNoBlankValues` added',
      '- method `ForceResyncNoBlankValues` added',
      '- method `GetAllConnections` added',
      '- method `GetAllConnectors` added',
      '- method `TryConnectActor` added',
      '- type `ArrayOfErpConnection` added',
      '- type `ArrayOfListItem` added',
      '- enum value `EFieldRight.Nullable` added',
      '- enum value `ETableRight.F` added',
      '- enum value `ETableRight.R` added',
      '- enum value `ETableRight.Uninitialized` added',
      '- enum value `ETableRight.Unused1` added',
      '- type `ListItem` added',
      '- field `PluginResponse.Status` added (`tns:QuoteStatus`)',
      '- type `QuoteStatus` added',
    ]);
    expect(md).toContain('15 changes, 0 breaking.');
  });
});

if (!haveShared) test.skip(sharedSkipReason, () => {});
