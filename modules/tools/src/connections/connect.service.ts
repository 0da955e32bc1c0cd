import { randomUUID } from 'node:crypto';
import { conflict, invalid } from '@suite/contracts';
import type { OrgScope, OrgTransaction, Prisma } from '@suite/db';
import type { z } from 'zod';
import { recordOutcome } from '../health/connection-health.service';
import type { ProviderDefinition } from '../providers/provider-definition';
import { providerById } from '../providers/provider-registry';
import { VendorError } from '../providers/vendor-error';
import { resumeConnectionRuns } from '../runs/paused-run.service';
import { withCredential } from '../tools/vendor-call.service';
import { storeCredential } from '../vault/credential.service';
import { currentKeyring, type Keyring } from '../vault/keyring';
import type { ConnectApiKeyInput, VerifyView } from './connection.schema';
import { type Connection, connectionById } from './connection.service';

/** The staff member acting: a staff procedure's context is one, so routers pass it as it is. */
export interface Operator {
  readonly user: { readonly id: string };
  readonly tenant: OrgScope;
  readonly requestId?: string | undefined;
}

/** Parses against a provider's schema; the first problem becomes an error naming the field. */
export function parseFor<T>(schema: z.ZodType<T>, value: unknown, prefix: string, vendor: string): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const field = [prefix, ...(issue?.path ?? []).map(String)].join('.');
  throw invalid(`${vendor} ${field}: ${issue?.message}`, field);
}

/** The vault's keyring, or the seed-004 refusal naming the variable. */
export function writableKeyring(): Keyring {
  const state = currentKeyring();
  if (state.status === 'missing') throw conflict(`credentials cannot be stored: ${state.problem}`);
  return state.keyring;
}

export async function upsertConnection(
  tx: OrgTransaction,
  provider: ProviderDefinition,
  settings: unknown,
): Promise<Connection> {
  const existing = await tx.toolsConnection.findFirst({ where: { provider: provider.id } });
  const data = { settings: settings as Prisma.InputJsonValue };
  if (existing) return tx.toolsConnection.update({ where: { id: existing.id }, data });
  return tx.toolsConnection.create({ data: { provider: provider.id, ...data } });
}

/** API key connect: save and test in one step (seed 000). Green means connected. */
export async function connectApiKey(
  tx: OrgTransaction,
  input: ConnectApiKeyInput,
  operator: Operator,
): Promise<VerifyView> {
  const provider = providerById(input.provider);
  if (provider.authType !== 'api_key')
    throw invalid(`${provider.name} connects with OAuth: use connections.startOAuth`, 'provider');
  const credential = parseFor(provider.credential, input.credential, 'credential', provider.name);
  const settings = parseFor(provider.settings, input.settings, 'settings', provider.name);
  const keyring = writableKeyring();
  const connection = await upsertConnection(tx, provider, settings);
  await storeCredential(
    tx,
    { orgId: connection.orgId, connectionId: connection.id, kind: provider.credentialKind },
    credential,
    keyring,
  );
  return verifyConnection(tx, { connectionId: connection.id }, operator);
}

/**
 * The Verify button: calls the vendor's verify endpoint with the stored credential. A pass moves the
 * connection to Connected and resumes its paused runs, in order, each once.
 */
export async function verifyConnection(
  tx: OrgTransaction,
  input: { connectionId: string },
  operator: Operator,
): Promise<VerifyView> {
  const connection = await connectionById(tx, input.connectionId);
  const provider = providerById(connection.provider);
  const purpose = {
    actorType: 'operator',
    actorId: operator.user.id,
    purpose: 'verify',
    requestId: operator.requestId,
  } as const;
  try {
    await withCredential(tx, connection, provider, purpose, `verify:${randomUUID()}`, (call) =>
      provider.verify(call),
    );
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
    const health = await recordOutcome(
      tx,
      connection,
      error.failure === 'rejected' ? 'auth' : error.failure,
      error.message,
    );
    return {
      connectionId: connection.id,
      provider: provider.id,
      ok: false,
      health,
      message: error.message,
      field: error.details.field ?? null,
      resumedRuns: 0,
    };
  }
  await recordOutcome(tx, connection, 'verified', null);
  const resumedRuns = await resumeConnectionRuns(tx, connection.id);
  return {
    connectionId: connection.id,
    provider: provider.id,
    ok: true,
    health: 'connected',
    message: `${provider.name} is connected`,
    field: null,
    resumedRuns,
  };
}
