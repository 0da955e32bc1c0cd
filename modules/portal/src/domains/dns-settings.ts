/** How the suite checks custom domains; the suite sets it from PORTAL_CNAME_TARGET and PORTAL_DNS_SERVERS. */
export interface DnsSettings {
  /** The name every portal domain's CNAME points at (the suite's public host). */
  readonly cnameTarget: string;
  /** Resolvers to ask (`127.0.0.1:5353`); empty: the system's. */
  readonly servers: readonly string[];
}

let settings: DnsSettings = { cnameTarget: 'portals.onestack.localhost', servers: [] };

export function configurePortalDns(next: DnsSettings): void {
  settings = { cnameTarget: next.cnameTarget.toLowerCase().replace(/\.$/, ''), servers: next.servers };
}

export const portalDns = (): DnsSettings => settings;
