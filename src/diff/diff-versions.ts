import type { Agent, ApiVersion, Field, Method, Param, TypeDef } from '../model/api-model.js';
import { compareChanges, type Change } from './changes.js';

export interface DiffOptions {
  /** Report description changes too. */
  docs?: boolean;
  /** Only these agents (their methods; types stay version-wide). */
  agents?: string[];
}

/**
 * Everything that differs between two versions (or two drops of one version). Types are matched by
 * name within their namespace prefix, which is the same across ServicesNN (`tns:`).
 */
export function diffVersions(from: ApiVersion, to: ApiVersion, options: DiffOptions = {}): Change[] {
  const changes: Change[] = [];
  const keep = (a: Agent) => !options.agents?.length || options.agents.includes(a.name);
  diffKeyed(
    from.agents.filter(keep),
    to.agents.filter(keep),
    (a) => a.name,
    (a) => changes.push({ change: 'removed', what: 'agent', agent: a.name, breaking: true }),
    (a) => changes.push({ change: 'added', what: 'agent', agent: a.name, breaking: false }),
    (a, b) => diffAgent(a, b, changes, options),
  );
  // The entity API's resources diff like agents, under the class a user calls (`ContactRestApi`),
  // apart from the agent of the same name.
  const asClass = (r: Agent): Agent => ({ ...r, name: `${r.name}RestApi` });
  diffKeyed(
    (from.resources ?? []).filter(keep).map(asClass),
    (to.resources ?? []).filter(keep).map(asClass),
    (a) => a.name,
    (a) => changes.push({ change: 'removed', what: 'resource', agent: a.name, breaking: true }),
    (a) => changes.push({ change: 'added', what: 'resource', agent: a.name, breaking: false }),
    (a, b) => diffAgent(a, b, changes, options),
  );
  diffKeyed(
    from.types,
    to.types,
    (t) => t.ref,
    (t) => changes.push({ change: 'removed', what: 'type', type: t.name, breaking: true }),
    (t) => changes.push({ change: 'added', what: 'type', type: t.name, breaking: false }),
    (a, b) => diffType(a, b, changes, options),
  );
  return changes.sort(compareChanges);
}

function diffKeyed<T>(
  before: T[],
  after: T[],
  key: (item: T) => string,
  removed: (item: T) => void,
  added: (item: T) => void,
  both: (a: T, b: T) => void,
): void {
  const next = new Map(after.map((item) => [key(item), item]));
  const prev = new Set(before.map(key));
  for (const item of before) {
    const match = next.get(key(item));
    if (match) both(item, match);
    else removed(item);
  }
  for (const item of after) if (!prev.has(key(item))) added(item);
}

function describeDoc(changes: Change[], options: DiffOptions, base: Omit<Change, 'change' | 'breaking'>, from?: string, to?: string): void {
  if (!options.docs || (from ?? '') === (to ?? '')) return;
  const change: Change = { ...base, change: 'changed', aspect: 'description', breaking: false };
  if (from) change.from = from;
  if (to) change.to = to;
  changes.push(change);
}

function diffAgent(a: Agent, b: Agent, changes: Change[], options: DiffOptions): void {
  const agent = a.name;
  describeDoc(changes, options, { what: 'agent', agent }, a.description, b.description);
  diffKeyed(
    a.methods,
    b.methods,
    (m) => m.name,
    (m) => changes.push({ change: 'removed', what: 'method', agent, name: m.name, breaking: true }),
    (m) => changes.push({ change: 'added', what: 'method', agent, name: m.name, breaking: false }),
    (m, n) => diffMethod(agent, m, n, changes, options),
  );
}

function occursText(p: { minOccurs: number; nillable: boolean }): string {
  return `${p.minOccurs === 0 ? 'optional' : 'required'}${p.nillable ? ', nillable' : ''}`;
}

