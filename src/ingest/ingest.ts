import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../model/diagnostics.js';
import type { FileResult } from './file-facts.js';
import { ingestFile, listInputs, type InputFile } from './read-inputs.js';

export interface IngestResult {
  results: FileResult[];
  listingDiagnostics: Diagnostic[];
}

export interface IngestOptions {
  /** Threads to read with (the calling thread included); 1 reads everything here. Default: one per core. */
  threads?: number;
}

/** Below this much estimated work a worker costs more to start than it saves. */
const PARALLEL_THRESHOLD_MS = 400;
const WORKER_URL = new URL('./ingest-worker.js', import.meta.url);

/**
 * Reads every file below the inputs. Files are independent, so they are shared out between worker
 * threads by estimated cost; results come back in the sorted order of the files.
 */
export async function ingest(inputs: string[], options: IngestOptions = {}): Promise<IngestResult> {
  const { files, diagnostics } = listInputs(inputs);
  const costs = files.map(estimateCost);
  const total = costs.reduce((a, b) => a + b, 0);
  // Run from TypeScript sources (tests), the compiled worker is not there: read on this thread.
  const workerAvailable = existsSync(fileURLToPath(WORKER_URL));
  const threads = workerAvailable ? Math.max(1, Math.min(options.threads ?? os.availableParallelism(), files.length)) : 1;
  if (threads === 1 || total < PARALLEL_THRESHOLD_MS) {
    return { results: files.map((f) => ingestFile(f)), listingDiagnostics: diagnostics };
  }
  const shares = shareOut(files, costs, threads);
  const workers = shares.slice(1).map((share) => runWorker(share.map((i) => files[i]!)));
  const started = performance.now();
  const local = shares[0]!.map((i) => ingestFile(files[i]!));
  if (process.env['SDKGEN_TIMING']) process.stderr.write(`main: ${local.length} files in ${(performance.now() - started).toFixed(0)} ms\n`);
  const remote = await Promise.all(workers);
  if (process.env['SDKGEN_TIMING']) process.stderr.write(`all threads done after ${(performance.now() - started).toFixed(0)} ms\n`);
  const results: FileResult[] = new Array(files.length);
  shares[0]!.forEach((fileIndex, k) => (results[fileIndex] = local[k]!));
  shares.slice(1).forEach((share, w) => share.forEach((fileIndex, k) => (results[fileIndex] = remote[w]![k]!)));
  return { results, listingDiagnostics: diagnostics };
}

/** Rough milliseconds: remark pays per page and per byte, the XML parser per byte. */
function estimateCost(file: InputFile): number {
  let size = 0;
  try {
    size = statSync(file.absolute).size;
  } catch {
    return 0.1;
  }
  return /\.(xml|wsdl)$/i.test(file.absolute) ? size / 8000 : 1.5 + size / 4000;
}

/** Longest-first greedy partition: each file goes to the thread with the least work so far. */
function shareOut(files: InputFile[], costs: number[], threads: number): number[][] {
  const order = files.map((_, i) => i).sort((a, b) => costs[b]! - costs[a]! || a - b);
  const shares: number[][] = Array.from({ length: threads }, () => []);
  const load = new Array<number>(threads).fill(0);
  // The calling thread also merges the results afterwards: give it a little less.
  load[0] = 0.1 * costs.reduce((a, b) => a + b, 0) / threads;
  for (const i of order) {
    let best = 0;
    for (let t = 1; t < threads; t++) if (load[t]! < load[best]!) best = t;
    shares[best]!.push(i);
    load[best]! += costs[i]!;
  }
  for (const share of shares) share.sort((a, b) => a - b);
  return shares;
}

function runWorker(files: InputFile[]): Promise<FileResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_URL, {
      workerData: files,
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
    worker.once('message', (results: FileResult[]) => resolve(results));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`ingest worker stopped with exit code ${code}`));
    });
  });
}
