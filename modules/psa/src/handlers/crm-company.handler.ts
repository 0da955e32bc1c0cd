import { defineSubscription } from '@suite/bus';
import { crmCompanyContactChanged, crmCompanyPromoted } from '@suite/contracts';
import { applyContactChange, applyPromotion } from '../clients/client-sync.service';

// Promotions and contact changes share one group: the bus keeps per-key order only within a group, and
// a company's contact changes must apply after its promotion (flow 1).
export const crmCompanySubscription = defineSubscription({
  group: 'psa.crm-company',
  types: [crmCompanyPromoted, crmCompanyContactChanged],
  async handler(event, { tx, log }) {
    switch (event.type) {
      case 'crm.company.promoted':
        await applyPromotion(tx, event.data);
        return;
      case 'crm.company.contact_changed':
        if (!(await applyContactChange(tx, event.data)))
          log.info(
            { companyId: event.data.companyId },
            'contact change of a company that is no client; skipped',
          );
    }
  },
});
