import { defineSubscription } from '@suite/bus';
import { crmCompanyPromoted } from '@suite/contracts';
import { applyPromotion } from '../accounts/billing-account.service';

/** The promoted company's name and first contact with an email become its billing account's details. */
export const companyPromotedSubscription = defineSubscription({
  group: 'books.company-promoted',
  types: [crmCompanyPromoted],
  handler: (event, { tx }) => applyPromotion(tx, event.data),
});
