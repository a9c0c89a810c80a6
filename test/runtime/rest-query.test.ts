import { describe, expect, test } from 'vitest';
import { encodeRestRequest, type RestOperation } from '../../src/runtime/rest.js';
import { COMMA_LIST, OPTIONAL, type WireSchema } from '../../src/runtime/schema.js';

const schema: WireSchema = { ns: {}, types: { 'tns:ArrayOfint': ['a', 'int', 'xs:int', OPTIONAL] } };
const op: RestOperation = {
  verb: 'GET',
  path: 'api/v1/Contact/{id}/Persons',
  body: 'none',
  params: [
    ['id', 'xs:int', 0, 'p', 'id'],
    ['$orderBy', 'xs:string', OPTIONAL | COMMA_LIST, 'q', '$orderBy'],
    ['ids', 'tns:ArrayOfint', OPTIONAL, 'q', 'ids'],
    ['$filter', 'xs:string', OPTIONAL, 'q', '$filter'],
  ],
  result: null,
  resultFlags: 0,
  select: true,
};

describe('the query string and path of an entity-API call', () => {
  const cases: Array<[string, { given: Record<string, unknown>; want: string }]> = [
    ['a path parameter is encoded into its segment', { given: { id: 5 }, want: 'api/v1/Contact/5/Persons' }],
    ['a list option takes an array, sent as one comma list', { given: { id: 1, $orderBy: ['name asc', 'department'] }, want: 'api/v1/Contact/1/Persons?%24orderBy=name%20asc%2Cdepartment' }],
    ['a list option also takes the string itself', { given: { id: 1, $orderBy: 'name asc' }, want: 'api/v1/Contact/1/Persons?%24orderBy=name%20asc' }],
    ['an array parameter goes form-style, one name=value per item', { given: { id: 1, ids: [3, 4] }, want: 'api/v1/Contact/1/Persons?ids=3&ids=4' }],
    ['$filter stays the string NetServer parses', { given: { id: 1, $filter: "name begins 'A&B'" }, want: "api/v1/Contact/1/Persons?%24filter=name%20begins%20'A%26B'" }],
    ['$select takes a list', { given: { id: 1, $select: ['Name', 'Department'] }, want: 'api/v1/Contact/1/Persons?$select=Name%2CDepartment' }],
  ];
  test.each(cases)('%s', (_name, { given, want }) => expect(encodeRestRequest(schema, op, given).path).toBe(want));

  test('a path parameter left out is refused before anything is sent', () => {
    expect(() => encodeRestRequest(schema, op, {})).toThrow(/id is required: it is part of the path/);
  });
});
