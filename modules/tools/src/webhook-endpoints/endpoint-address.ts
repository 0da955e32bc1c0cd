import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { invalid } from '@suite/contracts';
import { webhookSettings } from './webhook-settings';

// Targets an endpoint may not resolve to outside development: loopback, private, link-local (cloud
// metadata), carrier-grade NAT, unspecified and unique-local ranges (SSRF).
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['::ffff:0:0', 96],
] as const)
  blocked.addSubnet(network, prefix, 'ipv6');

export interface AddressPolicy {
  /** Production: https only, and no private or loopback target after DNS resolution. */
  readonly production: boolean;
}

export const addressPolicy = (): AddressPolicy => ({ production: webhookSettings().production });

/**
 * Checks an endpoint URL before it is saved and before every delivery (DNS may change between the
 * two). Outside production http and loopback are allowed, for local receivers.
 */
export async function checkEndpointUrl(value: string, policy: AddressPolicy): Promise<URL> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('url: expected an absolute URL like https://example.com/webhooks', 'url');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !policy.production))
    throw invalid('url: endpoints must use https://', 'url');
  if (url.username || url.password)
    throw invalid('url: put no credentials in the URL; verify our signature instead', 'url');
  if (!policy.production) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  const refused = addresses.find(({ address, family }) =>
    blocked.check(address, family === 6 ? 'ipv6' : 'ipv4'),
  );
  if (refused)
    throw invalid(
      `url: ${url.hostname} resolves to ${refused.address}, a private or loopback address; use a public endpoint`,
      'url',
    );
  return url;
}

async function resolve(host: string): Promise<{ address: string; family: number }[]> {
  try {
    return await lookup(host, { all: true });
  } catch {
    throw invalid(`url: ${host} does not resolve; check the host name`, 'url');
  }
}
