import { describe, expect, test } from 'vitest';
import { jsonLines, literalOf, requestArguments, restBody, restResult, soapRequestLines, soapResult, type Expected, type Outcome } from '../../src/emit/sample-expected.js';
import { parseJsonTree } from '../../src/parse/json-text.js';
import { parseXml } from '../../src/parse/xml-tree.js';
import type { ApiVersion, Field, Method, Param, ReturnValue, TypeDef } from '../../src/model/api-model.js';
import { readRestSample, readSoapSample, type SampleValue } from '../../src/model/sample-check.js';
import type { ScalarExpectation } from '../../src/emit/sample-scalars.js';

// Every `want` is written by hand from the wire rules: the schema's sequence order (inherited fields
// first, each in its declaring type's namespace), XML Schema's lexical forms, the README's type table
// (long → bigint, decimal → its text, dateTime → Date in UTC, base64Binary → Uint8Array, flags → array).

const S12 = 'http://www.w3.org/2003/05/soap-envelope';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const TNS = 'http://www.superoffice.net/ws/crm/NetServer/Services88';
const ARR = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
const BASE = 'urn:base';
const at = [{ file: 'x.md', line: 1 }];

const field = (name: string, type: string, more: Partial<Param> = {}): Param => ({ name, type, minOccurs: 0, maxOccurs: 1, nillable: false, sources: at, ...more });

const types: TypeDef[] = [
  { ref: 'q1:Base', name: 'Base', namespace: BASE, kind: 'complex', fields: [field('Id', 'xs:int'), field('Name', 'xs:string', { nillable: true })], sources: at },
  {
    ref: 'tns:Item',
    name: 'Item',
    namespace: TNS,
    kind: 'complex',
    base: 'q1:Base',
    fields: [
      field('Count', 'xs:long'),
      field('Amount', 'xs:decimal'),
      field('When', 'xs:dateTime', { nillable: true }),
      field('Flag', 'xs:boolean'),
      field('Tags', 'arr:ArrayOfstring', { nillable: true }),
      field('Extra', 'arr:ArrayOfKeyValueOfstringint', { nillable: true }),
      field('Codes', 'xs:int', { maxOccurs: -1 }),
      field('Kind', 'tns:Kind'),
      field('Rights', 'tns:Rights'),
      field('Sub', 'tns:Sub', { nillable: true }),
      field('Blob', 'xs:base64Binary', { nillable: true }),
      field('Lost', 'tns:Missing'),
    ] as Field[],
    sources: at,
  },
  { ref: 'tns:Sub', name: 'Sub', namespace: TNS, kind: 'complex', fields: [field('X', 'xs:int')], sources: at },
  { ref: 'arr:ArrayOfstring', name: 'ArrayOfstring', namespace: ARR, kind: 'array', item: { elementName: 'string', type: 'xs:string', nillable: true }, sources: at },
  {
    ref: 'arr:ArrayOfKeyValueOfstringint',
    name: 'ArrayOfKeyValueOfstringint',
    namespace: ARR,
    kind: 'dictionary',
    entry: { elementName: 'KeyValueOfstringint', keyName: 'Key', keyType: 'xs:string', valueName: 'Value', valueType: 'xs:int', valueNillable: false },
    sources: at,
  },
  { ref: 'tns:Kind', name: 'Kind', namespace: TNS, kind: 'enum', values: [{ name: 'Alpha', sources: at }, { name: 'Beta', sources: at }], sources: at },
  { ref: 'tns:Rights', name: 'Rights', namespace: TNS, kind: 'flags', values: [{ name: 'Read', sources: at }, { name: 'Write', sources: at }], sources: at },
];
const lookup = (ref: string) => types.find((t) => t.ref === ref);

const version: ApiVersion = {
  name: 'Services88',
  kind: 'soap',
  targetNamespace: TNS,
  namespaces: { xs: 'http://www.w3.org/2001/XMLSchema', tns: TNS, arr: ARR, q1: BASE },
  agents: [],
  types,
};

const RESULT: ReturnValue = { name: 'Response', type: 'tns:Item', minOccurs: 0, nillable: true, position: 0, sources: at };
const params: Param[] = [field('Item', 'tns:Item', { nillable: true, in: 'body' }), field('Note', 'xs:string', { in: 'body' }), field('Limit', 'xs:int', { in: 'query' })];

