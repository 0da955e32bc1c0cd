import { PERMISSION_MATRIX, PERMISSIONS, ROLES, rolePermissions } from './permission-matrix';

/** The README's permission matrix, generated so it cannot drift from the code. */
export function permissionMatrixTable(): string {
  const granted = new Map(ROLES.map((role) => [role, new Set(rolePermissions(role))]));
  const rows = PERMISSIONS.map((permission) => {
    const marks = ROLES.map((role) => (granted.get(role)?.has(permission) ? '✓' : ''));
    return `| \`${permission}\` | ${marks.join(' | ')} | ${PERMISSION_MATRIX[permission].meaning} |`;
  });
  return [
    `| permission | ${ROLES.join(' | ')} | allows |`,
    `| --- |${' :-: |'.repeat(ROLES.length)} --- |`,
    ...rows,
  ].join('\n');
}
