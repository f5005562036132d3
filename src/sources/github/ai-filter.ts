/**
 * @module sources/github/ai-filter
 * Decides whether a GitHub repository is about AI/ML, and says why, so every kept or dropped
 * repository can be explained. Rules favour precision: a trending list with a few AI repositories
 * missing is better than one padded with storage engines and SSH tools.
 *
 * Rule table (one STRONG signal is enough; a WEAK signal only counts with another one):
 *
 * | signal            | strength | how it matches                                                        |
 * |-------------------|----------|-----------------------------------------------------------------------|
 * | topic             | strong   | exact topic (machine-learning, llm, pytorch, …) or a topic whose      |
 * |                   |          | dash-separated words include ai/llm/gpt/nlp/rag/genai/agentic/…       |
 * | owner             | strong   | a known AI lab or AI tooling org (huggingface, openai, anthropics, …)  |
 * | keyword           | strong   | description, or the repo name split into words (camelCase, -, _, .),   |
 * |                   |          | matched with word boundaries: LLM, GPT, AI (upper case), ML (upper     |
 * |                   |          | case), transformer (not "AST/code/data transformer"), neural,          |
 * |                   |          | diffusion (not "reaction-diffusion"), agent(s)/agentic (not            |
 * |                   |          | "user agent", "SSH agent", "no agents to install", …), RAG (upper     |
 * |                   |          | case), embeddings, fine-tuning, inference (not "type inference"),     |
 * |                   |          | "machine/deep/reinforcement learning", "computer vision", "artificial |
 * |                   |          | intelligence", NLP, multimodal, MCP, model and tool names (Llama,      |
 * |                   |          | Qwen, Mistral, Gemma, DeepSeek, Claude, Gemini, ChatGPT, Ollama,      |
 * |                   |          | PyTorch, TensorFlow, Keras, Hugging Face, Stable Diffusion, …), and    |
 * |                   |          | Chinese terms (机器学习, 深度学习, 人工智能, 大模型, 智能体, 神经网络)     |
 * | weak keyword      | weak     | model(s), dataset(s), training, prediction, classification, detection, |
 * |                   |          | segmentation, recognition, prompt(s), chatbot                         |
 * | language          | weak     | Jupyter Notebook                                                       |
 *
 * A repository is AI when it has a strong signal, or the Jupyter Notebook language together with a
 * weak keyword. Weak keywords alone never count ("a data model for train schedules" is not AI).
 * Known misses, accepted: AI apps whose text names none of the above (e.g. "reverse-engineered
 * clone of DeepNude"), and repositories with neither description nor topics.
 */

export interface RepositorySignals {
  owner: string;
  name: string;
  description?: string | undefined;
  topics?: readonly string[] | undefined;
  language?: string | undefined;
}

export interface AiDecision {
  isAi: boolean;
  /** Every signal found, e.g. `topic:llm`, `keyword:"fine-tuning"`, `language:Jupyter Notebook`. */
  reasons: string[];
}

const AI_TOPICS = new Set([
  'artificial-intelligence',
  'machine-learning',
  'deep-learning',
  'deep-neural-networks',
  'neural-network',
  'neural-networks',
  'reinforcement-learning',
  'large-language-models',
  'natural-language-processing',
  'computer-vision',
  'pytorch',
  'tensorflow',
  'keras',
  'jax',
  'transformers',
  'transformer',
  'huggingface',
  'hugging-face',
  'diffusion',
  'stable-diffusion',
  'diffusion-models',
  'text-to-image',
  'image-generation',
  'text-to-speech',
  'speech-recognition',
  'speech-synthesis',
  'object-detection',
  'semantic-segmentation',
  'embeddings',
  'vector-database',
  'fine-tuning',
  'finetuning',
  'inference',
  'langchain',
  'llamaindex',
  'llama',
  'llama-cpp',
  'ollama',
  'vllm',
  'openai',
  'anthropic',
  'claude',
  'claude-code',
  'chatgpt',
  'gemini',
  'deepseek',
  'qwen',
  'mistral',
  'mlops',
  'model-context-protocol',
  'mcp',
  'mcp-server',
  'retrieval-augmented-generation',
  'autonomous-agents',
  'multi-agent',
  'agents',
]);

