/** Where the MCP server is and who vouches for its callers (RFC 9728 protected-resource metadata). */
export interface McpResource {
  /** The resource URL: the audience Hub access tokens must carry. */
  readonly url: string;
  /** Where its metadata is published: `/.well-known/oauth-protected-resource` + the resource's path. */
  readonly metadataUrl: string;
  /** Hub's issuer, the authorization server clients get tokens from. */
  readonly issuer: string;
}

/** The resource of a suite at `publicUrl`: `MCP_RESOURCE_URL`, else `<publicUrl>/mcp`. */
export function mcpResource(publicUrl: string, configured: string | undefined, issuer: string): McpResource {
  const url = new URL(configured ?? `${publicUrl}/mcp`);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return {
    url: url.href.replace(/\/$/, ''),
    metadataUrl: `${url.origin}/.well-known/oauth-protected-resource${path}`,
    issuer,
  };
}

/** The metadata document (RFC 9728 §2) MCP clients read to find Hub. */
export function protectedResourceMetadata(resource: McpResource) {
  return {
    resource: resource.url,
    authorization_servers: [resource.issuer],
    bearer_methods_supported: ['header'],
    scopes_supported: ['mcp'],
    resource_name: 'One Stack suite (MCP)',
  };
}
