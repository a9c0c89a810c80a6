import { describe, expect, test } from 'vitest';
import { callSoap, decodeResponse, encodeRequest, type SoapOperation } from '../../src/runtime/soap.js';
import { NetServerError, TimeoutError, HttpError, DecodeError, EncodeError } from '../../src/runtime/errors.js';
import type { WireSchema } from '../../src/runtime/schema.js';

const TNS = 'urn:tns';
const schema: WireSchema = {
  ns: { tns: TNS, arr: 'urn:arr' },
  types: {
    'tns:Base': ['c', '', [['TableRight', 'tns:Rights', 3]]],
    'tns:Thing': ['c', 'tns:Base', [['Id', 'xs:int', 1], ['Name', 'xs:string', 3], ['When', 'xs:dateTime', 1], ['Big', 'xs:long', 1], ['Money', 'xs:decimal', 1], ['Kind', 'tns:Kind', 1], ['Ids', 'arr:ArrayOfint', 3], ['Map', 'tns:Dict', 3], ['Blob', 'xs:base64Binary', 3], ['Tags', 'xs:string', 5]]],
    'tns:Rights': ['f'],
    'tns:Kind': ['e'],
    'arr:ArrayOfint': ['a', 'int', 'xs:int', 1],
    'tns:Dict': ['d', 'DictPair', 'Key', 'xs:string', 'Value', 'xs:string', 2],
    'tns:SoCredentials': ['c', '', [['Ticket', 'xs:string', 3]]],
  },
};
const op: SoapOperation = {
  action: 'urn:tns/Save',
  request: 'tns:Save',
  params: [['Thing', 'tns:Thing', 3], ['Count', 'xs:int', 0]],
  response: 'tns:SaveResponse',
  results: [['Response', 'tns:Thing', 3]],
  result: 'Response',
  headers: [['ApplicationToken', 'tns:ApplicationToken', 'xs:string'], ['Credentials', 'tns:Credentials', 'tns:SoCredentials']],
};

describe('encodeRequest writes what the WSDL binds', () => {
  const xml = encodeRequest(
    schema,
    op,
    {
      Thing: { Tags: ['a', 'b'], Name: null, Id: 7, TableRight: ['Select', 'Update'], When: new Date('2026-01-02T03:04:05Z'), Big: 9007199254740993n, Money: '0.1', Kind: 'Big', Ids: [1], Map: { 'a&b': 'x' }, Blob: new Uint8Array([1, 2, 255]) },
      Count: 2,
    },
    { baseUrl: 'x', ticket: 'T<1>', applicationToken: 'app' },
  );
  const cases: Array<[string, { want: string }]> = [
    ['SOAP 1.1 envelope with headers inside soap:Header', { want: '<soap:Header><tns:ApplicationToken>app</tns:ApplicationToken><tns:Credentials><tns:Ticket>T&lt;1&gt;</tns:Ticket></tns:Credentials></soap:Header>' }],
    ['inherited fields first, then sequence order whatever the object order', { want: '<tns:Thing><tns:TableRight>Select Update</tns:TableRight><tns:Id>7</tns:Id><tns:Name xsi:nil="true"/><tns:When>2026-01-02T03:04:05.000Z</tns:When><tns:Big>9007199254740993</tns:Big><tns:Money>0.1</tns:Money><tns:Kind>Big</tns:Kind>' }],
    ['one-element array in the Arrays namespace', { want: '<tns:Ids><arr:int>1</arr:int></tns:Ids>' }],
    ['dictionary as key/value pairs, escaped', { want: '<tns:Map><tns:DictPair><tns:Key>a&amp;b</tns:Key><tns:Value>x</tns:Value></tns:DictPair></tns:Map>' }],
    ['base64 and repeated elements', { want: '<tns:Blob>AQL/</tns:Blob><tns:Tags>a</tns:Tags><tns:Tags>b</tns:Tags></tns:Thing><tns:Count>2</tns:Count></tns:Save></soap:Body>' }],
  ];
  test.each(cases)('%s', (_name, { want }) => expect(xml).toContain(want));
  test('declares the schema namespaces once, on the envelope', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tns="urn:tns" xmlns:arr="urn:arr">')).toBe(true);
  });
  test('no header element for options that are not set', () => {
    expect(encodeRequest(schema, op, { Count: 1 }, { baseUrl: 'x' })).not.toContain('soap:Header');
  });
  test.each([
    ['a required parameter left out', {}, /Count is required/],
    ['a fraction for an int', { Count: 1.5 }, /integer/],
    ['null where the schema forbids nil', { Count: null }, /cannot be null/],
    ['text that is not a decimal', { Count: 1, Thing: { Money: '1e5' } }, /decimal/],
    ['a character XML cannot carry', { Count: 1, Thing: { Name: 'a\u0001b' } }, /XML cannot carry/],
  ])('refuses %s', (_name, args, message) => {
    expect(() => encodeRequest(schema, op, args, { baseUrl: 'x' })).toThrow(EncodeError);
    expect(() => encodeRequest(schema, op, args, { baseUrl: 'x' })).toThrow(message);
  });
});

