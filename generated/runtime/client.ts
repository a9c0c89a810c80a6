import { SdkError, TimeoutError } from './errors.js';

/**
 * How to reach and authenticate against one NetServer site; shared by every agent client. An option set
 * to `undefined` is the same as one left out (so `ticket: process.env['SO_TICKET']` compiles under
 * `exactOptionalPropertyTypes`).
 */
export interface ClientOptions {
  /** The site root, e.g. `https://sod.superoffice.com/Cust12345`. */
  baseUrl: string;
  /** A NetServer ticket: the SOAP `Credentials` header, or `Authorization: SoTicket …` for REST. */
  ticket?: string | undefined;
  /** The partner application token: the SOAP `ApplicationToken` header, or `SO-AppToken` for REST. */
  applicationToken?: string | undefined;
  /** An OAuth access token, sent as `Authorization: Bearer …` (REST). */
  accessToken?: string | undefined;
  /** User name and password, sent as `Authorization: Basic …` (REST). */
  basicAuth?: { username: string; password: string } | undefined;
  /** Replaces the global `fetch`, for tests, proxies or instrumentation. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Abort a call that has not answered after this many milliseconds. */
  timeoutMs?: number | undefined;
  /** Extra headers on every request. */
  headers?: Record<string, string> | undefined;
  /** SOAP `TimeZone` header. */
  timeZone?: { SoTimeZoneId?: number | undefined; SoTimeZoneLocationCode?: string | null | undefined } | undefined;
  /** REST: `Accept-Language`. */
  acceptLanguage?: string | undefined;
  /** REST: `SO-Language`, overrides Accept-Language for texts. */
  language?: string | undefined;
  /** REST: `SO-Culture`, number and date formatting. */
  culture?: string | undefined;
  /** REST: `SO-TimeZone`, the time zone dates are converted to. */
  timeZoneCode?: string | undefined;
}

/** Per call: cancel with your own signal, or add headers to this request only. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
  /** Conditional requests of the REST entity API: a GET answers 304 (resolving to undefined) when nothing changed since. */
  ifModifiedSince?: Date | undefined;
  /** A PUT or DELETE answers 412 (an HttpError) when the entity changed since. */
  ifUnmodifiedSince?: Date | undefined;
}

export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function conditionalHeaders(call: CallOptions | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  // HTTP dates are the IMF-fixdate of RFC 9110, which toUTCString writes.
  if (call?.ifModifiedSince) headers['If-Modified-Since'] = call.ifModifiedSince.toUTCString();
  if (call?.ifUnmodifiedSince) headers['If-Unmodified-Since'] = call.ifUnmodifiedSince.toUTCString();
  return headers;
}

/**
 * An answer read whole, as bytes: a stream's answer is not decoded as UTF-8 on the way, and the text
 * of a JSON or XML answer is decoded once, when asked for.
 */
export interface Answer {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly bytes: Uint8Array;
  text(): string;
}

const utf8 = new TextDecoder();

/** One HTTP exchange with the configured fetch, headers and timeout. */
export async function send(
  options: ClientOptions,
  path: string,
  call: CallOptions | undefined,
  init: { method: string; headers: Record<string, string>; body?: string | Uint8Array | FormData },
): Promise<Answer> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') throw new SdkError('no fetch available: pass one in the client options');
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    options.timeoutMs !== undefined
      ? setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, options.timeoutMs)
      : undefined;
  const onAbort = () => controller.abort(call?.signal?.reason);
  call?.signal?.addEventListener('abort', onAbort, { once: true });
  if (call?.signal?.aborted) controller.abort(call.signal.reason);
  try {
    const response = await fetchImpl(joinUrl(options.baseUrl, path), {
      method: init.method,
      headers: { ...init.headers, ...conditionalHeaders(call), ...options.headers, ...call?.headers },
      // A copy of bytes is typed over a plain ArrayBuffer, which every fetch typing accepts as a body.
      ...(init.body === undefined ? {} : { body: init.body instanceof Uint8Array ? new Uint8Array(init.body) : init.body }),
      signal: controller.signal,
    });
    // Read the body inside the timeout too: a server can stall after the headers. As bytes, so that a
    // stream's answer (BLOB data) is not decoded as UTF-8 on the way.
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { ok: response.ok, status: response.status, statusText: response.statusText, headers: response.headers, bytes, text: () => utf8.decode(bytes) };
  } catch (error) {
    if (timedOut) throw new TimeoutError(options.timeoutMs!);
    throw error;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    call?.signal?.removeEventListener('abort', onAbort);
  }
}