function method(body: 'object' | 'value' | 'none' = 'object', ps: Param[] = params): Method {
  return {
    name: 'Save',
    params: ps,
    returns: RESULT,
    outParams: [],
    soap: { soapAction: 'Save', requestElement: 'tns:Save', responseElement: 'tns:SaveResponse', requestHeaders: [], responseHeaders: [] },
    rest: { verb: 'POST', path: 'api/v1/Agents/Thing/Save', body, select: false },
    docPages: [],
    samples: [],
    sources: at,
  };
}

// Expected values, spelled out: each scalar as (TS literal, SOAP text, JSON token).
const NIL: Expected = { kind: 'nil' };
const sc = (literal: string, xml: string, json: string): Expected => ({ kind: 'scalar', scalar: { literal, xml, json } });
const int = (n: string) => sc(n, n, n);
const big = (n: string) => sc(`${n}n`, n, n);
const bool = (b: 'true' | 'false') => sc(b, b, b);
const str = (literal: string, xml: string) => sc(literal, xml, literal);
const decimal = (text: string, json: string) => sc(`"${text}"`, text, json);
const date = (iso: string) => sc(`new Date("${iso}")`, iso, `"${iso}"`);
/** Flags carry their names beside the three spellings. */
const flags = (...names: string[]): Expected => ({
  kind: 'scalar',
  scalar: { names, literal: `[${names.map((n) => `"${n}"`).join(', ')}]`, xml: names.join(' '), json: `"${names.join(', ')}"` } as ScalarExpectation,
});
const obj = (...fields: Array<[string, Expected]>): Expected => ({ kind: 'object', fields });
const list = (...items: Expected[]): Expected => ({ kind: 'list', items });
const map = (...entries: Array<[string, Expected]>): Expected => ({ kind: 'map', entries });

const DECLS = `xmlns:t="${TNS}" xmlns:b="${BASE}" xmlns:a="${ARR}" xmlns:i="${XSI}"`;
const W = `/{${TNS}}Save`;
const I = `${W}/{${TNS}}Item`;
const E = `${I}/{${TNS}}Extra/{${ARR}}KeyValueOfstringint`;

function soapRequest(inner: string): Array<[string, Expected]> {
  const text = `<s:Envelope xmlns:s="${S12}" ${DECLS}><s:Body><t:Save>${inner}</t:Save></s:Body></s:Envelope>`;
  const reading = readSoapSample({ kind: 'soap-request', text, source: { file: 'x.md', line: 1 } }, method(), version, lookup);
  return requestArguments(reading.value, params, lookup);
}

