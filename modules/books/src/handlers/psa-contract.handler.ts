import { defineSubscription } from '@suite/bus';
import { psaContractAmended, psaContractSigned } from '@suite/contracts';
import { applyPsaAmendment, linkPsaContract } from '../contracts/contract-term.service';

/**
 * Flow 2: a PSA contract's term ends the deal's recurring lines. Signature and amendments in one group,
 * so a contract's events apply in order.
 */
export const psaContractSubscription = defineSubscription({
  group: 'books.psa-contract',
  types: [psaContractSigned, psaContractAmended],
  async handler(event, { tx, log }) {
    if (event.type === 'psa.contract.signed') return linkPsaContract(tx, event.data);
    const endsOn = await applyPsaAmendment(tx, event.data);
    if (endsOn !== undefined)
      log.info(
        { psaContractId: event.data.contractId, endsOn: endsOn?.toISOString().slice(0, 10) ?? null },
        'PSA term applied to the recurring lines',
      );
  },
});
