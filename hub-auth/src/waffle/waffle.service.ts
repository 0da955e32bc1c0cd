import { PRODUCT_NAMES, PRODUCTS, type Product } from '../permissions/permission-matrix';
import type { SignedInStaff } from '../session/signed-in-staff';

export interface WaffleItem {
  readonly product: Product;
  readonly name: string;
  readonly url: string;
}

export interface WaffleMenu {
  readonly org: { readonly id: string; readonly name: string } | null;
  readonly items: readonly WaffleItem[];
}

/**
 * The products the user can open in the active org. `<product>.access` is only effective when the org
 * has the product (see `effectivePermissions`), so one check covers both conditions.
 */
export function waffleMenu(staff: SignedInStaff, publicUrl: string): WaffleMenu {
  const items = PRODUCTS.filter((product) => staff.permissions.has(`${product}.access`)).map((product) => ({
    product,
    name: PRODUCT_NAMES[product],
    url: `${publicUrl}/${product}/`,
  }));
  return { org: staff.org ? { id: staff.org.id, name: staff.org.name } : null, items };
}
