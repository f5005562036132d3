/**
 * @module writers/prose/memory
 * What every writer does to a finished edition: drop a paragraph sentence printed earlier in the
 * same edition, or word for word in one of the last seven editions (`recent`, hashes from the
 * plan), and record the edition's memory: the newsroom phrasings its sections used and a hash of
 * every prose sentence it printed, so the next editions' planner can tell the writers what to
 * avoid. A paragraph never loses its last sentence, and a sentence is kept when the next one
 * leans on it ("It …", "They …"), so no pronoun is left without its subject.
 */
import { type EditionText, type Inline, type Paragraph, plainText } from '../../core/text.js';
import { hash } from '../newsroom/phrases.js';
import { normaliseText, proseSentences, splitSentences } from './sentences.js';

/** A short, stable key for a sentence as printed. */
export function sentenceKey(text: string): string {
  const normal = normaliseText(text);
  return `${hash(normal).toString(16).padStart(8, '0')}${hash(`${normal}|2`).toString(16).padStart(8, '0')}`;
}

/** The edition without repeated sentences inside it, with its memory. */
export function finishEdition(text: EditionText, recent: readonly string[] = []): EditionText {
  const seen = new Set<string>();
  const printed = new Set(recent);
  const remember = (value: string | undefined) => {
    if (value) seen.add(sentenceKey(value));
  };
  const sections = text.sections.map((section) => {
    remember(section.title);
    remember(section.standfirst);
    const paragraphs = section.paragraphs.map((paragraph) => dedupe(paragraph, seen, printed));
    return { ...section, paragraphs };
  });
  const finished: EditionText = { ...text, sections };
  const sentences = [
    ...new Set(
      proseSentences(finished)
        .filter((sentence) => sentence.prose)
        .map((sentence) => sentenceKey(sentence.text)),
    ),
  ];
  const phrasings = [...new Set(sections.flatMap((section) => section.phrasings ?? []))];
  return { ...finished, memory: { phrasings, sentences } };
}

/** Words that open a sentence leaning on the one before. */
const LEANS_BACK =
  /^\s*(it|its|it’s|it's|they|their|them|that|this|these|those|both|all|each|none|so|but|and|yet|still|such)\b/i;

function dedupe(paragraph: Paragraph, seen: Set<string>, printed: ReadonlySet<string>): Paragraph {
  const sentences = splitSentences(paragraph);
  const kept: Inline[][] = [];
  sentences.forEach((sentence, i) => {
    const key = sentenceKey(plainText(sentence));
    const last = i === sentences.length - 1 && kept.length === 0;
    const next = sentences[i + 1];
    const needed = next !== undefined && LEANS_BACK.test(plainText(next));
    const repeat = seen.has(key) || (printed.has(key) && !needed);
    if (repeat && !last) return;
    seen.add(key);
    kept.push(sentence);
  });
  if (kept.length === sentences.length) return paragraph;
  const out: Inline[] = [];
  kept.forEach((sentence, i) => {
    if (i > 0) out.push(' ');
    sentence.forEach((piece, j) => {
      out.push(typeof piece === 'string' && i > 0 && j === 0 ? piece.trimStart() : piece);
    });
  });
  return merge(out);
}

function merge(pieces: Inline[]): Paragraph {
  const out: Inline[] = [];
  for (const piece of pieces) {
    const last = out.at(-1);
    if (typeof piece === 'string' && typeof last === 'string') out[out.length - 1] = last + piece;
    else out.push(piece);
  }
  return out.filter((piece) => typeof piece !== 'string' || piece.length > 0);
}

/**
 * The options no recent edition printed word for word (by `recent`, the plan's sentence hashes),
 * or all of them when every one was: for headlines, which a writer picks whole.
 */
export function unprinted<T extends string>(
  options: readonly [T, ...T[]],
  recent: readonly string[] = [],
): [T, ...T[]] {
  if (recent.length === 0) return [...options];
  const printed = new Set(recent);
  const fresh = options.filter((option) => !printed.has(sentenceKey(option)));
  return fresh.length > 0 ? (fresh as [T, ...T[]]) : [...options];
}