describe('SOAP requests: what a client is asked to send of a sample, and the lines it must send', () => {
  test.each<[string, { given: string; want: { args: Array<[string, Expected]>; lines: string[] } }]>([
    [
      'fields and parameters in schema order whatever the sample order, inherited fields first in their own namespace',
      {
        given: '<t:Note>hi</t:Note><t:Item><t:Flag>true</t:Flag><t:Count>7</t:Count><b:Name>n</b:Name><b:Id>1</b:Id></t:Item>',
        want: {
          args: [
            ['Item', obj(['Id', int('1')], ['Name', str('"n"', 'n')], ['Count', big('7')], ['Flag', bool('true')])],
            ['Note', str('"hi"', 'hi')],
          ],
          lines: [`${I}/{${BASE}}Id = "1"`, `${I}/{${BASE}}Name = "n"`, `${I}/{${TNS}}Count = "7"`, `${I}/{${TNS}}Flag = "true"`, `${W}/{${TNS}}Note = "hi"`],
        },
      },
    ],
    [
      'unknown elements are ignored, at every level',
      {
        given: '<t:Stray>1</t:Stray><t:Item><t:Bogus>1</t:Bogus><b:Id>2</b:Id></t:Item>',
        want: { args: [['Item', obj(['Id', int('2')])]], lines: [`${I}/{${BASE}}Id = "2"`] },
      },
    ],
    ['nil where nillable is sent as nil', { given: '<t:Item i:nil="true"/>', want: { args: [['Item', NIL]], lines: [`${I} = nil`] } }],
    ['nil where not nillable is left out', { given: '<t:Note i:nil="true"/>', want: { args: [], lines: [`${W} = ""`] } }],
    [
      'nil inside an object: kept where nillable, dropped where not',
      { given: '<t:Item><b:Id i:nil="true"/><b:Name i:nil="true"/><t:Flag i:nil="true"/></t:Item>', want: { args: [['Item', obj(['Name', NIL])]], lines: [`${I}/{${BASE}}Name = nil`] } },
    ],
    [
      'a repeated field is a list, one line per element, a value that does not fit left out',
      {
        given: '<t:Item><t:Codes>1</t:Codes><t:Codes>x</t:Codes><t:Codes>+3</t:Codes></t:Item>',
        want: { args: [['Item', obj(['Codes', list(int('1'), int('3'))])]], lines: [`${I}/{${TNS}}Codes = "1"`, `${I}/{${TNS}}Codes = "3"`] },
      },
    ],
    ['a repeated field given once stays a list', { given: '<t:Item><t:Codes>5</t:Codes></t:Item>', want: { args: [['Item', obj(['Codes', list(int('5'))])]], lines: [`${I}/{${TNS}}Codes = "5"`] } }],
    [
      'array items in the array type namespace, nil items kept, strings verbatim',
      {
        given: '<t:Item><t:Tags><a:string>a</a:string><a:string i:nil="true"/><a:string> b </a:string></t:Tags></t:Item>',
        want: {
          args: [['Item', obj(['Tags', list(str('"a"', 'a'), NIL, str('" b "', ' b '))])]],
          lines: [`${I}/{${TNS}}Tags/{${ARR}}string = "a"`, `${I}/{${TNS}}Tags/{${ARR}}string = nil`, `${I}/{${TNS}}Tags/{${ARR}}string = " b "`],
        },
      },
    ],
    ['an empty array element gives an empty array and a line = ""', { given: '<t:Item><t:Tags/></t:Item>', want: { args: [['Item', obj(['Tags', list()])]], lines: [`${I}/{${TNS}}Tags = ""`] } }],
    ['a whitespace-only array element is an empty array', { given: '<t:Item><t:Tags>\n  </t:Tags></t:Item>', want: { args: [['Item', obj(['Tags', list()])]], lines: [`${I}/{${TNS}}Tags = ""`] } }],
    [
      'dictionary: a duplicate key keeps its first position and takes the last value',
      {
        given:
          '<t:Item><t:Extra>' +
          '<a:KeyValueOfstringint><a:Key>k1</a:Key><a:Value>1</a:Value></a:KeyValueOfstringint>' +
          '<a:KeyValueOfstringint><a:Key>k2</a:Key><a:Value>2</a:Value></a:KeyValueOfstringint>' +
          '<a:KeyValueOfstringint><a:Key>k1</a:Key><a:Value>3</a:Value></a:KeyValueOfstringint>' +
          '</t:Extra></t:Item>',
        want: {
          args: [['Item', obj(['Extra', map(['k1', int('3')], ['k2', int('2')])])]],
          lines: [`${E}/{${ARR}}Key = "k1"`, `${E}/{${ARR}}Value = "3"`, `${E}/{${ARR}}Key = "k2"`, `${E}/{${ARR}}Value = "2"`],
        },
      },
    ],
    [
      'dictionary: an entry whose value does not fit is left out, the earlier value of its key kept',
      {
        given:
          '<t:Item><t:Extra>' +
          '<a:KeyValueOfstringint><a:Key>k1</a:Key><a:Value>1</a:Value></a:KeyValueOfstringint>' +
          '<a:KeyValueOfstringint><a:Key>k1</a:Key><a:Value>x</a:Value></a:KeyValueOfstringint>' +
          '</t:Extra></t:Item>',
        want: { args: [['Item', obj(['Extra', map(['k1', int('1')])])]], lines: [`${E}/{${ARR}}Key = "k1"`, `${E}/{${ARR}}Value = "1"`] },
      },
    ],
    ['an empty dictionary', { given: '<t:Item><t:Extra/></t:Item>', want: { args: [['Item', obj(['Extra', map()])]], lines: [`${I}/{${TNS}}Extra = ""`] } }],
    ['whitespace-only content of a complex element is {}', { given: '<t:Item><t:Sub>  \n  </t:Sub></t:Item>', want: { args: [['Item', obj(['Sub', obj()])]], lines: [`${I}/{${TNS}}Sub = ""`] } }],
    ['a whitespace-only parameter of a complex type is {}', { given: '<t:Item> </t:Item>', want: { args: [['Item', obj()]], lines: [`${I} = ""`] } }],
    ['a nested object', { given: '<t:Item><t:Sub><t:X>4</t:X></t:Sub></t:Item>', want: { args: [['Item', obj(['Sub', obj(['X', int('4')])])]], lines: [`${I}/{${TNS}}Sub/{${TNS}}X = "4"`] } }],
    [
      'scalars that do not fit are left out',
      {
        given:
          '<t:Item><b:Id>abc</b:Id><b:Name>ok</b:Name><t:Count>1.5</t:Count><t:Amount>1e3</t:Amount><t:When>yesterday</t:When><t:Flag>maybe</t:Flag>' +
          '<t:Kind>Gamma</t:Kind><t:Rights>Read Delete</t:Rights><t:Blob>A</t:Blob></t:Item>',
        want: { args: [['Item', obj(['Name', str('"ok"', 'ok')])]], lines: [`${I}/{${BASE}}Name = "ok"`] },
      },
    ],
    ['an int outside xs:int is left out', { given: '<t:Item><b:Id>2147483648</b:Id></t:Item>', want: { args: [['Item', obj()]], lines: [`${I} = ""`] } }],
    ['a field of a type the model cannot resolve is left out', { given: '<t:Item><t:Lost>1</t:Lost></t:Item>', want: { args: [['Item', obj()]], lines: [`${I} = ""`] } }],
    [
      'long past 2^53, decimal as written, dateTime without a zone as UTC, base64 canonical',
      {
        given: '<t:Item><t:Count>9007199254740993</t:Count><t:Amount>+2.50</t:Amount><t:When>2024-01-31T08:00:00</t:When><t:Blob>AQI</t:Blob></t:Item>',
        want: {
          args: [['Item', obj(['Count', big('9007199254740993')], ['Amount', decimal('+2.50', '2.50')], ['When', date('2024-01-31T08:00:00.000Z')], ['Blob', sc('new Uint8Array([1, 2])', 'AQI=', '"AQI="')])]],
          lines: [`${I}/{${TNS}}Count = "9007199254740993"`, `${I}/{${TNS}}Amount = "+2.50"`, `${I}/{${TNS}}When = "2024-01-31T08:00:00.000Z"`, `${I}/{${TNS}}Blob = "AQI="`],
        },
      },
    ],
    [
      'an enum name trimmed, flags split on whitespace',
      {
        given: '<t:Item><t:Kind> Beta </t:Kind><t:Rights>Read\n  Write</t:Rights></t:Item>',
        want: {
          args: [['Item', obj(['Kind', str('"Beta"', 'Beta')], ['Rights', flags('Read', 'Write')])]],
          lines: [`${I}/{${TNS}}Kind = "Beta"`, `${I}/{${TNS}}Rights = "Read Write"`],
        },
      },
    ],
    ['a string keeps its whitespace', { given: '<t:Note>  two  words </t:Note>', want: { args: [['Note', str('"  two  words "', '  two  words ')]], lines: [`${W}/{${TNS}}Note = "  two  words "`] } }],
    ['no arguments: the empty wrapper', { given: '', want: { args: [], lines: [`${W} = ""`] } }],
  ])('%s', (_name, { given, want }) => {
    const args = soapRequest(given);
    expect(args).toEqual(want.args);
    expect(soapRequestLines({ ns: TNS, local: 'Save' }, args, params, lookup)).toEqual(want.lines);
  });
});

