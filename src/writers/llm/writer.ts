/**
 * @module writers/llm/writer
 * The LLM writer: each section that the plan has something for is asked of the model with only
 * its own facts, validated, linked and fact-checked; a section that fails is regenerated once
 * with the failures named, and otherwise written by newsroom, which also writes every section
 * the model cannot (nothing planned, budget spent, a timeout, an HTTP error). `write()` never
 * rejects because of a model.
 *
 * Failures: a timeout or HTTP error costs only its section; the model is not asked again in the
 * edition after a 401/403 (the key is refused) or after two such failures in a row. Readers are
 * told only a generic reason; each section's fallbackReason keeps the detail, keys redacted.
 *
 * Budget (MORNING_POST_LLM_MAX_TOKENS): each call may answer with at most the tokens left
 * (capped at 2,000), and no call is made with fewer than 256 left, so an edition spends at
 * most its budget plus the input tokens of its last call.
 */
import { type Clock, systemClock } from '../../core/clock.js';
import type { EditionPlan } from '../../core/plan.js';
import {
  type EditionText,
  type FactCheck,
  SECTION_IDS,
  type SectionId,
  type SectionText,
} from '../../core/text.js';
import { SECTIONS } from '../../core/vocabulary/names.js';
import { withConsistency } from '../consistency.js';
import { factCheck } from '../fact-check.js';
import { newsroomWriter } from '../newsroom/index.js';
import { finishEdition } from '../prose/memory.js';
import { normaliseText, splitSentences } from '../prose/sentences.js';
import type { SectionWriter, Writer } from '../writer.js';
import { type AnswerCache, cacheKey, fileCache, noCache } from './cache.js';
import { composeSection } from './compose.js';
import { type LlmSettings, type Prices, resolveApiKey } from './config.js';
import { sectionPrompt } from './prompts.js';
import { createAnthropicProvider } from './providers/anthropic.js';
import { createOpenAiProvider } from './providers/openai.js';
import {
  type Completion,
  type CompletionRequest,
  type Provider,
  ProviderError,
  redactSecrets,
  toProviderError,
} from './providers/provider.js';
import { parseAnswer, sectionSchema } from './schemas.js';
import { type SectionScope, sectionScope } from './scope.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface LlmWriterDeps {
  /** Passed to the SDK: every HTTP call of the writer goes through it. */
  fetch?: typeof fetch;
  clock?: Clock;
  /** Writes the sections the model does not. */
  newsroom?: Writer & SectionWriter;
  /** Where a key missing from the settings is read (default: process.env). */
  env?: Env;
  /** A ready provider instead of the SDK-backed one. */
  provider?: Provider;
  cache?: AnswerCache;
}

/** Enough for a 4-paragraph story or a list of ten one-liners, with room to spare. */
const MAX_OUTPUT_TOKENS = 2_000;
/** Fewer tokens left than this cannot hold a useful section: the budget counts as spent. */
export const MIN_OUTPUT_TOKENS = 256;

export const BUDGET_SPENT = 'token budget spent';
export const NOTHING_PLANNED = 'the plan has nothing for this section';
export const NOT_ASKED = 'not asked: the model failed earlier in this edition';
/** What readers are told when the model could not be reached (the detail stays per section). */
export const UNAVAILABLE_NOTE = 'the model was unavailable; the newsroom writer wrote these sections';
const CHECK_NOTE = "the model's text did not pass the fact-check; the newsroom writer wrote these sections";
const INVALID_NOTE = "the model's answer could not be used; the newsroom writer wrote these sections";

/**
 * Creates the writer; the key is read now (settings, then environment) so a missing one is a
 * CONFIG_INVALID error naming the variable before any edition is written.
 */
