import { parentPort, workerData } from 'node:worker_threads';
import { ingestFile, type InputFile } from './read-inputs.js';

const files = workerData as InputFile[];
const started = performance.now();
const results = files.map((f) => ingestFile(f));
if (process.env['SDKGEN_TIMING']) process.stderr.write(`worker: ${files.length} files in ${(performance.now() - started).toFixed(0)} ms\n`);
parentPort!.postMessage(results);
