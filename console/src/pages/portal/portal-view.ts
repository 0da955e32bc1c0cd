import type { portal } from '../../api/trpc.client';

export type PortalView = Awaited<ReturnType<typeof portal.portals.get.query>>;
export type DomainView = Awaited<ReturnType<typeof portal.domains.list.query>>[number];
export type PortalUserView = Awaited<ReturnType<typeof portal.users.list.query>>[number];
export type ShareView = Awaited<ReturnType<typeof portal.shares.list.query>>[number];
export type PortalDeletion = Awaited<ReturnType<typeof portal.portals.delete.mutate>>;
