import { describe, expect, test } from 'vitest';
import { readWsdl } from '../../src/ingest/wsdl.js';

const NS = 'http://www.superoffice.net/ws/crm/NetServer/Services91';

/** A small WSDL in the NetServer shape, for a version that does not exist yet (nothing hard-codes 86-88). */
function wsdl(types: string, operation = ''): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions targetNamespace="${NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="${NS}" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/">
<wsdl:types>
<xs:schema elementFormDefault="qualified" targetNamespace="${NS}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:ser="http://schemas.microsoft.com/2003/10/Serialization/">
<xs:element name="Save"><xs:complexType><xs:sequence>
<xs:element minOccurs="0" name="Thing" nillable="true" type="q1:Thing" xmlns:q1="${NS}"/>
<xs:element name="Count" type="xs:int"/>
<xs:element minOccurs="0" name="Id" type="ser:guid"/>
</xs:sequence></xs:complexType></xs:element>
<xs:element name="SaveResponse"><xs:complexType><xs:sequence>
<xs:element minOccurs="0" name="Length" type="xs:long"/>
<xs:element minOccurs="0" name="Response" nillable="true" type="tns:Thing"/>
</xs:sequence></xs:complexType></xs:element>
<xs:element name="Ping"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
<xs:element name="PingResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
${types}
</xs:schema>
</wsdl:types>
<wsdl:message name="SaveRequest"><wsdl:part name="parameters" element="tns:Save"/></wsdl:message>
<wsdl:message name="SaveRequest_Headers"><wsdl:part name="Credentials" element="tns:Credentials"/></wsdl:message>
<wsdl:message name="SaveResponse"><wsdl:part name="parameters" element="tns:SaveResponse"/></wsdl:message>
<wsdl:message name="PingRequest"><wsdl:part name="parameters" element="tns:Ping"/></wsdl:message>
<wsdl:message name="PingResponse"><wsdl:part name="parameters" element="tns:PingResponse"/></wsdl:message>
<wsdl:portType name="Thing">
<wsdl:operation name="Save"><wsdl:input message="tns:SaveRequest"/><wsdl:output message="tns:SaveResponse"/></wsdl:operation>
<wsdl:operation name="Ping"><wsdl:input message="tns:PingRequest"/><wsdl:output message="tns:PingResponse"/></wsdl:operation>
${operation}
</wsdl:portType>
<wsdl:binding name="B" type="tns:Thing"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
<wsdl:operation name="Save"><soap:operation soapAction="${NS}/Thing/Save" style="document"/>
<wsdl:input><soap:header message="tns:SaveRequest_Headers" part="Credentials" use="literal"/><soap:body use="literal"/></wsdl:input>
<wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
<wsdl:operation name="Ping"><soap:operation soapAction="${NS}/Thing/Ping" style="document"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
</wsdl:binding>
<wsdl:service name="S"><wsdl:port name="P" binding="tns:B"><soap:address location="https://host/Cust1/Remote/Services91/Thing.svc"/></wsdl:port></wsdl:service>
</wsdl:definitions>`;
}

const THING = `<xs:complexType name="Base"><xs:sequence><xs:element minOccurs="0" name="TableRight" nillable="true" type="tns:Rights"/></xs:sequence></xs:complexType>
<xs:complexType name="Thing"><xs:complexContent mixed="false"><xs:extension base="tns:Base"><xs:sequence>
<xs:element minOccurs="0" name="Name" nillable="true" type="xs:string"/>
<xs:element minOccurs="0" name="Ids" nillable="true" type="q2:ArrayOfint" xmlns:q2="http://schemas.microsoft.com/2003/10/Serialization/Arrays"/>
<xs:element minOccurs="0" name="Fields" nillable="true" type="tns:StringDictionary"/>
<xs:element minOccurs="0" name="Kind" type="tns:Kind"/>
</xs:sequence></xs:extension></xs:complexContent></xs:complexType>
<xs:complexType name="StringDictionary"><xs:annotation><xs:appinfo><IsDictionary xmlns="http://schemas.microsoft.com/2003/10/Serialization/">true</IsDictionary></xs:appinfo></xs:annotation>
<xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="StringKeyValuePair"><xs:complexType><xs:sequence>
<xs:element name="Key" nillable="true" type="xs:string"/><xs:element name="Value" nillable="true" type="xs:string"/></xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>
<xs:complexType name="ArrayOfThing"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="Thing" nillable="true" type="tns:Thing"/></xs:sequence></xs:complexType>
<xs:simpleType name="Kind"><xs:restriction base="xs:string"><xs:enumeration value="Unknown"/><xs:enumeration value="Big"><xs:annotation><xs:appinfo><EnumerationValue xmlns="http://schemas.microsoft.com/2003/10/Serialization/">8</EnumerationValue></xs:appinfo></xs:annotation></xs:enumeration></xs:restriction></xs:simpleType>
<xs:simpleType name="Rights"><xs:list><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="Read"/><xs:enumeration value="Write"/></xs:restriction></xs:simpleType></xs:list></xs:simpleType>`;

describe('readWsdl', () => {
  const { facts, diagnostics } = readWsdl(wsdl(THING), 'x/WSDL-Services91-Thing.xml');

  test('detects any ServicesNN version and the agent from the content', () => {
    expect(diagnostics).toEqual([]);
    expect(facts).toMatchObject({ version: 'Services91', agent: 'Thing', path: 'Remote/Services91/Thing.svc', targetNamespace: NS });
  });

  test('keeps parameters in sequence order with occurrence and nil facts', () => {
    const save = facts!.operations.find((o) => o.name === 'Save')!;
    expect(save.params.map((p) => [p.name, p.type, p.minOccurs, p.maxOccurs, p.nillable])).toEqual([
      ['Thing', 'tns:Thing', 0, 1, true],
      ['Count', 'xs:int', 1, 1, false],
      ['Id', 'ser:guid', 0, 1, false],
    ]);
    expect(save.params[1]!.sources[0]).toMatchObject({ file: 'x/WSDL-Services91-Thing.xml', line: 7 });
  });

  test('separates the result from out parameters and records the binding', () => {
    const save = facts!.operations.find((o) => o.name === 'Save')!;
    expect(save.returns).toMatchObject({ name: 'Response', type: 'tns:Thing', minOccurs: 0, nillable: true, position: 1 });
    expect(save.outParams.map((p) => p.name)).toEqual(['Length']);
    expect(save.soap).toEqual({
      soapAction: `${NS}/Thing/Save`,
      requestElement: 'tns:Save',
      responseElement: 'tns:SaveResponse',
      requestHeaders: [{ name: 'Credentials', element: 'tns:Credentials', type: 'xs:anyType' }],
      responseHeaders: [],
    });
    const ping = facts!.operations.find((o) => o.name === 'Ping')!;
    expect(ping.params).toEqual([]);
    expect(ping.returns).toBeNull();
  });

  const types: Array<[string, { given: string; want: object }]> = [
    ['complex with base, fields in order', { given: 'tns:Thing', want: { kind: 'complex', base: 'tns:Base', fields: [{ name: 'Name' }, { name: 'Ids', type: 'arr:ArrayOfint' }, { name: 'Fields' }, { name: 'Kind' }] } }],
    ['dictionary', { given: 'tns:StringDictionary', want: { kind: 'dictionary', entry: { elementName: 'StringKeyValuePair', keyName: 'Key', keyType: 'xs:string', valueName: 'Value', valueType: 'xs:string', valueNillable: true } } }],
    ['array', { given: 'tns:ArrayOfThing', want: { kind: 'array', item: { elementName: 'Thing', type: 'tns:Thing', nillable: true } } }],
    ['enum with explicit values', { given: 'tns:Kind', want: { kind: 'enum', values: [{ name: 'Unknown' }, { name: 'Big', value: 8 }] } }],
    ['flags (xs:list)', { given: 'tns:Rights', want: { kind: 'flags', values: [{ name: 'Read' }, { name: 'Write' }] } }],
  ];
  test.each(types)('%s', (_name, { given, want }) => {
    expect(facts!.types.find((t) => t.ref === given)).toMatchObject(want);
  });

  test('the result and every enum value carry the file, line and column they were read from', () => {
    const text = wsdl(THING);
    const lines = text.split('\n');
    const at = (marker: string) => {
      const i = lines.findIndex((l) => l.includes(marker));
      return { file: 'x/WSDL-Services91-Thing.xml', line: i + 1, column: lines[i]!.indexOf(marker) + 1 };
    };
    expect(facts!.operations.find((o) => o.name === 'Save')!.returns!.sources).toEqual([at('<xs:element minOccurs="0" name="Response"')]);
    expect(facts!.types.find((t) => t.ref === 'tns:Kind')!.values).toEqual([
      { name: 'Unknown', sources: [at('<xs:enumeration value="Unknown"/>')] },
      { name: 'Big', value: 8, sources: [at('<xs:enumeration value="Big">')] },
    ]);
    expect(facts!.types.find((t) => t.ref === 'tns:Rights')!.values).toEqual([
      { name: 'Read', sources: [at('<xs:enumeration value="Read"/>')] },
      { name: 'Write', sources: [at('<xs:enumeration value="Write"/>')] },
    ]);
  });

  test('malformed XML is a diagnostic with the line, not a crash', () => {
    const broken = wsdl(THING).replace('</wsdl:types>', '');
    const result = readWsdl(broken, 'broken.xml');
    expect(result.facts).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'malformed-xml', file: 'broken.xml' });
    expect(result.diagnostics[0]!.line).toBeGreaterThan(1);
  });

  test('a namespace that names no ServicesNN version is reported', () => {
    const other = wsdl(THING).split(NS).join('urn:other');
    expect(readWsdl(other, 'o.xml').diagnostics[0]).toMatchObject({ code: 'version-undetected' });
  });

  test('an operation without a SOAP binding is reported, the rest is kept', () => {
    const extra = '<wsdl:operation name="Orphan"><wsdl:input message="tns:PingRequest"/></wsdl:operation>';
    const result = readWsdl(wsdl(THING, extra), 'e.xml');
    expect(result.facts!.operations.map((o) => o.name)).toEqual(['Save', 'Ping']);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['unsupported-schema']);
  });
});

describe('schema content the model does not carry is reported, with its file and line', () => {
  /** The 1-based line of the fixture that holds `marker`, found in the text itself. */
  const lineOf = (text: string, marker: string) => text.split('\n').findIndex((l) => l.includes(marker)) + 1;
  const unsupported = (types: string, file = 'u/WSDL-Services91-Thing.xml') => {
    const text = wsdl(`${THING}\n${types}`);
    const result = readWsdl(text, file);
    return { text, result, found: result.diagnostics.filter((d) => d.code === 'unsupported-schema') };
  };

  test.each([
    ['xs:choice', '<xs:complexType name="Either">\n<xs:choice><xs:element name="A" type="xs:int"/><xs:element name="B" type="xs:string"/></xs:choice>\n</xs:complexType>', '<xs:choice>', 'Either'],
    ['xs:all', '<xs:complexType name="Bag">\n<xs:all><xs:element name="A" type="xs:int"/></xs:all>\n</xs:complexType>', '<xs:all>', 'Bag'],
    ['xs:attribute', '<xs:complexType name="Tagged"><xs:sequence><xs:element name="V" type="xs:string"/></xs:sequence>\n<xs:attribute name="lang" type="xs:string"/>\n</xs:complexType>', '<xs:attribute name="lang"', 'Tagged'],
    ['xs:attributeGroup', '<xs:complexType name="Grouped"><xs:sequence/>\n<xs:attributeGroup ref="tns:Common"/>\n</xs:complexType>', '<xs:attributeGroup', 'Grouped'],
    ['xs:anyAttribute', '<xs:complexType name="Open"><xs:sequence/>\n<xs:anyAttribute/>\n</xs:complexType>', '<xs:anyAttribute', 'Open'],
    ['xs:attribute of a derived type', '<xs:complexType name="Derived"><xs:complexContent mixed="false"><xs:extension base="tns:Base"><xs:sequence/>\n<xs:attribute name="stamp" type="xs:int"/>\n</xs:extension></xs:complexContent></xs:complexType>', '<xs:attribute name="stamp"', 'Derived'],
    ['xs:choice of a derived type', '<xs:complexType name="Picky"><xs:complexContent mixed="false"><xs:extension base="tns:Base">\n<xs:choice><xs:element name="A" type="xs:int"/></xs:choice>\n</xs:extension></xs:complexContent></xs:complexType>', '<xs:choice>', 'Picky'],
  ])('%s directly under a complex type', (construct, types, marker, typeName) => {
    const { text, found } = unsupported(types);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', file: 'u/WSDL-Services91-Thing.xml', line: lineOf(text, marker) });
    expect(found[0]!.message).toContain(construct.split(' ')[0]!);
    expect(found[0]!.message).toContain(typeName);
  });

  test('the rest of a type with an attribute is still read', () => {
    const { result } = unsupported('<xs:complexType name="Tagged"><xs:sequence><xs:element name="V" type="xs:string"/></xs:sequence>\n<xs:attribute name="lang" type="xs:string"/>\n</xs:complexType>');
    expect(result.facts!.types.find((t) => t.name === 'Tagged')).toMatchObject({ kind: 'complex', fields: [{ name: 'V', type: 'xs:string' }] });
  });

  test('xs:choice in an operation\'s request wrapper', () => {
    const text = wsdl(THING).replace(
      '<xs:element name="Ping"><xs:complexType><xs:sequence/></xs:complexType></xs:element>',
      '<xs:element name="Ping"><xs:complexType>\n<xs:choice><xs:element name="A" type="xs:int"/></xs:choice>\n</xs:complexType></xs:element>',
    );
    const found = readWsdl(text, 'p.xml').diagnostics.filter((d) => d.code === 'unsupported-schema');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: 'p.xml', line: lineOf(text, '<xs:choice>') });
    expect(found[0]!.message).toContain('xs:choice');
    expect(found[0]!.message).toContain('Ping');
  });

  test('annotations, sequences and complexContent are what the model reads: nothing is reported for them', () => {
    expect(unsupported('<xs:complexType name="Plain"><xs:annotation><xs:documentation>d</xs:documentation></xs:annotation><xs:sequence><xs:element name="V" type="xs:string"/></xs:sequence></xs:complexType>').found).toEqual([]);
  });
});