describe('requestArguments on values the checker did not filter', () => {
  test.each<[string, { given: SampleValue | undefined; want: Array<[string, Expected]> }]>([
    ['nil of a parameter that is not nillable is dropped', { given: { fields: [['Note', null]] }, want: [] }],
    ['nil of a field that is not nillable is dropped, nillable kept', { given: { fields: [['Item', { fields: [['Id', null], ['Name', null]] }]] }, want: [['Item', obj(['Name', NIL])]] }],
    ['an array where the type is an object is dropped', { given: { fields: [['Item', [{ scalar: 'xs:int', text: '1' }]]] }, want: [] }],
    ['entries where the type is an array are dropped', { given: { fields: [['Item', { fields: [['Tags', { entries: [] }]] }]] }, want: [['Item', obj()]] }],
    ['an unknown parameter is ignored', { given: { fields: [['Other', { scalar: 'xs:string', text: 'x' }]] }, want: [] }],
    ['no reading: no arguments', { given: undefined, want: [] }],
    ['a reading that is not an object: no arguments', { given: null, want: [] }],
  ])('%s', (_name, { given, want }) => {
    expect(requestArguments(given, params, lookup)).toEqual(want);
  });
});

function soapAnswer(inner: string, returns: ReturnValue = RESULT): Outcome {
  return soapResult(parseXml(`<t:SaveResponse ${DECLS}>${inner}</t:SaveResponse>`), returns, lookup);
}

