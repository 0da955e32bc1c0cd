import type { OrgTransaction, Prisma } from '@suite/db';
import type { SignatureStep } from './signature.schema';
import { rowHash } from './signature-chain';

export type SignatureEventRecord = Prisma.PortalSignatureEventGetPayload<object>;

/** Who did a step and from where, as the trail records it. */
export interface TrailActor {
  readonly actor: string;
  readonly actorName: string;
  readonly signInMethod: string;
  readonly ip: string;
  readonly userAgent: string;
}

interface RequestCaller {
  readonly ip?: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

const MAX_USER_AGENT = 512;

const whereFrom = ({ ip, headers }: RequestCaller) => {
  const agent = headers['user-agent'];
  return {
    ip: ip ?? 'unknown',
    userAgent: (typeof agent === 'string' ? agent : 'none').slice(0, MAX_USER_AGENT),
  };
};

export const staffActor = (
  caller: RequestCaller & {
    readonly user: { readonly id: string; readonly name: string; readonly email: string };
  },
): TrailActor => ({
  actor: `staff:${caller.user.id}`,
  actorName: `${caller.user.name} <${caller.user.email}>`,
  signInMethod: 'hub',
  ...whereFrom(caller),
});

export const clientActor = (
  caller: RequestCaller & {
    readonly client: { readonly id: string; readonly name: string; readonly email: string };
    readonly signInMethod: string;
  },
): TrailActor => ({
  actor: `client:${caller.client.id}`,
  actorName: `${caller.client.name} <${caller.client.email}>`,
  signInMethod: caller.signInMethod,
  ...whereFrom(caller),
});

/** Holds the request's row until the transaction ends, so its trail grows one writer at a time. */
export async function lockSignatureRequest(tx: OrgTransaction, requestId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM "portal"."signature_request" WHERE "id" = ${requestId}::uuid FOR UPDATE`;
}

/**
 * Appends one row to a request's trail, chained to the row before, and moves the request's chain
 * head. The caller holds the request's lock (`lockSignatureRequest`).
 */
export async function appendSignatureEvent(
  tx: OrgTransaction,
  requestId: string,
  step: SignatureStep,
  by: TrailActor,
  detail: Record<string, string>,
  at = new Date(),
): Promise<SignatureEventRecord> {
  const { chainHead } = await tx.portalSignatureRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { chainHead: true },
  });
  const seq = (await tx.portalSignatureEvent.count({ where: { requestId } })) + 1;
  const content = { requestId, seq, step, ...by, at, detail };
  const event = await tx.portalSignatureEvent.create({
    data: { ...content, prevHash: chainHead, hash: rowHash(chainHead, content) },
  });
  await tx.portalSignatureRequest.update({ where: { id: requestId }, data: { chainHead: event.hash } });
  return event;
}

export function trailOf(tx: OrgTransaction, requestId: string): Promise<SignatureEventRecord[]> {
  return trailsOf(tx, [requestId]);
}

/** The trails of several requests in one query, each in its order. */
export function trailsOf(tx: OrgTransaction, requestIds: readonly string[]): Promise<SignatureEventRecord[]> {
  return tx.portalSignatureEvent.findMany({
    where: { requestId: { in: [...requestIds] } },
    orderBy: { seq: 'asc' },
  });
}
