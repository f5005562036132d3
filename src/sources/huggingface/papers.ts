/**
 * @module sources/huggingface/papers
 * `hf-papers`: the day's papers on Hugging Face Daily Papers (`/api/daily_papers?date=`). Days
 * without papers (weekends) answer `[]`, so we step back a day at a time and say which date we used.
 */
import type { CollectedItem } from '../../core/item.js';
import { type Source, type SourceContext, SourceReport, type SourceResult } from '../source.js';
import { hubUrl, warn } from './hub.js';
import { type DailyPaper, DailyPaperSchema, parseArray } from './schema.js';

export function parseDailyPapers(data: unknown, report: SourceReport): DailyPaper[] {
  return parseArray(DailyPaperSchema, data, report, 'daily paper');
}

/** Titles and abstracts arrive hard-wrapped (`\n  `); one space reads better everywhere. */
export function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function paperItem(entry: DailyPaper, context: { endpoint: string; rank: number }): CollectedItem {
  const { paper } = entry;
  const summary = paper.summary ? normaliseSpace(paper.summary) : '';
  return {
    kind: 'paper',
    externalId: paper.id,
    title: normaliseSpace(paper.title).slice(0, 500),
    url: hubUrl(context.endpoint, 'papers', paper.id).toString(),
    attributes: {
      arxivId: paper.id,
      authors: paper.authors?.filter((author) => !author.hidden).map((author) => normaliseSpace(author.name)),
      summary: summary || undefined,
      publishedAt: paper.publishedAt,
      githubRepo: paper.githubRepo?.trim() || undefined,
    },
    list: 'daily',
    rank: context.rank,
    metrics: { upvotes: paper.upvotes, comments: entry.numComments },
  };
}

export function dailyPapersUrl(endpoint: string, date: string, limit: number): string {
  const url = hubUrl(endpoint, 'api', 'daily_papers');
  url.searchParams.set('date', date);
  url.searchParams.set('limit', String(limit));
  return url.toString();
}

/** `day` minus `days`, as YYYY-MM-DD. */
export function dayBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

async function collect(ctx: SourceContext): Promise<SourceResult> {
  const report = new SourceReport();
  const { limit, lookbackDays } = ctx.settings.hfPapers;
  for (let back = 0; back <= lookbackDays; back += 1) {
    const date = dayBefore(ctx.day, back);
    const { data } = await ctx.http.getJson(dailyPapersUrl(ctx.endpoints.huggingface, date, limit), {
      signal: ctx.signal,
    });
    // Decide on the raw length: a day whose papers are all malformed is not an empty day.
    if (Array.isArray(data) && data.length === 0) continue;
    const papers = parseDailyPapers(data, report);
    if (back > 0) warn(report, `hf-papers: no daily papers for ${ctx.day}; used ${date}`);
    const items = papers.map((paper, index) =>
      paperItem(paper, { endpoint: ctx.endpoints.huggingface, rank: index + 1 }),
    );
    return report.result(items);
  }
  warn(report, `hf-papers: no daily papers from ${dayBefore(ctx.day, lookbackDays)} to ${ctx.day}`);
  return report.result([]);
}

export const hfPapersSource: Source = {
  id: 'hf-papers',
  title: 'Hugging Face Daily Papers',
  description: "The day's papers on Hugging Face Daily Papers, with upvotes, authors and code links.",
  needs: ['HF_ENDPOINT', 'HF_TOKEN (optional: higher rate limit)'],
  collect,
};