describe('SOAP answers: what a correct decoder makes of the documented response', () => {
  const notNillable: ReturnValue = { ...RESULT, nillable: false };
  const dateResult: ReturnValue = { ...RESULT, type: 'xs:dateTime' };
  test.each<[string, { given: [inner: string, returns?: ReturnValue]; want: Outcome }]>([
    [
      'fields in schema order, inherited first, unknown elements ignored',
      { given: ['<t:Response><t:Bogus/><t:Flag>1</t:Flag><t:Count>-0</t:Count><b:Id>+5</b:Id></t:Response><t:Beside>1</t:Beside>'], want: { value: obj(['Id', int('5')], ['Count', big('0')], ['Flag', bool('true')]) } },
    ],
    ['nil is null even where not nillable', { given: ['<t:Response><t:Flag i:nil="true"/><b:Id i:nil="1"/></t:Response>'], want: { value: obj(['Id', NIL], ['Flag', NIL]) } }],
    ['a nil attribute in another namespace is no nil', { given: ['<t:Response xmlns:o="urn:o"><b:Name o:nil="true">x</b:Name></t:Response>'], want: { value: obj(['Name', str('"x"', 'x')]) } }],
    ['the result itself nil', { given: ['<t:Response i:nil="true"/>'], want: { value: NIL } }],
    ['a result missing from a wrapper that holds other elements is an error', { given: ['<t:SaveResult><b:Id>1</b:Id></t:SaveResult>'], want: { error: 'Response' } }],
    ['an empty wrapper is null when the result is nillable', { given: [''], want: { value: NIL } }],
    ['a whitespace-only wrapper is empty too', { given: ['\n  '], want: { value: NIL } }],
    ['an empty wrapper is an error when the result is not nillable', { given: ['', notNillable], want: { error: 'Response' } }],
    ['a scalar that does not fit is an error naming its element', { given: ['<t:Response><b:Id>abc</b:Id></t:Response>'], want: { error: 'Id' } }],
    ['an int outside xs:int is an error', { given: ['<t:Response><b:Id>2147483648</b:Id></t:Response>'], want: { error: 'Id' } }],
    ['a repeated value that does not fit is an error', { given: ['<t:Response><t:Codes>1</t:Codes><t:Codes>x</t:Codes></t:Response>'], want: { error: 'Codes' } }],
    ['a dictionary value that does not fit is an error naming its field, as the runtime names it', { given: ['<t:Response><t:Extra><a:KeyValueOfstringint><a:Key>k</a:Key><a:Value>x</a:Value></a:KeyValueOfstringint></t:Extra></t:Response>'], want: { error: 'Extra' } }],
    ['a dictionary entry without a key is an error naming the dictionary', { given: ['<t:Response><t:Extra><a:KeyValueOfstringint><a:Value>1</a:Value></a:KeyValueOfstringint></t:Extra></t:Response>'], want: { error: 'Extra' } }],
    [
      'repeated fields are a list, whatever stands between them',
      { given: ['<t:Response><t:Codes>1</t:Codes><t:Bogus/><t:Codes> 2 </t:Codes></t:Response>'], want: { value: obj(['Codes', list(int('1'), int('2'))]) } },
    ],
    ['a repeated field given once stays a list', { given: ['<t:Response><t:Codes>1</t:Codes></t:Response>'], want: { value: obj(['Codes', list(int('1'))]) } }],
    [
      'array items, nil ones as null',
      { given: ['<t:Response><t:Tags><a:string>a</a:string><a:string i:nil="true"/><a:Other>z</a:Other></t:Tags></t:Response>'], want: { value: obj(['Tags', list(str('"a"', 'a'), NIL)]) } },
    ],
    ['an empty array', { given: ['<t:Response><t:Tags/></t:Response>'], want: { value: obj(['Tags', list()]) } }],
    [
      'dictionary: first position, last value; an entry without a value is null',
      {
        given: [
          '<t:Response><t:Extra>' +
            '<a:KeyValueOfstringint><a:Key>k1</a:Key><a:Value>1</a:Value></a:KeyValueOfstringint>' +
            '<a:KeyValueOfstringint><a:Key>k2</a:Key></a:KeyValueOfstringint>' +
            '<a:KeyValueOfstringint><a:Key>k1</a:Key><a:Value>3</a:Value></a:KeyValueOfstringint>' +
            '</t:Extra></t:Response>',
        ],
        want: { value: obj(['Extra', map(['k1', int('3')], ['k2', NIL])]) },
      },
    ],
    ['whitespace-only content of a complex element is {}', { given: ['<t:Response><t:Sub>\n   </t:Sub></t:Response>'], want: { value: obj(['Sub', obj()]) } }],
    ['a whitespace-only result of a complex type is {}', { given: ['<t:Response> </t:Response>'], want: { value: obj() } }],
    [
      'scalars of every kind',
      {
        given: [
          '<t:Response><t:Count>9007199254740993</t:Count><t:Amount>.5</t:Amount><t:When>2024-01-31T08:00:00+01:00</t:When><t:Flag> false </t:Flag>' +
            '<t:Kind>Alpha</t:Kind><t:Rights> Write  Read </t:Rights><t:Blob>AQID</t:Blob></t:Response>',
        ],
        want: {
          value: obj(
            ['Count', big('9007199254740993')],
            ['Amount', decimal('.5', '0.5')],
            ['When', date('2024-01-31T07:00:00.000Z')],
            ['Flag', bool('false')],
            ['Kind', str('"Alpha"', 'Alpha')],
            ['Rights', flags('Write', 'Read')],
            ['Blob', sc('new Uint8Array([1, 2, 3])', 'AQID', '"AQID"')],
          ),
        },
      },
    ],
    ['a scalar result', { given: ['<t:Response>2024-01-31T24:00:00Z</t:Response>', dateResult], want: { value: date('2024-02-01T00:00:00.000Z') } }],
    ['a scalar result that does not fit', { given: ['<t:Response>2024-02-30T00:00:00Z</t:Response>', dateResult], want: { error: 'Response' } }],
  ])('%s', (_name, { given: [inner, returns], want }) => {
    expect(soapAnswer(inner, returns)).toEqual(want);
  });
});

