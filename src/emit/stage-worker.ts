import { parentPort, workerData } from 'node:worker_threads';
import type { GeneratedFile } from './output-names.js';
import type { StageReply } from './output-writer.js';
import { entryOf, stageFile, type OutputEntry, type Staging } from './write-output.js';

// Stages the files `OutputWriter` posts, as they are emitted; `null` ends the run and asks for the reply.
const staging = workerData as Pick<Staging, 'outDir' | 'dir'>;
const entries: OutputEntry[] = [];
const staged: string[] = [];
let failure: string | undefined;
parentPort!.on('message', (file: GeneratedFile | null) => {
  if (file === null) {
    parentPort!.postMessage((failure === undefined ? { entries, staged } : { failure }) satisfies StageReply);
    parentPort!.close();
    return;
  }
  // After a failure the run is lost: the rest is not written, only the reason is kept.
  if (failure !== undefined) return;
  try {
    if (stageFile(staging, file)) staged.push(file.path);
    entries.push(entryOf(file));
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
});
