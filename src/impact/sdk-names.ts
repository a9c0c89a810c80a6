import type { ApiVersion } from '../model/api-model.js';
import { agentClassName, resourceClassName, versionFolder } from '../emit/output-names.js';
import { TypeNames } from '../emit/type-names.js';

/**
 * How one version's model elements are named in its generated SDK, read backwards: a class name to
 * its agent, a declared type name to the model type. Method, parameter, field and enum value names
 * are the model's own (the emitter quotes a key where it must, and the name stays the same).
 */
export interface SdkNames {
  version: string;
  /** `services87`: the folder `generate` writes the version into. */
  folder: string;
  /** `ErpSyncAgent` → `ErpSync`; `ContactRestApi` → `ContactRestApi` (diff names resources by their class). */
  agentOfClass: Map<string, string>;
  /** The other way: `ErpSync` → `ErpSyncAgent`. */
  classOfAgent: Map<string, string>;
  /** Declared TypeScript name → the model type's name. */
  typeOfName: Map<string, string>;
  /** The other way: a model type's name → the names it is declared by (one per namespace that has it). */
  namesOfType: Map<string, string[]>;
  /** Enum and flags types: model type name → its values. */
  enumValues: Map<string, Set<string>>;
}

export function sdkNames(version: ApiVersion): SdkNames {
  const agentOfClass = new Map<string, string>();
  for (const agent of version.agents) agentOfClass.set(agentClassName(agent), agent.name);
  for (const resource of version.resources ?? []) agentOfClass.set(resourceClassName(resource), resourceClassName(resource));
  const names = new TypeNames(version, agentOfClass.keys());
  const typeOfName = new Map<string, string>();
  const namesOfType = new Map<string, string[]>();
  const enumValues = new Map<string, Set<string>>();
  for (const type of version.types) {
    const name = names.nameOf(type.ref);
    if (name !== undefined) {
      typeOfName.set(name, type.name);
      namesOfType.set(type.name, [...(namesOfType.get(type.name) ?? []), name]);
    }
    if (type.kind === 'enum' || type.kind === 'flags') enumValues.set(type.name, new Set((type.values ?? []).map((v) => v.name)));
  }
  const classOfAgent = new Map([...agentOfClass].map(([cls, agent]) => [agent, cls]));
  return { version: version.name, folder: versionFolder(version), agentOfClass, classOfAgent, typeOfName, namesOfType, enumValues };
}
