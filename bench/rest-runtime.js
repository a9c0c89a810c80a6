// The generated SDK's REST runtime on a big answer: GetAllConnections of input-docs' ErpSync agent
// answering 5,000 fully populated connections, decoded in this process (a stub fetch, no network),
// against JSON.parse of the same text (what no typed decoder can beat) and the exact reader alone.
// Prints a markdown table; `node bench/rest-runtime.js --rss ours|official` measures one decode's peak memory growth
// in a fresh process. Used by bench/run.js.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { bundleSdk } from './bundle-sdk.js';
import { formatGrowth, peakGrowth } from './peak-memory.js';
import { alternate, timeAsync } from './timing.js';
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

const loadSdk = (dir) => bundleSdk(dir, `export { ErpSyncAgent } from './generated/rest-v1/ErpSyncAgent.ts'; export { parseJson } from './generated/runtime/json.ts'; export { nodeFetch } from './generated/runtime/node-fetch.ts';`);


/** A fetch that hands over the answer's bytes and does nothing else: the decode, without a transport. */
function bareAgent(sdk, bytes, headers) {
  return new sdk.ErpSyncAgent({
    baseUrl: 'http://127.0.0.1',
    ticket: 't',
    fetch: async () => ({ ok: true, status: 200, statusText: 'OK', headers, arrayBuffer: async () => bytes.buffer }),
  });
}

