import { wonDeal } from '../../../../../modules/books/test/support/books-data';
import type { StaffClient } from '../../../support/staff-client';
import { eventually } from '../../../support/suite-fixture';
import type { BooksSuite } from './books-suite';
import type { ContractView, InvoiceView } from './books-views';

/** What the Books flow tests do again and again, as the staff member `staff` of the suite `fx`. */
export function booksSteps(fx: () => BooksSuite, staff: () => StaffClient) {
  const contractsOf = (crmCompanyId: string) =>
    staff().ok<ContractView[]>('contracts.list', { crmCompanyId }, 'query');
  const invoicesOf = (crmCompanyId: string) =>
    staff().ok<InvoiceView[]>('invoices.list', { crmCompanyId }, 'query');
  const received = (type: string, invoiceOrContractId: string) =>
    eventually(`${type} of ${invoiceOrContractId} on the bus`, async () =>
      fx().received.find((event) => event.type === type && event.subject === invoiceOrContractId),
    );
  /** A deal won in CRM and its contract, approved. */
  async function activeContract(deal = wonDeal()) {
    await fx().handled(await fx().publishAs({ type: 'crm.deal.won', data: deal }));
    const [contract] = await contractsOf(deal.companyId);
    if (contract?.status === 'draft')
      await staff().ok('contracts.approve', { contractId: contract.contractId });
    return { deal, contract: contract as ContractView };
  }
  return { contractsOf, invoicesOf, received, activeContract };
}
