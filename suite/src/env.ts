import { MODULE_NAMES, type ModuleName } from '@suite/contracts';
import { isLoopbackHttp, parseOrgKeys, type RemoteModule, remoteSettingNames } from '@suite/hub-auth';
import { z } from 'zod';

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(0, 'expected 0-65535')
    .max(65535, 'expected 0-65535')
    .default(fallback);

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: 'expected a postgresql://user:password@host:port/database URL' })
  .optional();

const brokerList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined || value.trim() === '') return undefined;
    const brokers = value.split(',').map((broker) => broker.trim());
    const wrong = brokers.filter((broker) => !/^[^\s:/]+:\d{1,5}$/.test(broker));
    if (wrong.length)
      ctx.addIssue({ code: 'custom', message: `expected host:port entries, got ${wrong.join(', ')}` });
    return brokers;
  });

const webUrl = z.url({ protocol: /^https?$/, error: 'expected an https:// URL' }).optional();

const moduleList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    const names = value
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
    const unknown = names.filter((name) => !(MODULE_NAMES as readonly string[]).includes(name));
    if (unknown.length)
      ctx.addIssue({
        code: 'custom',
        message: `unknown module ${unknown.join(', ')}; expected some of ${MODULE_NAMES.join(', ')}`,
      });
    return names as ModuleName[];
  });

const orgKeys = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (value === undefined) return undefined;
    const { keys, problems } = parseOrgKeys(value);
    for (const message of problems) ctx.addIssue({ code: 'custom', message });
    return keys;
  });

type RemoteModuleFields = { [M in ModuleName as `${Uppercase<M>}_API_URL`]: typeof webUrl } & {
  [M in ModuleName as `${Uppercase<M>}_INTEGRATION_KEY`]: typeof orgKeys;
};

/** Per module: where another deployment serves it, and this deployment's keys for calling it. */
const remoteModuleFields = Object.fromEntries(
  MODULE_NAMES.flatMap((name) => {
    const settings = remoteSettingNames(name);
    return [
      [
        settings.url,
        webUrl.describe(
          `Origin of the deployment running ${name} when this process does not; calls go to \`<url>/${name}/integration\` with \`${settings.key}\`.`,
        ),
      ],
      [
        settings.key,
        orgKeys.describe(
          `Keys this deployment calls ${name} with, one per org: \`<org id>=osk_…\`, comma-separated (\`suite keys create\` prints the entry); never logged.`,
        ),
      ],
    ];
  }),
) as RemoteModuleFields;

