import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { afterEach, describe, expect, test } from 'vitest';
import { PRECOMPILED } from '../../src/emit/precompiled-templates.js';
import { DEFAULT_TEMPLATES, loadTemplates } from '../../src/emit/templates.js';

/** A compiled spec as the bundle embeds it: precompile's object literal, evaluated. */
function specOf(source: string): ReturnType<typeof Handlebars.precompile> {
  return new Function(`return ${Handlebars.precompile(source, { noEscape: true })}`)() as ReturnType<typeof Handlebars.precompile>;
}

describe('templates compiled at build time', () => {
  const view = { version: 'Services99', agents: [{ className: 'XAgent', file: 'XAgent' }] };
  const text = readFileSync(path.join(DEFAULT_TEMPLATES, 'version-index.ts.hbs'), 'utf8');
  afterEach(() => {
    delete PRECOMPILED['version-index.ts'];
    delete PRECOMPILED['partials/header'];
  });

  test('are used for exactly the text they were compiled from', () => {
    PRECOMPILED['version-index.ts'] = { source: text, spec: specOf('built {{version}}') };
    expect(loadTemplates().render('version-index.ts', view)).toBe('built Services99');
  });

  test('are not used once the template has changed', () => {
    PRECOMPILED['version-index.ts'] = { source: `${text} `, spec: specOf('built {{version}}') };
    expect(loadTemplates().render('version-index.ts', view)).toContain('XAgent');
  });

  test('give the same text as compiling at run time, partials included, and nothing is escaped', () => {
    const atRunTime = loadTemplates().render('version-index.ts', { ...view, version: '<&"\'>' });
    PRECOMPILED['version-index.ts'] = { source: text, spec: specOf(text) };
    const header = readFileSync(path.join(DEFAULT_TEMPLATES, 'partials/header.hbs'), 'utf8');
    PRECOMPILED['partials/header'] = { source: header, spec: specOf(header) };
    expect(loadTemplates().render('version-index.ts', { ...view, version: '<&"\'>' })).toBe(atRunTime);
    expect(atRunTime).toContain('<&"\'>');
  });
});
