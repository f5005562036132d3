/**
 * @module testing/llm/script
 * What a scripted model server answers, request by request, and what it saw. Shared by the
 * OpenAI and the Anthropic test servers so both protocols run the same scenario table.
 */
import type { IncomingHttpHeaders } from 'node:http';

export type Reply =
  /** A structured answer: the JSON the model "wrote". */
  | { json: unknown; inputTokens?: number; outputTokens?: number }
  /** Raw model output: for OpenAI the message content, for Anthropic a text block with no tool call. */
  | { content: string; inputTokens?: number; outputTokens?: number }
  /** An HTTP error in the provider's error shape. */
  | { status: number; message?: string; headers?: Record<string, string> }
  /** Never answer (until the server closes). */
  | { hang: true };

export interface Exchange {
  /** 0-based across the server's life. */
  index: number;
  /** The structured-output / tool name asked for (`lead_section`, …). */
  schemaName: string;
  system: string;
  user: string;
  body: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

export type Responder = (exchange: Exchange) => Reply;

export interface ScriptedServer {
  /** What the SDK's `baseURL` should be. */
  baseUrl: string;
  /** Every request that reached the handler, well-formed or not. */
  readonly requests: Exchange[];
  /** Requests turned away with 400/401 and why. */
  readonly rejected: Array<{ status: number; message: string }>;
  close(): Promise<void>;
}

export const DEFAULT_INPUT_TOKENS = 120;
export const DEFAULT_OUTPUT_TOKENS = 80;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
