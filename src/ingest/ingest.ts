import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Diagnostic } from '../model/diagnostics.js';
import { contentHash, type FactsCache } from './facts-cache.js';
import type { FileResult } from './file-facts.js';
import { ingestFile, inputKey, listInputs, readKey, type InputFile } from './read-inputs.js';

export interface IngestResult {
  results: FileResult[];
  listingDiagnostics: Diagnostic[];
  /** How many files were read again (the rest came from the cache). */
  parsed: number;
}

export interface IngestOptions {
  /** Threads to read with (the calling thread included); 1 reads everything here. Default: one per core. */
  threads?: number;
  /** Reuse what earlier runs learned from unchanged files. */
  cache?: FactsCache;
}

/** Below this much estimated work a worker costs more to start than it saves. */
const PARALLEL_THRESHOLD_MS = 400;
const WORKER_URL = new URL('./ingest-worker.js', import.meta.url);

/** The input files, listed once, with their content hashes taken lazily and only once each. */
export interface InputSnapshot {
  files: InputFile[];
  diagnostics: Diagnostic[];
  readHash: (key: string) => string | undefined;
}

export function snapshotInputs(inputs: string[]): InputSnapshot {
  const { files, diagnostics } = listInputs(inputs);
  const hashes = new Map<string, string | undefined>();
  const readHash = (key: string): string | undefined => {
    if (!hashes.has(key)) {
      let hash: string | undefined;
      try {
        hash = contentHash(readKey(key));
      } catch {
        hash = undefined;
      }
      hashes.set(key, hash);
    }
    return hashes.get(key);
  };
  return { files, diagnostics, readHash };
}

/** Identifies the inputs exactly: names and contents, and those of the included files named. */
export function fingerprint(snapshot: InputSnapshot, dependencies: string[] = []): string {
  return contentHash(
    JSON.stringify([snapshot.files.map((f) => [f.name, snapshot.readHash(inputKey(f))]), [...dependencies].sort().map((d) => [d, snapshot.readHash(d)])]),
  );
}

/**
 * Reads every file below the inputs, taking unchanged ones from the cache (hashing happens only
 * then). Files are independent, so they are shared out between threads; results keep the order of the files.
 */
export async function ingest(inputs: string[] | InputSnapshot, options: IngestOptions = {}): Promise<IngestResult> {
  const { files, diagnostics, readHash } = Array.isArray(inputs) ? snapshotInputs(inputs) : inputs;
  const cache = options.cache;
  const results: Array<FileResult | undefined> = files.map((f) => cache?.lookup(f.name, readHash(inputKey(f)) ?? '', readHash));
  const misses = files.map((_, i) => i).filter((i) => results[i] === undefined);
  const parsed = await readFiles(misses.map((i) => files[i]!), options.threads);
  misses.forEach((fileIndex, k) => {
    results[fileIndex] = parsed[k]!;
    cache?.store(files[fileIndex]!.name, readHash(inputKey(files[fileIndex]!)) ?? '', parsed[k]!, readHash);
  });
  cache?.retain(new Set(files.map((f) => f.name)));
  return { results: results as FileResult[], listingDiagnostics: diagnostics, parsed: misses.length };
}

/** Reads files, shared out between threads by estimated cost; results in the order of `files`. */
async function readFiles(files: InputFile[], requestedThreads: number | undefined): Promise<FileResult[]> {
  const costs = files.map(estimateCost);
  const total = costs.reduce((a, b) => a + b, 0);
  // Run from TypeScript sources (tests), the compiled worker is not there: read on this thread.
  const workerAvailable = existsSync(fileURLToPath(WORKER_URL));
  const threads = workerAvailable ? Math.max(1, Math.min(requestedThreads ?? os.availableParallelism(), files.length)) : 1;
  // Files inside a zip are read here: the archive is already open in this thread.
  if (threads === 1 || total < PARALLEL_THRESHOLD_MS || files.some((f) => f.zipEntry !== undefined)) return files.map((f) => ingestFile(f));
  const shares = shareOut(files, costs, threads);
  const workers = shares.slice(1).map((share) => runWorker(share.map((i) => files[i]!)));
  const local = shares[0]!.map((i) => ingestFile(files[i]!));
  const remote = await Promise.all(workers);
  const results: FileResult[] = new Array(files.length);
  shares[0]!.forEach((fileIndex, k) => (results[fileIndex] = local[k]!));
  shares.slice(1).forEach((share, w) => share.forEach((fileIndex, k) => (results[fileIndex] = remote[w]![k]!)));
  return results;
}

/** Rough milliseconds: remark pays per page and per byte, the XML parser per byte. */
function estimateCost(file: InputFile): number {
  if (file.zipEntry !== undefined) return 1;
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
