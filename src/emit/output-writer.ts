import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { FROM_SOURCES, startWorker } from '../threads/start-worker.js';
import { byPath, type GeneratedFile } from './output-names.js';
import { assertSafe, commitStaging, discardStaging, entryOf, openStaging, removeEmptyParents, stageFile, type OutputEntry, type Staging, type WriteReport } from './write-output.js';

/**
 * What the stage worker answers when the run ends: every file's manifest entry and the paths it wrote
 * to the staging folder (the others were unchanged), or why it stopped.
 */
export type StageReply = { entries: OutputEntry[]; staged: string[] } | { failure: string };

const WORKER_URL = new URL('./stage-worker.js', import.meta.url);

/**
 * How much text is staged on this thread before the rest goes to the stage worker. A worker takes
 * longer to start than small outputs take to write, and the rest must take long enough to render to
 * hide its start. Measured with a threshold of 1 MiB: input-docs (26 files, 0.2 MB) took 1.34× the
 * time of a run without the worker, the Services88 WSDLs alone (2.7 MB) as long at 1.13× the CPU; with
 * 3 MiB the latter stays on one thread and the corpus (9.3 MB) gains as much as with 1 MiB.
 */
const INLINE_BYTES = 3 << 20;

/**
 * Writes a run's files as they are emitted, with what `writeOutput` promises: nothing reaches the
 * output folder before every file is staged, and a failure leaves the previous output whole. Staging
 * (comparing with the file in place, writing the new one, hashing it for the manifest) is work that a
 * second thread does, once the output has proved big enough, while this one still renders the rest;
 * only the moves into place wait for the end. Nothing keeps a file's text once it is handed over, so
 * the collector need not copy it.
 */
export class OutputWriter {
  private readonly staged = new Set<string>();
  private readonly entries: OutputEntry[] = [];
  private worker: Worker | undefined;
  private reply: Promise<StageReply> | undefined;
  private failure: unknown;
  private inlineLeft: number;
  /** How many files were handed to stage(). */
  count = 0;

  private constructor(private readonly staging: Staging) {
    const override = process.env['SDKGEN_STAGE_INLINE_BYTES'];
    const threaded = !FROM_SOURCES && os.availableParallelism() > 1;
    this.inlineLeft = !threaded ? Infinity : override !== undefined && override !== '' ? Number(override) : INLINE_BYTES;
  }

  static open(outDir: string): OutputWriter {
    return new OutputWriter(openStaging(outDir));
  }

  /** Stages one file; a path that could leave the output folder is refused here, before anything moves. */
  stage(file: GeneratedFile): void {
    assertSafe(file.path);
    this.count++;
    if (!this.worker && this.inlineLeft <= 0 && this.failure === undefined) this.handOverToWorker();
    if (this.worker) {
      this.worker.postMessage(file);
      return;
    }
    this.inlineLeft -= file.content.length;
    if (this.failure !== undefined) return;
    try {
      if (stageFile(this.staging, file)) this.staged.add(file.path);
      this.entries.push(entryOf(file));
    } catch (error) {
      this.failure = error;
    }
  }

  /** Once every file is staged: moves them into place and reports, as `writeOutput` does. */
  async commit(): Promise<WriteReport> {
    try {
      if (this.failure !== undefined) throw this.failure;
      if (this.worker) {
        this.worker.postMessage(null);
        const reply = await this.reply!;
        if ('failure' in reply) throw new Error(reply.failure);
        for (const path of reply.staged) this.staged.add(path);
        this.entries.push(...reply.entries);
      }
    } catch (error) {
      await this.stopWorker();
      discardStaging(this.staging);
      throw error;
    }
    return commitStaging(this.staging, [...this.entries].sort(byPath), this.staged);
  }

  /**
   * Gives up the run (emitting failed): the staging folder goes, the output stays as it was, and an
   * output folder that this run created is removed again while nothing else is in it.
   */
  async discard(): Promise<void> {
    await this.stopWorker();
    discardStaging(this.staging);
    const created = this.staging.created;
    if (created !== undefined) removeEmptyParents(path.resolve(this.staging.outDir), path.dirname(path.resolve(created)));
  }

  private handOverToWorker(): void {
    ({ worker: this.worker, reply: this.reply } = startWorker<StageReply>(WORKER_URL, 'stage worker', { workerData: { outDir: this.staging.outDir, dir: this.staging.dir } }));
  }

  /** Lets the worker finish what it is writing, so that nothing lands in the staging folder after it is removed. */
  private async stopWorker(): Promise<void> {
    if (!this.worker) return;
    this.worker.postMessage(null);
    await this.reply!.catch(() => undefined);
  }
}

