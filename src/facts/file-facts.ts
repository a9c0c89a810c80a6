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

/** An OpenAPI 3.0 or Swagger 2.0 definition, recognised by its content; its operations as it lists them. */
export interface RestDefinitionFacts {
  format: 'openapi' | 'swagger';
  formatVersion: string;
  title: string;
  operations: Array<{ verb: string; path: string; operationId?: string }>;
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
