import { ingest, type IngestOptions } from '../ingest/ingest.js';
import type { ApiModel } from '../model/api-model.js';
import { buildModel } from '../model/build-model.js';

/** The whole front half of the pipeline: input folders or files to the merged model. */
export async function loadModel(inputs: string[], options: IngestOptions = {}): Promise<ApiModel> {
  const { results, listingDiagnostics } = await ingest(inputs, options);
  return buildModel(results, listingDiagnostics);
}
