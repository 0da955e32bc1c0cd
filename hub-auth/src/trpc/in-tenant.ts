import type { OrgScope, OrgTransaction } from '@suite/db';

/**
 * The one wiring a tenant procedure needs: open the caller's tenant transaction, run the service in it,
 * return what it returns. `.query(inTenant(listDeals))` reads as what it does; services stay free of
 * transport and never open transactions themselves. A service that needs more of the caller (the staff
 * user, the calling product) declares just that as its third parameter.
 */
export function inTenant<TInput, TOutput, TNeeds = unknown>(
  service: (tx: OrgTransaction, input: TInput, caller: TNeeds) => Promise<TOutput>,
) {
  return ({ ctx, input }: { ctx: TNeeds & { readonly tenant: OrgScope }; input: TInput }): Promise<TOutput> =>
    ctx.tenant.transaction((tx) => service(tx, input, ctx));
}

/**
 * The wiring of a flow that calls other products or vendors: it gets the caller's tenant scope instead
 * of one transaction, so its outside calls run between its own short transactions rather than inside
 * one that holds a connection and row locks while another product answers.
 */
export function inTenantSteps<TInput, TOutput, TNeeds = unknown>(
  flow: (tenant: OrgScope, input: TInput, caller: TNeeds) => Promise<TOutput>,
) {
  return ({ ctx, input }: { ctx: TNeeds & { readonly tenant: OrgScope }; input: TInput }): Promise<TOutput> =>
    flow(ctx.tenant, input, ctx);
}
