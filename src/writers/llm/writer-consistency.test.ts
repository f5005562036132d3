/**
 * The LLM writer holds a model's section to the consistency checks as to the fact-check: an answer
 * that passes the fact-check but repeats its standfirst, or re-cases a handle, is asked again with
 * the failure named, and written by newsroom when the second answer fails too.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EditionPlan } from '../../core/plan.js';
import { type EditionText, SECTION_IDS, type SectionId, type SectionText } from '../../core/text.js';
import { goodAnswer, scripted } from '../../testing/llm/answers.js';
import { startOpenAiServer } from '../../testing/llm/openai-server.js';
import type { Reply, ScriptedServer } from '../../testing/llm/script.js';
import { factCheck } from '../fact-check.js';
import { buildSeedPlan } from '../writer.case.js';
import type { SectionWriter, Writer } from '../writer.js';
import type { StoryAnswer } from './schemas.js';
import { sectionScope } from './scope.js';
import { createLlmWriter } from './writer.js';

const KEY = 'sk-test-key';
let plan: EditionPlan;
let server: ScriptedServer | undefined;

beforeAll(async () => {
  plan = await buildSeedPlan();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function leadGood(): StoryAnswer {
  return goodAnswer(plan, 'lead') as StoryAnswer;
}

/** The standfirst again as the first sentence. */
function repeatsStandfirst(): StoryAnswer {
  const good = leadGood();
  const line = 'hanyc4855/H25 leads the trending list this Sunday.';
  return { ...good, standfirst: line, paragraphs: [line, ...good.paragraphs.slice(1)] };
}

/** A handle re-cased at a sentence start (`hanyc4855` upstream). */
function recasesHandle(): StoryAnswer {
  const good = leadGood();
  return { ...good, paragraphs: ['Hanyc4855’s H25 leads the list.', ...good.paragraphs.slice(1)] };
}

async function write(
  script: Reply[],
): Promise<{ text: EditionText; lead: SectionText; server: ScriptedServer }> {
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
    { newsroom },
  );
  const text = await writer.write(plan);
  const lead = text.sections.find((s) => s.id === 'lead') as SectionText;
  return { text, lead, server };
}

/**
 * A stand-in for newsroom (which another change is rewriting): these tests are about when the LLM
 * writer falls back, not about what newsroom writes; the conformance suite covers the real one.
 */
function stubSection(id: SectionId): SectionText {
  return {
    id,
    title: `Newsroom ${id}`,
    paragraphs: [['Written by the newsroom stand-in.']],
    isOpinion: false,
    writer: 'newsroom',
    factCheck: { ok: true, failures: [] },
  };
}
const newsroom: Writer & SectionWriter = {
  name: 'newsroom',
  writeSection: (_plan, id) => stubSection(id),
  write: async (p) => ({
    version: 1,
    date: p.date,
    writer: 'newsroom',
    headline: 'Newsroom lead',
    standfirst: '',
    sections: SECTION_IDS.map(stubSection),
    usage: { inputTokens: 0, outputTokens: 0, llmCalls: 0 },
    notes: [],
  }),
};

const leadRequests = (s: ScriptedServer) => s.requests.filter((r) => r.schemaName === 'lead_section');

describe('the LLM writer and the consistency checks', () => {
  it('the bad answers pass the fact-check: only consistency can reject them', () => {
    const facts = sectionScope(plan, 'lead')?.facts ?? [];
    for (const answer of [repeatsStandfirst(), recasesHandle()]) {
      const text = [answer.title, answer.standfirst ?? '', ...answer.paragraphs].join('\n\n');
      expect(factCheck(text, plan, { facts })).toEqual({ ok: true, failures: [] });
    }
  });

  it('good answers for every section pass: the model writes each section it is asked for', async () => {
    const { text } = await write([]);
    const byModel = text.sections.filter((s) => s.writer === 'openai:gpt-test-mini');
    expect(byModel.map((s) => s.id)).toContain('lead');
    expect(text.sections.filter((s) => s.fallbackReason?.startsWith('fact-check failed'))).toEqual([]);
  });

  it('a first sentence that repeats the standfirst, twice: newsroom writes the lead, saying why', async () => {
    const { lead, server } = await write([{ json: repeatsStandfirst() }, { json: repeatsStandfirst() }]);
    expect(leadRequests(server)).toHaveLength(2);
    expect(leadRequests(server)[1]?.user).toContain(
      'consistency: standfirst: the first sentence repeats the standfirst',
    );
    expect(lead.writer).toBe('newsroom');
    expect(lead.fallbackReason).toMatch(
      /^fact-check failed: consistency: standfirst: the first sentence repeats/,
    );
  });

  it('a re-cased handle, twice: newsroom writes the lead, naming the name', async () => {
    const { text, lead } = await write([{ json: recasesHandle() }, { json: recasesHandle() }]);
    expect(lead.writer).toBe('newsroom');
    expect(lead.fallbackReason).toContain(
      'consistency: name case: "Hanyc4855" is written "hanyc4855" upstream',
    );
    // Readers are told the model's text did not pass the check, not that the model was unavailable.
    expect(text.notes.join(' ')).toMatch(/did not pass the fact-check/);
  });

  it('a re-cased handle, then a good answer: the retry names the failure and the model writes the lead', async () => {
    const { lead, server } = await write([{ json: recasesHandle() }]);
    const requests = leadRequests(server);
    expect(requests).toHaveLength(2);
    expect(requests[0]?.user).not.toContain('consistency:');
    expect(requests[1]?.user).toContain('consistency: name case: "Hanyc4855"');
    expect(lead.writer).toBe('openai:gpt-test-mini');
    expect(lead.factCheck).toEqual({ ok: true, failures: [] });
    expect(lead.fallbackReason).toBeUndefined();
  });
});
