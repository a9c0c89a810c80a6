// The generated SDK's SOAP runtime on a big answer, side by side with node-soap on the same bytes:
// GetAllConnections of input-docs' Services88 ErpSync agent answering 5,000 fully populated
// connections in WCF's own style (default namespace, `i:` for XSI, `a:` for the arrays namespace),
// no network (ours through a stub fetch, node-soap through its `request` option). Prints a markdown
// table; `node bench/soap-runtime.js --rss ours|node-soap` measures one decode's peak memory growth
// in a fresh process. Used by bench/run.js.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { bundleSdk } from './bundle-sdk.js';
import { formatGrowth, peakGrowth } from './peak-memory.js';
import { alternate, timeAsync } from './timing.js';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wsdl = path.join(root, 'input-docs/wsdl/Services88/WSDL-Services88-ErpSync.xml');
const ROWS = 5000;
const TNS = 'http://www.superoffice.net/ws/crm/NetServer/Services88';
const ARRAYS = 'http://schemas.microsoft.com/2003/10/Serialization/Arrays';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function connection(i) {
  const entry = (key, value) => `<StringKeyValuePair><Key>${key}</Key><Value>${escape(value)}</Value></StringKeyValuePair>`;
  return (
    `<ErpConnection>` +
    `<TableRight><Mask>Select Update Insert</Mask><Reason/></TableRight>` +
    `<FieldProperties><FieldPropertyDictionaryKeyValuePair><Key>DisplayName</Key><Value><FieldRight><Mask>Read Write</Mask><Reason/></FieldRight>` +
    `<FieldType>System.String</FieldType><FieldLength>255</FieldLength></Value></FieldPropertyDictionaryKeyValuePair></FieldProperties>` +
    `<ErpConnectionId>${i}</ErpConnectionId><ErpConnectorId>${i % 17}</ErpConnectorId>` +
    `<DisplayName>${escape(`Ledger ${i} — east & "north"`)}</DisplayName><Active>${i % 2 === 0}</Active>` +
    `<ConnectionId>c0ffee00-0000-4000-8000-${String(i).padStart(12, '0')}</ConnectionId>` +
    `<ConfigFields>${entry('url', `https://erp.example/${i}?a=1&b=2`)}${entry('user', `user${i}`)}${entry('region', 'eu-north-1')}</ConfigFields>` +
    `<Deleted>false</Deleted>` +
    `<UserGroupAccessIds xmlns:a="${ARRAYS}"><a:int>1</a:int><a:int>2</a:int><a:int>${i % 9}</a:int></UserGroupAccessIds>` +
    `</ErpConnection>`
  );
}

/** The answer's bytes. */
function answer(rows) {
  const items = Array.from({ length: rows }, (_, i) => connection(i)).join('');
  return new TextEncoder().encode(
    `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>` +
    `<GetAllConnectionsResponse xmlns="${TNS}"><Response xmlns:i="${XSI}">${items}</Response></GetAllConnectionsResponse>` +
    `</s:Body></s:Envelope>`
  );
}


const loadSdk = (dir) => bundleSdk(dir, `export { ErpSyncAgent } from './generated/services88/ErpSyncAgent.ts';`);


// Both clients start from the answer's bytes, as a network hands them over: ours through a fetch that
// does nothing else, node-soap through what its HttpClient asks of axios (a function of the request
// options that resolves to the answer), decoding the bytes to text as axios would.
const headers = new Headers({ 'content-type': 'text/xml; charset=utf-8' });
const ours = (sdk, bytes) =>
  new sdk.ErpSyncAgent({
    baseUrl: 'http://127.0.0.1/Cust1',
    ticket: 't',
    fetch: async () => ({ ok: true, status: 200, statusText: 'OK', headers, arrayBuffer: async () => bytes.buffer }),
  });

async function nodeSoap(bytes) {
  const soap = createRequire(import.meta.url)('soap');
  const request = async () => ({ status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, data: new TextDecoder().decode(bytes) });
  const client = await soap.createClientAsync(wsdl, { request });
  client.setEndpoint('http://127.0.0.1/Cust1/Remote/Services88/ErpSync.svc');
  return client;
}

