import { existsSync } from 'node:fs';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));
const int = (min: number, max: number) =>
  z.coerce.number({ message: 'expected a whole number' }).int('expected a whole number').min(min).max(max);
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/[^/]+\/[^/?]+/, 'expected a URL like postgres://user:password@host:5432/database');

/** Every setting of the app, from the environment. `.env.example` documents each one. */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    TRUST_PROXY: bool.default(false),
    PORT: int(0, 65535).default(4000),
    PUBLIC_URL: z.url({ message: 'expected an absolute URL such as https://crm.example.com' }).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: postgresUrl.optional(),
    DATABASE_APP_URL: postgresUrl.optional(),
    DATABASE_POOL_MAX: int(1, 500).default(10),
    DATA_DIR: z.string().min(1).default('.data'),
    EMBEDDED_PG_PORT: int(0, 65535).default(5433),
    JWT_SECRET: z.string().min(32, 'expected at least 32 characters of random text').optional(),
    JWT_TTL_SECONDS: int(60, 60 * 60 * 24 * 90).default(60 * 60 * 12),
    PASSWORD_HASH_COST: int(10, 20).default(15),
    DEMO_SEED: bool.default(true),
    GRAPHQL_MAX_DEPTH: int(2, 50).default(10),
    GRAPHQL_MAX_COMPLEXITY: int(10, 1_000_000).default(5000),
    GRAPHQL_MAX_ALIASES: int(1, 1000).default(30),
    AI_REQUESTS_PER_MINUTE: int(1, 1_000_000).default(20),
    IMPORT_MAX_BYTES: int(1024, 2 ** 31).default(200 * 1024 * 1024),
    ENCRYPTION_KEY: z
      .string()
      .refine((value) => Buffer.from(value, 'base64').length === 32, 'expected 32 random bytes in base64 (openssl rand -base64 32)')
      .optional(),
    WORKERS: bool.default(true),
    WORKER_CONCURRENCY: int(1, 100).default(4),
    WORKER_NICENESS: int(0, 19).default(10),
    EMAIL_DOMAIN: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$|^localhost$/i, 'expected a domain such as crm.example.com').optional(),
    AI_PROVIDER: z.enum(['offline', 'openai', 'gemini']).optional(),
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: z.url().optional(),
    OPENAI_MODEL: z.string().min(1).default('gpt-4o'),
    GEMINI_API_KEY: z.string().min(1).optional(),
    GEMINI_BASE_URL: z.url().optional(),
    GEMINI_MODEL: z.string().min(1).default('gemini-2.5-flash'),
    SENDGRID_API_KEY: z.string().min(1).optional(),
    SENDGRID_BASE_URL: z.url().optional(),
    ACCOUNT_EMAIL_FROM: z.email({ message: 'expected an email address such as no-reply@crm.example.com' }).optional(),
    STRIPE_SECRET_KEY: z.string().min(1).optional(),
    STRIPE_API_BASE_URL: z.url().optional(),
    STRIPE_MODE: z.enum(['checkout', 'payment_link']).default('checkout'),
    // Lead searches: where businesses are found, and how their sites and mail domains are checked.
    OSM_OVERPASS_URL: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL such as https://overpass-api.de/api/interpreter' }).optional(),
    OSM_NOMINATIM_URL: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL such as https://nominatim.openstreetmap.org' }).optional(),
    OSM_USER_AGENT: z.string().min(5).max(200).optional(),
    GOOGLE_PLACES_API_KEY: z.string().min(10).max(200).optional(),
    GOOGLE_PLACES_BASE_URL: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).optional(),
    LEAD_SEARCH_REQUESTS_PER_MINUTE: int(1, 10_000).default(10),
    LEADGEN_DNS_SERVERS: z
      .string()
      .regex(/^[0-9a-fA-F.:[\]]+(,[0-9a-fA-F.:[\]]+)*$/, 'expected DNS server addresses separated by commas, such as 1.1.1.1,8.8.8.8:53')
      .optional(),
    LEADGEN_ALLOW_PRIVATE_SITES: bool.default(false),
    TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'expected AC followed by 32 hexadecimal digits (the Account SID in Twilio\'s console)').optional(),
    TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
    TWILIO_API_KEY_SID: z.string().regex(/^SK[0-9a-fA-F]{32}$/, 'expected SK followed by 32 hexadecimal digits').optional(),
    TWILIO_API_KEY_SECRET: z.string().min(1).optional(),
    TWILIO_MESSAGING_SERVICE_SID: z.string().regex(/^MG[0-9a-fA-F]{32}$/, 'expected MG followed by 32 hexadecimal digits').optional(),
    TWILIO_SMS_FROM: z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'expected a number in E.164 form, such as +15005550006').optional(),
    TWILIO_WHATSAPP_FROM: z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'expected the WhatsApp sender\'s number in E.164 form, such as +14155238886').optional(),
    TWILIO_API_BASE_URL: z.url().optional(),
  })
  .superRefine((config, ctx) => {
    if (config.DATABASE_URL && !config.DATABASE_APP_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_APP_URL'],
        message: 'required when DATABASE_URL is set: the app connects as a role that does not own the tables',
      });
    }
    if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'required in production (at least 32 random characters)' });
    }
    if (config.NODE_ENV === 'production' && !config.ENCRYPTION_KEY) {
      ctx.addIssue({ code: 'custom', path: ['ENCRYPTION_KEY'], message: 'required in production (32 random bytes in base64) to encrypt provider credentials' });
    }
    if (config.NODE_ENV === 'production' && config.LEADGEN_ALLOW_PRIVATE_SITES) {
      ctx.addIssue({ code: 'custom', path: ['LEADGEN_ALLOW_PRIVATE_SITES'], message: 'is for tests only: in production, businesses\' sites on private or loopback addresses are never read' });
    }
    if (config.AI_PROVIDER === 'openai' && !config.OPENAI_API_KEY) ctx.addIssue({ code: 'custom', path: ['OPENAI_API_KEY'], message: 'required when AI_PROVIDER is openai' });
    if (config.AI_PROVIDER === 'gemini' && !config.GEMINI_API_KEY) ctx.addIssue({ code: 'custom', path: ['GEMINI_API_KEY'], message: 'required when AI_PROVIDER is gemini' });
    // Twilio signs its webhooks with the auth token: an account without one could send but never hear back.
    if (config.TWILIO_ACCOUNT_SID && !config.TWILIO_AUTH_TOKEN) ctx.addIssue({ code: 'custom', path: ['TWILIO_AUTH_TOKEN'], message: 'required with TWILIO_ACCOUNT_SID (it verifies what Twilio posts)' });
    if (config.TWILIO_API_KEY_SID && !config.TWILIO_API_KEY_SECRET) ctx.addIssue({ code: 'custom', path: ['TWILIO_API_KEY_SECRET'], message: 'required with TWILIO_API_KEY_SID' });
  });

export type Config = z.infer<typeof configSchema> & { PUBLIC_URL: string };

export class ConfigError extends Error {}

/** Parses an environment into a config, or throws a ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = configSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      const got = typeof issue.path[0] === 'string' && present[issue.path[0]] !== undefined ? ` (got "${present[issue.path[0]]}")` : '';
      return `  ${name}: ${issue.message}${got}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every setting.`);
  }
  const config = result.data;
  return { ...config, PUBLIC_URL: config.PUBLIC_URL ?? `http://localhost:${config.PORT}` };
}

let loaded: Config | undefined;

/** The process's config: `.env` (if present) under the real environment, read and validated once. */
export function loadConfig(): Config {
  if (!loaded) {
    if (existsSync('.env')) process.loadEnvFile('.env');
    loaded = parseConfig(process.env);
  }
  return loaded;
}
