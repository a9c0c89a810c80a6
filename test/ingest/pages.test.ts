import { describe, expect, test } from 'vitest';
import { readInputFile } from '../../src/ingest/read-file.js';
import type { IncludeResolver } from '../../src/ingest/rest-page.js';
import { diagnostic } from '../../src/facts/diagnostics.js';

const noIncludes: IncludeResolver = (target, from) => ({ error: diagnostic('include-missing', `no ${target}`, from) });

const ENVELOPE = (ns: string, body: string) =>
  ['```xml', '<?xml version="1.0"?>', `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/" xmlns:E="${ns}">`, `<S:Body>${body}</S:Body>`, '</S:Envelope>', '```'].join('\n');

const docfxSoapPage = [
  '---',
  'title: Services90.WidgetAgent.Spin SOAP',
  'generated: 1',
  'uid: Services90-Widget-Spin',
  '---',
  '',
  '# Services90 Widget Spin',
  '',
  'SOAP request and response examples **Remote/Services90/Widget.svc**',
  'Implemented by the <see cref="M:SuperOffice.Services90.IWidgetAgent.Spin">SuperOffice.Services90.IWidgetAgent.Spin</see> method.',
  '',
  '## Spin',
  '',
  'Spins the <see cref="T:SuperOffice.CRM.Widget">widget</see> once.',
  '<para /><b>Online Restricted:</b> Not in Online.',
  '',
  '* **widgetId:** Which <b>widget</b>.',
  '* **speed:** How fast, see [the manual](https://example.invalid).',
  '',
  '**Returns:** The new angle.',
  '',
  '[WSDL file for Services90/Widget](../Services90-Widget.md)',
  '',
  '## Spin Request',
  '',
  ENVELOPE('urn:w', '<E:Spin/>'),
  '',
  '## Spin Response',
  '',
  ENVELOPE('urn:w', '<E:SpinResponse/>'),
].join('\n');

const newerSoapPage = docfxSoapPage
  .replace('generated: 1', 'Generated: true\ncontent_type: reference')
  .replace(/Implemented by the <see[^\n]*/, 'Implemented by the `SuperOffice.Services90.IWidgetAgent.Spin` method.');

describe('SOAP method pages, both formats', () => {
  test.each([
    ['docfx', docfxSoapPage, 0],
    ['newer', newerSoapPage, 1],
  ])('%s format', (_name, text, shift) => {
    const { facts, diagnostics } = readInputFile('p/Spin.md', text, noIncludes);
    expect(diagnostics).toEqual([]);
    expect(facts.kind).toBe('soap-method-page');
    if (facts.kind !== 'soap-method-page') return;
    expect(facts.page).toMatchObject({
      version: 'Services90',
      agent: 'Widget',
      method: 'Spin',
      interfaceName: 'SuperOffice.Services90.IWidgetAgent',
      description: 'Spins the widget once.',
      onlineRestricted: 'Not in Online.',
      returnsDescription: 'The new angle.',
      paramDocs: [
        { name: 'widgetId', description: 'Which widget.', source: { line: 17 + shift } },
        { name: 'speed', description: 'How fast, see the manual.', source: { line: 18 + shift } },
      ],
      source: { file: 'p/Spin.md', line: 7 + shift },
    });
    expect(facts.page.request).toMatchObject({ source: { line: 27 + shift } });
    expect(facts.page.request!.text).toContain('<E:Spin/>');
    expect(facts.page.response!.text).toContain('<E:SpinResponse/>');
  });

  test('a truncated sample fence is reported at its opening line', () => {
    const text = docfxSoapPage.slice(0, docfxSoapPage.lastIndexOf('```'));
    const { diagnostics } = readInputFile('p/Spin.md', text, noIncludes);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'truncated-fence', line: 35 }));
  });

  test('front matter that is not YAML is reported and the page still read', () => {
    const { facts, diagnostics } = readInputFile('p/Spin.md', docfxSoapPage.replace('generated: 1', 'generated: [1'), noIncludes);
    expect(diagnostics.map((d) => d.code)).toEqual(['malformed-front-matter']);
    expect(facts.kind).toBe('soap-method-page');
  });
});

const restPage = (samples: string) =>
  [
    '---',
    'title: POST Agents/Widget/Spin',
    'id: v1WidgetAgent_Spin',
    '---',
    '',
    '# POST Agents/Widget/Spin',
    '',
    '```http',
    'POST /api/v1/Agents/Widget/Spin',
    '```',
    '',
    'Spins a widget.',
    '',
    'NsApiSlow threshold: 5000 ms.',
    '',
    '## Online Restricted: ## Not in Online.',
    '',
    '## Query String Parameters',
    '',
    '| Parameter Name | Type |  Description |',
    '|----------------|------|--------------|',
    '| widgetId | int32 | **Required** Which widget. |',
    '| $select | string | Properties to return. |',
    '',
    '## Request Headers',
    '',
    '| Parameter Name | Description |',
    '|----------------|-------------|',
    '| Authorization  | Credentials. |',
    '| SO-AppToken | The app. |',
    '',
    '## Request Body: request ',
    '',
    'Speed ',
    '',
    '| Property Name | Type |  Description |',
    '|----------------|------|--------------|',
    '| Speed | Integer | How fast |',
    '',
    '## Response:object',
    '',
    '| Response | Description |',
    '|----------------|-------------|',
    '| 200 | OK |',
    '',
    'Response body: object',
    '',
    '| Property Name | Type |  Description |',
    '|----------------|------|--------------|',
    '| Angle | int32 | The angle |',
    '',
    '## Extra table',
    '',
    '| A | B |',
    '|---|---|',
    '| 1 | 2 |',
    '',
    samples,
  ].join('\n');

