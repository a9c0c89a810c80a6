import type { Param, ReturnValue, SoapBinding, TypeDef } from '../model/api-model.js';
import type { Diagnostic } from './diagnostics.js';
import type { Provenance } from './provenance.js';

/**
 * The facts vocabulary: what each reader in src/ingest makes of one input file, and all the model
 * reads of it. Plain data, so it can cross worker threads and sit in a cache.
 */

/** What one input file contributed. */
export type FileFacts =
  | { kind: 'wsdl'; file: string; wsdl: WsdlFacts }
  | { kind: 'wsdl-page'; file: string; wsdl: WsdlFacts }
  | { kind: 'soap-method-page'; file: string; page: SoapPageFacts }
  | { kind: 'soap-agent-index'; file: string; page: SoapAgentIndexFacts }
  | { kind: 'rest-method-page'; file: string; page: RestPageFacts }
  | { kind: 'rest-agent-index'; file: string }
  | { kind: 'rest-sample'; file: string }
  | { kind: 'version-index'; file: string }
  | { kind: 'rest-definition'; file: string; definition: RestDefinitionFacts }
  | { kind: 'skipped'; file: string };

/**
 * An OpenAPI 3.0 or Swagger 2.0 definition, recognised by its content and read into one shape whatever
 * the format: its operations in the order the file lists them (paths, then verbs), and its named schemas
 * (`components/schemas`, `definitions`) in declaration order. Every element names where it stands.
 */
export interface RestDefinitionFacts {
  format: 'openapi' | 'swagger';
  formatVersion: string;
  title: string;
  operations: RestOperationFacts[];
  schemas: RestNamedSchema[];
}

/**
 * Where an element of a REST definition stands: its file, the line of its value (and the column, in a
 * file written on one line), and its RFC 6901 JSON pointer (`/paths/~1api~1v1~1Agents~1ErpSync~1SaveConnection/post`).
 * An element read through a `$ref` names where it is defined.
 */
export interface RestSource {
  file: string;
  line: number;
  column?: number;
  pointer: string;
}

export interface RestOperationFacts {
  /** `GET`, `POST` … */
  verb: string;
  /** The path template as the file writes it: `/api/v1/Contact/{id}`. */
  path: string;
  operationId?: string;
  /** The first tag: the agent or resource (`ErpSync_Agent`). */
  tag?: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  /** Path-level parameters first (those the operation does not redefine), then the operation's own. */
  parameters: RestParameterFacts[];
  /** OpenAPI `requestBody`; Swagger's `in: body` parameter with `consumes`, or its `formData` parameters as an object. */
  body?: RestBodyFacts;
  /** By status as written (`200`, `204`, `default`), in the file's order. */
  responses: RestResponseFacts[];
  source: RestSource;
}

export interface RestParameterFacts {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description?: string;
  schema: RestSchema;
  source: RestSource;
}

export interface RestBodyFacts {
  /** Swagger: the body parameter's name (`request`); OpenAPI bodies have none. */
  name?: string;
  description?: string;
  required: boolean;
  /** Media types in the file's order (OpenAPI `content` keys; Swagger `consumes`). */
  contentTypes: string[];
  /** The schema of the first JSON media type (else the first that has one); `any` where none is given. */
  schema: RestSchema;
  /** Media types whose schema differs from `schema` (none in the corpus). */
  variants?: Array<{ contentType: string; schema: RestSchema }>;
  source: RestSource;
}

export interface RestResponseFacts {
  /** `200`, `204`, `2XX`, `default`. */
  status: string;
  description?: string;
  /** Media types (OpenAPI `content` keys; Swagger `produces` when the response has a schema). */
  contentTypes: string[];
  /** Absent: the response has no body. */
  schema?: RestSchema;
  variants?: Array<{ contentType: string; schema: RestSchema }>;
  source: RestSource;
}

/** A schema under `components/schemas` or `definitions`; `{ kind: 'ref', name }` elsewhere names it. */
export interface RestNamedSchema {
  name: string;
  schema: RestSchema;
}

/**
 * A schema in one plain form. References to named schemas of the same file stay references (every
 * `ref` names an entry of `schemas`); inline schemas are read in place. What cannot be read (a missing
 * or external `$ref`, `oneOf`, a cycle, nesting past the bound) is `any`, with a diagnostic.
 */
export type RestSchema = RestRefSchema | RestObjectSchema | RestArraySchema | RestMapSchema | RestEnumSchema | RestScalarSchema | RestAnySchema;

