import { statSync } from 'node:fs';
import os from 'node:os';
import type { Diagnostic } from '../facts/diagnostics.js';
import { contentHash, type FactsCache } from './facts-cache.js';
import type { FileResult } from '../facts/file-facts.js';
import { ingestFile, inputKey, listInputs, readKey, type InputFile } from './read-inputs.js';
import { reportTiming } from './timing.js';
import { assertWorkerBuilt, FROM_SOURCES, startWorker } from '../threads/start-worker.js';

export interface IngestResult {
  results: FileResult[];
  listingDiagnostics: Diagnostic[];
  /** How many files were read again (the rest came from the cache). */
  parsed: number;
}

export interface IngestOptions {
  /** Threads to read with (the calling thread included); 1 reads everything here. Default: SDKGEN_READ_THREADS, else one per core. */
  threads?: number;
  /** Reuse what earlier runs learned from unchanged files. */
  cache?: FactsCache;
}

/**
 * Below this much estimated work a worker costs more than it saves (measured: the 60 Services88
 * WSDLs, about 475, read faster on one thread; the full corpus is about 2,200).
 */
const PARALLEL_THRESHOLD_MS = 1500;
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
 * Reads files; results in the order of `files`. V8 compiles hot code once per thread, and on two cores
 * the optimising compiler already competes with the two reading threads, so spreading every kind of
 * file over threads compiles every parser twice and gains nothing. What pays is one worker that reads
 * the pages (the markdown readers then compile in that thread only), up to a little over half of the
 * estimated work, while this thread reads the XML, the JSON and the pages holding a whole WSDL (the
 * XML and JSON readers compile here only). Page facts are also the small ones: what the worker sends
 * back costs this thread a fraction of what WSDL or REST definition facts would to copy in.
 */
async function readFiles(files: InputFile[], requestedThreads: number | undefined): Promise<FileResult[]> {
  assertWorkerBuilt(WORKER_URL, 'ingest worker');
  const threads = FROM_SOURCES ? 1 : (requestedThreads ?? (Number(process.env['SDKGEN_READ_THREADS']) || os.availableParallelism()));
  // Files inside a zip are read here: the archive is already open in this thread.
  if (threads === 1 || files.some((f) => f.zipEntry !== undefined)) return readHere(files);
  const sizes = files.map(sizeOf);
  const costs = files.map((f, i) => estimateCost(f, sizes[i]!));
  const total = costs.reduce((a, b) => a + b, 0);
  if (total < PARALLEL_THRESHOLD_MS) return readHere(files);
  const toWorker = new Set<number>();
  let load = WORKER_START_MS;
  const pagesBySize = files.map((_, i) => i).filter((i) => isSmallPage(files[i]!, sizes[i]!)).sort((a, b) => costs[b]! - costs[a]! || a - b);
  for (const i of pagesBySize) {
    if (load + costs[i]! > total * WORKER_SHARE) continue;
    toWorker.add(i);
    load += costs[i]!;
  }
  if (toWorker.size === 0) return readHere(files);
  const remoteIndexes = [...toWorker].sort((a, b) => a - b);
  const localIndexes = files.map((_, i) => i).filter((i) => !toWorker.has(i));
  const remote = runWorker(remoteIndexes.map((i) => files[i]!));
  const started = performance.now();
  const local = await readHere(localIndexes.map((i) => files[i]!));
  reportTiming(`main thread: ${localIndexes.length} files`, started);
  const fromWorker = await remote;
  const results: FileResult[] = new Array(files.length);
  localIndexes.forEach((fileIndex, k) => (results[fileIndex] = local[k]!));
  remoteIndexes.forEach((fileIndex, k) => (results[fileIndex] = fromWorker[k]!));
  return results;
}

async function readHere(files: InputFile[]): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const file of files) results.push(await ingestFile(file));
  return results;
}

/** The worker's part of the estimated work: a little over half, as this thread also gathers the results. */
const WORKER_SHARE = 0.55;

/** Starting a worker (a fresh isolate loading the bundle) costs about this much before it reads anything. */
const WORKER_START_MS = 80;

/** Above this size a page is taken to hold a whole WSDL (the corpus's smallest is 137 KB, its largest method page 61 KB). */
const LARGE_PAGE_BYTES = 64 * 1024;

function isXmlFile(file: InputFile): boolean {
  return /\.(xml|wsdl)$/i.test(file.absolute);
}

/** What the worker may read: a file read as markdown, and too small to hold a whole WSDL. */
function isSmallPage(file: InputFile, size: number): boolean {
  return !isXmlFile(file) && !/\.json$/i.test(file.absolute) && size <= LARGE_PAGE_BYTES;
}

function sizeOf(file: InputFile): number | undefined {
  try {
    return statSync(file.absolute).size;
  } catch {
    return undefined;
  }
}

/**
 * Rough milliseconds, measured on the corpus with a cold thread: XML reads at about 16 MB/s while
 * the compiler warms up; a page costs about a millisecond plus its text, except a page holding a
 * whole WSDL, which costs its XML. With these, the full corpus puts all its method and index pages
 * on the worker, and the XML, JSON and WSDL pages here.
 */
function estimateCost(file: InputFile, size: number | undefined): number {
  if (size === undefined) return 0.1;
  if (isXmlFile(file) || size > LARGE_PAGE_BYTES) return size / 16000;
  return 0.9 + size / 30000;
}

function runWorker(files: InputFile[]): Promise<FileResult[]> {
  return startWorker<FileResult[]>(WORKER_URL, 'ingest worker', { workerData: files, resourceLimits: { maxYoungGenerationSizeMb: 64 } }).reply;
}