const envelope = (header: string, body: string) =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"><s:Header>${header}</s:Header><s:Body>${body}</s:Body></s:Envelope>`;

describe('decodeResponse reads the declared types', () => {
  test('numbers, booleans, dates, bigints, one-element arrays, flags, nil and unknown elements', () => {
    const value = decodeResponse(
      schema,
      op,
      envelope(
        '<Succeeded xmlns="urn:tns">true</Succeeded><ExceptionInfo i:nil="true" xmlns="urn:tns"/>',
        '<SaveResponse xmlns="urn:tns"><Response><TableRight>Select</TableRight><Id>7</Id><Name i:nil="true"/><When>2026-01-02T03:04:05.5+01:00</When><Big>-9223372036854775808</Big><Money>12345678901234567890.5</Money><Ids><int xmlns="urn:arr">3</int></Ids><Unknown>x</Unknown><Map><DictPair><Key>k</Key><Value i:nil="true"/></DictPair></Map><Tags>one</Tags></Response></SaveResponse>',
      ),
      200,
    );
    expect(value).toEqual({
      TableRight: ['Select'],
      Id: 7,
      Name: null,
      When: new Date('2026-01-02T02:04:05.500Z'),
      Big: -9223372036854775808n,
      Money: '12345678901234567890.5',
      Ids: [3],
      Map: { k: null },
      Tags: ['one'],
    });
  });

  test('an ExceptionInfo header becomes a NetServerError with message, type and stack', () => {
    const xml = envelope(
      '<ExceptionInfo xmlns="urn:tns"><Message>Ticket expired</Message><StackTrace>at X</StackTrace><ExceptionType>SoSecurityException</ExceptionType><InnerException><Message>inner</Message></InnerException></ExceptionInfo><Succeeded xmlns="urn:tns">false</Succeeded>',
      '<SaveResponse xmlns="urn:tns"/>',
    );
    const error = (() => {
      try {
        decodeResponse(schema, op, xml, 200);
      } catch (e) {
        return e as NetServerError;
      }
    })();
    expect(error).toBeInstanceOf(NetServerError);
    expect(error).toMatchObject({ message: 'Ticket expired', exceptionType: 'SoSecurityException', serverStackTrace: 'at X', status: 200 });
    expect(error!.inner?.message).toBe('inner');
  });

  test('a fault becomes a NetServerError', () => {
    const xml = envelope('', '<s:Fault><faultcode>s:Client</faultcode><faultstring xml:lang="en">Bad request</faultstring></s:Fault>');
    expect(() => decodeResponse(schema, op, xml, 500)).toThrow(NetServerError);
    expect(() => decodeResponse(schema, op, xml, 500)).toThrow('Bad request');
  });

  test.each([
    ['not XML', 'oops'],
    ['a DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><x/>'],
    ['no Body', '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>'],
    ['an int that is not one', envelope('', '<SaveResponse xmlns="urn:tns"><Response><Id>seven</Id></Response></SaveResponse>')],
  ])('%s is a DecodeError', (_name, xml) => {
    expect(() => decodeResponse(schema, op, xml, 200)).toThrow(DecodeError);
  });
});

