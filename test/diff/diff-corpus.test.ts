import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readInputFile } from '../../src/ingest/read-file.js';
import { buildModel } from '../../src/model/build-model.js';
import { diffModels } from '../../src/diff/diff-models.js';
import { formatMarkdown } from '../../src/diff/format-markdown.js';
import { corpusRoot, haveShared, sharedSkipReason } from '../support/shared.js';

const PAIRS: Array<[string, string]> = [
  ['Services86', 'Services87'],
  ['Services87', 'Services88'],
];
const wsdlDir = (v: string) => path.join(corpusRoot, 'wsdl', v);

/** Operation and type names straight from the text of a WSDL: a reading that shares nothing with the code under test. */
function namesIn(file: string): { operations: Set<string>; types: Set<string> } {
  const text = readFileSync(file, 'utf8');
  const portType = text.slice(text.indexOf('<wsdl:portType'), text.indexOf('</wsdl:portType>'));
  const operations = new Set([...portType.matchAll(/<wsdl:operation name="([^"]+)"/g)].map((m) => m[1]!));
  const types = new Set([...text.matchAll(/<xs:(?:complexType|simpleType) name="([^"]+)"/g)].map((m) => m[1]!));
  return { operations, types };
}

function modelOf(files: string[]) {
  return buildModel(files.map((f) => readInputFile(f, readFileSync(f, 'utf8'), () => ({ error: {} as never }))));
}

const minus = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort();

describe.skipIf(!haveShared)('diff agrees with the WSDL files on every agent of every consecutive pair', () => {
  test.each(PAIRS)('%s → %s', (from, to) => {
    const agents = (v: string) => new Set(readdirSync(wsdlDir(v)).map((f) => f.replace(`WSDL-${v}-`, '').replace('.xml', '')));
    const before = agents(from);
    const after = agents(to);
    let compared = 0;
    for (const agent of [...new Set([...before, ...after])].sort()) {
      const oldFile = path.join(wsdlDir(from), `WSDL-${from}-${agent}.xml`);
      const newFile = path.join(wsdlDir(to), `WSDL-${to}-${agent}.xml`);
      const files = [oldFile, newFile].filter((f) => existsSync(f));
      const model = modelOf(files);
      if (!before.has(agent) || !after.has(agent)) {
        // An agent on one side only: the model of both files still pairs the versions.
        const report = diffModels(model, model, { from: existsSync(oldFile) ? from : to, to: existsSync(newFile) ? to : from });
        expect(report.changes, agent).toEqual([]);
        continue;
      }
      const o = namesIn(oldFile);
      const n = namesIn(newFile);
      const report = diffModels(model, model, { from, to });
      const names = (what: string, change: string) =>
        report.changes.filter((c) => c.what === what && c.change === change).map((c) => (what === 'type' ? c.type! : c.name!)).sort();
      expect(names('method', 'added'), `${agent} added operations`).toEqual(minus(n.operations, o.operations));
      expect(names('method', 'removed'), `${agent} removed operations`).toEqual(minus(o.operations, n.operations));
      expect(names('type', 'added'), `${agent} added types`).toEqual(minus(n.types, o.types));
      expect(names('type', 'removed'), `${agent} removed types`).toEqual(minus(o.types, n.types));
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  test('ErpSync Services87 → Services88 in markdown: the added methods, types, enum values and the PluginResponse field, nothing breaking', () => {
    const model = modelOf([path.join(wsdlDir('Services87'), 'WSDL-Services87-ErpSync.xml'), path.join(wsdlDir('Services88'), 'WSDL-Services88-ErpSync.xml')]);
    const md = formatMarkdown(diffModels(model, model, { from: 'Services87', to: 'Services88' }));
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
