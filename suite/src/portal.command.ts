import { type Database, forOrg } from '@suite/db';
import { orgOfSignature, orgOfVendorSignature, verifySignature, verifyVendorSignature } from '@suite/portal';
import { Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { print, withCliDatabase } from './cli-database';

function requestId(value: string): string {
  if (!z.uuid().safeParse(value).success)
    throw new InvalidArgumentError(
      'expected a signature request id (a UUID, as signatures.request answers) or the share id of an addendum sent to the e-signature vendor',
    );
  return value;
}

/**
 * An addendum signed at the org's e-signature vendor: its trail is the vendor's, so what is checked is
 * the PDF sent and the vendor's signed PDF against the hashes stored when they were made and fetched.
 */
async function verifyAtVendor(db: Database, orgId: string, id: string): Promise<void> {
  const result = await forOrg(db.app, orgId).transaction((tx) => verifyVendorSignature(tx, id));
  if (result.ok)
    return print([
      `OK document ${id}: signed at ${result.vendor} (envelope ${result.envelopeId}); its audit trail is the vendor's`,
      `document SHA-256 ${result.documentSha256}`,
      `vendor's signed PDF SHA-256 ${result.signedSha256}, as stored when fetched`,
    ]);
  print([`BROKEN document ${id}: ${result.problem}`]);
  process.exitCode = 1;
}

/** `suite portal verify-signature <id>`: the e-signature evidence recomputed from the database. */
export function portalCommand(): Command {
  const portal = new Command('portal').description('the client portal');
  portal
    .command('verify-signature')
    .description(
      "recompute a signature's audit chain and document hashes: OK, or the first broken row (exit 1)",
    )
    .argument('<id>', 'the signature request id, or a vendor-signed addendum’s share id', requestId)
    .action((id: string) =>
      withCliDatabase(async ({ database }) => {
        const orgId = await orgOfSignature(database.db.system, id);
        if (!orgId) {
          const vendorOrg = await orgOfVendorSignature(database.db.system, id);
          if (!vendorOrg) throw new Error(`no signature request or addendum sent to a vendor ${id}`);
          return verifyAtVendor(database.db, vendorOrg, id);
        }
        const result = await forOrg(database.db.app, orgId).transaction((tx) =>
          verifySignature(tx, { requestId: id }),
        );
        if (result.ok)
          return print([
            `OK signature ${id}: ${result.rows} trail rows chain up`,
            `document SHA-256 ${result.documentSha256}`,
            `chain head ${result.chainHead}`,
          ]);
        print([`BROKEN signature ${id}: ${result.problem}`]);
        process.exitCode = 1;
      }),
    );
  return portal;
}
