export type { CallOptions, ClientOptions } from './client.js';
export { DecodeError, EncodeError, HttpError, NetServerError, SdkError, TimeoutError } from './errors.js';
