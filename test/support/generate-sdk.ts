import { rmSync } from 'node:fs';
import path from 'node:path';
import { ingest } from '../../src/ingest/ingest.js';
import type { ApiModel } from '../../src/model/api-model.js';
import { buildModel } from '../../src/model/build-model.js';
import { emitSdk, type EmitOptions } from '../../src/emit/emit-sdk.js';
import { loadTemplates } from '../../src/emit/templates.js';
import { writeOutput } from '../../src/emit/write-output.js';
import { projectRoot } from './shared.js';

/** Builds the model of the inputs and writes its SDK below test/.generated/<name>, for tests to import. */
export async function generateForTest(name: string, inputs: string[], options: EmitOptions = {}): Promise<{ model: ApiModel; dir: string }> {
  const dir = path.join(projectRoot, 'test/.generated', name);
  rmSync(dir, { recursive: true, force: true });
  return { model: await generateInto(dir, inputs, options), dir };
}

/** Builds the model of the inputs and writes its SDK into `dir`, as `generate` would. */
export async function generateInto(dir: string, inputs: string[], options: EmitOptions = {}): Promise<ApiModel> {
  const { results, listingDiagnostics } = await ingest(inputs, { threads: 1 });
  const model = buildModel(results, listingDiagnostics);
  writeOutput(dir, emitSdk(model, loadTemplates(), { sourceRoots: inputs, ...options }));
  return model;
}

/** A fetch that records each request and answers with what `respond` returns. */
export function recordingFetch(respond: (request: { url: string; init: RequestInit }) => Response | Promise<Response>) {
  const requests: Array<{ url: string; method: string; headers: Record<string, string>; body: string }> = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    requests.push({ url: String(input), method: init.method ?? 'GET', headers, body: typeof init.body === 'string' ? init.body : '' });
    return respond({ url: String(input), init });
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}