/** Every setting of the suite process. The README's configuration table is generated from these descriptions. */
const configFields = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe('Runtime mode; `production` refuses development-only parts.'),
  PORT: port(3000).describe('HTTP port of the suite (0 picks a free one).'),
  HOST: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe('Interface the HTTP server binds to (`0.0.0.0` in containers).'),
  PUBLIC_URL: webUrl.describe(
    'Origin staff reach the suite at (`https://suite.example.com`): Hub redirects, cookies, waffle links. Unset: the listening address, development only.',
  ),
  DATABASE_URL: postgresUrl.describe(
    'PostgreSQL 15+ to use, as the user owning the schema (migrations, system work). Unset: an embedded PostgreSQL is started with its data in `DATA_DIR/pg`.',
  ),
  DATABASE_APP_URL: postgresUrl.describe(
    "The application pool's login on `DATABASE_URL`'s database: a role whose only membership is `suite_app` (or `suite_app` itself: `ALTER ROLE suite_app LOGIN PASSWORD '…'`), so row-level security cannot be switched off by `SET ROLE`. Unset: the suite lets `suite_app` log in with a password derived from `DATABASE_URL`'s (needs `CREATEROLE`).",
  ),
  DATA_DIR: z
    .string()
    .min(1)
    .default('./.data')
    .describe('Where embedded services keep their data across restarts.'),
  EMBEDDED_PG_PORT: port(0).describe('Port of the embedded PostgreSQL (0 picks a free one).'),
  MIGRATE_ON_START: flag(true).describe('Apply pending migrations before serving.'),
  MCP_ENABLED: flag(true).describe(
    'Serve the MCP server for AI assistants at `/mcp` (Hub access tokens or `mcp:*` integration keys) and its protected-resource metadata.',
  ),
  MCP_RESOURCE_URL: webUrl.describe(
    "The MCP server's resource URL, the audience of the Hub access tokens it accepts. Unset: `<PUBLIC_URL or listening address>/mcp`.",
  ),
  JOBS_ENABLED: flag(true).describe(
    "Run the modules' scheduled jobs in this process (`suite jobs list`). Any number of processes may: each slot runs once in the cluster.",
  ),
  MODULES: moduleList.describe(
    'Comma-separated modules this process runs (`suite start --modules` overrides). Unset: every installed module.',
  ),
  VAULT_KEYS: z
    .string()
    .optional()
    .describe(
      'Vault key-encryption keys, `<version>:<base64 of 32 bytes>` comma-separated, highest version active (`suite vault new-key`). Required in production; unset elsewhere: a development key in `DATA_DIR`. Never logged.',
    ),
  PORTAL_CNAME_TARGET: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'expected a host name such as portals.yourmsp.com')
    .default('portals.onestack.localhost')
    .describe(
      "The host every portal's custom domain points its CNAME at: the name Caddy answers for the suite.",
    ),
  PORTAL_DNS_SERVERS: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(',').map((server) => server.trim()) : []))
    .describe('Resolvers that check custom domains (`1.1.1.1,8.8.8.8`); unset: the system resolver.'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Log level of the JSON logs.'),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(10_000)
    .describe('How long a clean shutdown may take before the process exits anyway.'),
  KAFKA_BROKERS: brokerList.describe(
    'Kafka brokers for the bus (`host:port`, comma-separated). Unset: the bus uses the PostgreSQL log in the suite database.',
  ),
  BUS_PARTITIONS: z.coerce
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(1, 'expected 1-256')
    .max(256, 'expected 1-256')
    .default(8)
    .describe(
      'Partitions of each bus topic the suite creates (PostgreSQL log or Kafka); existing topics keep theirs.',
    ),
  HUB_ISSUER_URL: webUrl.describe(
    "Hub's OpenID Connect issuer (discovery at `/.well-known/openid-configuration`). Unset: a dev Hub with seeded users runs in this process (refused in production).",
  ),
  HUB_CLIENT_ID: z
    .string()
    .min(1)
    .optional()
    .describe('Client id Hub registered for the suite (with `HUB_ISSUER_URL`).'),
  HUB_CLIENT_SECRET: z
    .string()
    .min(1)
    .optional()
    .describe('Client secret of that registration (with `HUB_ISSUER_URL`); never logged.'),
  HUB_DEV_PORT: port(0).describe(
    'Port of the dev Hub on 127.0.0.1 when `HUB_ISSUER_URL` is unset (0 picks a free one).',
  ),
  SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(43_200)
    .describe(
      'Longest a staff session lasts before signing in at Hub again; Hub tokens refresh silently within it.',
    ),
  ...remoteModuleFields,
});

type ConfigName = keyof z.input<typeof configFields>;

const PLAIN_HTTP = 'expected https://; plain http only on 127.0.0.1 or localhost outside production';
const REGISTRATION = 'required with HUB_ISSUER_URL: the client Hub registered for the suite';

