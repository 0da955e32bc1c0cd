import {
  type HubAuth,
  INTEGRATION_KEY_HEADER,
  type IntegrationKeys,
  type Permission,
  type SignedInStaff,
  type StaffOrg,
  type VerifiedIntegrationKey,
} from '@suite/hub-auth';
import type { FastifyRequest } from 'fastify';
import type { McpResource } from './mcp-resource';

/** The scope a machine caller's integration key needs (target `mcp`). */
export const MCP_KEY_SCOPE = 'mcp:*';

/** Who calls the MCP server: a Hub user through a Hub access token, or a product through a key. */
export type McpCaller =
  | {
      readonly kind: 'staff';
      readonly orgId: string;
      /** How audit rows name the caller. */
      readonly actor: string;
      readonly staff: SignedInStaff & { readonly org: StaffOrg };
    }
  | {
      readonly kind: 'key';
      readonly orgId: string;
      readonly actor: string;
      readonly key: VerifiedIntegrationKey;
    };

export type CallerResolution =
  | { readonly ok: true; readonly caller: McpCaller }
  | {
      readonly ok: false;
      readonly status: 401 | 403;
      readonly message: string;
      /** The `WWW-Authenticate` header (RFC 6750 §3, RFC 9728 §5.1). */
      readonly challenge: string;
    };

/** What the caller may use: staff their Hub permissions, a key with `mcp:*` the tool layer's tools. */
export function callerCan(caller: McpCaller, permission: Permission): boolean {
  return caller.kind === 'staff' ? caller.staff.permissions.has(permission) : permission === 'tools.run';
}

/** RFC 6750 §3 allows printable ASCII without `"` and `\\` in error_description (a header is bytes). */
const quoted = (text: string) => text.replaceAll('→', '->').replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, ' ');

function refused(
  status: 401 | 403,
  resource: McpResource,
  message: string,
  error?: 'invalid_token' | 'insufficient_scope',
): CallerResolution {
  const parts = [`resource_metadata="${resource.metadataUrl}"`];
  if (error) parts.push(`error="${error}"`, `error_description="${quoted(message)}"`);
  if (error === 'insufficient_scope') parts.push(`scope="${MCP_KEY_SCOPE}"`);
  return { ok: false, status, message, challenge: `Bearer ${parts.join(', ')}` };
}

/**
 * An `X-Integration-Key` with `mcp:*` makes a machine caller; otherwise `Authorization: Bearer` must be a
 * Hub access token for this resource. `X-Org` (slug or id) picks one of the user's orgs.
 */
export async function resolveMcpCaller(
  req: FastifyRequest,
  hubAuth: HubAuth,
  integrationKeys: IntegrationKeys,
  resource: McpResource,
): Promise<CallerResolution> {
  const keyHeader = req.headers[INTEGRATION_KEY_HEADER];
  if (keyHeader !== undefined) {
    const resolution = await integrationKeys.resolve(keyHeader);
    if (resolution.status === 'refused') return refused(401, resource, resolution.reason, 'invalid_token');
    const { key } = resolution;
    if (key.target !== 'mcp' || !key.scopes.includes(MCP_KEY_SCOPE))
      return refused(
        403,
        resource,
        `integration key ${key.prefix} (${key.caller} → ${key.target}) lacks scope ${MCP_KEY_SCOPE}; ask an operator for a key with --target mcp --scope '${MCP_KEY_SCOPE}'`,
        'insufficient_scope',
      );
    return { ok: true, caller: { kind: 'key', orgId: key.orgId, actor: `key:${key.prefix}`, key } };
  }
  const authorization = req.headers.authorization;
  const org = req.headers['x-org'];
  const session = await hubAuth.resolveAccessToken(authorization, {
    audience: resource.url,
    org: typeof org === 'string' ? org : undefined,
  });
  if (session.status === 'signed-out')
    return refused(401, resource, session.reason, authorization ? 'invalid_token' : undefined);
  const { staff } = session;
  const activeOrg = staff.org;
  if (!activeOrg)
    return refused(
      403,
      resource,
      `${staff.user.email} is not a member of any org at Hub; ask an org admin to invite them`,
    );
  return {
    ok: true,
    caller: {
      kind: 'staff',
      orgId: activeOrg.id,
      actor: `user:${staff.user.id}`,
      staff: { ...staff, org: activeOrg },
    },
  };
}
