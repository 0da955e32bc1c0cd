import type { BooksIntegrationRouter } from '@suite/books/api';
import type { IntegrationClients } from '@suite/hub-auth';

/** Books' integration API for one org, called as the portal. */
export function booksClient(integrations: IntegrationClients, orgId: string) {
  return integrations.client<BooksIntegrationRouter>('books', { orgId, caller: 'portal' });
}