export function createLlmWriter(settings: LlmSettings, deps: LlmWriterDeps = {}): Writer {
  const clock = deps.clock ?? systemClock;
  const newsroom = deps.newsroom ?? newsroomWriter;
  const apiKey = deps.provider ? settings.apiKey : resolveApiKey(settings, deps.env ?? process.env);
  const provider = deps.provider ?? createProvider(settings, deps, apiKey);
  /** Provider text kept in an edition never carries the key (error bodies may echo it). */
  const redact = (text: string) => redactSecrets(text, [apiKey, settings.apiKey]);
  const name = `${settings.provider}:${settings.model}`;
  const cache =
    deps.cache ??
    (settings.cacheDir === 'off'
      ? noCache
      : fileCache(settings.cacheDir, {
          provider: settings.provider,
          model: settings.model,
          now: () => clock.now(),
        }));

  return {
    name,
    async write(plan) {
      const run = new EditionRun(settings, provider, cache);
      const sections: SectionText[] = [];
      for (const id of SECTION_IDS) {
        try {
          sections.push(await writeSection(run, plan, id));
        } catch (error) {
          // Whatever went wrong on the way from the model's answer to a section, newsroom writes it.
          const reason = redact(
            `LLM writer error: ${error instanceof Error ? error.message : String(error)}`,
          );
          sections.push({ ...newsroom.writeSection(plan, id), fallbackReason: reason });
        }
      }
      return assemble(plan, sections, run, await newsroom.write(plan));
    },
  };

  async function writeSection(run: EditionRun, plan: EditionPlan, id: SectionId): Promise<SectionText> {
    const fallback = (reason: string, usage?: SectionText['usage']): SectionText => ({
      ...newsroom.writeSection(plan, id),
      fallbackReason: redact(reason),
      ...(usage && (usage.inputTokens > 0 || usage.outputTokens > 0 || usage.cached) ? { usage } : {}),
    });
    const scope = sectionScope(plan, id);
    if (!scope) return fallback(NOTHING_PLANNED);
    if (run.brokenBy) return fallback(`${NOT_ASKED} (${run.brokenBy})`);

    const schema = sectionSchema(scope);
    const usage = run.newUsage();
    let failures: string[] = [];
    let lastReason = '';
    for (let attempt = 1; attempt <= 2; attempt++) {
      const maxOutputTokens = run.outputAllowance();
      if (maxOutputTokens === undefined) {
        return fallback(
          attempt === 1 ? BUDGET_SPENT : `${lastReason}; ${BUDGET_SPENT} before a second attempt`,
          usage,
        );
      }
      const prompt = sectionPrompt(plan, scope, failures);
      const request: CompletionRequest = {
        ...prompt,
        schemaName: schema.name,
        jsonSchema: schema.jsonSchema,
        maxOutputTokens,
      };
      let answer: { completion: Completion; save: () => Promise<void> };
      try {
        answer = await run.complete(request, usage);
      } catch (error) {
        const failure = toProviderError(error, false, settings.timeoutMs);
        if (failure.kind !== 'invalid') {
          run.failed(failure);
          return fallback(failure.message, usage);
        }
        run.answered();
        failures = [failure.message];
        lastReason = `invalid answer: ${failure.message}`;
        continue;
      }
      run.answered();
      const parsed = parseAnswer(scope, schema, answer.completion.json);
      if (!parsed.ok) {
        failures = [parsed.reason];
        lastReason = `invalid answer: ${parsed.reason}`;
        continue;
      }
      // A valid answer is kept even when it fails the check: a re-run then replays both attempts.
      await answer.save().catch(() => undefined);
      const composed = composeSection(scope, parsed.value, name, listTitle(plan, id));
      // The consistency checks count as the fact-check does: a failure is retried, then newsroom.
      const check = withMemory(
        withConsistency(checkFacts(composed.text, plan, scope), composed.section, plan),
        composed.section,
        plan,
      );
      if (check.ok) return { ...composed.section, factCheck: check, usage };
      failures = check.failures;
      lastReason = `fact-check failed: ${check.failures.join('; ')}`;
    }
    return fallback(lastReason, usage);
  }

  function listTitle(plan: EditionPlan, id: SectionId): string {
    return newsroom.writeSection(plan, id).title;
  }
}

