import { XMLParser } from 'fast-xml-parser';

/**
 * fast-xml-parser set up to read WSDL files plainly, the independent reader corpus tests check the
 * model against: attributes as `@name`, and the tags that repeat always as arrays (grouped by tag,
 * which keeps the order of same-named siblings).
 */
export const plainWsdlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['xs:schema', 'xs:complexType', 'xs:simpleType', 'xs:element', 'xs:enumeration', 'wsdl:operation', 'wsdl:message', 'wsdl:part'].includes(name),
});
