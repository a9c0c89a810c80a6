import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from 'vitest';
import { inputDocs, projectRoot } from '../support/shared.js';

/** The two ways in: the command line, and `startMock` from the package export. */
test('superoffice-sdkgen mock: the first line says where it listens; SIGTERM stops it cleanly', async () => {
  const child = spawn(process.execPath, [path.join(projectRoot, 'dist/cli/main.js'), 'mock', '-i', inputDocs, '--versions', 'Services88'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const first = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  expect(first).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
  const url = first.slice('listening on '.length);
  expect((await fetch(`${url}/Remote/Services88/ErpSync.svc?wsdl`)).status).toBe(200);
  // Only the versions asked for are served.
  expect((await fetch(`${url}/Remote/Services87/ErpSync.svc?wsdl`)).status).toBe(404);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
}, 60_000);

test("import { startMock } from 'superoffice-sdkgen/mock' serves and closes", async () => {
  // Resolved by Node through the package's own exports map, as a user's import is (not by the type checker).
  const specifier = 'superoffice-sdkgen/mock';
  const { startMock } = (await import(specifier)) as typeof import('../../src/mock/index.js');
  const mock = await startMock({ input: [inputDocs], agents: ['ErpSync'] });
  const wsdl = await (await fetch(`${mock.url}/Cust1/Remote/Services86/ErpSync.svc?wsdl`)).text();
  // The service address points at the mock.
  expect(wsdl).toContain(`location="${mock.url}/Cust1/Remote/Services86/ErpSync.svc"`);
  await mock.close();
  await expect(fetch(`${mock.url}/`)).rejects.toThrow();
}, 60_000);
