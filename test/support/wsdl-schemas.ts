/**
 * The XML Schemas embedded in a WSDL, as standalone files xmllint can load: each schema gets the
 * namespace declarations it inherits from `wsdl:definitions`, and each `xs:import` a schemaLocation.
 */
export function schemasOfWsdl(wsdl: string): { main: string; preload: Array<{ fileName: string; contents: string }> } {
  const root = /<wsdl:definitions\b[^>]*>/.exec(wsdl)![0];
  const rootDeclarations = [...root.matchAll(/\sxmlns:(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!] as const);
  const schemas = [...wsdl.matchAll(/<xs:schema\b[\s\S]*?<\/xs:schema>/g)].map((m) => m[0]);
  const files = schemas.map((text, i) => ({ ns: /targetNamespace="([^"]*)"/.exec(text)![1]!, fileName: `schema-${i}.xsd`, text }));
  const fileOf = new Map(files.map((f) => [f.ns, f.fileName]));
  const contents = files.map((f) => {
    const start = /<xs:schema\b[^>]*>/.exec(f.text)![0];
    const missing = rootDeclarations.filter(([prefix]) => !start.includes(`xmlns:${prefix}=`)).map(([p, uri]) => ` xmlns:${p}="${uri}"`).join('');
    const fixedStart = start.replace(/>$/, `${missing}>`).replace(/\/>$/, '>');
    const body = f.text.slice(start.length).replace(/<xs:import namespace="([^"]*)"\s*\/>/g, (whole, ns: string) =>
      fileOf.has(ns) ? `<xs:import namespace="${ns}" schemaLocation="${fileOf.get(ns)}"/>` : whole,
    );
    return { fileName: f.fileName, contents: `<?xml version="1.0" encoding="utf-8"?>\n${fixedStart}${body}` };
  });
  const [main, ...rest] = contents;
  return { main: main!.contents, preload: rest };
}

/**
 * The children of an envelope's Header and Body as standalone documents, each carrying the
 * namespace declarations of the Envelope, so each can be validated against the schema on its own.
 */
export function envelopeParts(envelope: string): { body: string; headers: string[] } {
  const rootStart = /<soap:Envelope\b[^>]*>/.exec(envelope)![0];
  const declarations = [...rootStart.matchAll(/\sxmlns:(\w+)="([^"]*)"/g)].filter((m) => m[1] !== 'soap').map((m) => m[0]).join('');
  const standalone = (fragment: string) => fragment.replace(/^<([\w:]+)/, `<$1${declarations}`);
  const inner = (tag: string) => {
    const start = envelope.indexOf(`<soap:${tag}>`);
    if (start === -1) return '';
    return envelope.slice(start + tag.length + 7, envelope.indexOf(`</soap:${tag}>`));
  };
  return { body: standalone(inner('Body')), headers: topLevelElements(inner('Header')).map(standalone) };
}

function topLevelElements(xml: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (const m of xml.matchAll(/<(\/?)[\w:]+[^>]*?(\/?)>/g)) {
    if (m[1]) {
      depth--;
      if (depth === 0) out.push(xml.slice(start, m.index! + m[0].length));
    } else if (m[2]) {
      if (depth === 0) out.push(m[0]);
    } else {
      if (depth === 0) start = m.index!;
      depth++;
    }
  }
  return out;
}
