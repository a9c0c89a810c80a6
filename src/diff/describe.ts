import type { Change } from './changes.js';

/** One readable line for a change, without the agent or type it belongs to. */
export function describeChange(c: Change): string {
  const code = (s: string | undefined) => (s === undefined ? '' : `\`${s.replace(/`/g, "'")}\``);
  const fromTo = c.from !== undefined || c.to !== undefined ? `: ${code(c.from) || '(none)'} → ${code(c.to) || '(none)'}` : '';
  switch (c.what) {
    case 'agent':
      return c.change === 'changed' ? `agent ${c.aspect} changed${fromTo}` : `agent ${c.change}`;
    case 'resource':
      return `REST resource ${c.change}`;
    case 'method':
      return c.change === 'changed' ? `${code(c.name)} ${c.aspect} changed${fromTo}` : `method ${code(c.name)} ${c.change}`;
    case 'param':
      if (c.change === 'added') return `parameter ${code(c.name)} added (${code(c.to)})`;
      if (c.change === 'removed') return `parameter ${code(c.name)} removed`;
      return `parameter ${code(c.name)} ${c.aspect} changed${fromTo}`;
    case 'return':
      return `result of ${code(c.name)} ${c.aspect} changed${fromTo}`;
    case 'type':
      return c.change === 'changed' ? `type ${code(c.type)} ${c.aspect} changed${fromTo}` : `type ${code(c.type)} ${c.change}`;
    case 'field':
      if (c.change === 'added') return `field ${code(`${c.type}.${c.name}`)} added (${code(c.to)})`;
      if (c.change === 'removed') return `field ${code(`${c.type}.${c.name}`)} removed`;
      return `field ${code(`${c.type}.${c.name}`)} ${c.aspect} changed${fromTo}`;
    case 'enum-value':
      return `enum value ${code(`${c.type}.${c.name}`)} ${c.change}`;
  }
}

/** The heading a change is listed under: its agent, or "Types". */
export function groupOf(c: Change): string {
  return c.agent !== undefined ? c.agent : 'Types';
}