const rssOf = process.argv.indexOf('--rss');
if (rssOf !== -1) {
  // A fresh process: the SDK bundle and the answer's bytes from the files the parent wrote.
  const [which, sdkFile, answerFile] = process.argv.slice(rssOf + 1);
  const sdk = await import(pathToFileURL(sdkFile).href);
  // Read as is: a file this size gets a buffer of its own, exactly its bytes.
  const big = readFileSync(answerFile);
  const call = which === 'node-soap' ? await nodeSoap(big).then((c) => () => c.GetAllConnectionsAsync({ IncludeDeleted: true })) : () => ours(sdk, big).GetAllConnections({ IncludeDeleted: true });
  const { growth, bound, result } = await peakGrowth(call);
  const rows = which === 'node-soap' ? result[0].Response.ErpConnection.length : result.length;
  if (rows !== ROWS) throw new Error(`${which} decoded ${rows} rows`);
  process.stdout.write(JSON.stringify({ growth, bound }));
  process.exit(0);
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'sdkgen-soap-runtime-'));
try {
  const sdk = await loadSdk(dir);
  const big = answer(ROWS);
  const one = answer(1);
  const answerFile = path.join(dir, 'answer.xml');
  writeFileSync(answerFile, big);
  {
    const mb = big.length / 2 ** 20;
    const oursBig = ours(sdk, big);
    const oursOne = ours(sdk, one);
    const theirsBig = await nodeSoap(big);
    const theirsOne = await nodeSoap(one);
    const check = await oursBig.GetAllConnections({ IncludeDeleted: true });
    const theirs = await theirsBig.GetAllConnectionsAsync({ IncludeDeleted: true });
    if (check.length !== ROWS || theirs[0].Response.ErpConnection.length !== ROWS) throw new Error('a client decoded the wrong number of rows');
    const decodeOurs = await timeAsync(() => oursBig.GetAllConnections({ IncludeDeleted: true }));
    const decodeTheirs = await timeAsync(() => theirsBig.GetAllConnectionsAsync({ IncludeDeleted: true }));
    const calls = (f) => timeAsync(async () => {
      for (let i = 0; i < 1000; i++) await f();
    }, 3);
    const oneOurs = await calls(() => oursOne.GetAllConnections({ IncludeDeleted: true }));
    const oneTheirs = await calls(() => theirsOne.GetAllConnectionsAsync({ IncludeDeleted: true }));
    // A big request: ConnectActor with 5,000 field values, answered with an empty response.
    const empty = new TextEncoder().encode(`<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><ConnectActorResponse xmlns="${TNS}"/></s:Body></s:Envelope>`);
    const oursSend = ours(sdk, empty);
    const theirsSend = await nodeSoap(empty);
    const FieldValues = Array.from({ length: ROWS }, (_, i) => ({ CrmFieldKey: `field${i}`, Value: `value ${i} — "quoted" & <tagged>`, SyncToCrm: i % 2 === 0 }));
    const request = { ErpConnectionId: 1, CrmRecordId: 2, CrmActorType: 'Contact', ErpKey: 'k', FieldValues };
    const sendOurs = await timeAsync(() => oursSend.ConnectActor(request));
    const sendTheirs = await timeAsync(() => theirsSend.ConnectActorAsync({ ...request, FieldValues: { ErpSyncFieldValue: FieldValues } }));
    const rss = (which) => {
      const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--rss', which, path.join(dir, 'sdk.mjs'), answerFile], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`--rss ${which} failed:\n${run.stderr}`);
      return JSON.parse(run.stdout);
    };
    const growthOurs = rss('ours');
    const growthTheirs = rss('node-soap');
    const version = JSON.parse(readFileSync(path.join(root, 'node_modules/soap/package.json'), 'utf8')).version;
    const fmt = (ms) => `${ms.toFixed(0)} ms`;
    console.log(`| workload | ours | node-soap ${version} | ours / node-soap |
| --- | --- | --- | --- |
| GetAllConnections, ${ROWS.toLocaleString('en')} rows (${mb.toFixed(1)} MiB of XML), call and typed decode | ${fmt(decodeOurs)} (${(mb / (decodeOurs / 1000)).toFixed(0)} MiB/s) | ${fmt(decodeTheirs)} (${(mb / (decodeTheirs / 1000)).toFixed(0)} MiB/s) | ${(decodeOurs / decodeTheirs).toFixed(2)} (time) |
| peak memory growth of that call (a fresh process each) | ${formatGrowth(growthOurs)} | ${formatGrowth(growthTheirs)} | ${(growthOurs.growth / growthTheirs.growth).toFixed(2)} |
| one-row calls | ${(1000 / (oneOurs / 1000)).toFixed(0)} calls/s | ${(1000 / (oneTheirs / 1000)).toFixed(0)} calls/s | ${(oneOurs / oneTheirs).toFixed(2)} (time) |
| ConnectActor with ${ROWS.toLocaleString('en')} field values, encode and call | ${fmt(sendOurs)} | ${fmt(sendTheirs)} | ${(sendOurs / sendTheirs).toFixed(2)} (time) |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