const REST_HEAD = 'POST /api/v1/Agents/Thing/Save HTTP/1.1\nContent-Type: application/json\n\n';

function restRequest(body: string, shape: 'object' | 'value' | 'none', ps: Param[] = params): Expected | undefined {
  const m = method(shape, ps);
  const reading = readRestSample({ kind: 'rest-request', text: REST_HEAD + body, source: { file: 'x.md', line: 1 } }, m, lookup);
  const args = requestArguments(reading.value, ps, lookup);
  return restBody(shape, args, ps.filter((p) => p.in === 'body'));
}

describe('REST requests: the body a client must send, as sorted JSON lines with exact number tokens', () => {
  const itemOnly = [field('Item', 'tns:Item', { nillable: true, in: 'body' })];
  test.each<[string, { given: [body: string, shape: 'object' | 'value' | 'none', ps?: Param[]]; want: string[] }]>([
    [
      'an object of the parameters: keys sorted, int64 and decimal digits kept',
      {
        given: [
          '{"Note": "hi", "Item": {"When": "2024-01-31T08:00:00", "Flag": true, "Count": 9007199254740993, "Amount": 12345678901234567890.125, "Id": 1, ' +
            '"Tags": ["b", null], "Extra": {"z": 1, "a": 2}, "Sub": {}, "Rights": "Read, Write"}}',
          'object',
        ],
        want: [
          '/Item/Amount = 12345678901234567890.125',
          '/Item/Count = 9007199254740993',
          '/Item/Extra/a = 2',
          '/Item/Extra/z = 1',
          '/Item/Flag = true',
          '/Item/Id = 1',
          '/Item/Rights = "Read, Write"',
          '/Item/Sub = {}',
          '/Item/Tags/0 = "b"',
          '/Item/Tags/1 = null',
          '/Item/When = "2024-01-31T08:00:00.000Z"',
          '/Note = "hi"',
        ],
      },
    ],
    ['decimal tokens become valid JSON as written', { given: ['{"Item": {"Amount": 0.50}}', 'object'], want: ['/Item/Amount = 0.50'] }],
    ['values that do not fit are left out', { given: ['{"Item": {"Id": 1.5, "Flag": "yes", "Count": "x", "Name": "ok"}}', 'object'], want: ['/Item/Name = "ok"'] }],
    ['an empty object body', { given: ['{}', 'object'], want: [' = {}'] }],
    ['a nillable parameter sent as null', { given: ['{"Item": null}', 'object'], want: ['/Item = null'] }],
    ['the body is the single parameter itself', { given: ['{"Id": 5, "Tags": []}', 'value', itemOnly], want: ['/Id = 5', '/Tags = []'] }],
    ['no body', { given: ['', 'none'], want: [] }],
  ])('%s', (_name, { given: [body, shape, ps], want }) => {
    expect(jsonLines(restRequest(body, shape, ps))).toEqual(want);
  });

  test.each<[string, { given: [shape: 'object' | 'value' | 'none', args: Array<[string, Expected]>]; want: Expected | undefined }]>([
    ['object: only the body parameters, query ones left out', { given: ['object', [['Note', str('"a"', 'a')], ['Limit', int('5')]]], want: obj(['Note', str('"a"', 'a')]) }],
    ['object: no arguments is an empty object', { given: ['object', []], want: obj() }],
    ['value: the first body parameter', { given: ['value', [['Limit', int('5')], ['Item', obj()]]], want: obj() }],
    ['value: null when it is not given', { given: ['value', [['Limit', int('5')]]], want: NIL }],
    ['none: nothing', { given: ['none', [['Item', obj()]]], want: undefined }],
  ])('restBody %s', (_name, { given: [shape, args], want }) => {
    expect(restBody(shape, args, params.filter((p) => p.in === 'body'))).toEqual(want);
  });

  test.each<[string, { given: Expected | undefined; want: string[] }]>([
    ['nothing', { given: undefined, want: [] }],
    ['a root scalar', { given: int('5'), want: [' = 5'] }],
    ['null at the root', { given: NIL, want: [' = null'] }],
    ['keys sorted by code unit, in objects inside lists too', { given: list(obj(['b', int('1')], ['B', int('2')], ['a', int('3')])), want: ['/0/B = 2', '/0/a = 3', '/0/b = 1'] }],
    ['map keys escaped as JSON pointers', { given: map(['a/b', int('1')], ['c~d', int('2')]), want: ['/a~1b = 1', '/c~0d = 2'] }],
    ['empty list and object inside', { given: obj(['L', list()], ['O', map()]), want: ['/L = []', '/O = {}'] }],
    ['the JSON token of each scalar', { given: obj(['Big', big('9007199254740993')], ['Dec', decimal('7.', '7')], ['Inf', sc('Number.POSITIVE_INFINITY', 'INF', '"INF"')]), want: ['/Big = 9007199254740993', '/Dec = 7', '/Inf = "INF"'] }],
  ])('jsonLines: %s', (_name, { given, want }) => {
    expect(jsonLines(given)).toEqual(want);
  });
});

