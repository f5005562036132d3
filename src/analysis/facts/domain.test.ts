import { describe, expect, it } from 'vitest';
import type { ItemAttributes } from '../../core/item.js';
import type { Domain } from '../../core/signals.js';
import { classifyDomain } from './domain.js';
import { historyItem } from './test-items.js';

describe('classifyDomain', () => {
  it.each<[string, ItemAttributes, Domain, string]>([
    ['a/anything', { tags: ['medical'] }, 'medical', 'tag:medical'],
    ['a/anything', { tags: ['medical-imaging'] }, 'medical', 'tag:medical'],
    ['a/anything', { tags: ['biology'] }, 'biology', 'tag:biology'],
    ['a/anything', { tags: ['finance'] }, 'finance', 'tag:finance'],
    ['a/anything', { tags: ['legal'] }, 'legal', 'tag:legal'],
    ['a/anything', { tags: ['chemistry'] }, 'chemistry', 'tag:chemistry'],
    ['a/anything', { tags: ['math'] }, 'math', 'tag:math'],
    ['a/anything', { tags: ['robotics'] }, 'robotics', 'tag:robotics'],
    ['a/anything', { tags: ['code'] }, 'code', 'tag:code'],
    ['a/anything', { tags: ['text-to-sql'] }, 'code', 'tag:sql'],
    ['a/BioMistral-7B', {}, 'biology', 'name:bio'],
    ['a/ProtGPT-protein-design', {}, 'biology', 'name:protein'],
    ['a/FinGPT-fin-r1', {}, 'finance', 'name:fin'],
    ['a/law-llm-zh', {}, 'legal', 'name:law'],
    ['a/Qwen2.5-Math-7B', {}, 'math', 'name:math'],
    ['a/ClinicalBERT', {}, 'medical', 'name:clinical'],
    ['a/Med42-v2', {}, 'medical', 'name:med'],
    ['a/fineweb-edu-classifier', {}, 'education', 'name:edu'],
    ['a/Llama-Guard-4', {}, 'safety', 'name:guard'],
    ['a/web-agent-7b', {}, 'agents', 'name:agent'],
    ['lerobot/smolvla_base', { pipelineTag: 'robotics' }, 'robotics', 'pipeline:robotics'],
    ['a/grasp', { tags: ['task_categories:robotics'] }, 'robotics', 'task:robotics'],
  ])('%s %j → %s (%s)', (id, attributes, domain, reason) => {
    expect(classifyDomain(historyItem(id, attributes))).toEqual({ domain, reason });
  });

  it('matches whole words only', () => {
    expect(classifyDomain(historyItem('a/median-filter')).domain).toBe('general');
    expect(classifyDomain(historyItem('a/final-answer')).domain).toBe('general');
    expect(classifyDomain(historyItem('a/lawn-mower')).domain).toBe('general');
    expect(classifyDomain(historyItem('a/biodiversity')).domain).toBe('general');
    // `custom_code` is the Hub's trust-remote-code flag, not a sign of a code model.
    expect(classifyDomain(historyItem('a/foo', { tags: ['custom_code'] })).domain).toBe('general');
  });

  it('reads camelCase and dotted names: Qwen2.5-Coder is code', () => {
    expect(
      classifyDomain(historyItem('Qwen/Qwen2.5-Coder-7B-Instruct', { pipelineTag: 'text-generation' })),
    ).toEqual({
      domain: 'code',
      reason: 'name:coder',
    });
    expect(classifyDomain(historyItem('a/MedGemma-4b')).reason).toBe('name:med');
    expect(classifyDomain(historyItem('a/QwenCoder')).reason).toBe('name:coder');
  });

  it('maps pipeline modalities from @huggingface/tasks', () => {
    const of = (pipelineTag: string) => classifyDomain(historyItem('a/x', { pipelineTag }));
    expect(of('object-detection')).toEqual({ domain: 'vision', reason: 'pipeline:object-detection' });
    expect(of('text-to-image').domain).toBe('vision');
    expect(of('automatic-speech-recognition').domain).toBe('speech-audio');
    expect(of('text-to-audio').domain).toBe('speech-audio');
    expect(of('image-text-to-text').domain).toBe('multimodal');
    expect(of('any-to-any').domain).toBe('multimodal');
    expect(of('text-generation')).toEqual({ domain: 'general', reason: 'default' });
    expect(of('not-a-pipeline')).toEqual({ domain: 'general', reason: 'default' });
  });

  it('lets subject domains beat modality domains', () => {
    const medicalVlm = historyItem('a/qwen2-vl-medical', { pipelineTag: 'image-text-to-text' });
    expect(classifyDomain(medicalVlm)).toEqual({ domain: 'medical', reason: 'name:medical' });
    const medicalFineTune = historyItem('jhuang583/qwen2.5-0.5b-medical', {
      pipelineTag: 'text-generation',
      baseModels: ['Qwen/Qwen2.5-0.5B-Instruct'],
    });
    expect(classifyDomain(medicalFineTune).domain).toBe('medical');
    const financeCharts = historyItem('a/chart-reader', { tags: ['finance'], pipelineTag: 'image-to-text' });
    expect(classifyDomain(financeCharts).domain).toBe('finance');
  });

  it("reads a fine-tune's base model name after its own name", () => {
    const item = historyItem('a/my-model', { baseModels: ['Qwen/Qwen2.5-Coder-1.5B'] });
    expect(classifyDomain(item)).toEqual({ domain: 'code', reason: 'base:coder' });
    const own = historyItem('a/my-med-model', { baseModels: ['Qwen/Qwen2.5-Coder-1.5B'] });
    expect(classifyDomain(own).reason).toBe('name:med');
  });

  it('reads dataset task categories and modality tags', () => {
    const detection = historyItem(
      'a/boxes',
      { tags: ['task_categories:object-detection', 'modality:image'] },
      { kind: 'dataset' },
    );
    expect(classifyDomain(detection)).toEqual({ domain: 'vision', reason: 'task:object-detection' });
    const audio = historyItem(
      'a/clips',
      { tags: ['modality:audio', 'size_categories:1K<n<10K'] },
      { kind: 'dataset' },
    );
    expect(classifyDomain(audio)).toEqual({ domain: 'speech-audio', reason: 'task:modality:audio' });
  });

  it('reads arXiv categories and paper titles', () => {
    const paper = (title: string, categories: string[]) =>
      classifyDomain(
        historyItem(
          '2401.00001',
          { categories, primaryCategory: categories[0] },
          { kind: 'paper', title, author: null },
        ),
      );
    expect(paper('Learning to grasp', ['cs.RO', 'cs.LG'])).toEqual({
      domain: 'robotics',
      reason: 'category:cs.RO',
    });
    expect(paper('Folding things', ['q-bio.BM'])).toEqual({ domain: 'biology', reason: 'category:q-bio.BM' });
    expect(paper('Seeing better', ['cs.CV'])).toEqual({ domain: 'vision', reason: 'category:cs.CV' });
    expect(paper('A Clinical Benchmark', ['cs.CV'])).toEqual({ domain: 'medical', reason: 'name:clinical' });
    expect(paper('Scaling laws revisited', ['cs.CL'])).toEqual({ domain: 'general', reason: 'default' });
    expect(paper('Dosimetry', ['physics.med-ph'])).toEqual({
      domain: 'medical',
      reason: 'category:physics.med-ph',
    });
  });

  it('reads GitHub topics, then the description minus prose words', () => {
    const repo = (attributes: object) =>
      classifyDomain(historyItem('o/tool', attributes, { kind: 'repository' }));
    expect(repo({ topics: ['llm', 'agents'] })).toEqual({ domain: 'agents', reason: 'topic:agents' });
    expect(repo({ description: 'Protein structure prediction.' })).toEqual({
      domain: 'biology',
      reason: 'description:protein',
    });
    expect(repo({ description: 'Code for our paper on images.' })).toEqual({
      domain: 'general',
      reason: 'default',
    });
    expect(repo({ description: 'Real-time object detection.' }).domain).toBe('vision');
  });

  it('never crashes on odd input', () => {
    for (const item of [
      historyItem('🤗/🚀🚀', { tags: ['', '  ', '🔥'] }),
      historyItem('no-slash'),
      historyItem('', { tags: [] }),
      historyItem('a/b', { categories: [''], topics: [''], description: '' }),
    ])
      expect(classifyDomain(item).domain).toBe('general');
  });
});
