/**
 * Every writer passes the conformance suite: newsroom, and the LLM writer against local
 * OpenAI- and Anthropic-protocol servers answering well (where the model must write sections).
 */
import { afterAll } from 'vitest';
import { scripted } from '../testing/llm/answers.js';
import { startAnthropicServer } from '../testing/llm/anthropic-server.js';
import { startOpenAiServer } from '../testing/llm/openai-server.js';
import type { ScriptedServer } from '../testing/llm/script.js';
import { createLlmWriter } from './llm/index.js';
import { newsroomWriter } from './newsroom/index.js';
import { runWriterConformance } from './writer.case.js';

runWriterConformance('newsroom', () => newsroomWriter);

const servers: ScriptedServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

runWriterConformance(
  'openai (local server)',
  async ({ plan }) => {
    const server = await startOpenAiServer({ apiKey: 'sk-test', respond: scripted(plan) });
    servers.push(server);
    return createLlmWriter({
      provider: 'openai',
      model: 'gpt-test',
      apiKey: 'sk-test',
      baseUrl: server.baseUrl,
      timeoutMs: 5_000,
      cacheDir: 'off',
    });
  },
  { modelWrites: true },
);

runWriterConformance(
  'anthropic (local server)',
  async ({ plan }) => {
    const server = await startAnthropicServer({ apiKey: 'sk-ant-test', respond: scripted(plan) });
    servers.push(server);
    return createLlmWriter({
      provider: 'anthropic',
      model: 'claude-test',
      apiKey: 'sk-ant-test',
      baseUrl: server.baseUrl,
      timeoutMs: 5_000,
      cacheDir: 'off',
    });
  },
  { modelWrites: true },
);