function restAnswer(body: string | undefined, returns: ReturnValue = RESULT): Outcome {
  if (body === undefined) return restResult(undefined, returns, lookup);
  const parsed = parseJsonTree(body);
  if (!('tree' in parsed)) throw new Error('bad JSON in the test');
  return restResult(parsed.tree, returns, lookup);
}

describe('REST answers: what a correct decoder makes of the documented body', () => {
  const notNillable: ReturnValue = { ...RESULT, nillable: false };
  test.each<[string, { given: [body: string | undefined, returns?: ReturnValue]; want: Outcome }]>([
    [
      'schema order, unknown properties ignored, int64 and decimal digits kept',
      { given: ['{"Amount": 0.10, "Bogus": 1, "Count": 9007199254740993, "Id": 5}'], want: { value: obj(['Id', int('5')], ['Count', big('9007199254740993')], ['Amount', decimal('0.10', '0.10')]) } },
    ],
    ['no body, nillable result: null', { given: [undefined], want: { value: NIL } }],
    ['no body, result not nillable: an error', { given: [undefined, notNillable], want: { error: 'body' } }],
    ['a null body', { given: ['null', notNillable], want: { value: NIL } }],
    ['null fields are null even where not nillable', { given: ['{"Flag": null, "Id": null}'], want: { value: obj(['Id', NIL], ['Flag', NIL]) } }],
    ['a fraction for an int is an error naming the property', { given: ['{"Id": 1.5}'], want: { error: 'Id' } }],
    ['an int outside xs:int is an error', { given: ['{"Id": 2147483648}'], want: { error: 'Id' } }],
    ['a string where an array belongs is an error', { given: ['{"Tags": "a"}'], want: { error: 'Tags' } }],
    ['an array where the object belongs is an error', { given: ['[]'], want: { error: 'response' } }],
    ['a number where the flags belong is an error', { given: ['{"Rights": 3}'], want: { error: 'Rights' } }],
    ['a duplicate property: the last one', { given: ['{"Id": 1, "Name": "n", "Id": 2}'], want: { value: obj(['Id', int('2')], ['Name', str('"n"', 'n')]) } }],
    ['dictionary: first position, last value', { given: ['{"Extra": {"k1": 1, "k2": 2, "k1": 3}}'], want: { value: obj(['Extra', map(['k1', int('3')], ['k2', int('2')])]) } }],
    [
      'flags, dates, arrays, booleans, repeated fields, nested objects',
      {
        given: ['{"Rights": "Read, Write", "When": "2026-02-01T09:30:00.5+01:00", "Tags": ["a", null], "Flag": true, "Codes": [1, 2], "Sub": {"X": -3}, "Blob": "AQID"}'],
        want: {
          value: obj(
            ['When', date('2026-02-01T08:30:00.500Z')],
            ['Flag', bool('true')],
            ['Tags', list(str('"a"', 'a'), NIL)],
            ['Codes', list(int('1'), int('2'))],
            ['Rights', flags('Read', 'Write')],
            ['Sub', obj(['X', int('-3')])],
            ['Blob', sc('new Uint8Array([1, 2, 3])', 'AQID', '"AQID"')],
          ),
        },
      },
    ],
    ['an empty object', { given: ['{}'], want: { value: obj() } }],
  ])('%s', (_name, { given: [body, returns], want }) => {
    expect(restAnswer(body, returns)).toEqual(want);
  });
});

