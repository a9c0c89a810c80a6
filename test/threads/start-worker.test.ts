import { describe, expect, test } from 'vitest';
import { startWorker } from '../../src/threads/start-worker.js';

// Workers given as code: one that answers, one that ends without answering, one that throws.
const worker = (code: string) => new URL(`data:text/javascript,${encodeURIComponent(`import { parentPort, workerData } from 'node:worker_threads';\n${code}`)}`);

describe('startWorker settles once, whatever the worker does', () => {
  test('with its first message', async () => {
    const { reply } = startWorker<number>(worker('parentPort.postMessage(workerData * 2); parentPort.postMessage(0);'), 'doubling worker', { workerData: 21 });
    await expect(reply).resolves.toBe(42);
  });

  test('with an error when it ends without answering, even with exit code 0', async () => {
    const { reply } = startWorker(worker('void workerData;'), 'quiet worker', {});
    await expect(reply).rejects.toThrow('the quiet worker stopped with exit code 0 before it answered');
  });

  test('with what it threw', async () => {
    const { reply } = startWorker(worker('throw new Error("broken " + workerData);'), 'broken worker', { workerData: 'input' });
    await expect(reply).rejects.toThrow('broken input');
  });
});
