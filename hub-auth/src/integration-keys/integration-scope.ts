import { MODULE_NAMES, type ModuleName } from '@suite/contracts';

/**
 * A scope a procedure requires: `<module>:<procedure path>`, e.g. `crm:pipeline.context`. Keys hold
 * scopes of the same grammar plus wildcards: `crm:activity.*` (every procedure under `activity.`) and
 * `crm:*` (every procedure of the module).
 */
export type IntegrationScope = `${ModuleName}:${string}`;

/** What a key opens: a module's integration API, or the suite's MCP server for machine callers (`mcp:*`). */
export const KEY_TARGETS = [...MODULE_NAMES, 'mcp'] as const;
export type KeyTarget = (typeof KEY_TARGETS)[number];

const SEGMENT = '[a-zA-Z][a-zA-Z0-9]*';
const PROCEDURE = new RegExp(`^${SEGMENT}(\\.${SEGMENT})*$`);
const GRANTED = new RegExp(`^(${SEGMENT}\\.)*\\*$|^${SEGMENT}(\\.${SEGMENT})*$`);

export const SCOPE_GRAMMAR = '<module>:<procedure> (crm:pipeline.context), <module>:<prefix>.* or <module>:*';

/** Why `scope` cannot be granted on a key for `target`, or undefined when it can. */
export function scopeProblem(scope: string, target: KeyTarget): string | undefined {
  const colon = scope.indexOf(':');
  const module = scope.slice(0, colon);
  const procedure = scope.slice(colon + 1);
  if (colon < 0 || !GRANTED.test(procedure)) return `scope "${scope}" does not follow ${SCOPE_GRAMMAR}`;
  if (!(KEY_TARGETS as readonly string[]).includes(module))
    return `scope "${scope}" names module "${module}"; expected one of ${KEY_TARGETS.join(', ')}`;
  if (module !== target)
    return `scope "${scope}" is for ${module}, but the key opens ${target === 'mcp' ? 'the MCP server' : `${target}'s integration API`}`;
  return undefined;
}

/** A procedure's own scope: exact, no wildcard. */
export function isProcedureScope(scope: string): scope is IntegrationScope {
  const [module = '', procedure = ''] = scope.split(':');
  return (MODULE_NAMES as readonly string[]).includes(module) && PROCEDURE.test(procedure);
}

/** Whether any granted scope covers `required`. */
export function scopeAllows(granted: readonly string[], required: IntegrationScope): boolean {
  // Granted scopes were checked against the grammar, so a `*` always follows `:` or `.`.
  return granted.some(
    (scope) => scope === required || (scope.endsWith('*') && required.startsWith(scope.slice(0, -1))),
  );
}
