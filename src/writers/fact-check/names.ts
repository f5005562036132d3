/**
 * @module writers/fact-check/names
 * The names a section may use: every id, title, author, family, base model, subject and label of
 * the plan, searched case-insensitively. A name passes when it equals one of them or appears in
 * one as a whole part ("Llama-3.3" in "meta-llama/Llama-3.3-70B-Instruct", "H24" in
 * "hanyc4855/H24"), never as a fragment of a longer word or number ("H2" in "H24", "Qwen2" in
 * "Qwen2.5").
 */

/**
 * Terms any section may use without the plan naming them. Only words with digits, slashes or an
 * `@` are ever checked, so the plain words here matter only inside those forms ("AI/ML").
 */
const GENERIC = [
  'ai',
  'ml',
  'llm',
  'llms',
  'gpu',
  'gpus',
  'cpu',
  'tpu',
  'nlp',
  'hugging face',
  'huggingface',
  'github',
  'arxiv',
  // Hardware and number formats that articles about models mention in passing.
  'fp4',
  'fp8',
  'fp16',
  'bf16',
  'fp32',
  'int4',
  'int8',
  'x86',
  'x86-64',
  'arm64',
  'a100',
  'a10g',
  'h100',
  'h200',
  'b200',
  'gb200',
  'l4',
  't4',
  'v100',
  'mi300x',
  'mp3',
  'mp4',
  'utf-8',
  'utf8',
  'covid-19',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const GENERIC_SET: ReadonlySet<string> = new Set(GENERIC);

export function isGeneric(name: string): boolean {
  return GENERIC_SET.has(name.toLowerCase());
}

function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 97 && code <= 122) || // a-z (the haystack is lower case)
    code > 127 // other scripts: treated as letters
  );
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export class NameSet {
  private readonly exact: Set<string>;
  private readonly haystack: string;

  constructor(names: Iterable<string>) {
    const lower = [...names].filter((n) => n.length > 0).map((n) => n.toLowerCase());
    this.exact = new Set(lower);
    // One string, names separated by newlines, so containment is a single indexOf scan.
    this.haystack = `\n${lower.join('\n')}\n`;
  }

  has(name: string): boolean {
    const q = name.toLowerCase();
    if (q.length === 0) return false;
    if (this.exact.has(q) || GENERIC_SET.has(q)) return true;
    const hay = this.haystack;
    for (let at = hay.indexOf(q); at >= 0; at = hay.indexOf(q, at + 1)) {
      if (isWordChar(hay.charCodeAt(at - 1))) continue;
      const end = at + q.length;
      const after = hay.charCodeAt(end);
      if (isWordChar(after)) continue;
      // "Qwen2" is not "Qwen2.5": a point followed by a digit continues the number.
      if (after === 46 && isDigit(hay.charCodeAt(end + 1)) && isDigit(q.charCodeAt(q.length - 1))) continue;
      return true;
    }
    return false;
  }
}