const rssOf = process.argv.indexOf('--rss');
if (rssOf !== -1) {
  // A fresh process: the SDK bundle and the answer's bytes from the files the parent wrote; both decodes from the bytes.
  const [which, sdkFile, answerFile] = process.argv.slice(rssOf + 1);
  const sdk = await import(pathToFileURL(sdkFile).href);
  // Read as is: a file this size gets a buffer of its own, exactly its bytes.
  const bytes = readFileSync(answerFile);
  // Made before anything is measured: Node loads its fetch implementation the first time Headers is used.
  const bare = bareAgent(sdk, bytes, new Headers({ 'content-type': 'application/json' }));
  const converters = which === 'official' ? createRequire(import.meta.url)('@superoffice/webapi/Converters.js') : undefined;
  const { growth, bound, result } = await peakGrowth(() =>
    which === 'official' ? converters.Create_ErpConnectionArray_From(JSON.parse(new TextDecoder().decode(bytes))) : bare.GetAllConnections({ IncludeDeleted: true }),
  );
  if (result.length !== ROWS) throw new Error(`decoded ${result.length} rows`);
  process.stdout.write(JSON.stringify({ growth, bound }));
  process.exit(0);
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
  const answerFile = path.join(dir, 'answer.json');
  writeFileSync(answerFile, text);
  {
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
    const transport = sdk.nodeFetch();
    const oursOnNode = new sdk.ErpSyncAgent({ baseUrl: base, ticket: 't', fetch: transport });
    const { ErpSyncAgent: Official } = createRequire(import.meta.url)('@superoffice/webapi/ErpSyncAgent.js');
    const official = new Official(`${base}/api`);
    // Decode only: ours handed the answer's bytes by a fetch that does nothing else, the official's
    // JSON.parse and converter (what it runs on axios's text).
    const bytes = new TextEncoder().encode(text);
    const utf8 = new TextDecoder();
    const bare = bareAgent(sdk, bytes, new Headers({ 'content-type': 'application/json' }));
    const converters = createRequire(import.meta.url)('@superoffice/webapi/Converters.js');
    const [oursDecode, theirsDecode] = await alternate(() => bare.GetAllConnections({ IncludeDeleted: true }), () => converters.Create_ErpConnectionArray_From(JSON.parse(utf8.decode(bytes))));
    const [oursBig, theirsBig] = await alternate(() => ours.GetAllConnections({ IncludeDeleted: true }), () => official.getAllConnectionsAsync(true));
    const [oursBigNode, theirsBig2] = await alternate(() => oursOnNode.GetAllConnections({ IncludeDeleted: true }), () => official.getAllConnectionsAsync(true));
    answer = one;
    const calls = (f) => async () => {
      for (let i = 0; i < 500; i++) await f();
    };
    const [oursOne, theirsOne] = await alternate(calls(() => ours.GetAllConnections({ IncludeDeleted: true })), calls(() => official.getAllConnectionsAsync(true)));
    const [oursOneNode, theirsOne2] = await alternate(calls(() => oursOnNode.GetAllConnections({ IncludeDeleted: true })), calls(() => official.getAllConnectionsAsync(true)));
    // A big request: ConnectActor with 5,000 field values; the answer is empty.
    answer = '';
    const fieldValues = Array.from({ length: ROWS }, (_, i) => ({ CrmFieldKey: `field${i}`, Value: `value ${i} — "quoted" & <tagged>`, SyncToCrm: i % 2 === 0 }));
    const officialValues = fieldValues.map((v) => ({ crmFieldKey: v.CrmFieldKey, value: v.Value, syncToCrm: v.SyncToCrm }));
    const [oursSend, theirsSend] = await alternate(
      () => ours.ConnectActor({ ErpConnectionId: 1, CrmRecordId: 2, CrmActorType: 'Contact', ErpKey: 'k', FieldValues: fieldValues }),
      () => official.connectActorAsync({ erpConnectionId: 1, crmRecordId: 2, crmActorType: 'Contact', erpKey: 'k', fieldValues: officialValues }),
    );
    const requestMb = Buffer.byteLength(JSON.stringify({ FieldValues: fieldValues })) / 2 ** 20;
    transport.close();
    server.close();
    const rss = (which) => {
      const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--rss', which, path.join(dir, 'sdk.mjs'), answerFile], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`--rss ${which} failed:\n${run.stderr}`);
      return JSON.parse(run.stdout);
    };
    const growth = rss('ours');
    const growthTheirs = rss('official');
    const fmt = (ms) => `${ms.toFixed(0)} ms`;
    console.log(`| workload | time | throughput |
| --- | --- | --- |
| GetAllConnections, ${ROWS.toLocaleString('en')} rows (${mb.toFixed(1)} MiB of JSON), call and typed decode | ${fmt(call)} | ${(mb / (call / 1000)).toFixed(0)} MiB/s |
| JSON.parse of the same text alone (the floor) | ${fmt(parse)} | ${(mb / (parse / 1000)).toFixed(0)} MiB/s |
| the exact JSON reader alone (the whole decode's reader before this release) | ${fmt(exact)} | ${(mb / (exact / 1000)).toFixed(0)} MiB/s |
| one-row call through a stub fetch | ${(oneRow / 1000).toFixed(3)} ms | ${(1000 / (oneRow / 1000)).toFixed(0)} calls/s |

Over a loopback HTTP server, the same JSON, against the official client (\`@superoffice/webapi\` ${JSON.parse(readFileSync(path.join(root, 'node_modules/@superoffice/webapi/package.json'), 'utf8')).version}, axios):

| workload | ours | official | ours / official |
| --- | --- | --- | --- |
| GetAllConnections, ${ROWS.toLocaleString('en')} rows, decode only: the answer's bytes to typed values (official: TextDecoder, JSON.parse and its converter) | ${fmt(oursDecode)} | ${fmt(theirsDecode)} | ${(oursDecode / theirsDecode).toFixed(2)} |
| peak memory growth of that decode (a fresh process each) | ${formatGrowth(growth)} | ${formatGrowth(growthTheirs)} | ${(growth.growth / growthTheirs.growth).toFixed(2)} |
| GetAllConnections, ${ROWS.toLocaleString('en')} rows, over HTTP (ours: Node's fetch; official: axios) | ${fmt(oursBig)} | ${fmt(theirsBig)} | ${(oursBig / theirsBig).toFixed(2)} |
| same, ours on \`nodeFetch()\` (runtime/node-fetch.ts: node:http, keep-alive) | ${fmt(oursBigNode)} | ${fmt(theirsBig2)} | ${(oursBigNode / theirsBig2).toFixed(2)} |
| one-row calls | ${(500 / (oursOne / 1000)).toFixed(0)} calls/s | ${(500 / (theirsOne / 1000)).toFixed(0)} calls/s | ${(oursOne / theirsOne).toFixed(2)} (time) |
| one-row calls, ours on \`nodeFetch()\` | ${(500 / (oursOneNode / 1000)).toFixed(0)} calls/s | ${(500 / (theirsOne2 / 1000)).toFixed(0)} calls/s | ${(oursOneNode / theirsOne2).toFixed(2)} (time) |
| ConnectActor with ${ROWS.toLocaleString('en')} field values (${requestMb.toFixed(1)} MiB of request JSON), encode and send | ${fmt(oursSend)} | ${fmt(theirsSend)} | ${(oursSend / theirsSend).toFixed(2)} |

A and B alternate round by round (7 rounds, medians).`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
