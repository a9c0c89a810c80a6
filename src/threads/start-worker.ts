import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Run from TypeScript sources (tests), there are no compiled workers: their work is done on the calling thread. */
export const FROM_SOURCES = import.meta.url.endsWith('.ts');

/** A bundle without one of its workers is a broken build, not a reason to do the work slowly without saying so. */
export function assertWorkerBuilt(url: URL, name: string): void {
  if (!FROM_SOURCES && !existsSync(fileURLToPath(url))) throw new Error(`the ${name} ${fileURLToPath(url)} is missing: the build is incomplete`);
}

/**
 * Starts a worker that answers once. `reply` settles with its first message, or fails when it throws
 * or exits before answering (whatever its exit code, so that a worker that ends quietly cannot leave
 * the caller waiting). A rejection not yet awaited does not count as unhandled.
 */
export function startWorker<Reply>(url: URL, name: string, options: WorkerOptions): { worker: Worker; reply: Promise<Reply> } {
  assertWorkerBuilt(url, name);
  const worker = new Worker(url, options);
  const reply = new Promise<Reply>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the ${name} stopped with exit code ${code} before it answered`)));
  });
  reply.catch(() => undefined);
  return { worker, reply };
}
