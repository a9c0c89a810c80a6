/**
 * A `fetch` for Node made on `node:http` and `node:https` with keep-alive connections, to pass as the
 * client's `fetch` option: `new ErpSyncAgent({ baseUrl, ticket, fetch: nodeFetch() })`. Node's own
 * fetch (undici) costs about three times as much per exchange (0.46–0.49 against 0.17 ms on a
 * loopback server); on many small calls that is most of their time. Bodies of the SDK's kinds
 * (strings and bytes) go this way; a form upload goes to the global fetch, which encodes multipart.
 *
 * The Node modules are reached by a dynamic import of a computed name, so that this file needs no
 * Node typings and a browser bundle that never calls it never resolves them.
 */
interface NodeAgent {
  destroy(): void;
}

interface NodeIncoming {
  statusCode?: number;
  statusMessage?: string;
  headers: Record<string, string | string[] | undefined>;
  on(event: 'data', listener: (chunk: Uint8Array) => void): void;
  on(event: 'end' | 'close', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

interface NodeRequest {
  on(event: 'error', listener: (error: Error) => void): void;
  end(body?: string | Uint8Array): void;
  destroy(error?: Error): void;
}

interface NodeHttp {
  Agent: new (options: { keepAlive: boolean }) => NodeAgent;
  request(url: string, options: { method: string; headers: Record<string, string>; agent: NodeAgent }, onResponse: (response: NodeIncoming) => void): NodeRequest;
}

/** Statuses whose answer has no body, which a `Response` must be made without. */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

export interface NodeFetch {
  (input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** Closes the kept-alive connections (a test, or a process about to end, calls it). */
  close(): void;
}

export function nodeFetch(): NodeFetch {
  const loaded: Partial<Record<'http:' | 'https:', Promise<{ module: NodeHttp; agent: NodeAgent }>>> = {};
  const transport = (protocol: 'http:' | 'https:') =>
    (loaded[protocol] ??= import(`node:${protocol.slice(0, -1)}`).then((module: NodeHttp) => ({ module, agent: new module.Agent({ keepAlive: true }) })));
  const send = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const body = init.body;
    if (input instanceof Request || (url.protocol !== 'http:' && url.protocol !== 'https:') || (body != null && typeof body !== 'string' && !(body instanceof Uint8Array))) {
      return globalThis.fetch(input, init);
    }
    const { module, agent } = await transport(url.protocol);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : (body ?? undefined);
    if (bytes) headers['content-length'] = String(bytes.byteLength);
    const signal = init.signal;
    return new Promise<Response>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const request = module.request(url.href, { method: init.method ?? 'GET', headers, agent }, (answer) => {
        const chunks: Uint8Array[] = [];
        answer.on('data', (chunk) => chunks.push(chunk));
        answer.on('error', (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        });
        answer.on('end', () => {
          signal?.removeEventListener('abort', onAbort);
          const status = answer.statusCode ?? 0;
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(answer.headers)) {
            if (value === undefined) continue;
            for (const v of Array.isArray(value) ? value : [value]) responseHeaders.append(name, v);
          }
          const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
          let at = 0;
          for (const chunk of chunks) {
            all.set(chunk, at);
            at += chunk.byteLength;
          }
          try {
            resolve(new Response(NO_BODY.has(status) ? null : all, { status, statusText: answer.statusMessage ?? '', headers: responseHeaders }));
          } catch (error) {
            // A status a Response cannot hold (600, say) fails the call, as fetch fails it.
            reject(new TypeError(`the answer's status ${status} cannot be read`, { cause: error }));
          }
        });
      });
      const onAbort = () => {
        const error = abortError(signal!);
        request.destroy(error as Error);
        reject(error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      });
      request.end(bytes);
    });
  }) as NodeFetch;
  send.close = () => {
    for (const pending of Object.values(loaded)) void pending?.then(({ agent }) => agent.destroy());
  };
  return send;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