describe('literalOf: the TypeScript expression of a value', () => {
  test.each<[string, { given: [Expected, string?]; want: string }]>([
    ['null', { given: [NIL], want: 'null' }],
    ['a scalar is its literal', { given: [big('9007199254740993')], want: '9007199254740993n' }],
    ['empty list and object', { given: [obj(['L', list()], ['O', obj()])], want: '{\n  L: [],\n  O: {},\n}' }],
    ['an empty object', { given: [map()], want: '{}' }],
    [
      'nested, keys that are no identifiers quoted, __proto__ computed',
      {
        given: [obj(['Id', int('1')], ['Tags', list(str('"a"', 'a'), NIL)], ['odd key', map(['__proto__', int('2')])])],
        want: '{\n  Id: 1,\n  Tags: [\n    "a",\n    null,\n  ],\n  "odd key": {\n    ["__proto__"]: 2,\n  },\n}',
      },
    ],
    ['indented', { given: [obj(['Id', int('1')]), '    '], want: '{\n      Id: 1,\n    }' }],
  ])('%s', (_name, { given: [value, indent], want }) => {
    expect(literalOf(value, indent)).toBe(want);
  });
});

// The answer side reads what a lenient decoder gives, as the runtime does and as WCF clients do: a
// newer server may send enum and flag names this WSDL does not list, so they are kept as sent, not
// refused (the request side, which builds what a client may send, takes only listed names, trimmed).
describe('names outside an enum are kept on the answer side', () => {
  test('SOAP answer: an enum name is kept as written, whitespace included', () => {
    expect(soapAnswer('<t:Response><t:Kind> Alpha </t:Kind></t:Response>')).toEqual({ value: obj(['Kind', str('" Alpha "', ' Alpha ')]) });
  });
  test('SOAP answer: a name that is no value of the enum is kept', () => {
    expect(soapAnswer('<t:Response><t:Kind>Gamma</t:Kind></t:Response>')).toEqual({ value: obj(['Kind', str('"Gamma"', 'Gamma')]) });
  });
  test('REST answer: a name that is no value of the enum is kept', () => {
    expect(restAnswer('{"Kind": "Gamma"}')).toEqual({ value: obj(['Kind', str('"Gamma"', 'Gamma')]) });
  });
});

describe('REST requests', () => {
  test('a repeated field given as a JSON array is sent', () => {
    expect(jsonLines(restRequest('{"Item": {"Codes": [3, 4]}}', 'object'))).toEqual(['/Item/Codes/0 = 3', '/Item/Codes/1 = 4']);
  });
});

describe('review findings', () => {
  test('REST flags given as a JSON array of names are read, as the runtime reads them', () => {
    expect(restAnswer('{"Rights": ["Read", "Write"]}')).toEqual({ value: obj(['Rights', flags('Read', 'Write')]) });
  });
});
