import { readFileSync, statSync } from 'node:fs';
import { ingest, type IngestOptions } from '../ingest/ingest.js';
import type { ApiModel } from '../model/api-model.js';
import { buildModel } from '../model/build-model.js';

/** The whole front half of the pipeline: input folders or files to the merged model. */
export async function loadModel(inputs: string[], options: IngestOptions = {}): Promise<ApiModel> {
  const { results, listingDiagnostics } = await ingest(inputs, options);
  return buildModel(results, listingDiagnostics);
}

/** A side of a diff or an impact: a `model.json`, or an input folder or file to read (a REST definition is JSON too). */
export async function loadSide(side: string): Promise<ApiModel> {
  const stat = statSync(side, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`${side} does not exist`);
  if (side.endsWith('.json') && stat.isFile()) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(side, 'utf8'));
    } catch (error) {
      throw new UsageError(`${side} cannot be read: ${(error as Error).message}`);
    }
    const model = parsed as ApiModel;
    if (model && typeof model === 'object' && 'modelVersion' in model) {
      const versionsOk = Array.isArray(model.versions) && model.versions.every((v) => typeof v?.name === 'string' && Array.isArray(v.agents) && Array.isArray(v.types));
      if (model.modelVersion !== 1 || !versionsOk) throw new UsageError(`${side} is not a superoffice-sdkgen model`);
      return model;
    }
    const other = parsed as Record<string, unknown> | null;
    if (!other || typeof other !== 'object' || !('openapi' in other || 'swagger' in other)) {
      throw new UsageError(`${side} is neither a superoffice-sdkgen model nor a REST definition`);
    }
  }
  return loadModel([side]);
}

/** A side that cannot be read, or an output that cannot be written: exit 2, where anything else is a bug (exit 3). */
export class UsageError extends Error {}

