// The generated SDK's REST runtime on a big answer: GetAllConnections of input-docs' ErpSync agent
// answering 5,000 fully populated connections, decoded in this process (a stub fetch, no network),
// against JSON.parse of the same text (what no typed decoder can beat) and the exact reader alone.
// Prints a markdown table; `node bench/runtime.js --rss` measures one decode's peak memory growth
// in a fresh process. Used by bench/run.js.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ROWS = 5000;

function connection(i) {
  return {
    ErpConnectionId: i,
    ErpConnectorId: i % 17,
    DisplayName: `Ledger ${i} — east & "north"`,
    Active: i % 2 === 0,
    ConnectionId: `c0ffee00-0000-4000-8000-${String(i).padStart(12, '0')}`,
    MostRecentTimestamp: `2026-01-${String((i % 28) + 1).padStart(2, '0')}T08:00:00Z`,
    ConfigFields: { url: `https://erp.example/${i}`, user: `user${i}`, region: 'eu-north-1' },
    Deleted: false,
    UserGroupAccessIds: [1, 2, i % 9],
    TableRight: { Mask: 'Select, Update, Insert', Reason: '' },
    FieldProperties: { DisplayName: { FieldRight: { Mask: 'Read, Write', Reason: '' }, FieldType: 'System.String', FieldLength: 255 } },
  };
}

async function loadSdk(dir) {
  const entry = path.join(dir, 'sdk.mjs');
  await build({
    stdin: {
      contents: `export { ErpSyncAgent } from './generated/rest-v1/ErpSyncAgent.ts'; export { parseJson } from './generated/runtime/json.ts';`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: entry,
  });
  return import(pathToFileURL(entry).href);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Median milliseconds of `fn` (sync or async) over `runs` runs, after one to warm up. */
async function timeAsync(fn, runs = 7) {
  await fn();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(ms);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-runtime-'));
try {
  const sdk = await loadSdk(dir);
  const text = JSON.stringify(Array.from({ length: ROWS }, (_, i) => connection(i)));
  const one = JSON.stringify([connection(1)]);
  const agent = (body) =>
    new sdk.ErpSyncAgent({ baseUrl: 'http://127.0.0.1', ticket: 't', fetch: async () => new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } }) });
  const big = agent(text);
  const small = agent(one);
  if (process.argv.includes('--rss')) {
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 1);
    await big.GetAllConnections({ IncludeDeleted: true });
    peak = Math.max(peak, process.memoryUsage().rss);
    clearInterval(timer);
    process.stdout.write(String(peak - before));
  } else {
    const mb = Buffer.byteLength(text) / 2 ** 20;
    const call = await timeAsync(() => big.GetAllConnections({ IncludeDeleted: true }));
    const parse = await timeAsync(() => JSON.parse(text));
    // The decode before this release: the exact reader (every number as text), then the typed mapping.
    const exact = await timeAsync(() => sdk.parseJson(text));
    const oneRow = await timeAsync(async () => {
      for (let i = 0; i < 1000; i++) await small.GetAllConnections({ IncludeDeleted: true });
    }, 3);
    // Side by side over one loopback server, the same JSON: ours through the real fetch, the official
    // client (@superoffice/webapi, its CommonJS build, axios) as its README shows.
    let answer = text;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(answer);
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${server.address().port}/Cust1`;
    const ours = new sdk.ErpSyncAgent({ baseUrl: base, ticket: 't' });
    const { ErpSyncAgent: Official } = createRequire(import.meta.url)('@superoffice/webapi/ErpSyncAgent.js');
    const official = new Official(`${base}/api`);
    const oursBig = await timeAsync(() => ours.GetAllConnections({ IncludeDeleted: true }));
    const theirsBig = await timeAsync(() => official.getAllConnectionsAsync(true));
    answer = one;
    const calls = async (f) => timeAsync(async () => {
      for (let i = 0; i < 500; i++) await f();
    }, 3);
    const oursOne = await calls(() => ours.GetAllConnections({ IncludeDeleted: true }));
    const theirsOne = await calls(() => official.getAllConnectionsAsync(true));
    server.close();
    const rss = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--rss'], { encoding: 'utf8' });
    const growth = Number(rss.stdout) / 2 ** 20;
    const fmt = (ms) => `${ms.toFixed(0)} ms`;
    console.log(`| workload | time | throughput |
| --- | --- | --- |
| GetAllConnections, ${ROWS.toLocaleString('en')} rows (${mb.toFixed(1)} MiB of JSON), call and typed decode | ${fmt(call)} | ${(mb / (call / 1000)).toFixed(0)} MiB/s |
| JSON.parse of the same text alone (the floor) | ${fmt(parse)} | ${(mb / (parse / 1000)).toFixed(0)} MiB/s |
| the exact JSON reader alone (the whole decode's reader before this release) | ${fmt(exact)} | ${(mb / (exact / 1000)).toFixed(0)} MiB/s |
| one-row call through a stub fetch | ${(oneRow / 1000).toFixed(3)} ms | ${(1000 / (oneRow / 1000)).toFixed(0)} calls/s |
| peak memory growth of the ${ROWS.toLocaleString('en')}-row call (a fresh process) | ${growth.toFixed(0)} MiB | |

Over a loopback HTTP server, the same JSON, against the official client (\`@superoffice/webapi\` ${JSON.parse(readFileSync(path.join(root, 'node_modules/@superoffice/webapi/package.json'), 'utf8')).version}, axios):

| workload | ours | official | ours / official |
| --- | --- | --- | --- |
| GetAllConnections, ${ROWS.toLocaleString('en')} rows | ${fmt(oursBig)} | ${fmt(theirsBig)} | ${(oursBig / theirsBig).toFixed(2)} |
| one-row calls | ${(500 / (oursOne / 1000)).toFixed(0)} calls/s | ${(500 / (theirsOne / 1000)).toFixed(0)} calls/s | ${(oursOne / theirsOne).toFixed(2)} (time) |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
