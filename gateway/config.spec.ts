import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('configuration', () => {
  it('runs with no settings at all: embedded database, port 4000, demo seed', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ PORT: 4000, HOST: '127.0.0.1', DATA_DIR: '.data', DEMO_SEED: true, PUBLIC_URL: 'http://localhost:4000' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('coerces numbers and booleans and ignores empty values', () => {
    expect(parseConfig({ PORT: '8080', DEMO_SEED: 'false', LOG_LEVEL: '' })).toMatchObject({ PORT: 8080, DEMO_SEED: false, LOG_LEVEL: 'info' });
    expect(parseConfig({}).WORKER_NICENESS).toBe(10);
  });

  it('names every bad variable and what it expects', () => {
    const attempt = () => parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short', DEMO_SEED: 'maybe' });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain('PORT: expected a whole number (got "eighty")');
    expect(message).toContain('DATABASE_URL: expected a URL like postgres://');
    expect(message).toContain('JWT_SECRET: expected at least 32 characters');
    expect(message).toContain('DEMO_SEED: expected true or false');
  });

  it('requires the app role URL beside DATABASE_URL, and a JWT secret in production', () => {
    expect(() => parseConfig({ DATABASE_URL: 'postgres://o:p@db:5432/crm' })).toThrow(/DATABASE_APP_URL: required when DATABASE_URL is set/);
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: required in production/);
    expect(() => parseConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) })).toThrow(/ENCRYPTION_KEY: required in production/);
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(parseConfig({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), ENCRYPTION_KEY: key }).NODE_ENV).toBe('production');
  });
});