/** Words that make a dash-separated topic AI (`llm-inference`, `generative-ai`, `ai-agents`). */
const AI_TOPIC_WORDS = new Set(['ai', 'llm', 'llms', 'gpt', 'genai', 'nlp', 'rag', 'agentic', 'ml', 'mlops']);

/** Organisations whose public repositories are AI work, lower case. */
const AI_OWNERS = new Set([
  'huggingface',
  'openai',
  'anthropics',
  'deepseek-ai',
  'meta-llama',
  'facebookresearch',
  'google-deepmind',
  'deepmind',
  'mistralai',
  'qwenlm',
  'ollama',
  'ggml-org',
  'vllm-project',
  'langchain-ai',
  'run-llama',
  'unslothai',
  'lm-sys',
  'nousresearch',
  'stability-ai',
  'pytorch',
  'keras-team',
]);

interface KeywordRule {
  /** How the reason names it. */
  label: string;
  pattern: RegExp;
}

/** Words before "agent" that mean a software daemon, not an AI agent. */
const NON_AI_AGENT =
  '(?<!\\b(?:user|ssh|gpg|build|ci|monitoring|profiling|logging|metrics|telemetry|observability|backup|zabbix|datadog|puppet|jenkins|teamcity|no|install|installing|an? installed)[\\s-]+)';

const STRONG_KEYWORDS: readonly KeywordRule[] = [
  { label: 'LLM', pattern: /\bLLMs?\b/i },
  { label: 'large language model', pattern: /\blarge language models?\b/i },
  { label: 'GPT', pattern: /\bGPT(?:[-\d.]*|s)\b/i },
  { label: 'ChatGPT', pattern: /\bChatGPT\b/i },
  { label: 'AI', pattern: /\bAI\b|\bA\.I\./ },
  { label: 'AI', pattern: /\bai-(?:powered|driven|native|based|first|assisted|generated)\b/i },
  { label: 'artificial intelligence', pattern: /\bartificial intelligence\b/i },
  { label: 'ML', pattern: /(?<!Standard )\bML\b/ },
  { label: 'machine learning', pattern: /\bmachine[- ]learning\b/i },
  { label: 'deep learning', pattern: /\bdeep[- ]?learning\b/i },
  { label: 'reinforcement learning', pattern: /\breinforcement[- ]learning\b/i },
  { label: 'neural', pattern: /\bneural\b/i },
  {
    label: 'transformer',
    pattern:
      /(?<!\b(?:ast|babel|code|css|data|json|stream|xml|source|power|voltage)[\s-]+)\btransformers?\b/i,
  },
  { label: 'diffusion', pattern: /(?<!reaction[\s-])\bdiffusion\b/i },
  { label: 'agent', pattern: new RegExp(`${NON_AI_AGENT}\\bagents?\\b(?![\\s-]+to install)`, 'i') },
  { label: 'agentic', pattern: /\bagentic\b/i },
  { label: 'RAG', pattern: /\bRAG\b/ },
  { label: 'retrieval-augmented', pattern: /\bretrieval[- ]augmented\b/i },
  {
    label: 'embeddings',
    pattern:
      /\bembeddings\b|\bembedding (?:models?|vectors?|search)\b|\b(?:text|sentence|word|vector) embeddings?\b/i,
  },
  { label: 'fine-tuning', pattern: /\bfine-?tun(?:e|es|ed|ing)\b/i },
  { label: 'inference', pattern: /(?<!\btype[\s-])\binference\b/i },
  { label: 'computer vision', pattern: /\bcomputer vision\b/i },
  { label: 'NLP', pattern: /\bNLP\b|\bnatural language processing\b/i },
  { label: 'multimodal', pattern: /\bmulti-?modal\b/i },
  { label: 'generative', pattern: /\bgenerative (?:ai|models?|art|video|image)\b|\bgen ?ai\b/i },
  { label: 'MCP', pattern: /\bMCP\b|\bmodel context protocol\b/i },
  // Model families and AI products; a prefix match catches Llama2, Qwen3.6, deepseekcoder.
  { label: 'Llama', pattern: /\b(?:code)?llama(?!s\b)/i },
  { label: 'model name', pattern: /\b(?:qwen|mistral|mixtral|gemma|deepseek|chatglm|stablelm)/i },
  { label: 'Claude', pattern: /\bclaude\b/i },
  { label: 'Gemini', pattern: /\bGemini\b(?![\s-]+(?:protocol|capsule))/i },
  { label: 'Codex', pattern: /\bCodex\b/ },
  { label: 'OpenAI', pattern: /\bOpenAI\b/i },
  { label: 'Anthropic', pattern: /\bAnthropic\b/i },
  { label: 'Ollama', pattern: /\bOllama\b/i },
  { label: 'Hugging Face', pattern: /\bHugging ?Face\b/i },
  { label: 'DeepMind', pattern: /\bDeepMind\b/i },
  { label: 'framework', pattern: /\b(?:PyTorch|TensorFlow|Keras|TensorRT|MLX|vLLM|llama\.cpp|ONNX)\b/i },
  { label: 'Stable Diffusion', pattern: /\bStable ?Diffusion\b/i },
  { label: 'CLIP', pattern: /\bCLIP\b/ },
  { label: 'Chinese AI term', pattern: /机器学习|深度学习|人工智能|大模型|大语言模型|智能体|神经网络/ },
];

