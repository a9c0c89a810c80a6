/** Every error the SDK throws is an SdkError, so one `instanceof` catches them all. */
export class SdkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** What NetServer said went wrong: a SOAP fault, an `ExceptionInfo` header, or a REST error body. */
export class NetServerError extends SdkError {
  readonly exceptionType: string | undefined;
  readonly serverStackTrace: string | undefined;
  readonly friendlyText: string | undefined;
  readonly source: string | undefined;
  readonly status: number | undefined;
  readonly inner: NetServerError | undefined;

  constructor(info: {
    message: string;
    exceptionType?: string | undefined;
    stackTrace?: string | undefined;
    friendlyText?: string | undefined;
    source?: string | undefined;
    status?: number | undefined;
    inner?: NetServerError | undefined;
  }) {
    super(info.message || info.friendlyText || info.exceptionType || 'NetServer reported an error');
    this.exceptionType = info.exceptionType;
    this.serverStackTrace = info.stackTrace;
    this.friendlyText = info.friendlyText;
    this.source = info.source;
    this.status = info.status;
    this.inner = info.inner;
  }
}

/** A non-2xx answer that carried no NetServer error description. */
export class HttpError extends SdkError {
  readonly status: number;
  readonly statusText: string;
  readonly body: string;

  constructor(status: number, statusText: string, body: string) {
    super(`HTTP ${status} ${statusText}`.trim());
    this.status = status;
    this.statusText = statusText;
    this.body = body;
  }
}

/** The call took longer than `timeoutMs`. */
export class TimeoutError extends SdkError {
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.timeoutMs = timeoutMs;
  }
}

/** The answer could not be read as the declared type. */
export class DecodeError extends SdkError {}

/** An argument cannot be written as its wire type (a fraction for an int, text for a decimal …). */
export class EncodeError extends SdkError {}
