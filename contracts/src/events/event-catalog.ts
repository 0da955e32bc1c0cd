import type { EventDefinition } from './event-definition';

/** Every event type and version a producer may publish; publishing anything else fails at the call site. */
export interface EventCatalog<D extends EventDefinition = EventDefinition> {
  readonly definitions: readonly D[];
  /** The definition of `type` at `version`, or its latest version when none is given. */
  find(type: string, version?: number): D | undefined;
}

export function defineCatalog<const D extends readonly EventDefinition[]>(
  ...definitions: D
): EventCatalog<D[number]> {
  const byType = new Map<string, D[number][]>();
  for (const definition of definitions) {
    const versions = byType.get(definition.type) ?? [];
    if (versions.some((known) => known.version === definition.version))
      throw new Error(`event catalog: ${definition.type} v${definition.version} is defined twice`);
    if (versions.some((known) => known.topic !== definition.topic))
      throw new Error(`event catalog: every version of ${definition.type} must use the same topic`);
    byType.set(
      definition.type,
      [...versions, definition].sort((a, b) => b.version - a.version),
    );
  }
  return {
    definitions,
    find(type, version) {
      const versions = byType.get(type);
      return version === undefined ? versions?.[0] : versions?.find((known) => known.version === version);
    },
  };
}
