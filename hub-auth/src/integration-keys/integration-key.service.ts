import type { OrgScope, OrgTransaction, Prisma } from '@suite/db';
import { lookupIdOfPrefix, newIntegrationKey, publicPrefix } from './integration-key.format';
import { KEY_TARGETS, type KeyTarget, scopeProblem } from './integration-scope';

/** A key as operators see it: everything but the secret, which nobody can see after creation. */
export interface IntegrationKeySummary {
  readonly id: string;
  readonly orgId: string;
  /** `osk_<lookup id>`: the key's public start, enough to find it in logs or a leak report. */
  readonly prefix: string;
  readonly caller: string;
  readonly target: string;
  readonly scopes: readonly string[];
  readonly label: string;
  readonly status: 'active' | 'expired' | 'revoked';
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
}

/** A newly made key: `key` is shown to the operator once and exists nowhere else. */
export interface IssuedIntegrationKey {
  readonly key: string;
  readonly summary: IntegrationKeySummary;
}

export interface CreateIntegrationKeyInput {
  readonly caller: string;
  readonly target: string;
  readonly scopes: readonly string[];
  readonly label?: string;
  readonly expiresAt?: Date;
  /** Who asks, for the audit log (`cli:<user>`, `suite:<host>:<pid>`). */
  readonly actor: string;
}

/** Input an operator must correct; the message says what was wrong and what is expected. */
export class IntegrationKeyInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntegrationKeyInputError';
  }
}