/**
 * A headline or an opening sentence that a recent edition printed is a repeat, whoever wrote it:
 * it fails like a fact the plan does not hold, so the section is retried, then written by newsroom.
 */
function withMemory(
  check: FactCheck,
  section: Pick<SectionText, 'title' | 'paragraphs'>,
  plan: EditionPlan,
): FactCheck {
  const recent = plan.recent;
  if (!recent) return check;
  const same = (a: string, b: string) => normaliseText(a).toLowerCase() === normaliseText(b).toLowerCase();
  const failures: string[] = [];
  if (recent.headlines.some((headline) => same(headline, section.title)))
    failures.push(`memory: the headline "${section.title}" was printed in one of the last seven editions`);
  const first = section.paragraphs[0];
  const opening = first ? (splitSentences(first)[0] ?? []) : [];
  const openingText = opening.map((piece) => (typeof piece === 'string' ? piece : piece.text)).join('');
  if (openingText && recent.openings.some((o) => same(o, openingText)))
    failures.push(`memory: the opening "${openingText}" was printed in one of the last seven editions`);
  return failures.length === 0 ? check : { ok: false, failures: [...check.failures, ...failures] };
}

function checkFacts(text: string, plan: EditionPlan, scope: SectionScope): FactCheck {
  try {
    return factCheck(text, plan, { facts: scope.facts });
  } catch (error) {
    // A broken check must not pass a section unchecked: it counts as a failure.
    return {
      ok: false,
      failures: [`the fact-check could not run: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
}

function createProvider(settings: LlmSettings, deps: LlmWriterDeps, apiKey: string | undefined): Provider {
  const common = {
    model: settings.model,
    baseUrl: settings.baseUrl,
    timeoutMs: settings.timeoutMs,
    maxRetries: 2,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  };
  if (settings.provider === 'anthropic') return createAnthropicProvider({ ...common, apiKey: apiKey ?? '' });
  return createOpenAiProvider({ ...common, provider: settings.provider, apiKey });
}

type Usage = NonNullable<SectionText['usage']>;

/** One edition's spending: tokens and calls so far, the budget, and whether the model failed. */
class EditionRun {
  inputTokens = 0;
  outputTokens = 0;
  costUsd = 0;
  llmCalls = 0;
  /** Set after a 401/403 or two failed calls in a row: later sections are not asked. */
  brokenBy: string | undefined;
  /** Timeouts and HTTP/network failures since the last call that answered. */
  private failuresInARow = 0;

  constructor(
    readonly settings: LlmSettings,
    readonly provider: Provider,
    readonly cache: AnswerCache,
  ) {}

  /**
   * The answer length the next call may ask for: the tokens left, at most MAX_OUTPUT_TOKENS;
   * undefined when fewer than MIN_OUTPUT_TOKENS are left (the budget is spent).
   */
  outputAllowance(): number | undefined {
    const max = this.settings.maxTokens;
    if (max === undefined) return MAX_OUTPUT_TOKENS;
    const left = max - this.inputTokens - this.outputTokens;
    return left < MIN_OUTPUT_TOKENS ? undefined : Math.min(MAX_OUTPUT_TOKENS, left);
  }

  /** A call that failed for good: a refused key stops the edition's calls, so do two in a row. */
  failed(failure: ProviderError): void {
    this.failuresInARow += 1;
    const refused = failure.status === 401 || failure.status === 403;
    if (refused || this.failuresInARow >= 2) this.brokenBy = failure.message;
  }

  /** The model answered (well or not): the run of failures is over. */
  answered(): void {
    this.failuresInARow = 0;
  }

  newUsage(): Usage {
    return {
      inputTokens: 0,
      outputTokens: 0,
      ...(this.settings.prices ? { costUsd: 0 } : {}),
      cached: false,
    };
  }

  /** A cached answer, or a fresh one; tokens count only when spent in this run. */
  async complete(
    request: CompletionRequest,
    usage: Usage,
  ): Promise<{ completion: Completion; save: () => Promise<void> }> {
    const key = cacheKey(this.provider.provider, this.provider.model, request, this.settings.baseUrl);
    // A cache that cannot be read is a miss: it costs a call, never the section.
    const cached = await this.cache.get(key).catch(() => undefined);
    if (cached) {
      usage.cached = true;
      return { completion: cached, save: async () => undefined };
    }
    this.llmCalls += 1;
    try {
      const completion = await this.provider.complete(request);
      this.spend(usage, completion.inputTokens, completion.outputTokens);
      return { completion, save: () => this.cache.set(key, completion) };
    } catch (error) {
      if (error instanceof ProviderError) this.spend(usage, error.inputTokens, error.outputTokens);
      throw error;
    }
  }

  private spend(usage: Usage, input: number, output: number): void {
    usage.inputTokens += input;
    usage.outputTokens += output;
    this.inputTokens += input;
    this.outputTokens += output;
    const cost = costOf(this.settings.prices, input, output);
    if (cost !== undefined) {
      usage.costUsd = round((usage.costUsd ?? 0) + cost);
      this.costUsd = round(this.costUsd + cost);
    }
  }
}

export function costOf(prices: Prices | undefined, input: number, output: number): number | undefined {
  return prices ? (input * prices.input + output * prices.output) / 1_000_000 : undefined;
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** What the reader is told about sections the model did not write (nothing planned needs no word). */
function fallbackNotes(sections: readonly SectionText[], run: EditionRun): string[] {
  const notes: string[] = [];
  const count = (n: number) => `${n} ${n === 1 ? 'section was' : 'sections were'}`;
  const overBudget = sections.filter((section) => section.fallbackReason === BUDGET_SPENT).length;
  if (overBudget > 0) {
    notes.push(
      `The LLM token budget (${run.settings.maxTokens} tokens) was spent after ${run.llmCalls} calls; ` +
        `${count(overBudget)} written by newsroom instead.`,
    );
  }
  // Readers get a generic reason and the sections' names; the detail stays in fallbackReason.
  const groups = new Map<string, string[]>();
  for (const section of sections) {
    const reason = section.fallbackReason;
    if (!reason || reason === NOTHING_PLANNED || reason === BUDGET_SPENT) continue;
    const note = reason.startsWith('fact-check failed')
      ? CHECK_NOTE
      : reason.startsWith('invalid answer')
        ? INVALID_NOTE
        : UNAVAILABLE_NOTE;
    groups.set(note, [...(groups.get(note) ?? []), SECTIONS[section.id].listed]);
  }
  for (const [note, names] of groups) {
    const joined = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    notes.push(`${note[0]?.toUpperCase()}${note.slice(1)}: ${joined}.`);
  }
  return notes;
}

function assemble(
  plan: EditionPlan,
  sections: SectionText[],
  run: EditionRun,
  base: EditionText,
): EditionText {
  const lead = sections.find((section) => section.id === 'lead');
  // The same memory and the same no-repeat rule as the built-in writer.
  return finishEdition(
    {
      version: 1,
      date: plan.date,
      writer: `${run.settings.provider}:${run.settings.model}`,
      headline: lead?.title ?? base.headline,
      standfirst: lead?.standfirst ?? base.standfirst,
      sections,
      usage: {
        inputTokens: run.inputTokens,
        outputTokens: run.outputTokens,
        ...(run.settings.prices ? { costUsd: run.costUsd } : {}),
        llmCalls: run.llmCalls,
      },
      notes: [...base.notes, ...fallbackNotes(sections, run)],
    },
    plan.recent?.sentences,
  );
}
