import type { Change } from '../diff/changes.js';
import { describeChange } from '../diff/describe.js';
import type { Interest, SdkElement, Use } from './find-uses.js';

/** One line of a user's code that an upgrade breaks, shaped as `impact --format json` prints it. */
export interface Hit {
  file: string;
  line: number;
  column: number;
  change: Change['change'];
  what: Change['what'];
  agent?: string;
  type?: string;
  name?: string;
  breaking: true;
  message: string;
  /** What broke, as the code names it (`ErpSyncAgent.DeleteConnection`): the text format's second column. */
  subject: string;
}

/** The names the breaking changes are about: only identifiers and literals with these texts are resolved. */
export function interestOf(changes: readonly Change[], classOfAgent: (agent: string) => string | undefined, declaredNamesOf: (type: string) => readonly string[]): Interest {
  const identifiers = new Set<string>();
  const literals = new Set<string>();
  const constructed = new Set<string>();
  for (const c of changes) {
    if (!c.breaking) continue;
    if (c.what === 'agent' || c.what === 'resource') {
      const name = c.what === 'agent' ? classOfAgent(c.agent!) : c.agent;
      if (name) identifiers.add(name);
    } else if (c.what === 'method' || c.what === 'return') identifiers.add(c.name!);
    else if (c.what === 'param') {
      // `Method.Param`; an added or newly required parameter breaks the method's calls.
      const [method, param] = c.name!.split('.');
      identifiers.add(method!);
      if (param) identifiers.add(param);
    } else if (c.what === 'type') for (const name of declaredNamesOf(c.type!)) identifiers.add(name);
    else if (c.what === 'field') {
      identifiers.add(c.name!);
      if (requiresField(c)) constructed.add(c.type!);
    }
    else if (c.what === 'enum-value') {
      identifiers.add(c.name!);
      literals.add(c.name!);
    }
  }
  return { identifiers, literals, constructed };
}

/** A field that is new and required, or now required: every object literal building the type lacks it. */
function requiresField(c: Change): boolean {
  return c.what === 'field' && c.breaking && (c.change === 'added' || (c.change === 'changed' && c.aspect === 'optional' && /^required/.test(c.to ?? '')));
}

/**
 * The breaking changes a use runs into. A method's use is hit by its removal, a changed result or
 * body, and a parameter it now requires; a parameter's, field's or enum value's by its removal or a
 * changed type; a type's by its removal or a changed kind or base; an agent's class by its removal.
 */
function changesHitting(element: SdkElement, changes: readonly Change[]): Change[] {
  return changes.filter((c) => {
    if (!c.breaking) return false;
    switch (element.kind) {
      case 'agent':
        return (c.what === 'agent' || c.what === 'resource') && c.change === 'removed' && c.agent === element.agent;
      case 'method':
        if (c.agent !== element.agent) return false;
        if (c.what === 'method' || c.what === 'return') return c.name === element.name;
        // A parameter that is new and required, or now required: the calls break, not a use of the parameter.
        return c.what === 'param' && c.change !== 'removed' && c.aspect !== 'type' && c.name?.split('.')[0] === element.name && !c.name.endsWith('()');
      case 'param':
        return c.what === 'param' && c.agent === element.agent && c.name === `${element.method}.${element.name}` && (c.change === 'removed' || c.aspect === 'type');
      case 'type':
        return c.what === 'type' && c.type === element.type;
      case 'field':
        return c.what === 'field' && c.type === element.type && c.name === element.name && c.change !== 'added';
      case 'enum-value':
        return c.what === 'enum-value' && c.type === element.type && c.name === element.name;
      case 'construct':
        return c.type === element.type && requiresField(c);
    }
  });
}

function subject(element: SdkElement, agentClass: (agent: string) => string): string {
  switch (element.kind) {
    case 'agent':
      return agentClass(element.agent);
    case 'method':
      return `${agentClass(element.agent)}.${element.name}`;
    case 'param':
      return `${agentClass(element.agent)}.${element.method}({ ${element.name} })`;
    case 'type':
      return element.type;
    case 'field':
    case 'enum-value':
      return `${element.type}.${element.name}`;
    case 'construct':
      return `{ … } as ${element.type}`;
  }
}

export function hitsOf(uses: readonly Use[], changes: readonly Change[], toVersion: string, agentClass: (agent: string) => string, relative: (file: string) => string): Hit[] {
  const hits: Hit[] = [];
  for (const use of uses) {
    for (const c of changesHitting(use.element, changes)) {
      const what = subject(use.element, agentClass);
      // A field, type or enum value names itself in the description; an agent's member names its class first.
      const message = `${c.agent !== undefined ? `${agentClass(c.agent)}: ` : ''}${describeChange(c)} in ${toVersion}`;
      const hit: Hit = { file: relative(use.file), line: use.line, column: use.column, change: c.change, what: c.what, breaking: true, message, subject: what };
      if (c.agent !== undefined) hit.agent = c.agent;
      if (c.type !== undefined) hit.type = c.type;
      if (c.name !== undefined) hit.name = c.name;
      hits.push(hit);
    }
  }
  return hits.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)));
}

export function formatText(hits: readonly Hit[], switchable: readonly string[], toFolder: string): string {
  const lines = hits.map((h) => `${h.file}:${h.line}:${h.column}  ${h.subject}  ${h.message}`);
  for (const file of switchable) lines.push(`${file}  every use survives: its imports can move to ${toFolder} (--fix rewrites them)`);
  if (lines.length === 0) lines.push('no use of the SDK breaks');
  return `${lines.join('\n')}\n`;
}

export function formatJson(hits: readonly Hit[], switchable: readonly string[]): string {
  return `${JSON.stringify({ hits: hits.map(({ subject: _subject, ...hit }) => hit), switchable }, null, 2)}\n`;
}

/** GitHub workflow commands: one annotation per hit, on its file and line. */
export function formatGithub(hits: readonly Hit[]): string {
  // Workflow command values escape %, CR and LF; properties also : and ,.
  const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  return hits.map((h) => `::error file=${property(h.file)},line=${h.line},col=${h.column}::${data(h.message)}\n`).join('');
}
