import { parentPort, workerData } from 'node:worker_threads';
import { ingestFile, type InputFile } from './read-inputs.js';
import { reportTiming } from './timing.js';

const files = workerData as InputFile[];
const started = performance.now();
const results = files.map((f) => ingestFile(f));
reportTiming(`worker: ${files.length} files`, started);
parentPort!.postMessage(results);