/** Rules across settings: production needs the real Hub and https; plain http only on loopback. */
function crossFieldIssues(config: z.output<typeof configFields>): { path: ConfigName; message: string }[] {
  const production = config.NODE_ENV === 'production';
  const plainHttp = (value: string | undefined) => {
    const url = value ? new URL(value) : undefined;
    return url?.protocol === 'http:' && (production || !isLoopbackHttp(url));
  };
  const withHub = config.HUB_ISSUER_URL !== undefined;
  const rules: [broken: boolean, path: ConfigName, message: string][] = [
    [
      production && !withHub,
      'HUB_ISSUER_URL',
      'required with NODE_ENV=production: the dev Hub is development-only',
    ],
    [
      production && !config.PUBLIC_URL,
      'PUBLIC_URL',
      'required with NODE_ENV=production: the https origin staff use',
    ],
    [
      config.DATABASE_APP_URL !== undefined && !config.DATABASE_URL,
      'DATABASE_URL',
      "required with DATABASE_APP_URL: the owner's login on the same database",
    ],
    [withHub && !config.HUB_CLIENT_ID, 'HUB_CLIENT_ID', REGISTRATION],
    [withHub && !config.HUB_CLIENT_SECRET, 'HUB_CLIENT_SECRET', REGISTRATION],
    [plainHttp(config.PUBLIC_URL), 'PUBLIC_URL', PLAIN_HTTP],
    [plainHttp(config.HUB_ISSUER_URL), 'HUB_ISSUER_URL', PLAIN_HTTP],
    [plainHttp(config.MCP_RESOURCE_URL), 'MCP_RESOURCE_URL', PLAIN_HTTP],
    [
      config.PUBLIC_URL !== undefined && new URL(config.PUBLIC_URL).pathname !== '/',
      'PUBLIC_URL',
      'expected an origin without a path, e.g. https://suite.example.com',
    ],
    ...MODULE_NAMES.flatMap((name): typeof rules => {
      const { url, key } = remoteSettingNames(name);
      return [
        [plainHttp(config[url]), url, PLAIN_HTTP],
        [
          config[url] !== undefined && !config[key],
          key,
          `required with ${url}: this deployment's keys for ${name}`,
        ],
        [config[key] !== undefined && !config[url], url, `required with ${key}: where ${name} runs`],
      ];
    }),
  ];
  return rules.filter(([broken]) => broken).map(([, path, message]) => ({ path, message }));
}

export const configSchema = configFields.superRefine((config, ctx) => {
  for (const issue of crossFieldIssues(config))
    ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
});

export type SuiteConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Settings whose values an error message must not repeat. */
const SECRET_SETTING = /(_SECRET|_INTEGRATION_KEY)$/;

/** The value as an error may show it: secrets hidden, a URL's password replaced. */
function shownValue(name: string, value: string): string {
  if (SECRET_SETTING.test(name)) return '(hidden)';
  const password = /^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]*)@/i;
  return JSON.stringify(value.replace(password, '$1***@'));
}

/** Validates the environment; the message names each wrong variable, what it holds and what is expected. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): SuiteConfig {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name}=${shownValue(name, env[name] ?? '')}: ${issue.message}`;
    }),
  );
}

/** The modules this deployment calls in other deployments, from `<MODULE>_API_URL` and `<MODULE>_INTEGRATION_KEY`. */
export function remoteModules(config: SuiteConfig): Partial<Record<ModuleName, RemoteModule>> {
  const remote: Partial<Record<ModuleName, RemoteModule>> = {};
  for (const name of MODULE_NAMES) {
    const settings = remoteSettingNames(name);
    const url = config[settings.url];
    const keys = config[settings.key];
    if (url && keys) remote[name] = { url, keys };
  }
  return remote;
}

/** The process environment with command-line overrides (e.g. `--port`) on top. */
export function loadProcessConfig(overrides: Record<string, string | undefined> = {}): SuiteConfig {
  return loadConfig({ ...process.env, ...overrides });
}

/** The README's configuration table, generated so it cannot drift from the schema. */
export function configTable(): string {
  const defaults = configSchema.parse({}) as Record<string, unknown>;
  const rows = Object.entries(configFields.shape).map(([name, field]) => {
    const fallback = defaults[name];
    const shown =
      fallback === undefined ? '—' : `\`${Array.isArray(fallback) ? fallback.join(',') : String(fallback)}\``;
    return `| \`${name}\` | ${shown} | ${field.description ?? ''} |`;
  });
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}
