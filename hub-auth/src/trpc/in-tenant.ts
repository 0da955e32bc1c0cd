import type { OrgScope, OrgTransaction } from '@suite/db';

/**
 * The one wiring a tenant procedure needs: open the caller's tenant transaction, run the service in it,
 * return what it returns. `.query(inTenant(listDeals))` reads as what it does; services stay free of
 * transport and never open transactions themselves.
 */
export function inTenant<TInput, TOutput, TContext extends { readonly tenant: OrgScope }>(
  service: (tx: OrgTransaction, input: TInput, ctx: TContext) => Promise<TOutput>,
) {
  return ({ ctx, input }: { ctx: TContext; input: TInput }): Promise<TOutput> =>
    ctx.tenant.transaction((tx) => service(tx, input, ctx));
}
