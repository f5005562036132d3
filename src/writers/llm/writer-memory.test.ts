/**
 * The LLM writer and editorial memory: its brief carries the opinion's argument and the last
 * editions' headlines and openings to avoid, and a section that prints one of them again is
 * treated like a failed fact-check (retried once with the reason, then written by newsroom).
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EditionPlan } from '../../core/plan.js';
import type { SectionText } from '../../core/text.js';
import { goodAnswer, scripted } from '../../testing/llm/answers.js';
import { startOpenAiServer } from '../../testing/llm/openai-server.js';
import type { Reply, ScriptedServer } from '../../testing/llm/script.js';
import { newsroomWriter } from '../newsroom/index.js';
import { buildSeedPlan } from '../writer.case.js';
import type { StoryAnswer } from './schemas.js';
import { createLlmWriter } from './writer.js';

const KEY = 'sk-test-key';
let seed: EditionPlan;
let server: ScriptedServer | undefined;

beforeAll(async () => {
  seed = await buildSeedPlan();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function write(plan: EditionPlan, script: Reply[] = []) {
  server = await startOpenAiServer({ apiKey: KEY, respond: scripted(plan, script) });
  const writer = createLlmWriter(
    {
      provider: 'openai',
      model: 'gpt-test-mini',
      apiKey: KEY,
      baseUrl: server.baseUrl,
      timeoutMs: 5_000,
      cacheDir: 'off',
    },
    { newsroom: newsroomWriter },
  );
  const text = await writer.write(plan);
  return { text, server, section: (id: string) => text.sections.find((s) => s.id === id) as SectionText };
}

describe('the LLM writer and editorial memory', () => {
  it('briefs an opinion with its argument, and every story with the headlines to avoid', async () => {
    const plan: EditionPlan = {
      ...seed,
      recent: { ...seed.recent, headlines: ['Yesterday’s Headline'], openings: ['Yesterday opened so.'] },
    };
    const { server } = await write(plan);
    const opinion = server.requests.find(
      (r) => r.schemaName === 'opinion1_section' || /opinion/.test(r.schemaName ?? ''),
    );
    const thesis = plan.opinions[0]?.argument?.thesis ?? '?';
    expect(opinion?.user).toContain(`- Thesis: ${thesis}`);
    expect(opinion?.user).toContain('- Counterpoint the data shows');
    const lead = server.requests.find((r) => r.schemaName === 'lead_section');
    expect(lead?.user).toContain('- headline: Yesterday’s Headline');
    expect(lead?.user).toContain('- opening: Yesterday opened so.');
  });

  it('a headline printed in a recent edition, twice: newsroom writes the lead, saying why', async () => {
    const title = (goodAnswer(seed, 'lead') as StoryAnswer).title;
    const plan: EditionPlan = { ...seed, recent: { ...seed.recent, headlines: [title] } };
    const { section, server } = await write(plan);
    const leads = server.requests.filter((r) => r.schemaName === 'lead_section');
    expect(leads).toHaveLength(2);
    expect(leads[1]?.user).toContain('memory: the headline');
    expect(section('lead').writer).toBe('newsroom');
    expect(section('lead').fallbackReason).toMatch(/memory: the headline ".*" was printed/);
  });

  it('records the edition’s memory, as newsroom does', async () => {
    const { text } = await write(seed);
    expect(text.memory?.sentences.length ?? 0).toBeGreaterThan(10);
  });
});
