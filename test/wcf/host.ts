import { execFileSync, spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Runs WcfHost.cs (compiled with mcs into a cache folder outside the checkout) on Mono. */

const here = path.dirname(fileURLToPath(import.meta.url));
const source = path.join(here, 'WcfHost.cs');

const works = (cmd: string, args: string[]) => {
  try {
    return spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  }
};
export const haveMono = works('mcs', ['--version']) && works('mono', ['--version']);
export const monoSkipReason = 'mcs/mono not found (Debian: apt-get install mono-complete): the WCF wire test is skipped';

export interface HostedAgent {
  wsdl: string;
  agent: string;
  version: string;
  /** The same contract hosted on each of these ports (Mono's HTTP channel answers one request at a time). */
  ports: number[];
  path: string;
  hosted: string[];
  notHostable: Array<{ op: string; reason: string }>;
  /** Operations whose signature Mono's importer got wrong, rebuilt from the WSDL by the host. */
  repaired: Array<{ op: string; signature: string }>;
}

export interface RecordedCall {
  agent: string;
  version: string;
  op: string;
  args: Array<{ name: string; xml: string | null }>;
  headers: Array<{ name: string; namespace: string; xml: string | null }>;
  result: string | null;
  /** The values of a response of several (out parameters), in wire order. */
  results: Array<{ name: string; xml: string | null }>;
  /** Set when the recording implementation itself failed. */
  error?: string;
}

export const cacheRoot = path.join(os.tmpdir(), 'superoffice-sdkgen-wcf');

/** Compiles the host once per version of its source (and of mcs). */
export function compileHost(): string {
  const text = readFileSync(source);
  const mcsVersion = execFileSync('mcs', ['--version'], { encoding: 'utf8' }).trim();
  const hash = createHash('sha256').update(text).update(mcsVersion).digest('hex').slice(0, 16);
  const dir = path.join(cacheRoot, hash);
  const exe = path.join(dir, 'WcfHost.exe');
  if (!existsSync(exe)) {
    mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `WcfHost.${process.pid}.exe`);
    const refs = ['System.ServiceModel', 'System.Runtime.Serialization', 'System.Web.Services', 'System.Xml', 'System.Core'];
    execFileSync('mcs', ['-nologo', '-warn:0', ...refs.map((r) => `-r:${r}`), `-out:${tmp}`, source], { stdio: ['ignore', 'pipe', 'pipe'] });
    renameSync(tmp, exe);
  }
  return exe;
}

export class WcfHost {
  readonly agents: HostedAgent[] = [];
  private readonly calls = new Map<string, RecordedCall[]>();
  private readonly waiters = new Map<string, () => void>();
  private stderr = '';
  private exited = false;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {}

  static async start(wsdls: string[], startTimeoutMs = 240_000): Promise<WcfHost> {
    const exe = compileHost();
    const child = spawn('mono', [exe, path.join(path.dirname(exe), 'agents'), ...wsdls], { stdio: ['pipe', 'pipe', 'pipe'] });
    const host = new WcfHost(child);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (host.stderr += d));
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the WCF host did not start in ${startTimeoutMs} ms:\n${host.stderr}`)), startTimeoutMs);
      child.on('exit', (code) => {
        host.exited = true;
        clearTimeout(timer);
        reject(new Error(`the WCF host exited (${code}):\n${host.stderr}`));
        for (const w of host.waiters.values()) w();
      });
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.startsWith('{')) {
          host.stderr += `${line}\n`;
          return;
        }
        const message = JSON.parse(line) as { ready?: HostedAgent[]; call?: RecordedCall };
        if (message.ready) {
          host.agents.push(...message.ready);
          clearTimeout(timer);
          resolve();
        } else if (message.call) {
          const key = `${message.call.version}/${message.call.agent}/${message.call.op}`;
          (host.calls.get(key) ?? host.calls.set(key, []).get(key)!).push(message.call);
          host.waiters.get(key)?.();
        }
      });
    });
    await ready;
    return host;
  }

  /** The next call the server recorded for this operation, or undefined after the timeout. */
  async nextCall(version: string, agent: string, op: string, timeoutMs: number): Promise<RecordedCall | undefined> {
    const key = `${version}/${agent}/${op}`;
    const take = () => this.calls.get(key)?.shift();
    const now = take();
    if (now || this.exited) return now;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.set(key, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.waiters.delete(key);
    return take();
  }

  get log(): string {
    return this.stderr;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.on('exit', () => resolve()));
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  }
}

if (!haveMono) process.stderr.write(`${monoSkipReason}\n`);
