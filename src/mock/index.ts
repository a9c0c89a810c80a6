import { loadModel } from '../cli/load-model.js';
import { serveModel, type MockOptions, type RunningMock } from './server.js';

export type { RunningMock } from './server.js';

export interface StartMockOptions extends Omit<MockOptions, 'model'> {
  /** Input folders or files, as for `generate` (default: `input-docs`). */
  input?: string[];
}

/**
 * A mock NetServer for a test suite: `const { url, close } = await startMock({ input: ['docs'] })`,
 * then point the generated clients at `url` (a tenant segment such as `${url}/Cust1` may be added).
 */
export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const { input = ['input-docs'], ...rest } = options;
  return serveModel({ ...rest, model: await loadModel(input) });
}