function diffMethod(agent: string, a: Method, b: Method, changes: Change[], options: DiffOptions): void {
  describeDoc(changes, options, { what: 'method', agent, name: a.name }, a.description, b.description);
  const param = (p: Param) => `${a.name}.${p.name}`;
  diffKeyed(
    a.params,
    b.params,
    (p) => p.name,
    (p) => changes.push({ change: 'removed', what: 'param', agent, name: param(p), from: p.type, breaking: true }),
    (p) => changes.push({ change: 'added', what: 'param', agent, name: param(p), to: p.type, breaking: p.minOccurs > 0 }),
    (p, q) => {
      if (p.type !== q.type) changes.push({ change: 'changed', what: 'param', aspect: 'type', agent, name: param(p), from: p.type, to: q.type, breaking: true });
      if (p.minOccurs !== q.minOccurs || p.nillable !== q.nillable) {
        const breaking = (p.minOccurs === 0 && q.minOccurs > 0) || (p.nillable && !q.nillable);
        changes.push({ change: 'changed', what: 'param', aspect: 'optional', agent, name: param(p), from: occursText(p), to: occursText(q), breaking });
      }
      if (p.maxOccurs !== q.maxOccurs) changes.push({ change: 'changed', what: 'param', aspect: 'type', agent, name: param(p), from: `maxOccurs ${p.maxOccurs}`, to: `maxOccurs ${q.maxOccurs}`, breaking: true });
      describeDoc(changes, options, { what: 'param', agent, name: param(p) }, p.description, q.description);
    },
  );
  const common = a.params.map((p) => p.name).filter((n) => b.params.some((q) => q.name === n));
  const commonAfter = b.params.map((p) => p.name).filter((n) => common.includes(n));
  if (common.join() !== commonAfter.join()) {
    changes.push({ change: 'changed', what: 'param', aspect: 'order', agent, name: `${a.name}()`, from: common.join(', '), to: commonAfter.join(', '), breaking: false });
  }
  const ret = (m: Method) => (m.returns ? m.returns.type : 'void');
  if (ret(a) !== ret(b)) {
    changes.push({ change: 'changed', what: 'return', aspect: 'type', agent, name: a.name, from: ret(a), to: ret(b), breaking: true });
  } else if (a.returns && b.returns && (a.returns.nillable !== b.returns.nillable || a.returns.minOccurs !== b.returns.minOccurs)) {
    changes.push({ change: 'changed', what: 'return', aspect: 'optional', agent, name: a.name, from: occursText(a.returns), to: occursText(b.returns), breaking: b.returns.nillable && !a.returns.nillable });
  }
  const outs = (m: Method) => m.outParams.map((p) => `${p.name}: ${p.type}`).join(', ');
  if (outs(a) !== outs(b)) changes.push({ change: 'changed', what: 'return', aspect: 'out-params', agent, name: a.name, from: outs(a), to: outs(b), breaking: true });
  if (a.rest && b.rest) diffRest(agent, a, b, changes);
}

/**
 * What a REST method's wire changed. The SDK hides the verb, the path, where a parameter travels and
 * its query name, so code written against it still compiles (and calls the new endpoint); a body that
 * changes shape changes the arguments, and a `$select` taken away removes one.
 */
