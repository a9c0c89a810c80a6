import type { Provenance } from '../facts/provenance.js';
import type { Diagnostic } from '../facts/diagnostics.js';

/**
 * The intermediate model: plain, serialisable data. Everything the emitters and the differ need is here,
 * and every element says which sources described it (`sources`).
 *
 * Type references are strings `prefix:Name`, where the prefix is declared in the version's `namespaces`
 * (`xs` XML Schema, `ser` the WCF Serialization namespace, `arr` its Arrays namespace, `tns` the version's
 * own target namespace). Keeping them as strings keeps the JSON readable and diffs small.
 */
export type TypeRef = string;

export interface ApiModel {
  modelVersion: 1;
  versions: ApiVersion[];
  diagnostics: Diagnostic[];
  summary: IngestSummary;
}

export interface IngestSummary {
  filesRead: number;
  filesUsed: number;
  filesSkipped: number;
  /** How many files of each kind were read (`wsdl`, `wsdl-page`, `soap-method-page` …). */
  filesByKind: Record<string, number>;
  diagnosticsByCode: Record<string, number>;
}

export type ApiVersionKind = 'soap' | 'rest';

export interface ApiVersion {
  /** `Services88`, or `v1` for the REST Agents API. */
  name: string;
  kind: ApiVersionKind;
  /** The target namespace of a SOAP version. */
  targetNamespace?: string;
  /** Prefix → namespace URI for every prefix used in type references of this version. */
  namespaces: Record<string, string>;
  agents: Agent[];
  /**
   * REST only: the entity API (`/api/v1/Contact/{id}` …), one resource per first tag of its
   * operations, each operation a method named by its operationId. Absent without REST definitions.
   */
  resources?: Agent[];
  types: TypeDef[];
  /** For REST: the SOAP version whose WSDL types resolved what the pages left open. */
  typesFrom?: string;
}

export interface Agent {
  name: string;
  /** `Remote/Services88/ErpSync.svc` for SOAP, `api/v1/Agents/ErpSync` for REST. */
  path: string;
  /** The .NET interface that implements the agent, when a page names it. */
  interfaceName?: string;
  description?: string;
  methods: Method[];
  sources: Provenance[];
}

export interface Method {
  name: string;
  description?: string;
  returnsDescription?: string;
  /** The "Online Restricted" note, when the docs carry one. */
  onlineRestricted?: string;
  params: Param[];
  /** `null` when the operation returns nothing. */
  returns: ReturnValue | null;
  /**
   * Further response elements beside `returns` (out parameters, such as `Length` beside the data of
   * BlobManager.ReadBlob), in wire order. Empty for almost every operation.
   */
  outParams: Param[];
  soap?: SoapBinding;
  rest?: RestBinding;
  /** Doc pages that describe this method, in source order. */
  docPages: Provenance[];
  samples: Sample[];
  sources: Provenance[];
}

/** A parameter is a field of the request wrapper, plus where it travels in REST. */
export interface Param extends Field {
  /** REST only: where the value travels (`path`: into the path template's `{name}`). */
  in?: 'body' | 'query' | 'path';
  /** REST only: the query-string name, where the page spells it differently from the WSDL parameter. */
  wireName?: string;
  /** REST only: a query option that takes a comma-separated list (`$orderBy`, `$entities`): the SDK takes an array too. */
  commaList?: boolean;
}

export interface ReturnValue {
  /** The response element's child (`Response` in every NetServer WSDL). */
  name: string;
  type: TypeRef;
  minOccurs: number;
  nillable: boolean;
  /** Index among the response elements, when out parameters share the response (usually 0). */
  position: number;
  sources: Provenance[];
}

export interface SoapBinding {
  soapAction: string;
  /** The body wrapper elements, as `prefix:Name`. */
  requestElement: TypeRef;
  responseElement: TypeRef;
  /** Header parts bound with `soap:header`, in binding order. */
  requestHeaders: SoapHeader[];
  responseHeaders: SoapHeader[];
}

export interface SoapHeader {
  /** The message part (`Credentials`). */
  name: string;
  /** The header element (`tns:Credentials`). */
  element: TypeRef;
  /** The element's type (`tns:SoCredentials`). */
  type: TypeRef;
}

export interface RestBinding {
  verb: string;
  /** Path below the site root, e.g. `api/v1/Agents/ErpSync/SaveConnection`; a template in the entity API (`api/v1/Contact/{id}`). */
  path: string;
  /**
   * `object`: the body is an object of the body parameters (`Request Body: request`);
   * `value`: the single body parameter's value is the body itself (`Request Body: entity`);
   * `none`: no body.
   */
  body: 'object' | 'value' | 'none';
  /** The name the page gives the body (`request`, `entity`, `documentIds`). */
  bodyName?: string;
  /** Whether the page offers `$select`. */
  select: boolean;
  /** The response body type the page names (`ErpSyncConnectorEntity`, `array`, `bool`). */
  responseBodyLabel?: string;
  /**
   * The headers a REST definition declares that the client sets from its options (`SO-AppToken`,
   * `Accept-Language` …); absent when no definition says (pages): then all of them are sent.
   */
  headers?: string[];
  /** The definition's operationId (`v1ErpSyncAgent_SaveConnection`). */
  operationId?: string;
  /** `binary`: the answer is the raw bytes of a stream (BLOB data), not JSON. */
  response?: 'binary';
  /** The body is raw bytes of this media type (an image upload), not JSON. */
  binaryBody?: string;
  /** The body is `multipart/form-data` (a file upload): the body object's fields are its parts. */
  formBody?: boolean;
  /** The JSON media type of the body where the definition takes no `application/json` (`application/json-patch+json`). */
  bodyType?: string;
  /** The statuses the definition documents, in its order, with the answer's type where it has one. */
  responses?: Array<{ status: string; type?: TypeRef; description?: string }>;
}

export interface Sample {
  kind: 'soap-request' | 'soap-response' | 'rest-request' | 'rest-response';
  /** The sample text exactly as documented (a fence or an included file). */
  text: string;
  source: Provenance;
}

export type TypeKind = 'complex' | 'array' | 'dictionary' | 'enum' | 'flags' | 'simple';

export interface TypeDef {
  /** `prefix:Name`, unique in the version. */
  ref: TypeRef;
  name: string;
  namespace: string;
  kind: TypeKind;
  description?: string;
  /** complex: the base type (`tns:Carrier`); simple: the restricted type (`xs:int` for `ser:char`). */
  base?: TypeRef;
  /** complex: own fields in `xs:sequence` order (inherited ones live on the base). */
  fields?: Field[];
  /** array: the repeated element. */
  item?: ArrayItem;
  /** dictionary: the key/value entry element. */
  entry?: DictionaryEntry;
  /** enum and flags: values in schema order. */
  values?: EnumValue[];
  /** simple: an `xs:pattern` restriction. */
  pattern?: string;
  sources: Provenance[];
}

export interface Field {
  name: string;
  type: TypeRef;
  /** 0 when the element may be left out. */
  minOccurs: number;
  /** `unbounded` is written as -1. */
  maxOccurs: number;
  nillable: boolean;
  description?: string;
  sources: Provenance[];
}

export interface ArrayItem {
  elementName: string;
  type: TypeRef;
  nillable: boolean;
}

export interface DictionaryEntry {
  elementName: string;
  keyName: string;
  keyType: TypeRef;
  valueName: string;
  valueType: TypeRef;
  valueNillable: boolean;
}

export interface EnumValue {
  name: string;
  /** The explicit `EnumerationValue` annotation, when the schema carries one. */
  value?: number;
  sources: Provenance[];
}
