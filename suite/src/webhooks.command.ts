import {
  configureVault,
  configureWebhookEndpoints,
  createEndpoint,
  deleteEndpoint,
  listAttempts,
  listEndpoints,
  rotateEndpointSecret,
  sendTestEvent,
  setEndpointEnabled,
  updateEndpoint,
} from '@suite/tools';
import { Command } from 'commander';
import { print, withCliDatabase } from './cli-database';
import { textTable } from './text-table';
import { inOrg, type OrgOption } from './tools.command';

/** Endpoint secrets are sealed with the vault's keyring, and URLs checked as production would. */
function withEndpointConfig(orgId: string, fn: Parameters<typeof inOrg>[1]): Promise<void> {
  return withCliDatabase(async ({ config }) => {
    configureVault(config);
    configureWebhookEndpoints({ production: config.NODE_ENV === 'production' });
    await inOrg(orgId, fn);
  });
}

/** `suite webhooks …`: an org's outbound webhook endpoints, their Test button and delivery log. */
export function webhooksCommand(): Command {
  const webhooks = new Command('webhooks').description('outbound webhook endpoints (Standard Webhooks)');
  webhooks
    .command('list')
    .description('the org’s endpoints, their event types and status')
    .requiredOption('--org <id>', 'org id')
    .action((options: OrgOption) =>
      inOrg(options.org, async (tx) => {
        const rows = await listEndpoints(tx);
        if (rows.length === 0) return print(['no webhook endpoints']);
        print(
          textTable([
            ['ENDPOINT', 'URL', 'STATUS', 'EVENT TYPES', 'FAILING SINCE'],
            ...rows.map((row) => [
              row.id,
              row.url,
              row.disabledReason ? `${row.status}: ${row.disabledReason}` : row.status,
              row.eventTypes.join(','),
              row.failingSince ?? '-',
            ]),
          ]),
        );
      }),
    );
  webhooks
    .command('add')
    .description('register an endpoint; prints its signing secret once')
    .requiredOption('--org <id>', 'org id')
    .requiredOption('--url <url>', 'https URL of the receiver')
    .requiredOption('--events <types>', 'comma-separated event types from the catalog')
    .action((options: OrgOption & { url: string; events: string }) =>
      withEndpointConfig(options.org, async (tx) => {
        const eventTypes = options.events.split(',').map((type) => type.trim());
        const { endpoint, secret } = await createEndpoint(tx, { url: options.url, eventTypes });
        print([`endpoint ${endpoint.id} added; its signing secret (shown once): ${secret}`]);
      }),
    );
  webhooks
    .command('update <endpoint>')
    .description('a new URL or new event types; the secret and pending messages stay')
    .requiredOption('--org <id>', 'org id')
    .option('--url <url>', 'https URL of the receiver')
    .option('--events <types>', 'comma-separated event types from the catalog')
    .action((endpointId: string, options: OrgOption & { url?: string; events?: string }) =>
      withEndpointConfig(options.org, async (tx) => {
        const endpoint = await updateEndpoint(tx, {
          endpointId,
          url: options.url,
          eventTypes: options.events?.split(',').map((type) => type.trim()),
        });
        print([`endpoint ${endpoint.id} now sends ${endpoint.eventTypes.join(',')} to ${endpoint.url}`]);
      }),
    );
  webhooks
    .command('delete <endpoint>')
    .description('remove the endpoint with its pending messages and delivery log')
    .requiredOption('--org <id>', 'org id')
    .action((endpointId: string, options: OrgOption) =>
      inOrg(options.org, async (tx) => {
        await deleteEndpoint(tx, { endpointId });
        print([`endpoint ${endpointId} deleted`]);
      }),
    );
  webhooks
    .command('rotate-secret <endpoint>')
    .description('a new signing secret; the old one keeps signing for 24 h')
    .requiredOption('--org <id>', 'org id')
    .action((endpointId: string, options: OrgOption) =>
      withEndpointConfig(options.org, async (tx) => {
        const { secret } = await rotateEndpointSecret(tx, { endpointId });
        print([`new signing secret (shown once): ${secret}`]);
      }),
    );
  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const)
    webhooks
      .command(`${name} <endpoint>`)
      .description(enabled ? 'enable again: pending messages go out' : 'stop deliveries (messages wait)')
      .requiredOption('--org <id>', 'org id')
      .action((endpointId: string, options: OrgOption) =>
        inOrg(options.org, async (tx) => {
          const endpoint = await setEndpointEnabled(tx, { endpointId, enabled });
          print([`endpoint ${endpoint.id} ${endpoint.status}`]);
        }),
      );
  webhooks
    .command('test <endpoint>')
    .description('send a webhook.test event (the Test button)')
    .requiredOption('--org <id>', 'org id')
    .action((endpointId: string, options: OrgOption) =>
      inOrg(options.org, async (tx) => {
        const { messageId } = await sendTestEvent(tx, { endpointId });
        print([`webhook.test queued as message ${messageId}; see \`suite webhooks log ${endpointId}\``]);
      }),
    );
  webhooks
    .command('log <endpoint>')
    .description('the delivery log: each attempt with status, latency and response excerpt')
    .requiredOption('--org <id>', 'org id')
    .action((endpointId: string, options: OrgOption) =>
      inOrg(options.org, async (tx) => {
        const rows = await listAttempts(tx, { endpointId });
        if (rows.length === 0) return print(['no delivery attempts yet']);
        print(
          textTable([
            ['AT', 'EVENT', 'MESSAGE', 'STATUS', 'MS', 'RESPONSE / ERROR'],
            ...rows.map((row) => [
              row.attemptedAt,
              row.eventType,
              row.messageId,
              row.status === null ? '-' : String(row.status),
              String(row.latencyMs),
              (row.error ?? row.responseExcerpt ?? '').replace(/\s+/g, ' ').slice(0, 80),
            ]),
          ]),
        );
      }),
    );
  return webhooks;
}
