import { expect } from 'vitest';
import type { Account } from './factories.ts';
import type { TestGateway } from './gateway.ts';
import { eventually } from './multipart.ts';

export const CATALOG = [
  { name: 'Website redesign for clinics', description: 'A fast, mobile-first website with online booking', priceMin: 4_500_000, priceMax: 6_000_000, currency: 'INR' },
  { name: 'Google reviews programme', description: 'Monthly review requests and replies', priceMin: 1_200_000, currency: 'INR' },
];

/** Catalog, sender and the autopilot switch, set as a user would over GraphQL. */
export async function setUpAutopilot(app: TestGateway, account: Account, autopilot: boolean, extra = ''): Promise<{ inboundWebhookUrl: string }> {
  await app.gql('mutation($s: [ServiceInput!]!) { setServiceCatalog(services: $s) { id } }', { s: CATALOG }, account.caller);
  const result = await app.gql(
    `mutation { updateAutopilotSettings(input: { autopilot: ${autopilot}, sender: { name: "Asha", email: "asha@growth.example", company: "Growth Co", pitch: "websites that bring patients in" } ${extra} }) { autopilot inboundWebhookUrl } }`,
    {},
    account.caller,
  );
  expect(result.data?.updateAutopilotSettings.autopilot, JSON.stringify(result.errors)).toBe(autopilot);
  return result.data?.updateAutopilotSettings;
}

export async function leadStatus(app: TestGateway, account: Account, id: string): Promise<string> {
  return (await app.gql(`{ lead(id: "${id}") { status } }`, {}, account.caller)).data?.lead.status;
}

export function waitForStatus(app: TestGateway, account: Account, id: string, status: string, timeoutMs = 30_000): Promise<true> {
  return eventually(async () => (await leadStatus(app, account, id)) === status, timeoutMs, `lead ${id} to be ${status}`);
}

export async function history(app: TestGateway, account: Account, id: string): Promise<Array<Record<string, any>>> {
  return (await app.gql(`{ history(leadId: "${id}", first: 500) { nodes { kind fromStatus toStatus trigger reason data } } }`, {}, account.caller)).data?.history.nodes;
}