describe('decodeResponse and a wrapper without the result element', () => {
  const decode = (wrapperContent: string, operation: SoapOperation = op) =>
    decodeResponse(schema, operation, envelope('', `<SaveResponse xmlns="urn:tns">${wrapperContent}</SaveResponse>`), 200);
  const failure = (run: () => unknown): Error => {
    try {
      run();
    } catch (error) {
      return error as Error;
    }
    throw new Error('no error');
  };

  test('a result under another name is a DecodeError naming what was found', () => {
    const error = failure(() => decode('<GetAllConnectionsResult><Id>1</Id></GetAllConnectionsResult>'));
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.message).toBe('the answer has no <Response>; found <GetAllConnectionsResult>');
  });

  test('every element found is named, once', () => {
    expect(failure(() => decode('<Result/><Extra>1</Extra><Result/>')).message).toBe('the answer has no <Response>; found <Result>, <Extra>');
  });

  test('with out parameters, an answer with none of the named elements is a DecodeError', () => {
    const withLength: SoapOperation = { ...op, results: [['Length', 'xs:long', 1], ['Response', 'tns:Thing', 3]] };
    expect(failure(() => decode('<Data>AQ==</Data>', withLength)).message).toBe('the answer has none of <Length>, <Response>; found <Data>');
    expect(decode('<Length>5</Length><Unknown/>', withLength)).toEqual({ Length: 5n });
  });

  test('unknown elements beside the result are ignored, as WCF does', () => {
    expect(decode('<Response><Id>3</Id></Response><AddedLater>x</AddedLater>')).toEqual({ Id: 3 });
    expect(decode('<AddedFirst>x</AddedFirst><Response i:nil="true" xmlns:i="http://www.w3.org/2001/XMLSchema-instance"/>')).toBeNull();
  });

  test('an empty wrapper is a nillable result left out: null', () => {
    expect(decode('')).toBeNull();
  });

  test('an operation that returns nothing ignores whatever its wrapper holds', () => {
    expect(decode('<Something>1</Something>', { ...op, results: [], result: null })).toBeUndefined();
  });
});

describe('callSoap over fetch', () => {
  const answer = envelope('', '<SaveResponse xmlns="urn:tns"><Response><Id>1</Id></Response></SaveResponse>');
  test('POSTs to <baseUrl>/<path> with the SOAPAction header', async () => {
    const seen: Array<[string, RequestInit]> = [];
    const fetch = (async (url: string, init: RequestInit) => {
      seen.push([url, init]);
      return new Response(answer, { headers: { 'content-type': 'text/xml' } });
    }) as unknown as typeof globalThis.fetch;
    const value = await callSoap({ baseUrl: 'https://h.invalid/Cust1/', fetch, headers: { 'X-Trace': '1' } }, 'Remote/Services88/A.svc', schema, op, { Count: 1 }, undefined);
    expect(value).toEqual({ Id: 1 });
    expect(seen[0]![0]).toBe('https://h.invalid/Cust1/Remote/Services88/A.svc');
    expect(seen[0]![1]).toMatchObject({ method: 'POST', headers: { SOAPAction: '"urn:tns/Save"', 'Content-Type': 'text/xml; charset=utf-8', 'X-Trace': '1' } });
  });

  test('a stalled server is a TimeoutError', async () => {
    const fetch = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new Error('aborted'))))) as unknown as typeof globalThis.fetch;
    await expect(callSoap({ baseUrl: 'https://h.invalid', fetch, timeoutMs: 20 }, 'p', schema, op, { Count: 1 }, undefined)).rejects.toBeInstanceOf(TimeoutError);
  });

  test('an HTTP error without a SOAP body is an HttpError', async () => {
    const fetch = (async () => new Response('Service Unavailable', { status: 503, statusText: 'Service Unavailable', headers: { 'content-type': 'text/plain' } })) as unknown as typeof globalThis.fetch;
    await expect(callSoap({ baseUrl: 'https://h.invalid', fetch }, 'p', schema, op, { Count: 1 }, undefined)).rejects.toMatchObject({ constructor: HttpError, status: 503 });
  });

  test('a caller signal cancels the call', async () => {
    const controller = new AbortController();
    const fetch = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new Error('cancelled'))))) as unknown as typeof globalThis.fetch;
    const pending = callSoap({ baseUrl: 'https://h.invalid', fetch }, 'p', schema, op, { Count: 1 }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow('cancelled');
  });
});
