import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { PRECOMPILED } from './precompiled-templates.js';

/** The templates shipped with the package: `templates/` beside `dist/` (or `src/` in development). */
export const DEFAULT_TEMPLATES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');
/** The runtime copied into every generated SDK. */
export const RUNTIME_SOURCES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/runtime');

export type TemplateName = 'types.ts' | 'soap-agent.ts' | 'rest-agent.ts' | 'version-index.ts' | 'sample-test.ts';

export interface TemplateSet {
  render(name: TemplateName, view: object): string;
  /** Runtime file name → source, with user overrides from `<templates>/runtime/` applied. */
  runtime: Map<string, string>;
}

/**
 * Loads the templates, letting a user directory override any of them (same file name), and the runtime.
 * Templates only lay out: every value they print is escaped or rendered safe beforehand, so they run
 * with `noEscape` and cannot be used to inject code by text from the docs.
 */
export function loadTemplates(overrideDir?: string): TemplateSet {
  const hb = Handlebars.create();
  const read = (relative: string): string => {
    const override = overrideDir ? path.join(overrideDir, relative) : undefined;
    return readFileSync(override && existsSync(override) ? override : path.join(DEFAULT_TEMPLATES, relative), 'utf8');
  };
  const compile = (name: string): HandlebarsTemplateDelegate => {
    const source = read(`${name}.hbs`);
    const built = PRECOMPILED[name];
    return built?.source === source ? hb.template(built.spec) : hb.compile(source, { noEscape: true });
  };
  for (const file of readdirSync(path.join(DEFAULT_TEMPLATES, 'partials'))) {
    const name = file.replace(/\.hbs$/, '');
    // Registered compiled, so that a partial is never compiled with handlebars' default escaping.
    hb.registerPartial(name, compile(`partials/${name}`));
  }
  const compiled = new Map<TemplateName, HandlebarsTemplateDelegate>();
  const runtime = new Map<string, string>();
  for (const file of readdirSync(RUNTIME_SOURCES).filter((f) => f.endsWith('.ts')).sort()) {
    const override = overrideDir ? path.join(overrideDir, 'runtime', file) : undefined;
    runtime.set(file, readFileSync(override && existsSync(override) ? override : path.join(RUNTIME_SOURCES, file), 'utf8'));
  }
  return {
    render(name, view) {
      let template = compiled.get(name);
      if (!template) {
        template = compile(name);
        compiled.set(name, template);
      }
      return template(view);
    },
    runtime,
  };
}
