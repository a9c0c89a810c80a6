import type { Diagnostic } from '../model/diagnostics.js';
import type { RestPageFacts } from './rest-page.js';
import type { SoapAgentIndexFacts, SoapPageFacts } from './soap-page.js';
import type { WsdlFacts } from './wsdl.js';

/** What one input file contributed. Plain data, so it can cross worker threads and sit in a cache. */
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