export interface RestSchemaCommon {
  description?: string;
  /** OpenAPI `nullable`, Swagger `x-nullable`. */
  nullable?: boolean;
  readOnly?: boolean;
  deprecated?: boolean;
  default?: RestLiteral;
  source: RestSource;
}

export interface RestRefSchema extends RestSchemaCommon {
  kind: 'ref';
  /** The named schema: `X` of `#/components/schemas/X` or `#/definitions/X`. */
  name: string;
}

export interface RestObjectSchema extends RestSchemaCommon {
  kind: 'object';
  /** `allOf` with a `$ref`: the named schema this one extends. */
  base?: string;
  /** Own properties, in declaration order (`allOf` members' after the schema's own). */
  properties: RestProperty[];
  /** `additionalProperties` beside named properties. */
  additionalProperties?: RestSchema;
}

export interface RestArraySchema extends RestSchemaCommon {
  kind: 'array';
  items: RestSchema;
}

/** An object of `additionalProperties` only: a dictionary from string to `values`. */
export interface RestMapSchema extends RestSchemaCommon {
  kind: 'map';
  values: RestSchema;
}

export interface RestEnumSchema extends RestSchemaCommon {
  kind: 'enum';
  type: RestScalarType;
  format?: string;
  values: RestLiteral[];
  /** `x-enumNames` or `x-enum-varnames`, parallel to `values`. */
  names?: string[];
}

export interface RestScalarSchema extends RestSchemaCommon {
  kind: 'scalar';
  type: RestScalarType;
  /** As written: `int32`, `int64`, `double`, `float`, `date-time`, `date`, `byte`, `binary`, `uuid`, `decimal` … Swagger `type: file` is `string` + `binary`. */
  format?: string;
}

export interface RestAnySchema extends RestSchemaCommon {
  kind: 'any';
}

export type RestScalarType = 'string' | 'integer' | 'number' | 'boolean';

/** A JSON scalar; numbers keep their text (`{ number: '9007199254740993' }`). */
export type RestLiteral = string | boolean | null | { number: string };

export interface RestProperty {
  name: string;
  required: boolean;
  description?: string;
  schema: RestSchema;
  source: RestSource;
}

export type FileKind = FileFacts['kind'];

export interface FileResult {
  facts: FileFacts;
  diagnostics: Diagnostic[];
  /** Other files the result depends on (resolved `[!include]`s), as absolute paths, for the cache. */
  dependencies?: string[];
}

/** What one WSDL document says: one agent of one version. */
export interface WsdlFacts {
  version: string;
  targetNamespace: string;
  agent: string;
  /** `Remote/Services88/ErpSync.svc` */
  path: string;
  operations: OperationFacts[];
  types: TypeDef[];
  source: Provenance;
}

export interface OperationFacts {
  name: string;
  params: Param[];
  returns: ReturnValue | null;
  outParams: Param[];
  soap: SoapBinding;
  sources: Provenance[];
}

export interface SampleFacts {
  text: string;
  source: Provenance;
}

/** A SOAP method page, in the docfx format or the newer one. */
export interface SoapPageFacts {
  version: string;
  agent: string;
  method: string;
  interfaceName?: string;
  description?: string;
  onlineRestricted?: string;
  returnsDescription?: string;
  paramDocs: Array<{ name: string; description: string; source: Provenance }>;
  request?: SampleFacts;
  response?: SampleFacts;
  source: Provenance;
}

export interface SoapAgentIndexFacts {
  version: string;
  agent: string;
  interfaceName?: string;
  methods: string[];
  source: Provenance;
}

export interface TableField {
  name: string;
  /** The type column as written (`Integer`, `int32`, `ErpConnection`, `array`, or empty). */
  typeLabel: string;
  description: string;
  required: boolean;
  source: Provenance;
}

/** A REST v1 agent method page. */
export interface RestPageFacts {
  agent: string;
  method: string;
  verb: string;
  /** `api/v1/Agents/ErpSync/SaveConnection` */
  path: string;
  description?: string;
  onlineRestricted?: string;
  select: boolean;
  query: TableField[];
  headers: string[];
  body?: { name: string; fields: TableField[]; source: Provenance };
  response?: { label: string; bodyLabel?: string; description?: string; fields: TableField[]; source: Provenance };
  requestSample?: SampleFacts;
  responseSample?: SampleFacts;
  source: Provenance;
}
