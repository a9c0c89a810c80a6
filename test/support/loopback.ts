import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';

/** One request as the server saw it: the body as bytes, and as UTF-8 text. */
export interface Exchange {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface Reply {
  status: number;
  contentType?: string;
  body?: Uint8Array | string;
}

/** A server on 127.0.0.1 that records each request and answers with the reply set for the next call. */
export class Loopback {
  readonly exchanges: Exchange[] = [];
  reply: Reply = { status: 204 };
  private server: http.Server | undefined;
  port = 0;

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        this.exchanges.push({ method: req.method!, url: req.url!, headers: req.headers, body, text: body.toString('utf8') });
        const { status, contentType, body: answer } = this.reply;
        res.writeHead(status, contentType ? { 'content-type': contentType } : {});
        res.end(answer === undefined ? undefined : typeof answer === 'string' ? answer : Buffer.from(answer));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The one request the last call made. */
  last(before: number): Exchange {
    expect(this.exchanges.length, 'requests that reached the server').toBe(before + 1);
    return this.exchanges.at(-1)!;
  }
}