function diffRest(agent: string, a: Method, b: Method, changes: Change[]): void {
  const x = a.rest!;
  const y = b.rest!;
  const name = a.name;
  const endpoint = (r: NonNullable<Method['rest']>) => `${r.verb} ${r.path}`;
  if (endpoint(x) !== endpoint(y)) changes.push({ change: 'changed', what: 'method', aspect: 'endpoint', agent, name, from: endpoint(x), to: endpoint(y), breaking: false });
  if (x.body !== y.body) changes.push({ change: 'changed', what: 'method', aspect: 'body', agent, name, from: x.body, to: y.body, breaking: true });
  if (x.select !== y.select) {
    changes.push({ change: 'changed', what: 'method', aspect: 'select', agent, name, from: x.select ? '$select' : 'none', to: y.select ? '$select' : 'none', breaking: x.select });
  }
  if ((x.response ?? 'json') !== (y.response ?? 'json')) {
    changes.push({ change: 'changed', what: 'return', aspect: 'format', agent, name, from: x.response ?? 'json', to: y.response ?? 'json', breaking: true });
  }
  const headers = (r: NonNullable<Method['rest']>) => (r.headers ? [...r.headers].sort().join(', ') : 'all');
  if (headers(x) !== headers(y)) changes.push({ change: 'changed', what: 'method', aspect: 'headers', agent, name, from: headers(x), to: headers(y), breaking: false });
  for (const p of a.params) {
    const q = b.params.find((o) => o.name === p.name);
    if (!q) continue;
    const where = (o: Method['params'][number]) => `${o.in ?? 'body'}${o.in === 'query' ? ` ${o.wireName ?? o.name}` : ''}`;
    if (where(p) !== where(q)) changes.push({ change: 'changed', what: 'param', aspect: 'wire', agent, name: `${name}.${p.name}`, from: where(p), to: where(q), breaking: false });
  }
}

function typeShape(t: TypeDef): string {
  switch (t.kind) {
    case 'array':
      return `${t.item!.type}[]${t.item!.nillable ? ' (nillable items)' : ''}`;
    case 'dictionary':
      return `Record<${t.entry!.keyType}, ${t.entry!.valueType}>`;
    case 'simple':
      return `${t.base}${t.pattern ? ` /${t.pattern}/` : ''}`;
    default:
      return t.kind;
  }
}

function diffType(a: TypeDef, b: TypeDef, changes: Change[], options: DiffOptions): void {
  const type = a.name;
  describeDoc(changes, options, { what: 'type', type }, a.description, b.description);
  if (a.kind !== b.kind || (a.kind !== 'complex' && a.kind !== 'enum' && a.kind !== 'flags' && typeShape(a) !== typeShape(b))) {
    changes.push({ change: 'changed', what: 'type', aspect: 'kind', type, from: typeShape(a), to: typeShape(b), breaking: true });
    return;
  }
  if ((a.base ?? '') !== (b.base ?? '')) {
    const change: Change = { change: 'changed', what: 'type', aspect: 'base', type, breaking: true };
    if (a.base) change.from = a.base;
    if (b.base) change.to = b.base;
    changes.push(change);
  }
  diffKeyed(
    a.fields ?? [],
    b.fields ?? [],
    (f) => f.name,
    (f) => changes.push({ change: 'removed', what: 'field', type, name: f.name, from: f.type, breaking: true }),
    (f) => changes.push({ change: 'added', what: 'field', type, name: f.name, to: f.type, breaking: f.minOccurs > 0 }),
    (f, g) => diffField(type, f, g, changes, options),
  );
  diffKeyed(
    a.values ?? [],
    b.values ?? [],
    (v) => v.name,
    (v) => changes.push({ change: 'removed', what: 'enum-value', type, name: v.name, breaking: true }),
    (v) => changes.push({ change: 'added', what: 'enum-value', type, name: v.name, breaking: false }),
    () => undefined,
  );
}

function diffField(type: string, f: Field, g: Field, changes: Change[], options: DiffOptions): void {
  if (f.type !== g.type || f.maxOccurs !== g.maxOccurs) {
    const show = (x: Field) => (x.maxOccurs === 1 ? x.type : `${x.type}[]`);
    changes.push({ change: 'changed', what: 'field', aspect: 'type', type, name: f.name, from: show(f), to: show(g), breaking: true });
  }
  if (f.minOccurs !== g.minOccurs) changes.push({ change: 'changed', what: 'field', aspect: 'optional', type, name: f.name, from: occursText(f), to: occursText(g), breaking: true });
  else if (f.nillable !== g.nillable) changes.push({ change: 'changed', what: 'field', aspect: 'nillable', type, name: f.name, from: occursText(f), to: occursText(g), breaking: true });
  describeDoc(changes, options, { what: 'field', type, name: f.name }, f.description, g.description);
}
