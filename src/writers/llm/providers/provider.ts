/**
 * @module writers/llm/providers/provider
 * The one thing the LLM writer asks of a provider: a system and a user prompt plus a JSON schema
 * in, the model's JSON answer and its token counts out. Failures are a ProviderError whose
 * `kind` says whether another attempt could help (an invalid answer) or not (a timeout, an HTTP
 * error the SDK already retried).
 */

export interface CompletionRequest {
  system: string;
  user: string;
  /** `[a-zA-Z0-9_-]+`: the structured-output name (OpenAI) or the tool name (Anthropic). */
  schemaName: string;
  jsonSchema: Record<string, unknown>;
  /** A cap on the answer's length. */
  maxOutputTokens: number;
}

export interface Completion {
  json: unknown;
  inputTokens: number;
  outputTokens: number;
}

export interface Provider {
  /** `openai`, `anthropic` or `openai-compatible`. */
  readonly provider: string;
  readonly model: string;
  complete(request: CompletionRequest): Promise<Completion>;
}

/**
 * `invalid`: the model answered, but not with JSON in the requested shape (worth one more try).
 * `timeout`, `http`, `network`: the call failed after the SDK's own retries.
 */
export type ProviderErrorKind = 'invalid' | 'timeout' | 'http' | 'network';

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  /** The HTTP status of an `http` failure (401 and 403 mean the key is not accepted). */
  readonly status: number | undefined;
  /** Tokens the failed call still cost (an invalid answer is paid for). */
  readonly inputTokens: number;
  readonly outputTokens: number;

  constructor(
    kind: ProviderErrorKind,
    message: string,
    tokens: { input?: number; output?: number; status?: number } = {},
  ) {
    super(redactSecrets(message));
    this.name = 'ProviderError';
    this.kind = kind;
    this.status = tokens.status;
    this.inputTokens = tokens.input ?? 0;
    this.outputTokens = tokens.output ?? 0;
  }
}

/** What both SDKs' errors have in common, read without importing either. */
interface SdkErrorShape {
  status?: unknown;
  message?: unknown;
  name?: unknown;
  error?: unknown;
}

/**
 * Turns an SDK error (or our own deadline) into a ProviderError with a reason fit for an
 * edition note: "timed out after 60 s", "HTTP 500 Internal server error".
 */
export function toProviderError(error: unknown, timedOut: boolean, timeoutMs: number): ProviderError {
  if (error instanceof ProviderError) return error;
  if (timedOut) return new ProviderError('timeout', `timed out after ${formatSeconds(timeoutMs)}`);
  const shape: SdkErrorShape = typeof error === 'object' && error !== null ? error : {};
  const name = typeof shape.name === 'string' ? shape.name : '';
  if (name === 'APIConnectionTimeoutError') {
    return new ProviderError('timeout', `timed out after ${formatSeconds(timeoutMs)}`);
  }
  if (typeof shape.status === 'number') {
    return new ProviderError('http', `HTTP ${shape.status} ${upstreamMessage(shape)}`.trim(), {
      status: shape.status,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError('network', `request failed: ${message}`);
}

/** `sk-…` keys, `Bearer …` tokens and `x-api-key`/`api_key` values, as providers echo them. */
const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\bBearer\s+[^\s"',;]+/gi, 'Bearer [redacted]'],
  [
    /\b(x-api-key|api[_-]?key|apikey|authorization)(["']?\s*[:=]\s*["']?)(?!\[redacted\])[^\s"',;]+/gi,
    '$1$2[redacted]',
  ],
  [/\bsk-[A-Za-z0-9_*.-]{3,}/g, '[redacted]'],
];

/**
 * Text from a provider with secrets taken out: the given keys wherever they appear, and anything
 * shaped like a key. Error bodies may echo the key sent; none of it may reach an edition.
 */
export function redactSecrets(text: string, keys: ReadonlyArray<string | undefined> = []): string {
  let out = text;
  for (const key of keys) if (key && key.length >= 4) out = out.split(key).join('[redacted]');
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : Number(seconds.toFixed(3))} s`;
}

/** The provider's own error message when it sent one (`{error: {message}}`), else the SDK's. */
function upstreamMessage(shape: SdkErrorShape): string {
  const body = shape.error;
  if (typeof body === 'object' && body !== null) {
    const inner = (body as { error?: unknown; message?: unknown }).error ?? body;
    const message =
      typeof inner === 'object' && inner !== null ? (inner as { message?: unknown }).message : undefined;
    if (typeof message === 'string' && message !== '') return message.slice(0, 200);
  }
  const message = typeof shape.message === 'string' ? shape.message.replace(/^\d{3}\s*/, '') : '';
  return message.slice(0, 200);
}

/** Runs `call` with a deadline over all its attempts; the SDK's retries happen inside it. */
export async function withDeadline<T>(
  timeoutMs: number,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('deadline')), timeoutMs);
  try {
    return await call(controller.signal);
  } catch (error) {
    throw toProviderError(error, controller.signal.aborted, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}
