export type { AccessTokenCheck } from './access-tokens/access-token.verifier';
export {
  DEV_HUB_SEED,
  type DevHubMembership,
  type DevHubOrg,
  type DevHubSeed,
  type DevHubUser,
  orgsClaim,
} from './dev-hub/dev-hub.seed';
export type {
  DevHubClient,
  DevHubStarter,
  DevHubStartOptions,
  RunningDevHub,
} from './dev-hub/dev-hub.starter';
export {
  changeMembership,
  type DirectoryClient,
  type DirectoryEntry,
  type DirectoryUser,
  deactivateUser,
  findOrgOwners,
  findUsers,
  type MembershipChange,
  syncFromHub,
  upsertOrgs,
  upsertUser,
} from './directory/directory.service';
export { hubDirectorySubscription } from './directory/hub-events.subscription';
export { registerAuthRoutes } from './http/auth.routes';
export { HubAuth, HubAuthNotReadyError, type HubAuthOptions } from './hub-auth';
export {
  createIntegrationClient,
  IntegrationClients,
  type IntegrationEndpoint,
} from './integration-keys/integration-client.factory';
export {
  type CreateIntegrationKeyInput,
  createIntegrationKey,
  IntegrationKeyInputError,
  type IntegrationKeyReference,
  type IntegrationKeySummary,
  type IssuedIntegrationKey,
  listIntegrationKeys,
  parseKeyReference,
  type RotatedIntegrationKey,
  revokeIntegrationKey,
  rotateIntegrationKey,
} from './integration-keys/integration-key.service';
export {
  INTEGRATION_KEY_HEADER,
  type IntegrationKeyResolution,
  type VerifiedIntegrationKey,
} from './integration-keys/integration-key.verifier';
export { IntegrationKeys, type IntegrationKeysOptions } from './integration-keys/integration-keys';
export {
  type IntegrationScope,
  KEY_TARGETS,
  type KeyTarget,
  SCOPE_GRAMMAR,
  scopeAllows,
} from './integration-keys/integration-scope';
export {
  parseOrgKeys,
  type RemoteModule,
  remoteSettingNames,
} from './integration-keys/remote-modules.config';
export { type HubOrgClaim, type HubUserInfo, hubUserInfoSchema, ORGS_SCOPE } from './oidc/hub-claims.schema';
export { isLoopbackHttp } from './oidc/loopback-url';
export { effectivePermissions, type Grants, productOf } from './permissions/effective-permissions';
export {
  isPermission,
  PERMISSION_MATRIX,
  PERMISSIONS,
  type Permission,
  PRODUCT_NAMES,
  PRODUCTS,
  type Product,
  ROLES,
  type Role,
  rolePermissions,
} from './permissions/permission-matrix';
export { permissionMatrixTable } from './permissions/permission-matrix.docs';
export { sealPlaintextSessionTokens } from './session/session.service';
export type { SealedSessionTokens, SessionTokenSealer, SessionTokens } from './session/session-tokens';
export type { SessionResolution, SignedInStaff, StaffOrg } from './session/signed-in-staff';
export { inTenant, inTenantSteps } from './trpc/in-tenant';
export {
  fromContract,
  type IntegrationContext,
  type IntegrationContract,
  integrationProcedure,
} from './trpc/integration.procedure';
export type { RequestContext } from './trpc/request-context';
export { type StaffContext, type StaffRefusal, staffAccess, staffProcedure } from './trpc/staff.procedure';
export { middleware, type ProcedureMeta, publicProcedure, router } from './trpc/trpc';
export { type WaffleItem, type WaffleMenu, waffleMenu } from './waffle/waffle.service';
