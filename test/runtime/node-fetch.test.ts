import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TimeoutError } from '../../generated/runtime/errors.js';
import { nodeFetch } from '../../src/runtime/node-fetch.js';
import { ErpSyncAgent } from '../../generated/rest-v1/ErpSyncAgent.js';
import { Loopback, type Exchange } from '../support/loopback.js';

/**
 * `nodeFetch` against Node's own fetch, on one loopback server: the server must see the same request
 * (method, path, headers the caller set, body bytes) and the caller the same answer (status, text,
 * headers, bytes), whichever of the two sent it.
 */
const loopback = new Loopback();
const ours = nodeFetch();
let base = '';

beforeAll(async () => {
  await loopback.start();
  base = `http://127.0.0.1:${loopback.port}`;
});
afterAll(async () => {
  ours.close();
  await loopback.stop();
});

/** What a request is beyond what a transport adds of its own (undici: user-agent, accept-language, sec-fetch-mode …). */
function asSent(exchange: Exchange, names: string[]) {
  return { method: exchange.method, url: exchange.url, headers: Object.fromEntries(names.map((n) => [n, exchange.headers[n]])), body: [...exchange.body] };
}

async function asAnswered(response: Response) {
  return { status: response.status, statusText: response.statusText, type: response.headers.get('content-type'), ok: response.ok, bytes: [...new Uint8Array(await response.arrayBuffer())] };
}

const BYTES = new Uint8Array([0, 1, 127, 128, 0xc3, 0x28, 0xff]);

describe('nodeFetch sends and answers as fetch does', () => {
  test.each<[string, { init: RequestInit; path: string; reply: Loopback['reply']; headers: string[] }]>([
    ['a JSON POST', { init: { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: 'SoTicket t' }, body: '{"a":"æ😀"}' }, path: '/api/v1/Agents/A/M?x=1&%24select=a', reply: { status: 200, contentType: 'application/json', body: '{"b":"ø"}' }, headers: ['content-type', 'authorization', 'content-length'] }],
    ['bytes up and down', { init: { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream' }, body: BYTES }, path: '/blob', reply: { status: 200, contentType: 'application/octet-stream', body: BYTES }, headers: ['content-type', 'content-length'] }],
    ['a GET with no body', { init: { method: 'GET', headers: { Accept: 'application/json' } }, path: '/x', reply: { status: 404, contentType: 'text/plain', body: 'nope' }, headers: ['accept'] }],
    ['204: no body', { init: { method: 'DELETE' }, path: '/y', reply: { status: 204 }, headers: [] }],
    ['304: no body', { init: { method: 'GET', headers: { 'If-Modified-Since': 'Tue, 01 Dec 2026 00:00:00 GMT' } }, path: '/z', reply: { status: 304 }, headers: ['if-modified-since'] }],
    ['a server error with a body', { init: { method: 'POST', body: '' }, path: '/e', reply: { status: 500, contentType: 'application/json', body: '{"Message":"x"}' }, headers: ['content-length'] }],
  ])('%s', async (_name, { init, path, reply, headers }) => {
    loopback.reply = reply;
    const before = loopback.exchanges.length;
    const theirs = await globalThis.fetch(`${base}${path}`, init);
    const theirAnswer = await asAnswered(theirs);
    const theirRequest = asSent(loopback.last(before), headers);
    const mine = await ours(`${base}${path}`, init);
    expect(await asAnswered(mine)).toEqual(theirAnswer);
    expect(asSent(loopback.last(before + 1), headers)).toEqual(theirRequest);
  });

  test('an aborted signal rejects with its reason, before and during the exchange', async () => {
    const early = new AbortController();
    early.abort(new Error('stopped early'));
    await expect(ours(`${base}/a`, { signal: early.signal })).rejects.toThrow('stopped early');
    loopback.reply = { status: 200, body: 'late' };
    const late = new AbortController();
    const pending = ours(`${base}/a`, { method: 'POST', body: 'x', signal: late.signal });
    late.abort(new Error('stopped late'));
    await expect(pending).rejects.toThrow('stopped late');
  });

  test('a status a Response cannot hold (600) rejects the call, not the process', async () => {
    const { createServer } = await import('node:net');
    const raw = createServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 600 Weird\r\ncontent-length: 0\r\n\r\n')));
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const port = (raw.address() as { port: number }).port;
    await expect(ours(`http://127.0.0.1:${port}/`)).rejects.toThrow(/status 600 cannot be read/);
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  });

  test('a refused connection rejects', async () => {
    await expect(ours('http://127.0.0.1:1/none')).rejects.toThrow();
  });
});

describe('a generated agent on nodeFetch', () => {
  test('sends what it sends through fetch, and reads the same answer', async () => {
    loopback.reply = { status: 200, contentType: 'application/json', body: '[{"ErpConnectionId":2147483647,"DisplayName":"x","TableRight":{"Mask":"Select, Update"}}]' };
    const options = { baseUrl: `${base}/Cust1/`, ticket: '7T:t', applicationToken: 'app' };
    const before = loopback.exchanges.length;
    const viaFetch = await new ErpSyncAgent(options).GetAllConnections({ IncludeDeleted: true });
    const sent = asSent(loopback.last(before), ['authorization', 'so-apptoken', 'content-type', 'accept']);
    const viaNode = await new ErpSyncAgent({ ...options, fetch: ours }).GetAllConnections({ IncludeDeleted: true });
    expect(viaNode).toEqual(viaFetch);
    expect(asSent(loopback.last(before + 1), ['authorization', 'so-apptoken', 'content-type', 'accept'])).toEqual(sent);
  });

  test('the client timeout still applies', async () => {
    const { createServer } = await import('node:http');
    const stalled = createServer(() => undefined);
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const port = (stalled.address() as { port: number }).port;
    const agent = new ErpSyncAgent({ baseUrl: `http://127.0.0.1:${port}/`, ticket: 't', timeoutMs: 100, fetch: ours });
    await expect(agent.GetAllConnections({})).rejects.toBeInstanceOf(TimeoutError);
    stalled.closeAllConnections();
    await new Promise<void>((resolve) => stalled.close(() => resolve()));
  });
});
