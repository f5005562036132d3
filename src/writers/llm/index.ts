/**
 * @module writers/llm
 * LLM writers (OpenAI, Anthropic, OpenAI-compatible servers) and the settings that choose them.
 */
import { newsroomWriter } from '../newsroom/index.js';
import type { Writer } from '../writer.js';
import type { WriterSettings } from './config.js';
import { createLlmWriter, type LlmWriterDeps } from './writer.js';

export {
  type LlmSettings,
  LlmSettingsSchema,
  loadWriterSettings,
  parseWriterSpec,
  type WriterSettings,
  WriterSettingsSchema,
  writerName,
  writerSettings,
} from './config.js';
export { createLlmWriter, type LlmWriterDeps } from './writer.js';

/** The writer the settings ask for: newsroom, or an LLM writer that falls back to it. */
export function createWriter(settings: WriterSettings, deps: LlmWriterDeps = {}): Writer {
  if (settings.provider === 'newsroom') return deps.newsroom ?? newsroomWriter;
  return createLlmWriter(settings, deps);
}