/** A key is named by its id or by its public prefix, as `suite keys list` shows both. */
export type IntegrationKeyReference = { readonly id: string } | { readonly lookupId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PRODUCT_NAME = /^[a-z][a-z0-9-]{1,39}$/;

export function parseKeyReference(text: string): IntegrationKeyReference {
  if (UUID.test(text)) return { id: text.toLowerCase() };
  const lookupId = lookupIdOfPrefix(text);
  if (lookupId) return { lookupId };
  throw new IntegrationKeyInputError(
    `"${text.slice(0, 40)}" is not a key id or prefix; give the id (UUID) or the prefix (osk_ and 16 hex digits) that \`suite keys list\` shows`,
  );
}

const summaryFields = {
  id: true,
  orgId: true,
  lookupId: true,
  caller: true,
  target: true,
  scopes: true,
  label: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  replacedById: true,
} as const;

type KeyRow = Prisma.IntegrationKeyGetPayload<{ select: typeof summaryFields }>;

function summarize(row: KeyRow, now = new Date()): IntegrationKeySummary {
  const { lookupId, replacedById: _replacedById, ...rest } = row;
  const status = row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt <= now ? 'expired' : 'active';
  return { ...rest, prefix: publicPrefix(lookupId), status };
}

function validated(input: CreateIntegrationKeyInput): { target: KeyTarget; scopes: string[] } {
  if (!PRODUCT_NAME.test(input.caller))
    throw new IntegrationKeyInputError(
      `caller "${input.caller}" is not a product name; expected lower case letters, digits and dashes, e.g. psa`,
    );
  const target = KEY_TARGETS.find((name) => name === input.target);
  if (!target)
    throw new IntegrationKeyInputError(
      `target "${input.target}" is not a module or mcp; expected one of ${KEY_TARGETS.join(', ')}`,
    );
  if (target === input.caller)
    throw new IntegrationKeyInputError(
      `caller and target are both ${target}; a module calls itself without a key`,
    );
  if (input.scopes.length === 0)
    throw new IntegrationKeyInputError(
      `no scope given; name the procedures the key may call, e.g. ${target}:*`,
    );
  const problems = input.scopes
    .map((scope) => scopeProblem(scope, target))
    .filter((problem) => problem !== undefined);
  if (problems.length) throw new IntegrationKeyInputError(problems.join('; '));
  return { target, scopes: [...new Set(input.scopes)] };
}

async function audit(
  tx: OrgTransaction,
  actor: string,
  action: string,
  key: KeyRow,
  detail: object,
): Promise<void> {
  const { caller, target, scopes } = key;
  await tx.auditLogEntry.create({
    data: {
      actor,
      action: `integration_key.${action}`,
      target: key.id,
      detail: { prefix: publicPrefix(key.lookupId), caller, target, scopes, ...detail },
    },
  });
}

async function insertKey(
  tx: OrgTransaction,
  input: CreateIntegrationKeyInput,
): Promise<{ key: string; row: KeyRow }> {
  const { target, scopes } = validated(input);
  const { key, lookupId, secretHash } = newIntegrationKey();
  const row = await tx.integrationKey.create({
    data: {
      lookupId,
      secretHash,
      caller: input.caller,
      target,
      scopes,
      label: input.label ?? '',
      expiresAt: input.expiresAt ?? null,
    },
    select: summaryFields,
  });
  return { key, row };
}

async function findKey(
  tx: OrgTransaction,
  tenant: OrgScope,
  reference: IntegrationKeyReference,
): Promise<KeyRow> {
  const row = await tx.integrationKey.findFirst({ where: reference, select: summaryFields });
  if (!row) {
    const named = 'id' in reference ? reference.id : publicPrefix(reference.lookupId);
    throw new IntegrationKeyInputError(
      `org ${tenant.orgId} has no integration key ${named}; see \`suite keys list\``,
    );
  }
  return row;
}

export function createIntegrationKey(
  tenant: OrgScope,
  input: CreateIntegrationKeyInput,
): Promise<IssuedIntegrationKey> {
  return tenant.transaction(async (tx) => {
    const { key, row } = await insertKey(tx, input);
    await audit(tx, input.actor, 'created', row, { label: row.label, expiresAt: row.expiresAt });
    return { key, summary: summarize(row) };
  });
}

/** Newest first, including revoked and expired keys, so an operator sees what changed. */
export async function listIntegrationKeys(tenant: OrgScope): Promise<IntegrationKeySummary[]> {
  const rows = await tenant.transaction((tx) =>
    tx.integrationKey.findMany({ select: summaryFields, orderBy: { createdAt: 'desc' } }),
  );
  return rows.map((row) => summarize(row));
}

export interface RotatedIntegrationKey {
  readonly issued: IssuedIntegrationKey;
  /** The old key, now expiring at the end of the overlap. */
  readonly previous: IntegrationKeySummary;
}

/** A new key with the same caller, target and scopes; the old one stays valid for `overlapMs`. */
export function rotateIntegrationKey(
  tenant: OrgScope,
  reference: IntegrationKeyReference,
  { overlapMs, actor }: { readonly overlapMs: number; readonly actor: string },
): Promise<RotatedIntegrationKey> {
  return tenant.transaction(async (tx) => {
    const old = await findKey(tx, tenant, reference);
    const { status } = summarize(old);
    if (status !== 'active')
      throw new IntegrationKeyInputError(
        `key ${publicPrefix(old.lookupId)} is ${status}; create a new key instead`,
      );
    if (old.replacedById) {
      const next = await tx.integrationKey.findUnique({
        where: { id: old.replacedById },
        select: { lookupId: true },
      });
      throw new IntegrationKeyInputError(
        `key ${publicPrefix(old.lookupId)} was already rotated to ${publicPrefix(next?.lookupId ?? '?')}; rotate that one`,
      );
    }
    const { key, row } = await insertKey(tx, { ...old, expiresAt: undefined, actor });
    const endOfOverlap = new Date(Date.now() + overlapMs);
    const expiresAt = old.expiresAt && old.expiresAt < endOfOverlap ? old.expiresAt : endOfOverlap;
    const previous = await tx.integrationKey.update({
      where: { id: old.id },
      data: { expiresAt, replacedById: row.id },
      select: summaryFields,
    });
    await audit(tx, actor, 'rotated', old, {
      replacedBy: publicPrefix(row.lookupId),
      oldKeyExpiresAt: expiresAt,
    });
    return { issued: { key, summary: summarize(row) }, previous: summarize(previous) };
  });
}

/** Refused from now on; other processes stop accepting it within their verification cache time. */
export function revokeIntegrationKey(
  tenant: OrgScope,
  reference: IntegrationKeyReference,
  actor: string,
): Promise<IntegrationKeySummary> {
  return tenant.transaction(async (tx) => {
    const key = await findKey(tx, tenant, reference);
    if (key.revokedAt)
      throw new IntegrationKeyInputError(
        `key ${publicPrefix(key.lookupId)} was already revoked at ${key.revokedAt.toISOString()}`,
      );
    const revoked = await tx.integrationKey.update({
      where: { id: key.id },
      data: { revokedAt: new Date() },
      select: summaryFields,
    });
    await audit(tx, actor, 'revoked', key, {});
    return summarize(revoked);
  });
}
