import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { FileResult } from '../facts/file-facts.js';

/**
 * What the ingest learned from each file, keyed by the file's name and content hash, so that a run
 * reads again only what changed. The cache is a plain file beside the output; deleting it is safe.
 * Results that depend on included files also record those files' hashes.
 */
interface Entry {
  hash: string;
  dependencies: Array<[string, string]>;
  result: FileResult;
}

interface CacheData {
  format: string;
  entries: Map<string, Entry>;
}

/** The last run's key and what it reported, kept apart from the facts so that a no-change run reads only this. */
interface RunData {
  format: string;
  key: string;
  /** Included files the inputs depended on: part of the key. */
  dependencies: string[];
  value: unknown;
}

const FORMAT = 'superoffice-sdkgen-cache-3';

export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

export class FactsCache {
  private loaded: CacheData | undefined;
  private run: RunData | undefined;
  private dirty = false;
  private runDirty = false;
  private readonly file: string;
  private readonly runFile: string;

  constructor(
    dir: string,
    /** Part of every key: a new generator version invalidates everything. */
    private readonly salt: string,
  ) {
    this.file = path.join(dir, 'facts.v8');
    this.runFile = path.join(dir, 'last-run.json');
    try {
      const run = JSON.parse(readFileSync(this.runFile, 'utf8')) as RunData;
      if (run.format === FORMAT) this.run = run;
    } catch {
      // No run recorded yet.
    }
  }

  /** The facts are read only when a file has to be looked up: a no-change run never needs them. */
  private get data(): CacheData {
    if (!this.loaded) {
      this.loaded = { format: FORMAT, entries: new Map() };
      try {
        const stored = v8.deserialize(readFileSync(this.file)) as CacheData;
        if (stored.format === FORMAT) this.loaded = stored;
      } catch {
        // No cache yet, or one from another version: start empty.
      }
    }
    return this.loaded;
  }

  /** Included files the last run depended on. */
  lastDependencies(): string[] {
    return this.run?.dependencies ?? [];
  }

  lookup(name: string, hash: string, readHash: (file: string) => string | undefined): FileResult | undefined {
    const entry = this.data.entries.get(name);
    if (!entry || entry.hash !== this.key(hash)) return undefined;
    for (const [dep, depHash] of entry.dependencies) if (readHash(dep) !== depHash) return undefined;
    return entry.result;
  }

  store(name: string, hash: string, result: FileResult, readHash: (file: string) => string | undefined): void {
    const dependencies = (result.dependencies ?? []).map((d): [string, string] => [d, readHash(d) ?? '']);
    this.data.entries.set(name, { hash: this.key(hash), dependencies, result });
    this.dirty = true;
  }

  /** Forget files that are no longer inputs, so the cache does not grow without bound. */
  retain(names: Set<string>): void {
    for (const name of this.data.entries.keys()) {
      if (!names.has(name)) {
        this.data.entries.delete(name);
        this.dirty = true;
      }
    }
  }

  getRun(key: string): unknown {
    return this.run && this.run.key === this.key(key) ? this.run.value : undefined;
  }

  setRun(key: string, dependencies: string[], value: unknown): void {
    this.run = { format: FORMAT, key: this.key(key), dependencies, value };
    this.runDirty = true;
  }

  save(): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    if (this.dirty && this.loaded) {
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, v8.serialize(this.loaded));
      renameSync(temp, this.file);
      this.dirty = false;
    }
    if (this.runDirty) {
      const temp = `${this.runFile}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(this.run));
      renameSync(temp, this.runFile);
      this.runDirty = false;
    }
  }

  private key(hash: string): string {
    return contentHash(`${this.salt}\0${hash}`);
  }
}
