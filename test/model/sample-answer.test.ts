import { describe, expect, test } from 'vitest';
import { soap11Answer } from '../../src/model/sample-answer.js';
import type { XmlElement } from '../../src/parse/xml-element.js';
import { parseXml } from '../../src/parse/xml-tree.js';

// Namespaces written out here, as the SOAP 1.1 and 1.2 specifications name them.
const S11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const S12 = 'http://www.w3.org/2003/05/soap-envelope';
const TNS = 'http://www.superoffice.net/ws/crm/NetServer/Services88';

function answerOf(text: string, headerNames: string[] = []): string | undefined {
  const root = parseXml(text);
  const body = root.children.find((c) => c.local === 'Body' && c.ns === root.ns)!;
  return soap11Answer(text, root, body, headerNames)?.text;
}

/** Every element below a node as `{ns}local` paths with their text, to check what a reader of the answer sees. */
function paths(node: XmlElement, prefix = ''): string[] {
  return node.children.flatMap((c) => {
    const path = `${prefix}/{${c.ns}}${c.local}`;
    return [c.text.trim() === '' ? path : `${path} = ${c.text.trim()}`, ...paths(c, path)];
  });
}

interface Want {
  /** The envelope's prefix in the answer. */
  prefix: string;
  /** The Body content, byte for byte as the sample has it. */
  body: string;
  /** The Header content, or undefined for no Header. */
  header?: string;
  /** What a reader of the answer finds in the Body. */
  bodyPaths: string[];
  /** What a reader finds in the Header. */
  headerPaths?: string[];
  /** Text that must not be in the answer (dropped elements). */
  absent?: string[];
}

