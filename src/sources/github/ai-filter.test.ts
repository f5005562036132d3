import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedFixtures, SHARED_MISSING_REASON, sharedFixture } from '../../testing/sources/fixtures.js';
import { classifyRepository, type RepositorySignals, splitCamelCase } from './ai-filter.js';
import { parseTrendingPage } from './trending-page.js';

const repo = (fields: Partial<RepositorySignals>): RepositorySignals => ({
  owner: 'someone',
  name: 'something',
  ...fields,
});

describe('classifyRepository: positives', () => {
  it.each([
    ['topic', { topics: ['machine-learning'] }, 'topic:machine-learning'],
    ['topic word', { topics: ['llm-inference'] }, 'topic:llm-inference'],
    ['topic word ai', { topics: ['generative-ai'] }, 'topic:generative-ai'],
    ['owner', { owner: 'huggingface' }, 'owner:huggingface'],
    ['LLM', { description: 'Run LLMs on a laptop.' }, 'keyword:LLM'],
    ['GPT', { description: 'A GPT-4o client for tests.' }, 'keyword:GPT'],
    ['ChatGPT', { description: 'A ChatGPT desktop app.' }, 'keyword:ChatGPT'],
    ['AI upper case', { description: 'Your personal AI assistant.' }, 'keyword:AI'],
    ['ai-powered', { description: 'an ai-powered note app' }, 'keyword:AI'],
    ['transformer', { description: 'A Transformer for protein folding.' }, 'keyword:transformer'],
    ['neural', { description: 'Neural circuit policies.' }, 'keyword:neural'],
    ['diffusion', { description: 'Block diffusion for speculative decoding.' }, 'keyword:diffusion'],
    ['agent', { description: 'Your agent writes bad code. This catches it.' }, 'keyword:agent'],
    ['agents', { description: 'Multi-agents trading framework.' }, 'keyword:agent'],
    ['agentic', { description: 'A backend for agentic coding.' }, 'keyword:agentic'],
    ['RAG', { description: 'Reasoning-based RAG over documents.' }, 'keyword:RAG'],
    ['embeddings', { description: 'Fast text embeddings in Rust.' }, 'keyword:embeddings'],
    ['fine-tuning', { description: 'Efficient fine-tuning of small models.' }, 'keyword:fine-tuning'],
    ['finetune', { description: 'Finetune anything.' }, 'keyword:fine-tuning'],
    ['inference', { description: 'High performance inference on GPUs.' }, 'keyword:inference'],
    ['machine learning', { description: 'Popular machine learning algorithms.' }, 'keyword:machine learning'],
    ['deep learning', { description: 'A Deep Learning based colouriser.' }, 'keyword:deep learning'],
    ['Llama', { description: 'Chat with LLaMA models.' }, 'keyword:Llama'],
    ['CodeLlama', { description: 'Inference code for CodeLlama models.' }, 'keyword:Llama'],
    ['Qwen', { description: 'Qwen3.6-27B on a single GPU.' }, 'keyword:model name'],
    ['Claude', { description: 'Straight from my .claude directory.' }, 'keyword:Claude'],
    ['PyTorch', { description: 'Written in PyTorch.' }, 'keyword:framework'],
    ['Chinese', { description: '机器学习理论导引' }, 'keyword:Chinese AI term'],
    ['name LLMs', { name: 'LLMs-from-scratch' }, 'keyword:LLM'],
    ['name camelCase', { name: 'GenericAgent' }, 'keyword:agent'],
    ['name ML', { name: 'Coursera-ML-Notes' }, 'keyword:ML'],
    ['name camelCase GPT', { name: 'ChatGPTSwiftUI' }, 'keyword:GPT'],
  ] satisfies [string, Partial<RepositorySignals>, string][])('%s', (_label, fields, reason) => {
    const decision = classifyRepository(repo(fields));
    expect(decision.isAi).toBe(true);
    expect(decision.reasons).toContain(reason);
  });

  it('counts Jupyter Notebook only together with a weak keyword', () => {
    const notebook = { language: 'Jupyter Notebook' };
    expect(classifyRepository(repo({ ...notebook, description: 'Train a model on a dataset.' }))).toEqual({
      isAi: true,
      reasons: [
        'language:Jupyter Notebook',
        'weak keyword:model',
        'weak keyword:dataset',
        'weak keyword:training',
      ],
    });
    expect(classifyRepository(repo({ ...notebook, description: 'Pandas exercises.' })).isAi).toBe(false);
    expect(classifyRepository(repo({ ...notebook })).isAi).toBe(false);
    expect(
      classifyRepository(repo({ language: 'Python', description: 'Train a model on a dataset.' })).isAi,
    ).toBe(false);
  });

  it('lists every reason once', () => {
    const decision = classifyRepository(
      repo({ name: 'llm-kit', description: 'An LLM kit, for LLMs.', topics: ['llm', 'LLM'] }),
    );
    expect(decision.reasons).toEqual(['topic:llm', 'keyword:LLM']);
  });
});