describe('REST v1 pages', () => {
  test('tables, query parameters, $select, headers and inline samples', () => {
    const page = restPage('## Sample request\n\n```http!\nPOST /api/v1/Agents/Widget/Spin?widgetId=1\n\n{"Speed": 3}\n```\n\n```http_\nHTTP/1.1 200 OK\n\n{"Angle": 90}\n```\n');
    const { facts, diagnostics } = readInputFile('r/Spin.md', page, noIncludes);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'unknown-table', line: 54 })]);
    expect(facts.kind).toBe('rest-method-page');
    if (facts.kind !== 'rest-method-page') return;
    expect(facts.page).toMatchObject({
      agent: 'Widget',
      method: 'Spin',
      verb: 'POST',
      path: 'api/v1/Agents/Widget/Spin',
      description: 'Spins a widget.',
      onlineRestricted: 'Not in Online.',
      select: true,
      query: [{ name: 'widgetId', typeLabel: 'int32', required: true, description: 'Which widget.', source: { line: 22 } }],
      headers: ['Authorization', 'SO-AppToken'],
      body: { name: 'request', fields: [{ name: 'Speed', typeLabel: 'Integer', required: false }] },
      response: { label: 'object', bodyLabel: 'object', fields: [{ name: 'Angle', typeLabel: 'int32' }] },
      requestSample: { source: { line: 61 } },
      responseSample: { source: { line: 67 } },
    });
  });

  test('samples through [!include] are read from the resolved file with its own lines', () => {
    const page = restPage('## Sample request\n\n[!include[sample request](../samples/req.md)]\n\n## Sample response\n\n[!include[sample response](../samples/res.md)]\n');
    const resolver: IncludeResolver = (target) =>
      target.endsWith('req.md')
        ? { text: '```http!\nPOST /api/v1/Agents/Widget/Spin\n\n{}\n```', file: 'r/samples/req.md' }
        : { text: '```http_\nHTTP/1.1 200 OK\n\n{}\n```', file: 'r/samples/res.md' };
    const { facts } = readInputFile('r/a/Spin.md', page, resolver);
    if (facts.kind !== 'rest-method-page') throw new Error(facts.kind);
    expect(facts.page.requestSample).toEqual({ text: 'POST /api/v1/Agents/Widget/Spin\n\n{}', source: { file: 'r/samples/req.md', line: 2 } });
    expect(facts.page.responseSample?.source).toEqual({ file: 'r/samples/res.md', line: 2 });
  });

  test('bare json fences under the sample headings are the bodies, with their own lines', () => {
    const page = restPage('## Sample request\n\n```json\n{"Speed": 3}\n```\n\n## Sample response\n\n```json\n{"Angle": 90}\n```\n');
    const { facts } = readInputFile('r/Spin.md', page, noIncludes);
    if (facts.kind !== 'rest-method-page') throw new Error(facts.kind);
    expect(facts.page.requestSample).toEqual({ text: 'POST /api/v1/Agents/Widget/Spin\n\n{"Speed": 3}', source: { file: 'r/Spin.md', line: 59 } });
    expect(facts.page.responseSample).toEqual({ text: 'HTTP/1.1 200 OK\n\n{"Angle": 90}', source: { file: 'r/Spin.md', line: 65 } });
  });

  test('an include that cannot be resolved is a diagnostic on the include line', () => {
    const page = restPage('## Sample request\n\n[!include[sample request](../../../../etc/passwd)]\n');
    const { facts, diagnostics } = readInputFile('r/Spin.md', page, noIncludes);
    expect(facts.kind).toBe('rest-method-page');
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'include-missing', line: 60 }));
  });
});

describe('classification is by content, not by path', () => {
  const cases: Array<[string, { given: string; want: string }]> = [
    ['WSDL with an odd name', { given: '<?xml version="1.0"?><wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="http://www.superoffice.net/ws/crm/NetServer/Services90"><wsdl:portType name="A"/><wsdl:binding name="b"><soap:binding xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"/></wsdl:binding></wsdl:definitions>', want: 'wsdl' }],
    ['other XML', { given: '<?xml version="1.0"?><project/>', want: 'skipped' }],
    ['included sample file', { given: '```http!\nPOST /api/v1/Agents/A/B\n```', want: 'rest-sample' }],
    ['prose', { given: '# Notes\n\nNothing to see.', want: 'skipped' }],
    ['REST agent index', { given: '---\ntitle: A_Agent\n---\n\n```http\n/api/v1/A/Agent\n```\n', want: 'rest-agent-index' }],
    ['SOAP agent index', { given: '# Services90 Widget SOAP\n\nSOAP request and response examples, and WSDL files for **Remote/Services90/Widget.svc**\n\n* [Spin](Spin.md)\n', want: 'soap-agent-index' }],
  ];
  test.each(cases)('%s', (_name, { given, want }) => {
    expect(readInputFile('any.md', given, noIncludes).facts.kind).toBe(want);
  });
});
