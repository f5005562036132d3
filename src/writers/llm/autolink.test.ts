import { describe, expect, it } from 'vitest';
import { autolink, linkTargets } from './autolink.js';
import type { ScopeItem } from './scope.js';

function item(externalId: string, overrides: Partial<ScopeItem> = {}): ScopeItem {
  return {
    itemId: 1,
    key: externalId,
    name: externalId,
    url: `https://huggingface.co/${externalId}`,
    externalId,
    title: externalId,
    author: externalId.split('/')[0] ?? null,
    kind: 'model',
    ...overrides,
  };
}

describe('autolink', () => {
  const targets = linkTargets([item('hanyc4855/H24'), item('hanyc4855/H25')]);

  it('links every exact mention, longest name first, and the author to their page', () => {
    expect(autolink('hanyc4855/H24 and hanyc4855/H25 are by hanyc4855.', targets)).toEqual([
      { text: 'hanyc4855/H24', href: 'https://huggingface.co/hanyc4855/H24' },
      ' and ',
      { text: 'hanyc4855/H25', href: 'https://huggingface.co/hanyc4855/H25' },
      ' are by ',
      { text: 'hanyc4855', href: 'https://huggingface.co/hanyc4855' },
      '.',
    ]);
  });

  it('never links part of a longer name', () => {
    expect(autolink('hanyc4855/H245 and xhanyc4855', targets)).toEqual(['hanyc4855/H245 and xhanyc4855']);
  });

  it('links a release by its display name and stops a version at the sentence end', () => {
    const release = item('huggingface/transformers@v4.41.0', {
      kind: 'release',
      name: 'huggingface/transformers v4.41.0',
      title: 'v4.41.0',
      url: 'https://github.com/huggingface/transformers/releases/tag/v4.41.0',
      author: 'huggingface',
    });
    const links = linkTargets([release]);
    expect(autolink('Out now: v4.41.0. Not v4.41.0.1.', links)).toEqual([
      'Out now: ',
      { text: 'v4.41.0', href: 'https://github.com/huggingface/transformers/releases/tag/v4.41.0' },
      '. Not v4.41.0.1.',
    ]);
    expect(autolink('huggingface/transformers v4.41.0 ships', links)[0]).toEqual({
      text: 'huggingface/transformers v4.41.0',
      href: 'https://github.com/huggingface/transformers/releases/tag/v4.41.0',
    });
  });

  it('keeps names with markup or emoji as plain text to be escaped later, linked', () => {
    const space = item('acme/<b>chat</b>', {
      title: '🤗 Chat <b>bot</b>',
      url: 'https://huggingface.co/spaces/acme/chat',
    });
    expect(autolink('Try 🤗 Chat <b>bot</b> today', linkTargets([space]))).toEqual([
      'Try ',
      { text: '🤗 Chat <b>bot</b>', href: 'https://huggingface.co/spaces/acme/chat' },
      ' today',
    ]);
  });

  it('does not link to a URL that is not absolute http(s), nor a paper’s missing author', () => {
    const bad = item('acme/model', { url: 'javascript:alert(1)' });
    const paper = item('2608.01234', {
      kind: 'paper',
      title: 'Scaling Laws',
      author: null,
      url: 'https://huggingface.co/papers/2608.01234',
    });
    expect(autolink('acme/model by acme', linkTargets([bad]))).toEqual(['acme/model by acme']);
    expect(autolink('Read Scaling Laws.', linkTargets([paper]))).toEqual([
      'Read ',
      { text: 'Scaling Laws', href: 'https://huggingface.co/papers/2608.01234' },
      '.',
    ]);
    expect(autolink('', targets)).toEqual([]);
  });
});
