import {
  isPermission,
  isProduct,
  type Permission,
  type Product,
  type Role,
  rolePermissions,
} from './permission-matrix';

/** Hub's granular grants on one membership. Names the suite does not know are ignored. */
export interface Grants {
  readonly allow: readonly string[];
  readonly deny: readonly string[];
}

/** The product a permission belongs to, or undefined for suite-wide ones (`tools.*`). */
export function productOf(permission: Permission): Product | undefined {
  const area = permission.slice(0, permission.indexOf('.'));
  return isProduct(area) ? area : undefined;
}

/**
 * What a member may do: the role's defaults, plus `allow`, minus `deny` (deny wins). A product the org
 * does not have, or whose `<product>.access` the user lacks, contributes nothing.
 */
export function effectivePermissions(
  role: Role,
  grants: Grants,
  orgProducts: readonly string[],
): ReadonlySet<Permission> {
  const granted = new Set(rolePermissions(role));
  for (const name of grants.allow) if (isPermission(name)) granted.add(name);
  for (const name of grants.deny) if (isPermission(name)) granted.delete(name);
  const opens = (product: Product) =>
    orgProducts.includes(product) && granted.has(`${product}.access` as const);
  return new Set(
    [...granted].filter((permission) => {
      const product = productOf(permission);
      return product === undefined || opens(product);
    }),
  );
}
