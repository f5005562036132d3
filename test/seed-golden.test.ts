/**
 * The seed-scenario edition as Markdown, kept in the repository (test/golden/seed-edition.md), so
 * that any change to what the paper says shows up as a diff in review. After an intended wording
 * change, regenerate it with `UPDATE_GOLDEN=1 npx vitest run test/seed-golden.test.ts` and read
 * the diff before committing it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEditionMarkdown } from '../src/renderers/markdown/index.js';
import { seedEdition } from '../src/testing/editions/editions.js';

const GOLDEN = new URL('./golden/seed-edition.md', import.meta.url);

describe('the seed edition, word for word', () => {
  it('matches the reviewed Markdown snapshot', async () => {
    const markdown = renderEditionMarkdown(await seedEdition({ number: 4 }), {
      baseUrl: 'https://post.example.org',
    });
    if (process.env.UPDATE_GOLDEN === '1' && process.env.CI !== 'true') writeFileSync(GOLDEN, markdown);
    expect(markdown).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('still leads with the weekend independents, as the seed edition does', async () => {
    const edition = await seedEdition();
    expect(edition.plan.lead?.kind).toBe('weekend-surge');
    expect(edition.text.sections.every((s) => s.factCheck.ok)).toBe(true);
  });
});
