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
    IMPORT_MAX_BYTES: int(1024, 2 ** 31).default(200 * 1024 * 1024),
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
