import type { ReactNode } from 'react';
import { CompaniesPage } from '../pages/crm/companies.page';
import { CompanyPage } from '../pages/crm/company.page';
import { DealsPage } from '../pages/crm/deals.page';
import { ClientPage } from '../pages/psa/client.page';
import { ClientsPage } from '../pages/psa/clients.page';
import { ProjectsPage } from '../pages/psa/projects.page';
import { BusPage } from '../pages/settings/bus.page';
import { IntegrationsPage } from '../pages/settings/integrations.page';
import { KeysPage } from '../pages/settings/keys.page';
import { WebhooksPage } from '../pages/settings/webhooks.page';
import { lazyPage } from './lazy-page';

const EmailSyncPage = lazyPage(async () => (await import('../pages/settings/email-sync.page')).EmailSyncPage);
const CallsPage = lazyPage(async () => (await import('../pages/voice/calls.page')).CallsPage);
const RecordingPage = lazyPage(async () => (await import('../pages/voice/recording.page')).RecordingPage);
const InvoicesPage = lazyPage(async () => (await import('../pages/books/invoices.page')).InvoicesPage);
const InvoicePage = lazyPage(async () => (await import('../pages/books/invoice.page')).InvoicePage);
const PortalsPage = lazyPage(async () => (await import('../pages/portal/portals.page')).PortalsPage);
const PortalPage = lazyPage(async () => (await import('../pages/portal/portal.page')).PortalPage);
export interface Route {
  readonly pattern: RegExp;
  /** What the page needs; without it the person gets the "no access" page, never a blank one. */
  readonly permission: string;
  readonly render: (params: string[]) => ReactNode;
}

export const ROUTES: readonly Route[] = [
  { pattern: /^\/crm\/(?:companies)?$/, permission: 'crm.companies.read', render: () => <CompaniesPage /> },
  {
    pattern: /^\/crm\/companies\/([\w-]+)$/,
    permission: 'crm.companies.read',
    render: ([id]) => <CompanyPage companyId={id ?? ''} />,
  },
  { pattern: /^\/crm\/deals$/, permission: 'crm.deals.read', render: () => <DealsPage /> },
  { pattern: /^\/psa\/(?:clients)?$/, permission: 'psa.access', render: () => <ClientsPage /> },
  {
    pattern: /^\/psa\/clients\/([\w-]+)$/,
    permission: 'psa.access',
    render: ([id]) => <ClientPage clientId={id ?? ''} />,
  },
  { pattern: /^\/psa\/projects$/, permission: 'psa.projects.read', render: () => <ProjectsPage /> },
  { pattern: /^\/settings\/(?:keys)?$/, permission: 'platform.keys.manage', render: () => <KeysPage /> },
  { pattern: /^\/settings\/bus$/, permission: 'platform.bus.manage', render: () => <BusPage /> },
  {
    pattern: /^\/settings\/integrations$/,
    permission: 'tools.connections.read',
    render: () => <IntegrationsPage />,
  },
  {
    pattern: /^\/settings\/email-sync$/,
    permission: 'tools.connections.read',
    render: () => <EmailSyncPage />,
  },
  { pattern: /^\/voice\/(?:calls)?$/, permission: 'voice.calls.read', render: () => <CallsPage /> },
  {
    pattern: /^\/voice\/recordings\/([\w-]+)$/,
    permission: 'voice.recordings.read',
    render: ([id]) => <RecordingPage recordingId={id ?? ''} />,
  },
  { pattern: /^\/books\/(?:invoices)?$/, permission: 'books.invoices.read', render: () => <InvoicesPage /> },
  {
    pattern: /^\/books\/invoices\/([\w-]+)$/,
    permission: 'books.invoices.read',
    render: ([id]) => <InvoicePage invoiceId={id ?? ''} />,
  },
  {
    pattern: /^\/settings\/webhooks$/,
    permission: 'tools.connections.read',
    render: () => <WebhooksPage />,
  },
  // Members and Viewers have `portal.access` but nothing to do here: every page is the managers' work.
  { pattern: /^\/portal\/(?:portals)?$/, permission: 'portal.portals.manage', render: () => <PortalsPage /> },
  {
    pattern: /^\/portal\/portals\/([\w-]+)$/,
    permission: 'portal.portals.manage',
    render: ([id]) => <PortalPage portalId={id ?? ''} />,
  },
];

/** The console's navigation: one entry per page with a list, shown only to those who may open it. */
export const NAV = [
  { href: '/crm/companies', label: 'Companies', permission: 'crm.companies.read' },
  { href: '/crm/deals', label: 'Deals', permission: 'crm.deals.read' },
  { href: '/psa/clients', label: 'Clients', permission: 'psa.access' },
  { href: '/psa/projects', label: 'Projects', permission: 'psa.projects.read' },
  { href: '/settings/keys', label: 'Integration keys', permission: 'platform.keys.manage' },
  { href: '/settings/bus', label: 'Bus', permission: 'platform.bus.manage' },
  { href: '/settings/integrations', label: 'Integrations', permission: 'tools.connections.read' },
  { href: '/settings/email-sync', label: 'Email sync', permission: 'tools.connections.read' },
  { href: '/voice/calls', label: 'Calls', permission: 'voice.calls.read' },
  { href: '/books/invoices', label: 'Invoices', permission: 'books.invoices.read' },
  { href: '/settings/webhooks', label: 'Webhook endpoints', permission: 'tools.connections.read' },
  { href: '/portal/portals', label: 'Client portals', permission: 'portal.portals.manage' },
] as const;
