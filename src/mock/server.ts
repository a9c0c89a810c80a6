import { appendFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiModel } from '../model/api-model.js';
import { handleRest, restRoutes, type RestRoute } from './rest-mock.js';
import { handleSoap, soapFault, soapRoute, wsdlAnswer, type MockAnswer, type SoapRoute } from './soap-mock.js';

export interface MockOptions {
  /** The model to serve (`loadModel` of the inputs). */
  model: ApiModel;
  host?: string;
  /** 0: any free port. */
  port?: number;
  /** Only these versions (`Services88`); all when empty. */
  versions?: string[];
  /** Only these agents (`ErpSync`); all when empty. */
  agents?: string[];
  seed?: number;
  /** `samples`: the documented response where one reads; `generated`: always values made from the schema. */
  answers?: 'samples' | 'generated';
  /** Appends every request and its answer here, one JSON object per line. */
  record?: string;
}

export interface RunningMock {
  /** `http://127.0.0.1:PORT`: a client's base URL (a tenant segment such as `/Cust1` may be added). */
  url: string;
  close(): Promise<void>;
}

/** Bodies above this are refused (413), as a server protects itself. */
export const MAX_BODY = 16 * 2 ** 20;
/** Connections open at once; one more is refused (closed as it opens). */
export const MAX_CONNECTIONS = 64;

/** `…/Remote/Services88/ErpSync.svc`, after any tenant prefix. */
const SOAP_PATH = /\/remote\/([^/]+)\/([^/]+)\.svc$/i;

/** Serves a model that is already built (the command and `startMock` build it from the inputs). */
export async function serveModel(options: MockOptions): Promise<RunningMock> {
  const wanted = (list: string[] | undefined, name: string) => !list?.length || list.some((n) => n.toLowerCase() === name.toLowerCase());
  const routes = new Map<string, SoapRoute>();
  const rest: RestRoute[] = [];
  for (const version of options.model.versions) {
    if (version.kind === 'rest' && wanted(options.versions, version.name)) rest.push(...restRoutes(version, (agent) => wanted(options.agents, agent.name)));
    if (version.kind !== 'soap' || !wanted(options.versions, version.name)) continue;
    for (const agent of version.agents) {
      if (wanted(options.agents, agent.name)) routes.set(`${version.name}/${agent.name}`.toLowerCase(), soapRoute(version, agent));
    }
  }
  const answerOptions = { answers: options.answers ?? 'samples', seed: options.seed ?? 1 };
  // The record file is opened (and made) before the server listens: a path that cannot be written is refused at the start.
  if (options.record) appendFileSync(options.record, '');
  let recordFailed = false;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY && !refused) {
        refused = true;
        response.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
        response.end(`request body over ${MAX_BODY} bytes\n`);
        request.destroy();
      } else if (!refused) chunks.push(chunk);
    });
    request.on('end', () => {
      if (refused) return;
      const body = Buffer.concat(chunks).toString('utf8');
      let answer: MockAnswer;
      try {
        answer = route(request, body);
      } catch (error) {
        // Nothing a request holds may stop the server: the request is answered, the server goes on.
        answer = { status: 500, contentType: 'text/plain; charset=utf-8', body: `the mock could not answer: ${(error as Error).message}\n` };
      }
      response.writeHead(answer.status, { 'content-type': answer.contentType });
      response.end(answer.body);
      if (options.record) {
        try {
          appendFileSync(options.record, `${JSON.stringify({ time: new Date().toISOString(), method: request.method, url: request.url, headers: request.headers, body, status: answer.status, answer: answer.body })}\n`);
        } catch (error) {
          if (!recordFailed) process.stderr.write(`superoffice-sdkgen mock: cannot append to ${options.record}: ${(error as Error).message}\n`);
          recordFailed = true;
        }
      }
    });
  });
  // Beyond this many open connections Node closes a new one at once: the mock refuses it.
  server.maxConnections = MAX_CONNECTIONS;

  function route(request: http.IncomingMessage, body: string): MockAnswer {
    const url = new URL(request.url ?? '/', 'http://mock');
    const match = SOAP_PATH.exec(url.pathname);
    const soap = match ? routes.get(`${match[1]}/${match[2]}`.toLowerCase()) : undefined;
    // The REST API below any tenant prefix: `/Cust1/api/v1/Agents/ErpSync/SaveConnection`.
    const api = url.pathname.search(/\/api\//i);
    if (!soap && api !== -1) {
      try {
        return handleRest(rest, request.method ?? 'GET', url.pathname.slice(api + 1), url.searchParams, body, answerOptions);
      } catch (error) {
        return { status: 500, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ Error: true, ErrorType: 'MockError', Message: `the mock could not answer: ${(error as Error).message}` }) };
      }
    }
    if (!soap) return { status: 404, contentType: 'text/plain; charset=utf-8', body: `no agent at ${url.pathname}\n` };
    if (request.method === 'GET' && url.searchParams.has('wsdl')) {
      const address = `http://${request.headers.host ?? 'localhost'}${url.pathname}`;
      return wsdlAnswer(soap, address) ?? { status: 404, contentType: 'text/plain; charset=utf-8', body: `${soap.agent.name} was not read from a WSDL file\n` };
    }
    if (request.method !== 'POST') return { status: 405, contentType: 'text/plain; charset=utf-8', body: `${request.method} is not allowed: SOAP takes POST\n` };
    try {
      return handleSoap(soap, request.headers['content-type'] ?? '', header(request, 'soapaction'), body, answerOptions);
    } catch (error) {
      return soapFault(`the mock could not answer: ${(error as Error).message}`, 's:Server');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function header(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
