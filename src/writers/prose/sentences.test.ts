import { describe, expect, it } from 'vitest';
import type { EditionText, Inline, SectionText } from '../../core/text.js';
import { KnownNames, proseSentences, sentenceTemplate, splitSentences, wordCount } from './sentences.js';

const link = (text: string, href = `https://huggingface.co/${encodeURIComponent(text)}`) => ({ text, href });
const texts = (pieces: Inline[] | string) =>
  splitSentences(pieces).map((sentence) =>
    sentence.map((piece) => (typeof piece === 'string' ? piece : piece.text)).join(''),
  );

describe('splitSentences', () => {
  it('ends a sentence at . ! or ? followed by a space or the end', () => {
    expect(texts('One. Two! Three? Four.')).toEqual(['One.', 'Two!', 'Three?', 'Four.']);
    expect(texts('No final stop')).toEqual(['No final stop']);
  });

  it('does not split numbers, versions, sizes, handles, URLs or file names', () => {
    const text =
      'Qwen2.5-0.5B has 0.5B parameters, 1.2k likes and 3.5% growth since v1.2.3 of the library. ' +
      'Ask @some.user or see https://example.org/a.b/c.html and model.safetensors for details.';
    expect(texts(text)).toHaveLength(2);
  });

  it('does not split after abbreviations, initials or "No." before a number', () => {
    expect(
      texts(
        'Small models, e.g. Phi, run on laptops. It ranks No. 12 today, vs. No. 30 last week. ' +
          'J. R. Smith wrote it, i.e. one person. Labs in the U.S. and elsewhere ship weekly.',
      ),
    ).toEqual([
      'Small models, e.g. Phi, run on laptops.',
      'It ranks No. 12 today, vs. No. 30 last week.',
      'J. R. Smith wrote it, i.e. one person.',
      'Labs in the U.S. and elsewhere ship weekly.',
    ]);
  });

  it('splits after "etc." only when a capital follows, and after "No." when no number follows', () => {
    expect(texts('Models, datasets, etc. are listed. Spaces, apps etc. Then papers.')).toEqual([
      'Models, datasets, etc. are listed.',
      'Spaces, apps etc.',
      'Then papers.',
    ]);
    expect(texts('The answer was No. Nobody asked again.')).toEqual([
      'The answer was No.',
      'Nobody asked again.',
    ]);
  });

  it('ends a sentence after a closing quote or bracket', () => {
    expect(texts('He called it “the best yet.” Others disagreed. (They often do.) Fine.')).toEqual([
      'He called it “the best yet.”',
      'Others disagreed.',
      '(They often do.)',
      'Fine.',
    ]);
  });

  it('never cuts a link, and a sentence may end right after one', () => {
    const pieces: Inline[] = [
      'Watch ',
      link('Is Scale All You Need? No.'),
      ' today. ',
      link('kvasir-dev'),
      ' published ',
      link('K8'),
      '. It is the ninth.',
    ];
    const sentences = splitSentences(pieces);
    expect(sentences).toEqual([
      ['Watch ', link('Is Scale All You Need? No.'), ' today.'],
      [link('kvasir-dev'), ' published ', link('K8'), '.'],
      ['It is the ninth.'],
    ]);
  });

  it('drops empty pieces and sentences without a letter or digit', () => {
    expect(texts(['', 'One.  ', '', ' … '])).toEqual(['One.']);
  });
});

