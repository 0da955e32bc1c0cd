import { describe, expect, it } from 'vitest';
import { effectivePermissions } from '../src/permissions/effective-permissions';
import { PERMISSIONS, PRODUCTS, ROLES, rolePermissions } from '../src/permissions/permission-matrix';

const none = { allow: [], deny: [] };

describe('default permission matrix', () => {
  it('gives each role everything the role below it has', () => {
    for (const [index, role] of ROLES.entries()) {
      const below = ROLES[index + 1];
      if (below) expect(rolePermissions(role)).toEqual(expect.arrayContaining(rolePermissions(below)));
    }
    expect(rolePermissions('Owner')).toEqual(PERMISSIONS);
  });

  it('keeps signing contracts, erasing people and vendor credentials above Member', () => {
    expect(rolePermissions('Member')).not.toContain('psa.contracts.sign');
    expect(rolePermissions('Member')).not.toContain('tools.erasure.run');
    expect(rolePermissions('Admin')).toContain('tools.erasure.run');
    expect(rolePermissions('Admin')).toContain('psa.contracts.sign');
    expect(rolePermissions('Admin')).not.toContain('tools.connections.manage');
    for (const name of rolePermissions('Viewer')) expect(name).toMatch(/\.(access|read)$/);
  });

  it('has an access permission per product', () => {
    for (const product of PRODUCTS) expect(PERMISSIONS).toContain(`${product}.access`);
  });
});

describe('effective permissions', () => {
  const all = PRODUCTS;

  it('adds Hub allow grants and removes deny grants, deny winning', () => {
    const member = effectivePermissions('Member', none, all);
    const granted = effectivePermissions(
      'Member',
      { allow: ['psa.contracts.sign'], deny: ['voice.calls.make'] },
      all,
    );
    expect([...granted].filter((name) => !member.has(name))).toEqual(['psa.contracts.sign']);
    expect([...member].filter((name) => !granted.has(name))).toEqual(['voice.calls.make']);
    const both = effectivePermissions(
      'Member',
      { allow: ['crm.deals.delete'], deny: ['crm.deals.delete'] },
      all,
    );
    expect(both.has('crm.deals.delete')).toBe(false);
  });

  it('ignores grants of permissions the suite does not know', () => {
    const granted = effectivePermissions('Viewer', { allow: ['hub.billing.manage', 'crm'], deny: [] }, all);
    expect(granted).toEqual(effectivePermissions('Viewer', none, all));
  });

  it('grants nothing in a product the org does not have', () => {
    const owner = effectivePermissions('Owner', none, ['crm']);
    expect([...owner].filter((name) => name.startsWith('psa.'))).toEqual([]);
    expect(owner.has('crm.deals.delete')).toBe(true);
    expect(owner.has('tools.connections.manage')).toBe(true);
  });

  it('drops a whole product when its access permission is denied', () => {
    const denied = effectivePermissions('Admin', { allow: [], deny: ['books.access'] }, all);
    expect([...denied].filter((name) => name.startsWith('books.'))).toEqual([]);
    expect(denied.has('crm.deals.delete')).toBe(true);
  });
});