describe('soap11Answer: a SOAP 1.2 sample as a SOAP 1.1 answer, the Body content byte for byte', () => {
  test.each<[string, { given: { text: string; headerNames?: string[] }; want: Want }]>([
    [
      'the documented shape, indentation kept',
      {
        given: {
          text:
            '<?xml version="1.0" encoding="utf-8"?>\n' +
            `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}" xmlns:NetServerServices882="${TNS}">\n` +
            '  <SOAP-ENV:Body>\n' +
            '    <NetServerServices882:GetResponse>\n' +
            '      <NetServerServices882:Response>1</NetServerServices882:Response>\n' +
            '    </NetServerServices882:GetResponse>\n' +
            '  </SOAP-ENV:Body>\n' +
            '</SOAP-ENV:Envelope>\n',
        },
        want: {
          prefix: 'soap11',
          body:
            '\n    <NetServerServices882:GetResponse>\n' +
            '      <NetServerServices882:Response>1</NetServerServices882:Response>\n' +
            '    </NetServerServices882:GetResponse>\n  ',
          bodyPaths: [`/{${TNS}}GetResponse`, `/{${TNS}}GetResponse/{${TNS}}Response = 1`],
        },
      },
    ],
    [
      'CRLF line ends are kept in the content',
      {
        given: { text: `<s:Envelope xmlns:s="${S12}">\r\n<s:Body>\r\n<t:R xmlns:t="urn:t">a\r\nb</t:R>\r\n</s:Body>\r\n</s:Envelope>` },
        want: { prefix: 'soap11', body: '\r\n<t:R xmlns:t="urn:t">a\r\nb</t:R>\r\n', bodyPaths: ['/{urn:t}R = a\nb'] },
      },
    ],
    [
      'a comment holding fake Body tags, inside and before the Body',
      {
        given: {
          text:
            `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}" xmlns:t="urn:t">` +
            '<!-- <SOAP-ENV:Body><t:Fake/></SOAP-ENV:Body> -->' +
            '<SOAP-ENV:Body><!-- </SOAP-ENV:Body> early end? <SOAP-ENV:Body> --><t:R>1</t:R></SOAP-ENV:Body>' +
            '</SOAP-ENV:Envelope>',
        },
        want: { prefix: 'soap11', body: '<!-- </SOAP-ENV:Body> early end? <SOAP-ENV:Body> --><t:R>1</t:R>', bodyPaths: ['/{urn:t}R = 1'], absent: ['Fake'] },
      },
    ],
    [
      'CDATA holding fake Body tags',
      {
        given: {
          text: `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}"><SOAP-ENV:Body><t:R xmlns:t="urn:t"><![CDATA[</SOAP-ENV:Body><SOAP-ENV:Body>]]></t:R></SOAP-ENV:Body></SOAP-ENV:Envelope>`,
        },
        want: { prefix: 'soap11', body: '<t:R xmlns:t="urn:t"><![CDATA[</SOAP-ENV:Body><SOAP-ENV:Body>]]></t:R>', bodyPaths: ['/{urn:t}R = </SOAP-ENV:Body><SOAP-ENV:Body>'] },
      },
    ],
    [
      'escaped fake Body tags in text',
      {
        given: { text: `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}"><SOAP-ENV:Body><R xmlns="urn:t">&lt;/SOAP-ENV:Body&gt;</R></SOAP-ENV:Body></SOAP-ENV:Envelope>` },
        want: { prefix: 'soap11', body: '<R xmlns="urn:t">&lt;/SOAP-ENV:Body&gt;</R>', bodyPaths: ['/{urn:t}R = </SOAP-ENV:Body>'] },
      },
    ],
    [
      'a processing instruction holding a fake end tag',
      {
        given: { text: `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}"><SOAP-ENV:Body><?note </SOAP-ENV:Body> ?><R xmlns="urn:t">1</R></SOAP-ENV:Body></SOAP-ENV:Envelope>` },
        want: { prefix: 'soap11', body: '<?note </SOAP-ENV:Body> ?><R xmlns="urn:t">1</R>', bodyPaths: ['/{urn:t}R = 1'] },
      },
    ],
    [
      'an element of the same name nested in the Body (the prefix bound elsewhere)',
      {
        given: {
          text: `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}"><SOAP-ENV:Body><d:Data xmlns:d="urn:d" xmlns:SOAP-ENV="urn:other"><SOAP-ENV:Body><SOAP-ENV:Body>x</SOAP-ENV:Body></SOAP-ENV:Body></d:Data></SOAP-ENV:Body></SOAP-ENV:Envelope>`,
        },
        want: {
          prefix: 'soap11',
          body: '<d:Data xmlns:d="urn:d" xmlns:SOAP-ENV="urn:other"><SOAP-ENV:Body><SOAP-ENV:Body>x</SOAP-ENV:Body></SOAP-ENV:Body></d:Data>',
          bodyPaths: ['/{urn:d}Data', '/{urn:d}Data/{urn:other}Body', '/{urn:d}Data/{urn:other}Body/{urn:other}Body = x'],
        },
      },
    ],
    [
      'an element of the same name in a header before the Body',
      {
        given: {
          text: `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}"><SOAP-ENV:Header><h:Note xmlns:h="urn:h" xmlns:SOAP-ENV="urn:other"><SOAP-ENV:Body>no</SOAP-ENV:Body></h:Note></SOAP-ENV:Header><SOAP-ENV:Body><R xmlns="urn:t">yes</R></SOAP-ENV:Body></SOAP-ENV:Envelope>`,
        },
        want: {
          prefix: 'soap11',
          header: '<h:Note xmlns:h="urn:h" xmlns:SOAP-ENV="urn:other"><SOAP-ENV:Body>no</SOAP-ENV:Body></h:Note>',
          body: '<R xmlns="urn:t">yes</R>',
          bodyPaths: ['/{urn:t}R = yes'],
          headerPaths: ['/{urn:h}Note', '/{urn:h}Note/{urn:other}Body = no'],
        },
      },
    ],
    [
      'names that start with the Body name are other elements',
      {
        given: { text: `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}"><SOAP-ENV:Body><SOAP-ENV:Bodyguard>1</SOAP-ENV:Bodyguard><SOAP-ENV:Body-x/></SOAP-ENV:Body></SOAP-ENV:Envelope>` },
        want: { prefix: 'soap11', body: '<SOAP-ENV:Bodyguard>1</SOAP-ENV:Bodyguard><SOAP-ENV:Body-x/>', bodyPaths: [`/{${S12}}Bodyguard = 1`, `/{${S12}}Body-x`] },
      },
    ],
    [
      'a self-closing Body is an empty Body',
      { given: { text: `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}"><SOAP-ENV:Body/></SOAP-ENV:Envelope>` }, want: { prefix: 'soap11', body: '', bodyPaths: [] } },
    ],
    [
      'a self-closing Body with a space and an attribute',
      { given: { text: `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}"><SOAP-ENV:Body id="b" /></SOAP-ENV:Envelope>` }, want: { prefix: 'soap11', body: '', bodyPaths: [] } },
    ],
    [
      'a > inside an attribute of the Body start tag',
      {
        given: { text: `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}"><SOAP-ENV:Body note="a>b" other='c>/d'><R xmlns="urn:t">1</R></SOAP-ENV:Body></SOAP-ENV:Envelope>` },
        want: { prefix: 'soap11', body: '<R xmlns="urn:t">1</R>', bodyPaths: ['/{urn:t}R = 1'] },
      },
    ],
    [
      'declarations on the Body element itself travel to the new envelope',
      {
        given: { text: `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}"><SOAP-ENV:Body xmlns:r="urn:r" xmlns="urn:default"><r:X><Y>1</Y></r:X></SOAP-ENV:Body></SOAP-ENV:Envelope>` },
        want: { prefix: 'soap11', body: '<r:X><Y>1</Y></r:X>', bodyPaths: ['/{urn:r}X', '/{urn:r}X/{urn:default}Y = 1'] },
      },
    ],
    [
      'a prefix redeclared on the Body wins over the envelope',
      {
        given: { text: `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}" xmlns:a="urn:outer"><SOAP-ENV:Body xmlns:a="urn:inner"><a:X>1</a:X></SOAP-ENV:Body></SOAP-ENV:Envelope>` },
        want: { prefix: 'soap11', body: '<a:X>1</a:X>', bodyPaths: ['/{urn:inner}X = 1'] },
      },
    ],
    [
      'a namespace with an escaped & is declared escaped again',
      {
        given: { text: `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}" xmlns:a="urn:a?x=1&amp;y=&quot;2&quot;"><SOAP-ENV:Body><a:X>1</a:X></SOAP-ENV:Body></SOAP-ENV:Envelope>` },
        want: { prefix: 'soap11', body: '<a:X>1</a:X>', bodyPaths: ['/{urn:a?x=1&y="2"}X = 1'] },
      },
    ],
    [
      'the envelope in the default namespace',
      {
        given: { text: `<Envelope xmlns="${S12}"><Body><GetResponse xmlns="${TNS}"><Response>1</Response></GetResponse></Body></Envelope>` },
        want: { prefix: 'soap11', body: `<GetResponse xmlns="${TNS}"><Response>1</Response></GetResponse>`, bodyPaths: [`/{${TNS}}GetResponse`, `/{${TNS}}GetResponse/{${TNS}}Response = 1`] },
      },
    ],
    [
      'content in the default namespace of the envelope keeps that namespace',
      {
        given: { text: `<Envelope xmlns="${S12}"><Body><Odd>1</Odd></Body></Envelope>` },
        want: { prefix: 'soap11', body: '<Odd>1</Odd>', bodyPaths: [`/{${S12}}Odd = 1`] },
      },
    ],
    [
      'header elements outside the Header: bound ones moved in, others dropped',
      {
        given: {
          text:
            `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}" xmlns:NetServerServices882="${TNS}">\n` +
            '  <NetServerServices882:ApplicationToken>tok</NetServerServices882:ApplicationToken>\n' +
            '  <NetServerServices882:Credentials><NetServerServices882:Ticket>t</NetServerServices882:Ticket></NetServerServices882:Credentials>\n' +
            '  <NetServerServices882:ExceptionInfo/>\n' +
            '  <SOAP-ENV:Body><NetServerServices882:R>1</NetServerServices882:R></SOAP-ENV:Body>\n' +
            '</SOAP-ENV:Envelope>',
          headerNames: ['ApplicationToken', 'ExceptionInfo'],
        },
        want: {
          prefix: 'soap11',
          header: '<NetServerServices882:ApplicationToken>tok</NetServerServices882:ApplicationToken><NetServerServices882:ExceptionInfo/>',
          body: '<NetServerServices882:R>1</NetServerServices882:R>',
          bodyPaths: [`/{${TNS}}R = 1`],
          headerPaths: [`/{${TNS}}ApplicationToken = tok`, `/{${TNS}}ExceptionInfo`],
          absent: ['Credentials', 'Ticket'],
        },
      },
    ],
    [
      'no header names: every element outside the Header is dropped',
      {
        given: {
          text: `<s:Envelope xmlns:s="${S12}"><t:ApplicationToken xmlns:t="urn:t">tok</t:ApplicationToken><s:Body><t:R xmlns:t="urn:t">1</t:R></s:Body></s:Envelope>`,
        },
        want: { prefix: 'soap11', body: '<t:R xmlns:t="urn:t">1</t:R>', bodyPaths: ['/{urn:t}R = 1'], absent: ['ApplicationToken', 'Header'] },
      },
    ],
    [
      'the Header content kept, a bound element outside it added after',
      {
        given: {
          text: `<s:Envelope xmlns:s="${S12}" xmlns:t="urn:t"><s:Header><t:A>1</t:A></s:Header><t:B>2</t:B><t:C>3</t:C><s:Body/></s:Envelope>`,
          headerNames: ['B'],
        },
        want: { prefix: 'soap11', header: '<t:A>1</t:A><t:B>2</t:B>', body: '', bodyPaths: [], headerPaths: ['/{urn:t}A = 1', '/{urn:t}B = 2'], absent: ['t:C'] },
      },
    ],
    [
      'a prefix declared on the Header goes onto the header element it names',
      {
        given: { text: `<s:Envelope xmlns:s="${S12}"><s:Header xmlns:h="urn:h">\n  <h:ExceptionInfo>e</h:ExceptionInfo>\n  <!-- c --><h:More/>\n</s:Header><s:Body><R xmlns="urn:t">1</R></s:Body></s:Envelope>` },
        want: {
          prefix: 'soap11',
          header: '\n  <h:ExceptionInfo xmlns:h="urn:h">e</h:ExceptionInfo>\n  <!-- c --><h:More xmlns:h="urn:h"/>\n',
          body: '<R xmlns="urn:t">1</R>',
          bodyPaths: ['/{urn:t}R = 1'],
          headerPaths: ['/{urn:h}ExceptionInfo = e', '/{urn:h}More'],
        },
      },
    ],
    [
      'soap11 declared on the Header keeps its header elements out of the SOAP 1.1 namespace',
      {
        given: { text: `<s:Envelope xmlns:s="${S12}"><s:Header xmlns:soap11="urn:x"><soap11:H>e</soap11:H></s:Header><s:Body><R xmlns="urn:t">1</R></s:Body></s:Envelope>` },
        want: { prefix: 'soap11', header: '<soap11:H xmlns:soap11="urn:x">e</soap11:H>', body: '<R xmlns="urn:t">1</R>', bodyPaths: ['/{urn:t}R = 1'], headerPaths: ['/{urn:x}H = e'] },
      },
    ],
    [
      'a moved header element keeps the envelope binding of a prefix the Body rebinds',
      {
        given: {
          text: `<s:Envelope xmlns:s="${S12}" xmlns:t="urn:t"><t:ApplicationToken>x</t:ApplicationToken><s:Body xmlns:t="urn:other"><t:R>1</t:R></s:Body></s:Envelope>`,
          headerNames: ['ApplicationToken'],
        },
        want: {
          prefix: 'soap11',
          header: '<t:ApplicationToken xmlns:t="urn:t">x</t:ApplicationToken>',
          body: '<t:R>1</t:R>',
          bodyPaths: ['/{urn:other}R = 1'],
          headerPaths: ['/{urn:t}ApplicationToken = x'],
        },
      },
    ],
    [
      'a header element in no namespace stays there when the Body declares a default namespace',
      {
        given: { text: `<s:Envelope xmlns:s="${S12}"><s:Header><Plain>p</Plain></s:Header><s:Body xmlns="urn:d"><R>1</R></s:Body></s:Envelope>`, headerNames: [] },
        want: { prefix: 'soap11', header: '<Plain xmlns="">p</Plain>', body: '<R>1</R>', bodyPaths: ['/{urn:d}R = 1'], headerPaths: ['/{}Plain = p'] },
      },
    ],
    [
      'the prefix soap11 already bound on the envelope',
      {
        given: { text: `<soap11:Envelope xmlns:soap11="${S12}"><soap11:Body><R xmlns="urn:t">1</R></soap11:Body></soap11:Envelope>` },
        want: { prefix: 'soap11_', body: '<R xmlns="urn:t">1</R>', bodyPaths: ['/{urn:t}R = 1'] },
      },
    ],
    [
      'soap11 bound to another namespace on the Body, and used in the content',
      {
        given: { text: `<s:Envelope xmlns:s="${S12}"><s:Body xmlns:soap11="urn:x" xmlns:soap11_="urn:y"><soap11:A>1</soap11:A><soap11_:B>2</soap11_:B></s:Body></s:Envelope>` },
        want: { prefix: 'soap11__', body: '<soap11:A>1</soap11:A><soap11_:B>2</soap11_:B>', bodyPaths: ['/{urn:x}A = 1', '/{urn:y}B = 2'] },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    const answer = answerOf(given.text, given.headerNames);
    expect(answer).toBeDefined();
    const p = want.prefix;
    // The envelope: SOAP 1.1, the Body content cut out byte for byte.
    expect(answer).toMatch(new RegExp(`^<${p}:Envelope xmlns:${p}="${S11.replace(/[./]/g, '\\$&')}"[^>]*>`));
    expect(answer).toContain(`<${p}:Body>${want.body}</${p}:Body></${p}:Envelope>`);
    if (want.header === undefined) expect(answer).not.toContain(`<${p}:Header`);
    else expect(answer).toContain(`<${p}:Header>${want.header}</${p}:Header><${p}:Body>`);
    for (const text of want.absent ?? []) expect(answer).not.toContain(text);
    // And it parses, to what the sample held.
    const root = parseXml(answer!);
    expect([root.ns, root.local]).toEqual([S11, 'Envelope']);
    expect(root.children.map((c) => `{${c.ns}}${c.local}`)).toEqual([...(want.header === undefined ? [] : [`{${S11}}Header`]), `{${S11}}Body`]);
    const body = root.children.find((c) => c.local === 'Body')!;
    expect(paths(body)).toEqual(want.bodyPaths);
    if (want.headerPaths) expect(paths(root.children.find((c) => c.local === 'Header')!)).toEqual(want.headerPaths);
  });

  test('the whole answer of a small sample, exactly', () => {
    const text = `<SOAP-ENV:Envelope xmlns:SOAP-ENV="${S12}"><SOAP-ENV:Body xmlns:t="urn:t"><t:R>1</t:R></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
    // Declarations in scope at the Body, the innermost first; `xml` is never declared.
    expect(answerOf(text)).toBe(`<soap11:Envelope xmlns:soap11="${S11}" xmlns:t="urn:t" xmlns:SOAP-ENV="${S12}"><soap11:Body><t:R>1</t:R></soap11:Body></soap11:Envelope>`);
  });

  test('a Body the text does not hold where the tree says is no answer', () => {
    const text = `<s:Envelope xmlns:s="${S12}"><s:Body><R xmlns="urn:t">1</R></s:Body></s:Envelope>`;
    const other = parseXml(`<s:Envelope xmlns:s="${S12}"><s:Header/><s:Body/><s:Body><R xmlns="urn:t">2</R></s:Body></s:Envelope>`);
    expect(soap11Answer(text, other, other.children[2]!, [])).toBeUndefined();
  });
});