describe('classifyRepository: negatives (false positives we refuse)', () => {
  it.each([
    ['"rag" inside storage', { description: 'A distributed storage engine with leverage.' }],
    ['rag lower case', { description: 'A rag doll physics demo.' }],
    ['user-agent', { description: 'A fast User-Agent parser.' }],
    ['user agent', { description: 'Parse the user agent string.' }],
    ['SSH agent', { description: 'A tiny SSH agent for Windows.' }],
    ['no agents to install', { description: 'IT automation, using SSH, with no agents to install.' }],
    ['profiling agent', { name: 'otel-profiling-agent', description: 'The datacenter profiler.' }],
    ['type inference', { description: 'Fast type inference for Python.' }],
    ['AST transformer', { description: 'A code AST transformer for JavaScript.' }],
    ['reaction-diffusion', { description: 'Reaction-diffusion patterns in WebGL.' }],
    ['"ai" inside words', { description: 'Paint brushes that maintain their shape.' }],
    ['HTML and YAML', { description: 'Convert HTML to YAML.' }],
    ['Standard ML', { description: 'A compiler for Standard ML.' }],
    ['shell prompt', { description: 'The minimal prompt for any shell.' }],
    ['detection alone', { description: 'Passes every bot detection test.', language: 'Python' }],
    ['Gemini protocol', { description: 'A Gemini protocol browser.' }],
    ['llamas (the animals)', { description: 'Photos of llamas.' }],
    ['nothing at all', {}],
  ] satisfies [string, Partial<RepositorySignals>][])('%s', (_label, fields) => {
    expect(classifyRepository(repo(fields))).toEqual({ isAi: false, reasons: expect.any(Array) });
    expect(classifyRepository(repo(fields)).reasons.filter((reason) => !reason.startsWith('weak'))).toEqual(
      [],
    );
  });
});

describe('splitCamelCase', () => {
  it.each([
    ['ChatGPTSwiftUI', 'Chat GPT Swift UI'],
    ['CodeLlama', 'Code Llama'],
    ['GenericAgent', 'Generic Agent'],
    ['HTML', 'HTML'],
  ])('%s → %s', (input, output) => {
    expect(splitCamelCase(input)).toBe(output);
  });
});

if (!hasSharedFixtures) process.stderr.write(`${SHARED_MISSING_REASON}\n`);

describe.skipIf(!hasSharedFixtures)('classifyRepository on real trending rows (page data only)', () => {
  const decide = (file: string) => {
    const path = sharedFixture(`github/${file}`);
    if (!path) throw new Error(`missing shared fixture ${file}`);
    const rows = parseTrendingPage(readFileSync(path, 'utf8')).rows;
    return new Map(rows.map((row) => [row.fullName, classifyRepository(row).isAi]));
  };

  // Expectations decided by reading each row's name, description and language.
  it.each([
    [
      'trending-daily-all-2019-07-05.html',
      [
        'scutan90/DeepLearning-500-questions',
        'facebookresearch/dlrm',
        'fengdu78/Coursera-ML-AndrewNg-Notes',
        'jantic/DeOldify',
        'PaddlePaddle/book',
        'beyretb/AnimalAI-Olympics',
        'NVIDIA/TensorRT',
      ],
      [
        'ansible/ansible',
        'kubernetes/kubernetes',
        'timberio/vector',
        'ApolloAuto/apollo',
        'marshmallow-code/marshmallow',
      ],
    ],
    [
      'trending-daily-all-2020-11-01.html',
      [
        'deepmind/deepmind-research',
        'AMAI-GmbH/AI-Expert-Roadmap',
        'mlech26l/keras-ncp',
        'datawhalechina/key-book',
        'trekhleb/homemade-machine-learning',
      ],
      [
        'quantopian/zipline',
        'fireeye/ThreatPursuit-VM',
        'OAI/OpenAPI-Specification',
        'trekhleb/javascript-algorithms',
      ],
    ],
    [
      'trending-daily-all-2024-04-21.html',
      [
        'meta-llama/llama3',
        'pytorch/torchtune',
        'mendableai/firecrawl',
        'sugarforever/chat-ollama',
        'binary-husky/gpt_academic',
        'harperreed/photo-similarity-search',
        'ggerganov/llama.cpp',
        'hiyouga/LLaMA-Factory',
      ],
      [
        'elastic/otel-profiling-agent',
        'code100x/chess',
        'bitcoin/bitcoin',
        'timpaul/form-extractor-prototype',
      ],
    ],
    [
      'trending-daily-swift-2023-04-15.html',
      ['alexrozanski/LlamaChat', 'alfianlosari/ChatGPTSwiftUI'],
      ['ReactiveX/RxSwift', 'Alamofire/Alamofire', 'realm/SwiftLint'],
    ],
    [
      'trending-daily-all-2026-05-13.html',
      [
        'tinyhumansai/openhuman',
        'rohitg00/agentmemory',
        'mattpocock/skills',
        'millionco/react-doctor',
        'rasbt/LLMs-from-scratch',
        'datawhalechina/hello-agents',
        'HKUDS/AI-Trader',
      ],
      ['CloakHQ/CloakBrowser', 'apernet/hysteria', 'anonfaded/FadCam'],
    ],
    [
      'trending-weekly-all-2026-05-13.html',
      ['anthropics/financial-services', 'Hmbown/DeepSeek-TUI', 'VectifyAI/PageIndex', 'decolua/9router'],
      ['docusealco/docuseal', 'playcanvas/supersplat'],
    ],
    [
      'trending-monthly-all-2026-05-13.html',
      [
        'ComposioHQ/awesome-codex-skills',
        'NousResearch/hermes-agent',
        'z-lab/dflash',
        'lsdefine/GenericAgent',
      ],
      ['Z4nzu/hackingtool', 'soxoj/maigret'],
    ],
  ])('%s', (file, positives, negatives) => {
    const decisions = decide(file);
    for (const name of positives) expect([name, decisions.get(name)]).toEqual([name, true]);
    for (const name of negatives) expect([name, decisions.get(name)]).toEqual([name, false]);
  });

  it('keeps under half of the all-language 2019–2024 pages: the filter is selective', () => {
    for (const file of ['trending-daily-all-2019-07-05.html', 'trending-daily-all-2020-11-01.html']) {
      const kept = [...decide(file).values()].filter(Boolean).length;
      expect(kept).toBeLessThan(10);
    }
  });
});
