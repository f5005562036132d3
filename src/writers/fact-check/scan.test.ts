import { describe, expect, it } from 'vitest';
import { type Claim, scanClaims } from './scan.js';

/** Claims as short strings: numbers as "text=value±half%", others as "kind:text". */
function brief(text: string): string[] {
  return scanClaims(text).map((claim: Claim) => {
    if (claim.kind !== 'number') return `${claim.kind === 'name' ? claim.form : claim.kind}:${claim.text}`;
    const { shown } = claim;
    return `${shown.text}=${shown.value}±${shown.halfUnit}${shown.percent ? '%' : ''}${claim.hint ? ` (${claim.hint})` : ''}`;
  });
}

describe('scanClaims', () => {
  it('reads numbers in newspaper formats, with their precision', () => {
    expect(brief('1,234 likes, 1.2k stars, 3.4M downloads, 0.5B and 7b params, 270M')).toEqual([
      '1,234=1234±0.5 (likes)',
      '1.2k=1200±50 (stars)',
      '3.4M=3400000±50000 (downloads)',
      '0.5B=500000000±50000000',
      '7b=7000000000±500000000 (params)',
      '270M=270000000±500000',
    ]);
  });

  it('reads percentages, signs, ordinals, ranks and scale words', () => {
    expect(brief('67% +340 −12 #3 3rd 14th 1.5 billion 66.7 percent 12 per cent 8 %')).toEqual([
      '67%=67±0.5%',
      '+340=340±0.5',
      '−12=12±0.5',
      '#3=3±0.5',
      '3rd=3±0.5',
      '14th=14±0.5',
      '1.5 billion=1500000000±50000000',
      '66.7 percent=66.7±0.05%',
      '12 per cent=12±0.5%',
      '8%=8±0.5%',
    ]);
  });

  it('reads names shaped like models, repositories, handles and versions', () => {
    expect(brief('GPT-5, Qwen3 and H24 by @hanyc4855; meta-llama/Llama-3.3-70B, v4.41 and 4.41.0.')).toEqual([
      'model:GPT-5',
      'model:Qwen3',
      'model:H24',
      'handle:@hanyc4855',
      'repository:meta-llama/Llama-3.3-70B',
      'model:v4.41',
      'version:4.41.0',
    ]);
  });

  it('keeps the numbers inside names out of the numbers', () => {
    expect(brief('Qwen2.5-0.5B-Medical tiny-story-270M')).toEqual([
      'model:Qwen2.5-0.5B-Medical',
      'model:tiny-story-270M',
    ]);
  });

  it('treats plain word pairs and fractions with a slash as prose and numbers', () => {
    expect(brief('and/or AI/ML 8/12 24/7')).toEqual(['8=8±0.5', '12=12±0.5', '24=24±0.5', '7=7±0.5']);
  });

  it('reads Top-10 as a number, dates, ranges, times and links', () => {
    expect(brief('Top-10 2026-08-23 2026-08-18..2026-08-23 10-20 16:00 https://hf.co/x/y-1')).toEqual([
      '10=10±0.5',
      'date:2026-08-23',
      'date:2026-08-18',
      'date:2026-08-23',
      '10=10±0.5',
      '20=20±0.5',
      '16=16±0.5',
      '00=0±0.5',
      'link:https://hf.co/x/y-1',
    ]);
  });

  it('takes words apart at markup and trims punctuation and possessives', () => {
    expect(brief("**H24's** [H25](https://x.test/H25) `1.2k`, _412_ (355). <b>57</b>")).toEqual([
      'model:H24',
      'model:H25',
      'link:https://x.test/H25',
      '1.2k=1200±50',
      '412=412±0.5',
      '355=355±0.5',
      '57=57±0.5',
    ]);
  });

  it('does not let a hint or a scale word cross punctuation', () => {
    expect(brief('at #7. Million readers; 12, billion')).toEqual(['#7=7±0.5', '12=12±0.5']);
  });

  it('ignores words without digits, emoji and odd characters', () => {
    expect(brief('Independent developers 🚀 👍🏽 naïve ünïcode \u200b \u0000 — … ¹²')).toEqual([]);
    expect(brief('')).toEqual([]);
  });
});

describe('scanClaims: units and derived figures', () => {
  /** Numbers with their marks: "~" approximate, "÷" ratio (marked or word). */
  function marked(text: string): string[] {
    return scanClaims(text).map((claim) => {
      if (claim.kind !== 'number') return `${claim.kind}:${claim.text}`;
      const marks = `${claim.approx ? '~' : ''}${claim.ratio === 'word' ? '÷word' : claim.ratio ? '÷' : ''}`;
      return `${claim.shown.text}=${claim.shown.value}${marks}${claim.hint ? ` (${claim.hint})` : ''}`;
    });
  }

  it('reads the usual spellings of units as scaled numbers', () => {
    expect(
      brief('1.5 billion; 1.5-billion-parameter; 1.5bn; 270 million; 1.5B-parameter; 27.1 thousand stars'),
    ).toEqual([
      '1.5 billion=1500000000±50000000',
      '1.5-billion=1500000000±50000000 (parameter)',
      '1.5bn=1500000000±50000000',
      '270 million=270000000±500000',
      '1.5B=1500000000±50000000 (parameter)',
      '27.1 thousand=27100±50 (stars)',
    ]);
    expect(brief('a 270-million-parameter model, 3-day window, 10-20')).toEqual([
      '270-million=270000000±500000 (parameter)',
      '3=3±0.5 (day)',
      '10=10±0.5',
      '20=20±0.5',
    ]);
  });

  it('skips a comparative to find what a number counts', () => {
    expect(marked('45 more likes than K7, 12 fewer stars, 3 less. 9 extra downloads')).toEqual([
      '45=45 (likes)',
      'name:K7',
      '12=12 (stars)',
      '3=3',
      '9=9 (downloads)',
    ]);
  });

  it('marks ratios written as ratios, and approximate numbers', () => {
    expect(
      marked(
        '3.2 times as many, 3.2×, 3.2x, 4-fold, about 47 downloads per like, 13 per star, 5 for every fork',
      ),
    ).toEqual(['3.2=3.2÷', '3.2×=3.2÷', '3.2x=3.2÷', '4=4÷', '47=47~÷ (downloads)', '13=13÷', '5=5÷']);
    expect(marked('roughly 400 likes, nearly 3,000, ~90, ≈12 and 12 per cent, 3 percent per day')).toEqual([
      '400=400~ (likes)',
      '3,000=3000~',
      '90=90~',
      '≈12=12~',
      '12 per cent=12',
      '3 percent=3',
    ]);
    // Punctuation parts a number from the words around it.
    expect(marked('about. 47, per like')).toEqual(['47=47']);
  });

  it('reads ratio words only where they compare', () => {
    expect(
      marked(
        'twice as many likes; double the downloads; three times the stars; ten times more; ' +
          'half as many; half of them; a third of its stars; one quarter of the list',
      ),
    ).toEqual([
      'twice=2÷word',
      'double=2÷word',
      'three times=3÷word',
      'ten times=10÷word',
      'half=0.5÷word',
      'half=0.5÷word',
      'a third=0.3333333333333333÷word',
      'one quarter=0.25÷word',
    ]);
    expect(
      marked(
        'published twice; twice, as; double spaces; three times this week; the second half of the list; ' +
          'a third model; a quarter. Of; half-time',
      ),
    ).toEqual([]);
  });
});
