import { forOrg } from '@suite/db';
import { orgOfSignature, verifySignature } from '@suite/portal';
import { Command, InvalidArgumentError } from 'commander';
import { z } from 'zod';
import { print, withCliDatabase } from './cli-database';

function requestId(value: string): string {
  if (!z.uuid().safeParse(value).success)
    throw new InvalidArgumentError('expected a signature request id (a UUID, as signatures.request answers)');
  return value;
}

/** `suite portal verify-signature <id>`: the e-signature evidence recomputed from the database. */
export function portalCommand(): Command {
  const portal = new Command('portal').description('the client portal');
  portal
    .command('verify-signature')
    .description(
      "recompute a signature's audit chain and document hashes: OK, or the first broken row (exit 1)",
    )
    .argument('<id>', 'the signature request id', requestId)
    .action((id: string) =>
      withCliDatabase(async ({ database }) => {
        const orgId = await orgOfSignature(database.db.system, id);
        if (!orgId) throw new Error(`no signature request ${id}`);
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
