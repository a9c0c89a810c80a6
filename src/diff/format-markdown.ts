import type { Change } from './changes.js';
import { describeChange, groupOf } from './describe.js';

export interface DiffReport {
  from: string;
  to: string;
  changes: Change[];
}

/** Release notes: a summary, then the changes of each agent and of the types, breaking ones marked. */
export function formatMarkdown(report: DiffReport): string {
  const breaking = report.changes.filter((c) => c.breaking).length;
  const lines = [`# API changes: ${report.from} → ${report.to}`, ''];
  if (report.changes.length === 0) return `${lines.join('\n')}No changes.\n`;
  lines.push(`${report.changes.length} changes, ${breaking} breaking.`, '');
  const groups = new Map<string, Change[]>();
  for (const c of report.changes) {
    const g = groupOf(c);
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(c);
  }
  const names = [...groups.keys()].sort((a, b) => (a === 'Types' ? 1 : b === 'Types' ? -1 : a < b ? -1 : 1));
  for (const name of names) {
    const list = groups.get(name)!;
    lines.push(name === 'Types' ? '## Types' : `## Agent ${name}`, '');
    for (const section of ['added', 'removed', 'changed'] as const) {
      const items = list.filter((c) => c.change === section);
      if (items.length === 0) continue;
      lines.push(`### ${section[0]!.toUpperCase()}${section.slice(1)}`, '');
      for (const c of items) lines.push(`- ${c.breaking ? '**breaking** ' : ''}${describeChange(c)}`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

export function formatJson(report: DiffReport): string {
  return `${JSON.stringify({ changes: report.changes }, null, 2)}\n`;
}
