import { z } from 'zod';

/** Configuration from the environment, validated once at start. */
const EnvSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ error: 'expected a port number' }).int().min(0).max(65535).default(3000),
  JIXIAO_DB: z.string().min(1).default('./data/jixiao.db'),
  EVENTSTORE_CONNECTION_STRING: z
    .string()
    .regex(
      /^(esdb|esdb\+discover|kurrentdb|kurrentdb\+discover|kdb|kdb\+discover|postgres|postgresql):\/\//,
      'expected esdb://host:port?tls=false (EventStoreDB) or postgres://user@host:port/database (PostgreSQL)',
    )
    .optional()
    .or(z.literal('').transform(() => undefined)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JIXIAO_TOKENS_FILE: z.string().min(1).optional(),
  JIXIAO_ALLOWED_HOSTS: z
    .string()
    .regex(/^\s*[A-Za-z0-9.:\[\]-]+(\s*,\s*[A-Za-z0-9.:\[\]-]+)*\s*$/, 'expected host names separated by commas, e.g. jixiao.example.gov.cn,10.0.0.5')
    .optional(),
});

export type Config = {
  host: string;
  port: number;
  dbPath: string;
  eventStoreConnectionString: string | undefined;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  tokensFile: string | undefined;
  /** Host names the server answers to (besides the loopback names); undefined: any in token mode. */
  allowedHosts: string[] | undefined;
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}=${JSON.stringify(env[String(i.path[0])])}: ${i.message}`);
    throw new ConfigError(`invalid configuration: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    dbPath: e.JIXIAO_DB,
    eventStoreConnectionString: e.EVENTSTORE_CONNECTION_STRING,
    logLevel: e.LOG_LEVEL,
    tokensFile: e.JIXIAO_TOKENS_FILE,
    allowedHosts: e.JIXIAO_ALLOWED_HOSTS?.split(',').map((h) => h.trim().toLowerCase().replace(/^\[|\]$/g, '')),
  };
}
