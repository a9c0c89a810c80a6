import { describe, expect, test } from 'vitest';
import { canonicalXml } from '../../src/runtime/testing.js';

const ns = { soap: 'http://schemas.xmlsoap.org/soap/envelope/', tns: 'urn:tns', arr: 'urn:arr' };
const envelope = (body: string) =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:x="urn:tns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><s:Body>${body}</s:Body></s:Envelope>`;

// What the generated tests expect for a documented SaveConnection sample.
const expected = [
  '/soap:Body/tns:Save/tns:Thing/tns:Id = "7"',
  '/soap:Body/tns:Save/tns:Thing/tns:Name = nil',
  '/soap:Body/tns:Save/tns:Thing/tns:Ids/arr:int = "1"',
];

describe('the canonical comparison the generated sample tests use', () => {
  test('ignores prefixes, whitespace between elements and xsi:type', () => {
    const sent = envelope(`
      <x:Save>
        <x:Thing xsi:type="x:Thing">
          <x:Id xsi:type="xsd:int">7</x:Id>
          <Name xmlns="urn:tns" xsi:nil="true"/>
          <x:Ids><a:int xmlns:a="urn:arr">1</a:int></x:Ids>
        </x:Thing>
      </x:Save>`);
    expect(canonicalXml(sent, 'Body', ns)).toEqual(expected);
  });

  const wrongClients: Array<[string, string]> = [
    ['a field emitted out of order', '<x:Save><x:Thing><x:Name xsi:nil="true"/><x:Id>7</x:Id><x:Ids><int xmlns="urn:arr">1</int></x:Ids></x:Thing></x:Save>'],
    ['a dropped nil', '<x:Save><x:Thing><x:Id>7</x:Id><x:Ids><int xmlns="urn:arr">1</int></x:Ids></x:Thing></x:Save>'],
    ['nil sent as an empty element', '<x:Save><x:Thing><x:Id>7</x:Id><x:Name/><x:Ids><int xmlns="urn:arr">1</int></x:Ids></x:Thing></x:Save>'],
    ['an array item in the wrong namespace', '<x:Save><x:Thing><x:Id>7</x:Id><x:Name xsi:nil="true"/><x:Ids><x:int>1</x:int></x:Ids></x:Thing></x:Save>'],
    ['a one-element array flattened', '<x:Save><x:Thing><x:Id>7</x:Id><x:Name xsi:nil="true"/><x:Ids>1</x:Ids></x:Thing></x:Save>'],
    ['a changed value', '<x:Save><x:Thing><x:Id>8</x:Id><x:Name xsi:nil="true"/><x:Ids><int xmlns="urn:arr">1</int></x:Ids></x:Thing></x:Save>'],
  ];
  test.each(wrongClients)('catches %s', (_name, body) => {
    expect(canonicalXml(envelope(body), 'Body', ns)).not.toEqual(expected);
  });
});