describe('sentenceTemplate', () => {
  it('blanks linked names, numbers in every form, number words, days and name-shaped words', () => {
    expect(
      sentenceTemplate([
        link('Z3'),
        ' gained 1,234 stars (+340, 67%) on Sunday, five hours after ',
        link('Z2'),
        '; it is 3rd with 1.2k likes and 0.5B parameters.',
      ]),
    ).toBe(
      '⟨name⟩ gained ⟨n⟩ stars (⟨n⟩, ⟨n⟩) on ⟨day⟩, ⟨n⟩ hours after ⟨name⟩; it is ⟨n⟩ with ⟨n⟩ likes and ⟨n⟩ parameters.',
    );
    expect(sentenceTemplate('owner/model-7B by @some_user, K8 and Qwen2.5 beat GPT-5 in March.')).toBe(
      '⟨name⟩ by ⟨name⟩, ⟨name⟩ and ⟨name⟩ beat ⟨name⟩ in ⟨day⟩.',
    );
    expect(
      sentenceTemplate('A 4.2B-parameter model in the Top-10, for the first time since 2025-06-01.'),
    ).toBe('a ⟨n⟩-parameter model in the top-⟨n⟩, for the ⟨n⟩ time since ⟨day⟩.');
    expect(sentenceTemplate('A one-day spike, twelve models, version 4.41.0.')).toBe(
      'a ⟨n⟩-day spike, ⟨n⟩ models, version ⟨name⟩.',
    );
  });

  it('gives two sentences that differ only by names and numbers the same template', () => {
    const a = sentenceTemplate([
      link('author-5'),
      '’s ',
      link('model 5'),
      ' climbed 35 places to 50th, with 1.2k likes.',
    ]);
    const b = sentenceTemplate([
      link('kvasir-dev'),
      "'s ",
      link('Big-70B'),
      ' climbed 3 places to 7th, with 940 likes.',
    ]);
    expect(a).toBe(b);
    expect(a).toBe("⟨name⟩'s ⟨name⟩ climbed ⟨n⟩ places to ⟨n⟩, with ⟨n⟩ likes.");
  });

  it('keeps different shapes apart: a list of two is not a list of three', () => {
    const two = sentenceTemplate(['The models are ', link('a1'), ' and ', link('b2'), '.']);
    const three = sentenceTemplate([
      'The models are ',
      link('a1'),
      ', ',
      link('b2'),
      ' and ',
      link('c3'),
      '.',
    ]);
    expect(two).toBe('the models are ⟨name⟩ and ⟨name⟩.');
    expect(three).toBe('the models are ⟨name⟩, ⟨name⟩ and ⟨name⟩.');
    expect(sentenceTemplate('The models climbed.')).not.toBe(sentenceTemplate('The models fell.'));
  });

  it('reads a name written as two links joined by a slash as one name', () => {
    expect(sentenceTemplate(['See ', link('some-lab'), '/', link('Big-70B'), '.'])).toBe(
      sentenceTemplate(['See ', link('kvasir'), '.']),
    );
  });

  it('straightens quotes, collapses white space and lower-cases', () => {
    expect(sentenceTemplate('  It’s   “Good”\tNews.  ')).toBe('it\'s "good" news.');
  });

  it('keeps "may" and "march" as verbs when lower-case', () => {
    expect(sentenceTemplate('Prices may march up in May.')).toBe('prices may march up in ⟨day⟩.');
  });

  it('blanks known names where they appear without a link, whatever their case', () => {
    const names = new KnownNames(['model 5', 'kvasir-dev']);
    expect(sentenceTemplate('Model 5 Climbs 35 Places as kvasir-dev Ships', { names })).toBe(
      '⟨name⟩ climbs ⟨n⟩ places as ⟨name⟩ ships',
    );
    // A known name inside a longer word or number is not that name.
    expect(sentenceTemplate('model 50 is not it', { names })).toBe('model ⟨n⟩ is not it');
  });
});

const section = (id: SectionText['id'], parts: Partial<SectionText>): SectionText => ({
  id,
  title: `${id} title`,
  paragraphs: [],
  isOpinion: false,
  writer: 'newsroom',
  factCheck: { ok: true, failures: [] },
  ...parts,
});

function edition(sections: SectionText[]): EditionText {
  const lead = sections.find((s) => s.id === 'lead');
  return {
    version: 1,
    date: '2026-08-23',
    writer: 'newsroom',
    headline: lead?.title ?? 'Headline',
    standfirst: lead?.standfirst ?? 'Standfirst.',
    sections,
    usage: { inputTokens: 0, outputTokens: 0, llmCalls: 0 },
    notes: [],
  };
}

describe('proseSentences', () => {
  const text = edition([
    section('lead', {
      title: 'kvasir-dev Ships K8',
      standfirst: 'kvasir-dev published K8 five hours after K7.',
      paragraphs: [[link('kvasir-dev'), ' published ', link('K8'), ' today. Both trend.']],
    }),
    section('trending', {
      title: 'Trending Now',
      paragraphs: [['What the lists show today.']],
      entries: [{ name: [link('K8')], blurb: ['Model by kvasir-dev, 1st on the list. 40 likes.'] }],
    }),
  ]);

  it('reads the headline once (as the lead title), then standfirsts and paragraph sentences', () => {
    expect(proseSentences(text).map((s) => [s.section, s.at, s.prose, s.text])).toEqual([
      ['lead', 'title', true, 'kvasir-dev Ships K8'],
      ['lead', 'standfirst', true, 'kvasir-dev published K8 five hours after K7.'],
      ['lead', 'paragraph', true, 'kvasir-dev published K8 today.'],
      ['lead', 'paragraph', true, 'Both trend.'],
      ['trending', 'title', false, 'Trending Now'],
      ['trending', 'paragraph', true, 'What the lists show today.'],
      ['trending', 'entry', false, 'Model by kvasir-dev, 1st on the list.'],
      ['trending', 'entry', false, '40 likes.'],
    ]);
  });

  it('blanks the names the edition links wherever they appear', () => {
    expect(proseSentences(text)[0]?.template).toBe('⟨name⟩ ships ⟨name⟩');
  });

  it('falls back to the headline and standfirst when there is no lead section', () => {
    const noLead = { ...edition([]), headline: 'A Headline', standfirst: 'A standfirst.' };
    expect(proseSentences(noLead).map((s) => [s.section, s.at, s.text])).toEqual([
      ['lead', 'title', 'A Headline'],
      ['lead', 'standfirst', 'A standfirst.'],
    ]);
  });
});

describe('wordCount', () => {
  it('counts runs holding a letter or digit', () => {
    expect(wordCount('model 5 gained +340 stars — a record.')).toBe(7);
    expect(wordCount('Émile’s naïve 3rd try')).toBe(4);
  });
});
