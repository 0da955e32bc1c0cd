import { randomBytes } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { conflict, found } from '@suite/contracts';
import type { OrgTransaction, Prisma } from '@suite/db';
import { Prisma as PrismaErrors } from '@suite/db';
import type { ByPortalId } from '../portals/portal.schema';
import { portalInOrg } from '../portals/portal.service';
import { portalDns } from './dns-settings';
import { type ByDomainId, CHALLENGE_LABEL, type DomainAddInput, type DomainView } from './domain.schema';

type DomainRecord = Prisma.PortalDomainGetPayload<object>;

function toDomainView(domain: DomainRecord): DomainView {
  return {
    domainId: domain.id,
    portalId: domain.portalId,
    host: domain.host,
    status: domain.status,
    failureReason: domain.failureReason,
    checkedAt: domain.checkedAt?.toISOString() ?? null,
    records: [
      { type: 'TXT', name: `${CHALLENGE_LABEL}.${domain.host}`, value: domain.challenge },
      { type: 'CNAME', name: domain.host, value: portalDns().cnameTarget },
    ],
  };
}

async function domainInOrg(tx: OrgTransaction, domainId: string): Promise<DomainRecord> {
  return found(await tx.portalDomain.findFirst({ where: { id: domainId } }), `domain ${domainId}`);
}

export async function listDomains(tx: OrgTransaction, { portalId }: ByPortalId): Promise<DomainView[]> {
  await portalInOrg(tx, portalId);
  const domains = await tx.portalDomain.findMany({ where: { portalId }, orderBy: { createdAt: 'asc' } });
  return domains.map(toDomainView);
}

/** A custom domain starts pending, with the records to create; it serves nothing until it is active. */
export async function addDomain(tx: OrgTransaction, input: DomainAddInput): Promise<DomainView> {
  const portal = await portalInOrg(tx, input.portalId);
  try {
    const domain = await tx.portalDomain.create({
      data: {
        portalId: portal.id,
        host: input.host,
        challenge: `onestack-${randomBytes(16).toString('hex')}`,
      },
    });
    return toDomainView(domain);
  } catch (error) {
    // Hosts are unique across orgs; whose it is stays unsaid.
    if (error instanceof PrismaErrors.PrismaClientKnownRequestError && error.code === 'P2002')
      throw conflict(`host: ${input.host} is already a portal domain; remove it there first`);
    throw error;
  }
}

function resolver(): Resolver {
  const dns = new Resolver({ timeout: 2000, tries: 2 });
  const { servers } = portalDns();
  if (servers.length) dns.setServers([...servers]);
  return dns;
}

/** What is wrong with the domain's DNS, or null when both records are in place. */
async function dnsProblem(domain: DomainRecord): Promise<string | null> {
  const dns = resolver();
  const name = `${CHALLENGE_LABEL}.${domain.host}`;
  const txt = await dns.resolveTxt(name).catch(() => [] as string[][]);
  if (!txt.some((chunks) => chunks.join('') === domain.challenge))
    return `no TXT record ${name} with the value ${domain.challenge}; create it and verify again`;
  const { cnameTarget } = portalDns();
  const cname = await dns.resolveCname(domain.host).catch(() => [] as string[]);
  if (!cname.some((target) => target.toLowerCase().replace(/\.$/, '') === cnameTarget))
    return `${domain.host} has no CNAME to ${cnameTarget}; create it and verify again`;
  return null;
}

/** Resolves the TXT challenge and the CNAME: pending or failed → verified, or failed with the reason. */
export async function verifyDomain(tx: OrgTransaction, { domainId }: ByDomainId): Promise<DomainView> {
  const domain = await domainInOrg(tx, domainId);
  if (domain.status === 'verified' || domain.status === 'active') return toDomainView(domain);
  const problem = await dnsProblem(domain);
  const checked = await tx.portalDomain.update({
    where: { id: domain.id },
    data: problem
      ? { status: 'failed', failureReason: problem, checkedAt: new Date() }
      : { status: 'verified', failureReason: null, checkedAt: new Date(), verifiedAt: new Date() },
  });
  return toDomainView(checked);
}

/** A verified domain starts serving its portal (and Caddy may get it a certificate). */
export async function activateDomain(tx: OrgTransaction, { domainId }: ByDomainId): Promise<DomainView> {
  const domain = await domainInOrg(tx, domainId);
  if (domain.status === 'active') return toDomainView(domain);
  if (domain.status !== 'verified')
    throw conflict(`domainId: ${domain.host} is ${domain.status}; verify its DNS records first`);
  return toDomainView(await tx.portalDomain.update({ where: { id: domain.id }, data: { status: 'active' } }));
}

export async function removeDomain(tx: OrgTransaction, { domainId }: ByDomainId): Promise<DomainView> {
  const domain = await domainInOrg(tx, domainId);
  await tx.portalDomain.delete({ where: { id: domain.id } });
  return toDomainView(domain);
}
