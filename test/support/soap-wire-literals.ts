import type { SoapOperation, WireSchema } from '../../src/runtime/schema.js';
import type { GeneratedFile } from '../../src/emit/output-names.js';

export interface SoapAgentWire {
  version: string;
  agent: string;
  schema: WireSchema;
  operations: SoapOperation[];
}

/**
 * The wire schema and operation table of every generated SOAP agent module, read back from the
 * emitted text (they are plain literals), so that a test can call the codecs as an agent does.
 */
export function soapAgentWires(files: GeneratedFile[]): SoapAgentWire[] {
  const out: SoapAgentWire[] = [];
  for (const file of files) {
    const match = /^(services\d+)\/(\w+)Agent\.ts$/i.exec(file.path);
    if (!match) continue;
    out.push({
      version: match[1]!,
      agent: match[2]!,
      schema: literal(file.content, 'const schema: WireSchema = ', '\n};\n') as WireSchema,
      operations: literal(file.content, 'const operations: readonly SoapOperation[] = ', '\n];\n') as SoapOperation[],
    });
  }
  return out;
}

function literal(source: string, start: string, end: string): unknown {
  const from = source.indexOf(start);
  if (from === -1) throw new Error(`no ${start.trim()} in a generated agent`);
  const to = source.indexOf(end, from);
  // The emitter writes these as JavaScript literals of strings, numbers and arrays only.
  return new Function(`return ${source.slice(from + start.length, to + end.length - 2)};`)();
}
