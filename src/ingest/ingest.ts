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

/**
 * Reads files; results in the order of `files`. V8 compiles hot code per thread, and on two cores the
 * optimising compiler already keeps the second core busy, so splitting the same kind of file across
 * threads compiles the same parser twice and gains nothing. What pays is one worker for the XML files
 * (one parser, saxes) while this thread reads the markdown pages.
 */
async function readFiles(files: InputFile[], requestedThreads: number | undefined): Promise<FileResult[]> {
  // Run from TypeScript sources (tests), the compiled worker is not there: read on this thread.
  const workerAvailable = existsSync(fileURLToPath(WORKER_URL));
  const threads = workerAvailable ? (requestedThreads ?? os.availableParallelism()) : 1;
  const xml = files.map((f, i) => (isXmlFile(f) ? i : -1)).filter((i) => i !== -1);
  const xmlCost = xml.reduce((n, i) => n + estimateCost(files[i]!), 0);
  // Files inside a zip are read here: the archive is already open in this thread.
  if (threads === 1 || xmlCost < PARALLEL_THRESHOLD_MS || xml.length === files.length || files.some((f) => f.zipEntry !== undefined)) return files.map((f) => ingestFile(f));
  const remote = runWorker(xml.map((i) => files[i]!));
  const results: FileResult[] = new Array(files.length);
  files.forEach((f, i) => {
    if (!isXmlFile(f)) results[i] = ingestFile(f);
  });
  const fromWorker = await remote;
  xml.forEach((fileIndex, k) => (results[fileIndex] = fromWorker[k]!));
  return results;
}

function isXmlFile(file: InputFile): boolean {
  return /\.(xml|wsdl)$/i.test(file.zipEntry ?? file.absolute);
}

/** Rough milliseconds of reading with saxes. */
function estimateCost(file: InputFile): number {
  try {
    return statSync(file.absolute).size / 20000;
  } catch {
    return 0.1;
  }
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
