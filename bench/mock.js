// The mock NetServer under load: `superoffice-sdkgen mock` over input-docs in its own process, small
// SOAP and REST calls from this one over kept-alive node:http connections, one at a time and 64 at
// a time. Prints a markdown table of requests per second; used by bench/run.js.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { median } from './timing.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TNS = 'http://www.superoffice.net/ws/crm/NetServer/Services88';
const child = spawn(process.execPath, [path.join(root, 'dist/cli/main.js'), 'mock', '-i', path.join(root, 'input-docs')], { stdio: ['ignore', 'pipe', 'inherit'] });
const first = await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
const url = new URL(first.replace('listening on ', ''));
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function call(method, pathname, headers, body) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path: pathname, method, agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.resume();
      response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`${pathname}: HTTP ${response.statusCode}`))));
    });
    request.on('error', reject);
    request.end(body);
  });
}

const soap = () =>
  call('POST', '/Cust1/Remote/Services88/ErpSync.svc', { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${TNS}/ErpSync/DeleteConnection"` },
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><DeleteConnection xmlns="${TNS}"><ErpConnectionId>1</ErpConnectionId></DeleteConnection></s:Body></s:Envelope>`);
const rest = () => call('POST', '/Cust1/api/v1/Agents/ErpSync/SaveConnection', { 'content-type': 'application/json' }, '{"Connection":{"ErpConnectionId":1,"DisplayName":"x"}}');

/** Requests per second of `count` calls, `parallel` at a time; median of 3 runs after one to warm up. */
async function rate(fn, count, parallel) {
  const run = async () => {
    let next = 0;
    const started = process.hrtime.bigint();
    await Promise.all(Array.from({ length: parallel }, async () => {
      while (next++ < count) await fn();
    }));
    return count / (Number(process.hrtime.bigint() - started) / 1e9);
  };
  await run();
  return median([await run(), await run(), await run()]);
}

try {
  const rows = [];
  for (const [name, fn] of [['SOAP DeleteConnection, request validated and answered', soap], ['REST SaveConnection, body validated and answered', rest]]) {
    rows.push(`| ${name} | ${(await rate(fn, 3000, 1)).toFixed(0)} | ${(await rate(fn, 6000, 64)).toFixed(0)} |`);
  }
  console.log(`| request | requests/s, one at a time | requests/s, 64 at a time |
| --- | --- | --- |
${rows.join('\n')}`);
} finally {
  agent.destroy();
  child.kill('SIGTERM');
}
