import { conflict, invalid } from '@suite/contracts';
import type { OrgTransaction } from '@suite/db';
import { chosenConnection } from '../connections/connection.service';
import { recordOutcome } from '../health/connection-health.service';
import type { MediaImplementations, VendorMedia } from '../providers/provider-definition';
import { VendorError } from '../providers/vendor-error';
import { openToolCall } from '../tools/call-opening.service';
import { type CapabilityName, MEDIA_CATALOG, type MediaInput, type MediaName } from '../tools/tool-catalog';
import { withCredential } from '../tools/vendor-call.service';
import type { DecryptPurpose } from '../vault/credential.schema';

export interface MediaRequest<T extends MediaName> {
  readonly tool: T;
  readonly input: MediaInput<T>;
  /** The product asking (its integration key's caller). */
  readonly caller: string;
  readonly requestId: string;
}

/** The capability whose vendor choice serves this media (its own, unless it names another). */
function mediaChoiceOf(tool: MediaName): CapabilityName {
  const media = MEDIA_CATALOG[tool];
  return 'choiceOf' in media ? media.choiceOf : tool;
}

export type MediaOutcome =
  | { readonly opened: true; readonly media: VendorMedia }
  | { readonly opened: false; readonly error: VendorError };

/**
 * Opens a vendor's media with the org's credential: the tool's connection and rate limit, the vault's
 * decrypt with its audit row (the call gate), health kept. Nothing is recorded for idempotency: a read
 * of bytes has no effect to repeat. A failure is returned, not thrown, so its health change commits.
 */
export async function openVendorMedia<T extends MediaName>(
  tx: OrgTransaction,
  request: MediaRequest<T>,
): Promise<MediaOutcome> {
  const key = `media:${request.requestId}`;
  const purpose: DecryptPurpose = {
    actorType: 'tool',
    actorId: request.caller,
    purpose: request.tool,
    requestId: request.requestId,
  };
  const opening = await openToolCall(
    tx,
    { tool: request.tool, idempotencyKey: key, background: false, choiceOf: mediaChoiceOf(request.tool) },
    purpose,
  );
  const { connection, provider } = chosenConnection(request.tool, opening.choice, opening.connections);
  const open: MediaImplementations<unknown, unknown>[T] = provider.media?.[request.tool];
  if (!open) throw invalid(`${provider.name} does not serve ${request.tool} as media`, 'tool');
  const { gate } = opening;
  if (!gate)
    throw conflict(`${provider.name}: ${connection.healthReason ?? 'the connection cannot be used now'}`);
  if (!gate.allowed) {
    const { limit, windowSeconds } = opening.rateLimit;
    const message = `${request.tool}: this org's limit of ${limit} calls per ${windowSeconds}s is used up; retry in ${gate.retryAfterSeconds}s`;
    return {
      opened: false,
      error: new VendorError('rate_limited', message, { retryAfterSeconds: gate.retryAfterSeconds }),
    };
  }
  try {
    const media = await withCredential(
      tx,
      connection,
      provider,
      purpose,
      key,
      (vendorCall) => open(vendorCall, request.input),
      gate.credential,
    );
    await recordOutcome(tx, connection, 'success', null);
    return { opened: true, media };
  } catch (thrown) {
    const error =
      thrown instanceof VendorError
        ? thrown
        : new VendorError('unavailable', `${provider.name} answered in a way the tool layer did not expect`);
    // Media the vendor no longer has (or never had) says nothing about the connection's health.
    if (error.failure !== 'rejected') await recordOutcome(tx, connection, error.failure, error.message);
    return { opened: false, error };
  }
}
