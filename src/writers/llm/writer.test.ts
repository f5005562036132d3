/**
 * The LLM writer against real local HTTP servers speaking the OpenAI and Anthropic protocols,
 * one scenario table for both: good answers, invented numbers and names (regenerated once with
 * the failures named), malformed answers, 429/500 then success, final errors, a hang.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EditionPlan } from '../../core/plan.js';
import { type EditionText, EditionTextSchema, SECTION_IDS, type SectionText } from '../../core/text.js';
import {
  goodAnswer,
  INVENTED_MODEL,
  INVENTED_NUMBER,
  scripted,
  withDerivedFigures,
  withInventedModel,
  withInventedNumber,
  withMarkup,
} from '../../testing/llm/answers.js';
import { startAnthropicServer } from '../../testing/llm/anthropic-server.js';
import { startOpenAiServer } from '../../testing/llm/openai-server.js';
import type { Reply, Responder, ScriptedServer } from '../../testing/llm/script.js';
import { factCheck } from '../fact-check.js';
import { newsroomWriter } from '../newsroom/index.js';
import { buildSeedPlan } from '../writer.case.js';
import type { LlmSettings } from './config.js';
import { sectionScope } from './scope.js';
import { createLlmWriter } from './writer.js';

const KEY = 'sk-test-key';

interface Protocol {
  name: 'openai' | 'anthropic';
  model: string;
  start(respond: Responder): Promise<ScriptedServer>;
  /** An answer the protocol carries but that is not the JSON asked for. */
  malformed: Reply;
}

const PROTOCOLS: Protocol[] = [
  {
    name: 'openai',
    model: 'gpt-test-mini',
    start: (respond) => startOpenAiServer({ apiKey: KEY, respond }),
    malformed: { content: '{"title": "Weekend surge", "paragraphs": ["cut off' },
  },
  {
    name: 'anthropic',
    model: 'claude-test',
    start: (respond) => startAnthropicServer({ apiKey: KEY, respond }),
    malformed: { content: 'Here is the section you asked for: a weekend surge.' },
  },
];

let plan: EditionPlan;
beforeAll(async () => {
  plan = await buildSeedPlan();
});

function settingsFor(
  protocol: Protocol,
  server: ScriptedServer,
  extra: Partial<LlmSettings> = {},
): LlmSettings {
  return {
    provider: protocol.name,
    model: protocol.model,
    apiKey: KEY,
    baseUrl: server.baseUrl,
    timeoutMs: 5_000,
    cacheDir: 'off',
    ...extra,
  };
}

const section = (text: EditionText, id: SectionText['id']) =>
  text.sections.find((s) => s.id === id) as SectionText;
const leadRequests = (server: ScriptedServer) =>
  server.requests.filter((r) => r.schemaName === 'lead_section');

interface Scenario {
  name: string;
  script: (protocol: Protocol) => Reply[];
  /** Scripts for sections other than the lead. */
  others?: () => Partial<Record<SectionText['id'], Reply[]>>;
  timeoutMs?: number;
  check: (text: EditionText, server: ScriptedServer, protocol: Protocol) => void;
}

const leadGood = () => goodAnswer(plan, 'lead');
const writerOf = (protocol: Protocol) => `${protocol.name}:${protocol.model}`;

function expectWrittenByModel(text: EditionText, protocol: Protocol) {
  const lead = section(text, 'lead');
  expect(lead.writer).toBe(writerOf(protocol));
  expect(lead.factCheck).toEqual({ ok: true, failures: [] });
  expect(lead.fallbackReason).toBeUndefined();
  expect(text.headline).toBe(lead.title);
}

function expectRegeneratedWithFailures(
  text: EditionText,
  server: ScriptedServer,
  protocol: Protocol,
  bad: unknown,
  named: string,
) {
  const requests = leadRequests(server);
  expect(requests).toHaveLength(2);
  // The second request names every failure the check found in the first answer.
  const story = bad as { title: string; standfirst: string; paragraphs: string[] };
  const failures = factCheck([story.title, story.standfirst, ...story.paragraphs].join('\n\n'), plan, {
    facts: sectionScope(plan, 'lead')?.facts ?? [],
  }).failures;
  expect(failures.length).toBeGreaterThan(0);
  expect(requests[0]?.user).not.toContain('rejected');
  for (const failure of failures) expect(requests[1]?.user).toContain(failure);
  expect(requests[1]?.user).toContain(named);
  expectWrittenByModel(text, protocol);
  expect(section(text, 'lead').usage).toMatchObject({ inputTokens: 240, outputTokens: 160, cached: false });
}

