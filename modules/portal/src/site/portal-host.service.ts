import type { PrismaClient } from '@suite/db';
import { DEFAULT_BRANDING } from '../portals/branding';
import { DEFAULT_FEATURES } from '../portals/portal.service';
import type { PortalRecord } from '../portals/portal.view';
import { developmentSlug, hostName } from './host';

const CACHE_LIMIT = 10_000;

interface Cached<T> {
  readonly value: T;
  readonly until: number;
}

/**
 * Which portal a request's Host names, before anything else runs: an active custom domain, or the
 * development host `<slug>.portal.localhost` (an org's default portal, made on first visit to its
 * slug). Answers, unknown hosts included, are cached for a few seconds, so a flood of made-up hosts
 * costs one query each per `ttlMs` and no more.
 */
export class PortalHosts {
  readonly #portals = new Map<string, Cached<PortalRecord | null>>();
  readonly #active = new Map<string, Cached<boolean>>();

  constructor(
    private readonly system: PrismaClient,
    private readonly ttlMs = 5_000,
  ) {}

  async portalOf(header: string | undefined): Promise<PortalRecord | null> {
    const host = hostName(header);
    if (!host) return null;
    return this.#cached(this.#portals, host, () => this.#lookUp(host));
  }

  /** Caddy's on-demand TLS "ask": only an active custom domain may get a certificate. */
  async isActiveDomain(domain: string): Promise<boolean> {
    const host = hostName(domain);
    if (!host) return false;
    return this.#cached(this.#active, host, async () => {
      const row = await this.system.portalDomain.findUnique({ where: { host }, select: { status: true } });
      return row?.status === 'active';
    });
  }

  /** Forget cached answers (after staff change a domain or portal in this process). */
  forget(): void {
    this.#portals.clear();
    this.#active.clear();
  }

  async #cached<T>(cache: Map<string, Cached<T>>, host: string, load: () => Promise<T>): Promise<T> {
    const hit = cache.get(host);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = await load();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(host, { value, until: Date.now() + this.ttlMs });
    return value;
  }

  async #lookUp(host: string): Promise<PortalRecord | null> {
    const slug = developmentSlug(host);
    if (slug) return this.#developmentPortal(slug);
    const domain = await this.system.portalDomain.findUnique({ where: { host }, include: { portal: true } });
    return domain?.status === 'active' ? domain.portal : null;
  }

  async #developmentPortal(slug: string): Promise<PortalRecord | null> {
    const portal = await this.system.portalPortal.findUnique({ where: { slug } });
    // A deleted (archived) portal keeps its slug, so its host answers 404 and is not made again.
    if (portal) return portal.archivedAt ? null : portal;
    const org = await this.system.organization.findUnique({ where: { slug } });
    if (!org) return null;
    return this.system.portalPortal.upsert({
      where: { slug },
      update: {},
      create: {
        orgId: org.id,
        slug,
        name: org.name,
        branding: DEFAULT_BRANDING,
        features: [...DEFAULT_FEATURES],
      },
    });
  }
}

const hostsByDatabase = new WeakMap<PrismaClient, PortalHosts>();

/** The one cache per database, shared by the site's routes and the client API. */
export function portalHostsFor(system: PrismaClient): PortalHosts {
  let hosts = hostsByDatabase.get(system);
  if (!hosts) {
    hosts = new PortalHosts(system);
    hostsByDatabase.set(system, hosts);
  }
  return hosts;
}
