/**
 * @module writers/consistency/names
 * Names keep their case: every author, owner and repository or model name of the plan is written
 * as upstream writes it, even at a sentence start ("kvasir-dev’s K8", never "Kvasir-dev’s K8"; put
 * another word first instead). A word of the text that equals a plan name but for case fails,
 * unless upstream itself writes it that way somewhere in the plan.
 *
 * Which names: those shaped like identifiers (a digit, `-`, `_`, `.` or a capital letter in them:
 * `kvasir-dev`, `H25`, `Qwen`, `OBLITERATUS`) and the handles of individual authors. A plain
 * lower-case word of an organisation or repository (`google`, `transformers`) is left alone: it may
 * be an ordinary word or the company's own name in prose ("Google"), which only a dictionary could
 * tell apart. Words inside an `owner/name` id are left alone: ids are copied whole, and one owner
 * may be spelt differently on two platforms.
 */
import { type PlanView, quote, type Sentence } from './view.js';

const WORD = /[\p{L}\d][\p{L}\d_.-]*/gu;

export function checkNameCase(view: PlanView, sentences: readonly Sentence[]): string[] {
  const failures: string[] = [];
  const reported = new Set<string>();
  for (const sentence of sentences) {
    for (const match of sentence.text.matchAll(WORD)) {
      const word = match[0].replace(/[.\-_]+$/, '');
      // Part of an `owner/name` id: ids are copied whole, and the same owner may be spelt
      // differently on another platform (`Saltmarsh` on the Hub, `saltmarsh/tideline` on GitHub).
      const at = match.index ?? 0;
      if (sentence.text[at + match[0].length] === '/' || sentence.text[at - 1] === '/') continue;
      const entry = view.names.get(word.toLowerCase());
      if (!entry?.checked || entry.spellings.has(word) || reported.has(word)) continue;
      reported.add(word);
      const upstream = [...entry.spellings].map((s) => `"${s}"`).join(' or ');
      failures.push(
        `name case: "${word}" is written ${upstream} upstream; keep its case, even at the start of a ` +
          `sentence (put another word first): ${quote(sentence.text)}`,
      );
    }
  }
  return failures;
}
