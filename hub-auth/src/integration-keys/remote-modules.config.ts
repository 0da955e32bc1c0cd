import type { ModuleName } from '@suite/contracts';
import { isIntegrationKey } from './integration-key.format';

/** A module served by another deployment: where it is, and this deployment's key for it per org. */
export interface RemoteModule {
  readonly url: string;
  /** org id → key. */
  readonly keys: ReadonlyMap<string, string>;
}

/** The settings that point this deployment at `target` in another one: `CRM_API_URL`, `CRM_INTEGRATION_KEY`. */
export function remoteSettingNames<M extends ModuleName>(
  target: M,
): { readonly url: `${Uppercase<M>}_API_URL`; readonly key: `${Uppercase<M>}_INTEGRATION_KEY` } {
  const name = target.toUpperCase() as Uppercase<M>;
  return { url: `${name}_API_URL`, key: `${name}_INTEGRATION_KEY` };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Parses `<org id>=<key>,<org id>=<key>`: a key opens one org, so the caller must know whose it is.
 * Problems name the entry by position and never repeat a key.
 */
export function parseOrgKeys(text: string): { keys: Map<string, string>; problems: string[] } {
  const keys = new Map<string, string>();
  const problems: string[] = [];
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const [orgId = '', key = '', ...rest] = entry.split('=');
    const where = `entry ${index + 1}`;
    if (!UUID.test(orgId) || rest.length) problems.push(`${where}: expected <org id (UUID)>=<key>`);
    else if (!isIntegrationKey(key))
      problems.push(`${where}: the key after "${orgId}=" is not an integration key (osk_…)`);
    else if (keys.has(orgId.toLowerCase())) problems.push(`${where}: org ${orgId} is given twice`);
    else keys.set(orgId.toLowerCase(), key);
  });
  if (!entries.length) problems.push('expected <org id>=<key>, comma-separated');
  return { keys, problems };
}