const SCENARIOS: Scenario[] = [
  {
    name: 'a good answer is used as written, linked and checked',
    script: () => [],
    check: (text, server, protocol) => {
      expect(leadRequests(server)).toHaveLength(1);
      expectWrittenByModel(text, protocol);
      for (const id of SECTION_IDS) expect(section(text, id).writer, id).toBe(writerOf(protocol));
      const lead = section(text, 'lead');
      expect(lead.paragraphs[0]?.[0]).toEqual({
        text: 'hanyc4855/H25',
        href: 'https://huggingface.co/hanyc4855/H25',
      });
      expect(lead.usage).toEqual({ inputTokens: 120, outputTokens: 80, cached: false });
      expect(text.usage).toEqual({ inputTokens: 9 * 120, outputTokens: 9 * 80, llmCalls: 9 });
      expect(section(text, 'opinion1')).toMatchObject({ isOpinion: true });
      expect(JSON.stringify(section(text, 'opinion1').paragraphs[0])).toMatch(/^\["Opinion: /);
    },
  },
  {
    name: 'an invented number is regenerated once, with the failure named',
    script: () => [{ json: withInventedNumber(leadGood()) }],
    check: (text, server, protocol) => {
      expectRegeneratedWithFailures(text, server, protocol, withInventedNumber(leadGood()), INVENTED_NUMBER);
      expect(text.usage.llmCalls).toBe(10);
    },
  },
  {
    name: 'a model the plan does not have is regenerated once, with the failure named',
    script: () => [{ json: withInventedModel(leadGood()) }],
    check: (text, server, protocol) =>
      expectRegeneratedWithFailures(text, server, protocol, withInventedModel(leadGood()), INVENTED_MODEL),
  },
  {
    name: 'a section failing the check twice is written by newsroom, saying why',
    script: () => [{ json: withInventedNumber(leadGood()) }, { json: withInventedModel(leadGood()) }],
    check: (text, server) => {
      expect(leadRequests(server)).toHaveLength(2);
      const lead = section(text, 'lead');
      expect(lead).toMatchObject({ writer: 'newsroom', factCheck: { ok: true } });
      expect(lead.fallbackReason).toMatch(/^fact-check failed: /);
      expect(lead.fallbackReason).toContain(INVENTED_MODEL);
      expect(lead.usage).toMatchObject({ inputTokens: 240, outputTokens: 160 });
      expect(text.headline).toBe(newsroomWriter.writeSection(plan, 'lead').title);
      expect(text.notes).toContain(
        "The model's text did not pass the fact-check; the newsroom writer wrote these sections: the lead story.",
      );
      // One section's failure does not stop the others.
      expect(section(text, 'deepDive').writer).not.toBe('newsroom');
    },
  },
  {
    name: "honest answers with derived figures (accepted: the section keeps the LLM writer's name, not newsroom)",
    script: () => [{ json: withDerivedFigures(plan, 'lead') }],
    others: () => ({ opinion1: [{ json: withDerivedFigures(plan, 'opinion1') }] }),
    check: (text, server, protocol) => {
      expect(leadRequests(server)).toHaveLength(1);
      expect(server.requests.filter((r) => r.schemaName === 'opinion1_section')).toHaveLength(1);
      expectWrittenByModel(text, protocol);
      const words = (id: SectionText['id']) => JSON.stringify(section(text, id).paragraphs);
      // The seed plan's facts: H25 412 likes, H24 355 likes and 4,800 downloads, H25 1.54B
      // parameters, whisper-small-gl 96 likes; ultralytics 1,250 of 41,000 stars this week.
      for (const figure of [
        '57 more likes than',
        '767 between them',
        '16% more',
        'about 14 downloads per like',
        '1.5-billion-parameter model',
        'four times as many likes',
      ])
        expect(words('lead')).toContain(figure);
      const opinion = section(text, 'opinion1');
      expect(opinion).toMatchObject({ writer: writerOf(protocol), factCheck: { ok: true, failures: [] } });
      expect(opinion.fallbackReason).toBeUndefined();
      expect(words('opinion1')).toContain('3% of its 41.0k stars');
    },
  },
  {
    name: 'answers with wrong arithmetic and invented figures (rejected: retried once, then written by newsroom with a fallbackReason)',
    script: () => [
      { json: withDerivedFigures(plan, 'lead', true) },
      { json: withDerivedFigures(plan, 'lead', true) },
    ],
    check: (text, server) => {
      const requests = leadRequests(server);
      expect(requests).toHaveLength(2);
      // The retry names the wrong difference (69, not 57) and the invented count, plainly.
      expect(requests[1]?.user).toContain(
        `- number "69" (likes?) is not in this section's facts, nor a sum or difference of two of them`,
      );
      expect(requests[1]?.user).toContain(
        `- number "${INVENTED_NUMBER}" (downloads?) is not in this section's facts`,
      );
      const lead = section(text, 'lead');
      expect(lead).toMatchObject({ writer: 'newsroom', factCheck: { ok: true } });
      expect(lead.fallbackReason).toMatch(/^fact-check failed: number "69" \(likes\?\)/);
      expect(lead.fallbackReason).toContain(INVENTED_NUMBER);
      expect(JSON.stringify(lead.paragraphs)).not.toContain('69 more likes');
    },
  },
  {
    name: 'a malformed answer is one failed attempt: asked again, then used',
    script: (protocol) => [protocol.malformed],
    check: (text, server, protocol) => {
      const requests = leadRequests(server);
      expect(requests).toHaveLength(2);
      expect(requests[1]?.user).toContain('Your previous answer was rejected');
      expectWrittenByModel(text, protocol);
    },
  },
  {
    name: 'an answer that does not match the schema counts as a failed attempt',
    script: () => [{ json: { title: 'Weekend', standfirst: 'A line.', paragraphs: 'not a list' } }],
    check: (text, server, protocol) => {
      expect(leadRequests(server)).toHaveLength(2);
      expect(leadRequests(server)[1]?.user).toContain('did not match the schema at paragraphs');
      expectWrittenByModel(text, protocol);
    },
  },
  {
    name: 'markup and a script link are a failed attempt, named in the retry',
    script: () => [{ json: withMarkup(leadGood()) }],
    check: (text, server, protocol) => {
      const requests = leadRequests(server);
      expect(requests).toHaveLength(2);
      expect(requests[1]?.user).toContain('the answer contains an HTML tag');
      expectWrittenByModel(text, protocol);
      expect(JSON.stringify(text)).not.toMatch(/javascript:|<img|onerror/);
    },
  },
  {
    name: 'markup twice: newsroom writes the section',
    script: () => [
      { json: withMarkup(leadGood()) },
      {
        json: {
          ...(leadGood() as object),
          standfirst: 'Read more at huggingface.co/hanyc4855/H25 or data:text/html,x',
        },
      },
    ],
    check: (text, server) => {
      expect(leadRequests(server)).toHaveLength(2);
      expect(section(text, 'lead')).toMatchObject({ writer: 'newsroom' });
      expect(section(text, 'lead').fallbackReason).toMatch(/^invalid answer: the answer contains a URL/);
      expect(JSON.stringify(text)).not.toMatch(/javascript:|<img|onerror|data:text/);
    },
  },
  {
    name: 'two malformed answers: newsroom writes the section',
    script: (protocol) => [protocol.malformed, protocol.malformed],
    check: (text, server) => {
      expect(leadRequests(server)).toHaveLength(2);
      expect(section(text, 'lead')).toMatchObject({ writer: 'newsroom' });
      expect(section(text, 'lead').fallbackReason).toMatch(/^invalid answer: /);
      expect(section(text, 'metrics').writer).not.toBe('newsroom');
    },
  },
  {
    name: '429 then success: the SDK retries, the answer is used',
    script: () => [{ status: 429, message: 'Rate limit reached.', headers: { 'retry-after-ms': '20' } }],
    check: (text, server, protocol) => {
      expect(leadRequests(server)).toHaveLength(2);
      expectWrittenByModel(text, protocol);
      expect(text.usage.llmCalls).toBe(9);
    },
  },
  {
    name: '500 then success: the SDK retries, the answer is used',
    script: () => [{ status: 500, headers: { 'retry-after-ms': '20' } }],
    check: (text, server, protocol) => {
      expect(leadRequests(server)).toHaveLength(2);
      expectWrittenByModel(text, protocol);
    },
  },
  {
    name: '500 until the retries run out: newsroom for that section only',
    script: () =>
      Array.from({ length: 3 }, () => ({
        status: 500,
        message: 'The server had an error.',
        headers: { 'retry-after-ms': '10' },
      })),
    check: (text, server, protocol) => {
      expect(leadRequests(server)).toHaveLength(3);
      const lead = section(text, 'lead');
      expect(lead).toMatchObject({ writer: 'newsroom', fallbackReason: 'HTTP 500 The server had an error.' });
      for (const id of SECTION_IDS.filter((id) => id !== 'lead'))
        expect(section(text, id).writer, id).toBe(writerOf(protocol));
      expect(text.notes).toContain(
        'The model was unavailable; the newsroom writer wrote these sections: the lead story.',
      );
    },
  },
  {
    name: 'a hang times out: newsroom writes that section only, and the edition says so plainly',
    script: () => [{ hang: true }],
    timeoutMs: 300,
    check: (text, server, protocol) => {
      expect(leadRequests(server)).toHaveLength(1);
      expect(section(text, 'lead')).toMatchObject({
        writer: 'newsroom',
        fallbackReason: 'timed out after 0.3 s',
      });
      expect(text.notes).toContain(
        'The model was unavailable; the newsroom writer wrote these sections: the lead story.',
      );
      expect(text.notes.join(' ')).not.toContain('timed out');
      for (const id of SECTION_IDS.filter((id) => id !== 'lead'))
        expect(section(text, id).writer, id).toBe(writerOf(protocol));
    },
  },
];

describe.each(PROTOCOLS)('LLM writer over the $name protocol', (protocol) => {
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it.each(SCENARIOS)('$name', async (scenario) => {
    server = await protocol.start(scripted(plan, scenario.script(protocol), 'lead', scenario.others?.()));
    const writer = createLlmWriter(
      settingsFor(protocol, server, scenario.timeoutMs ? { timeoutMs: scenario.timeoutMs } : {}),
    );
    const text = await writer.write(plan);
    expect(EditionTextSchema.parse(text)).toEqual(text);
    expect(text.writer).toBe(writerOf(protocol));
    expect(text.sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
    // Every request we sent was one the real API accepts.
    expect(server.rejected).toEqual([]);
    scenario.check(text, server, protocol);
  });

  it('sends the key, the model, the prompts and the schema the protocol expects', async () => {
    server = await protocol.start(scripted(plan));
    await createLlmWriter(settingsFor(protocol, server)).write(plan);
    const first = server.requests[0];
    expect(first?.body.model).toBe(protocol.model);
    expect(first?.system).toContain('The AI Morning Post');
    if (protocol.name === 'openai') {
      expect(first?.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(first?.body.response_format).toMatchObject({
        type: 'json_schema',
        json_schema: { name: 'lead_section', strict: true },
      });
      expect(first?.body.max_completion_tokens).toBeGreaterThan(0);
    } else {
      expect(first?.headers['x-api-key']).toBe(KEY);
      expect(first?.headers.authorization).toBeUndefined();
      expect(first?.headers['anthropic-version']).toBeTruthy();
      expect(first?.body.tool_choice).toEqual({ type: 'tool', name: 'lead_section' });
      expect(first?.body.max_tokens).toBeGreaterThan(0);
    }
  });
});

describe('failures that stop the edition asking', () => {
  it.each(PROTOCOLS)('$name: two failed calls in a row stop the model for the rest', async (protocol) => {
    const server = await protocol.start(() => ({
      status: 500,
      message: 'The server had an error.',
      headers: { 'retry-after-ms': '5' },
    }));
    try {
      const text = await createLlmWriter(settingsFor(protocol, server)).write(plan);
      // Two sections, three attempts each (the SDK retries twice), then no more calls.
      expect(server.requests.map((r) => r.schemaName)).toEqual([
        ...Array(3).fill('lead_section'),
        ...Array(3).fill('metrics_section'),
      ]);
      expect(text.sections.every((s) => s.writer === 'newsroom')).toBe(true);
      expect(section(text, 'deepDive').fallbackReason).toBe(
        'not asked: the model failed earlier in this edition (HTTP 500 The server had an error.)',
      );
      expect(text.notes).toEqual([
        ...(await newsroomWriter.write(plan)).notes,
        'The model was unavailable; the newsroom writer wrote these sections: the lead story, the metrics captions, ' +
          'the Deep Dive, the first opinion piece, the second opinion piece, Tools of the Week, Trending, ' +
          'Biggest Movers and the reading list.',
      ]);
    } finally {
      await server.close();
    }
  });

  it.each(PROTOCOLS)('$name: a failure between answers does not stop the edition', async (protocol) => {
    let calls = 0;
    const good = scripted(plan);
    const server = await protocol.start((exchange) => {
      calls += 1;
      // The lead fails (3 attempts), metrics answers, deep dive fails: never two in a row.
      const id = exchange.schemaName;
      if (id === 'lead_section' || id === 'deepDive_section')
        return { status: 503, message: 'Overloaded.', headers: { 'retry-after-ms': '5' } };
      return good(exchange);
    });
    try {
      const text = await createLlmWriter(settingsFor(protocol, server)).write(plan);
      expect(calls).toBe(6 + 7);
      for (const id of SECTION_IDS) {
        const expected = id === 'lead' || id === 'deepDive' ? 'newsroom' : writerOf(protocol);
        expect(section(text, id).writer, id).toBe(expected);
      }
    } finally {
      await server.close();
    }
  });
});

describe('a wrong key', () => {
  it.each(PROTOCOLS)('$name: a 401 falls back to newsroom, saying so', async (protocol) => {
    const server = await protocol.start(scripted(plan));
    try {
      const text = await createLlmWriter({ ...settingsFor(protocol, server), apiKey: 'sk-wrong' }).write(
        plan,
      );
      expect(server.rejected.map((r) => r.status)).toEqual([401]);
      expect(section(text, 'lead').fallbackReason).toMatch(/^HTTP 401 /);
      expect(text.sections.every((s) => s.writer === 'newsroom')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it.each(PROTOCOLS)(
    '$name: a key echoed in the error body appears nowhere in the edition',
    async (protocol) => {
      for (const wrong of ['sk-proj-wrongSECRET12345', 'plain-secret-98765']) {
        const server = await protocol.start(scripted(plan));
        try {
          const text = await createLlmWriter({ ...settingsFor(protocol, server), apiKey: wrong }).write(plan);
          const json = JSON.stringify(text);
          // The server did echo it: the test would mean nothing otherwise.
          expect(server.rejected[0]?.message).toContain(wrong);
          expect(json).not.toContain(wrong);
          expect(json).not.toContain('SECRET');
          expect(section(text, 'lead').fallbackReason).toMatch(/^HTTP 401 .*\[redacted\]/);
          expect(text.notes).toContain(
            'The model was unavailable; the newsroom writer wrote these sections: the lead story, the metrics captions, ' +
              'the Deep Dive, the first opinion piece, the second opinion piece, Tools of the Week, Trending, ' +
              'Biggest Movers and the reading list.',
          );
        } finally {
          await server.close();
        }
      }
    },
  );
});

describe('the servers turn away what the real APIs would', () => {
  let openai: ScriptedServer;
  let anthropic: ScriptedServer;
  beforeAll(async () => {
    openai = await startOpenAiServer({ apiKey: KEY, respond: () => ({ json: {} }) });
    anthropic = await startAnthropicServer({ apiKey: KEY, respond: () => ({ json: {} }) });
  });
  afterAll(async () => {
    await openai.close();
    await anthropic.close();
  });

  const post = (url: string, headers: Record<string, string>, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('OpenAI: no response_format, a loose schema, no key', async () => {
    const url = `${openai.baseUrl}/chat/completions`;
    const auth = { authorization: `Bearer ${KEY}` };
    const messages = [{ role: 'user', content: 'Hello' }];
    const noFormat = await post(url, auth, { model: 'm', messages });
    expect(noFormat.status).toBe(400);
    expect(await noFormat.json()).toMatchObject({
      error: { type: 'invalid_request_error', message: expect.stringContaining('json_schema') },
    });
    const loose = await post(url, auth, {
      model: 'm',
      messages,
      response_format: {
        type: 'json_schema',
        json_schema: {
          name: 'x',
          strict: true,
          schema: { type: 'object', properties: { a: { type: 'string' } } },
        },
      },
    });
    expect(loose.status).toBe(400);
    const badRole = await post(url, auth, { model: 'm', messages: [{ role: 'robot', content: 'x' }] });
    expect(badRole.status).toBe(400);
    expect((await post(url, {}, { model: 'm', messages })).status).toBe(401);
    expect(openai.requests).toHaveLength(0);
  });

  it('Anthropic: no version header, no max_tokens, a tool_choice naming no tool', async () => {
    const url = `${anthropic.baseUrl}/v1/messages`;
    const headers = { 'x-api-key': KEY, 'anthropic-version': '2023-06-01' };
    const body = {
      model: 'm',
      max_tokens: 10,
      messages: [{ role: 'user', content: 'Hello' }],
      tools: [{ name: 't', input_schema: { type: 'object' } }],
      tool_choice: { type: 'tool', name: 't' },
    };
    expect((await post(url, { 'x-api-key': KEY }, body)).status).toBe(400);
    const noMax = await post(url, headers, { ...body, max_tokens: undefined });
    expect(noMax.status).toBe(400);
    expect(await noMax.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect((await post(url, headers, { ...body, tool_choice: { type: 'tool', name: 'u' } })).status).toBe(
      400,
    );
    expect((await post(url, { ...headers, 'x-api-key': 'nope' }, body)).status).toBe(401);
    expect(anthropic.requests).toHaveLength(0);
    expect((await post(url, headers, body)).status).toBe(200);
  });
});

describe('sections the plan has nothing for', () => {
  it('are written by newsroom without asking the model', async () => {
    const sparse: EditionPlan = { ...plan, lead: null, opinions: [], movers: { ...plan.movers, items: [] } };
    const server = await startOpenAiServer({ apiKey: KEY, respond: scripted(sparse) });
    try {
      const text = await createLlmWriter(settingsFor(PROTOCOLS[0] as Protocol, server)).write(sparse);
      expect(server.requests.map((r) => r.schemaName)).toEqual([
        'metrics_section',
        'deepDive_section',
        'tools_section',
        'trending_section',
        'reading_section',
      ]);
      for (const id of ['lead', 'opinion1', 'opinion2', 'movers'] as const) {
        expect(section(text, id)).toMatchObject({
          writer: 'newsroom',
          fallbackReason: 'the plan has nothing for this section',
        });
      }
      expect(text.headline).toBe(newsroomWriter.writeSection(sparse, 'lead').title);
      expect(text.notes.join(' ')).not.toContain('nothing for this section');
    } finally {
      await server.close();
    }
  });
});

describe('the fetch the writer is given', () => {
  it.each(PROTOCOLS)('$name: carries every HTTP call', async (protocol) => {
    const server = await protocol.start(scripted(plan));
    const seen: string[] = [];
    const counting: typeof fetch = (input, init) => {
      seen.push(input instanceof Request ? input.url : String(input));
      return fetch(input, init);
    };
    try {
      await createLlmWriter(settingsFor(protocol, server), { fetch: counting }).write(plan);
      expect(seen).toHaveLength(server.requests.length);
      expect(seen.every((url) => url.startsWith(server.baseUrl))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
