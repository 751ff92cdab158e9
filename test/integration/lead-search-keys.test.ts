import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameKey } from '../../core/leadgen/duplicate-keys.ts';
import { siteKey } from '../../core/leadgen/site-address.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * Leads are matched with found businesses in SQL (lead_site_key, lead_name_key: indexed), claims
 * in TypeScript (siteKey, nameKey): the two must read websites and names alike.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const WEBSITES = [
  'https://www.JaipurSmiles.in/home', 'jaipursmiles.in', 'http://smiledental.in/contact?x=1#top', 'WWW2.Clinic.in.', 'https://clinic.in:8443/a',
  'https://www.facebook.com/SmileDental/', 'facebook.com', 'https://m.facebook.com/pages/Smile/123//', 'ftp://clinic.in', 'not a site', 'mailto:x@y.in',
  'http://127.0.0.2:4000/', 'https://user:pw@shop.example.com/', 'https://instagram.com', 'linktr.ee/GymBro', '',
];
const NAMES = ['Smile Dental-Care!', '  SHARMA   dental ', 'Dr. Gupta’s Clinic', 'कृष्णा डेंटल', 'Café Ölbaum', '---', 'Tab\there'];

describe('lead keys in SQL and in TypeScript', () => {
  it('reduce websites to the same site, and names to the same words', async () => {
    const client = await database.ownerClient();
    const sites = await client.query('select w, lead_site_key(w) as key from unnest($1::text[]) as w', [WEBSITES]);
    expect(sites.rows.map((row) => [row.w, row.key])).toEqual(WEBSITES.map((w) => [w, siteKey(w)]));
    const names = await client.query('select n, lead_name_key(n) as key from unnest($1::text[]) as n', [NAMES]);
    expect(names.rows.map((row) => [row.n, row.key])).toEqual(NAMES.map((n) => [n, nameKey(n)]));
  });
});
