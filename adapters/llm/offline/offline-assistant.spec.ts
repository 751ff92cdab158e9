import { describe, expect, it } from 'vitest';
import { answerDraftSchema, outreachDraftSchema, proposalDraftSchema, replyClassificationSchema } from '../../../core/ai/ai.types.ts';
import { leadProfile, senderIdentity, serviceCatalog } from '../testing/ai-fixtures.ts';
import { OfflineAssistant } from './offline-assistant.ts';

const assistant = new OfflineAssistant({ now: () => new Date('2026-11-25T09:00:00Z') });
const lead = leadProfile();
const sender = senderIdentity();

describe('OfflineAssistant', () => {
  it('identifies itself', () => {
    expect(OfflineAssistant.id).toBe('offline');
    expect(assistant.id).toBe('offline');
  });

  it('returns schema-valid results with provider, model and latency', async () => {
    const results = [
      [outreachDraftSchema, await assistant.writeOutreach({ lead, sender, step: 0 })],
      [replyClassificationSchema, await assistant.classifyReply({ lead, subject: 'Re: hi', body: 'Call me on Monday' })],
      [proposalDraftSchema, await assistant.writeProposal({ lead, sender, catalog: serviceCatalog, conversation: [] })],
      [answerDraftSchema, await assistant.draftAnswer({ lead, sender, question: 'Do you also manage Instagram?' })],
    ] as const;
    for (const [schema, result] of results) {
      expect(schema.safeParse(result.output).success).toBe(true);
      expect(result).toMatchObject({ provider: 'offline', model: 'offline-rules-v1' });
      expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('resolves relative return dates against the injected clock', async () => {
    const { output } = await assistant.classifyReply({ lead, subject: null, body: 'On leave, back tomorrow.' });
    expect(output).toMatchObject({ intent: 'out_of_office', returnDate: '2026-11-26' });
  });

  it('rejects with an output error instead of throwing synchronously', async () => {
    await expect(assistant.writeProposal({ lead, sender, catalog: [], conversation: [] })).rejects.toMatchObject({ name: 'AiOutputError' });
  });

  it('answers a question by quoting it, promising a specialist and offering a call, in the lead’s language', async () => {
    const english = (await assistant.draftAnswer({ lead, sender, question: 'Do you also manage Instagram?' })).output.text;
    expect(english).toContain('"Do you also manage Instagram?"');
    expect(english).toMatch(/specialist/);
    expect(english).toMatch(/call/);
    expect(english).toMatch(/^Hi Dr\. Sharma,/);
    expect(english).toMatch(/Asha Verma\nGrowth Co$/);
    const hindi = (await assistant.draftAnswer({ lead, sender, question: 'क्या आप इंस्टाग्राम भी संभालते हैं?' })).output.text;
    expect(hindi).toMatch(/^नमस्ते/);
    const hinglish = (await assistant.draftAnswer({ lead, sender, question: 'Kya aap Instagram bhi sambhalte ho?' })).output.text;
    expect(hinglish).toMatch(/^Namaste/);
  });
});
