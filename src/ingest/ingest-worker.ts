import { parentPort, workerData } from 'node:worker_threads';
import type { FileResult } from '../facts/file-facts.js';
import { ingestFile, type InputFile } from './read-inputs.js';
import { reportTiming } from './timing.js';

const files = workerData as InputFile[];
const started = performance.now();
const results: FileResult[] = [];
for (const file of files) results.push(await ingestFile(file));
reportTiming(`worker: ${files.length} files`, started);
parentPort!.postMessage(results);
