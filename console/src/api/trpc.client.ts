import type { BooksAppRouter } from '@suite/books/api';
import type { CrmAppRouter } from '@suite/crm/api';
import type { PortalAppRouter } from '@suite/portal/api';
import type { PsaAppRouter } from '@suite/psa/api';
import type { PlatformRouter } from '@suite/suite/platform';
import type { ToolsAppRouter } from '@suite/tools/api';
import type { VoiceAppRouter } from '@suite/voice/api';
import { createTRPCClient, httpLink } from '@trpc/client';

// The staff APIs, with the Hub session cookie; the console never calls anything else.
const link = (url: string) =>
  httpLink({ url, fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }) });

export const crm = createTRPCClient<CrmAppRouter>({ links: [link('/crm/trpc')] });
export const psa = createTRPCClient<PsaAppRouter>({ links: [link('/psa/trpc')] });
export const platform = createTRPCClient<PlatformRouter>({ links: [link('/platform/trpc')] });
export const tools = createTRPCClient<ToolsAppRouter>({ links: [link('/tools/trpc')] });
export const voice = createTRPCClient<VoiceAppRouter>({ links: [link('/voice/trpc')] });
export const books = createTRPCClient<BooksAppRouter>({ links: [link('/books/trpc')] });
export const portal = createTRPCClient<PortalAppRouter>({ links: [link('/portal/trpc')] });