const WEAK_KEYWORDS: readonly KeywordRule[] = [
  { label: 'model', pattern: /\bmodels?\b/i },
  { label: 'dataset', pattern: /\bdatasets?\b/i },
  { label: 'training', pattern: /\btraining\b|\btrain(?:ed)? (?:a|the|your|on)\b/i },
  { label: 'prediction', pattern: /\bpredict(?:ion|ions|ive|s)?\b/i },
  { label: 'classification', pattern: /\bclassif(?:ication|ier|iers|y)\b/i },
  { label: 'detection', pattern: /\bdetection\b/i },
  { label: 'segmentation', pattern: /\bsegmentation\b/i },
  { label: 'recognition', pattern: /\brecognition\b/i },
  { label: 'prompt', pattern: /\bprompts?\b/i },
  { label: 'chatbot', pattern: /\bchat ?bots?\b/i },
];

/** Decides and explains; pure, so tests can pin every rule. */
export function classifyRepository(repo: RepositorySignals): AiDecision {
  const strong: string[] = [];
  const weak: string[] = [];

  for (const topic of repo.topics ?? []) {
    const normalised = topic.toLowerCase();
    if (AI_TOPICS.has(normalised) || normalised.split('-').some((word) => AI_TOPIC_WORDS.has(word)))
      strong.push(`topic:${normalised}`);
  }
  if (AI_OWNERS.has(repo.owner.toLowerCase())) strong.push(`owner:${repo.owner}`);

  // Each rule sees the text as written and with camelCase split, so `ChatGPT`, `CodeLlama` and
  // `LLaMA` all match; the name counts like the description (`LLMs-from-scratch`, `GenericAgent`).
  const nameWords = repo.name.replace(/[-_.]+/g, ' ');
  const texts = [
    ...(repo.description ? [repo.description, splitCamelCase(repo.description)] : []),
    nameWords,
    splitCamelCase(nameWords),
  ];
  for (const rule of STRONG_KEYWORDS) {
    if (texts.some((text) => rule.pattern.test(text))) strong.push(`keyword:${rule.label}`);
  }
  for (const rule of WEAK_KEYWORDS) {
    if (texts.some((text) => rule.pattern.test(text))) weak.push(`weak keyword:${rule.label}`);
  }
  const jupyter = repo.language?.toLowerCase() === 'jupyter notebook';

  const reasons = unique([...strong, ...(jupyter ? ['language:Jupyter Notebook'] : []), ...weak]);
  const isAi = strong.length > 0 || (jupyter && weak.length > 0);
  return { isAi, reasons };
}

/** Splits camelCase runs so word-boundary rules see `CodeLlama` as `Code Llama`, `ChatGPTSwiftUI` as `Chat GPT Swift UI`. */
export function splitCamelCase(text: string): string {
  return text.replace(/([a-z\d])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
