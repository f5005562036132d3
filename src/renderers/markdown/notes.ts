/**
 * @module renderers/markdown/notes
 * What a reader should know about where an edition's words and numbers came from: a note when
 * the data is not live, when each source's data was taken, and who wrote the sections. Plain
 * text (every renderer escapes it its own way).
 */
import type { EditionMeta } from '../../core/edition.js';
import type { EditionPlan } from '../../core/plan.js';
import type { EditionText } from '../../core/text.js';
import { timestamp } from '../../core/vocabulary/dates.js';
import { SECTIONS, SOURCE_NAMES } from '../../core/vocabulary/names.js';

export { SOURCE_NAMES };

/** A short label for data that is not live ("Sample data"), or null for live data. */
export function dataLabel(meta: EditionMeta): string | null {
  if (meta.dataMode === 'sample') return 'Sample data';
  if (meta.dataMode === 'stored') return `Stored data from ${meta.dataDay}`;
  return null;
}

/** A sentence saying the edition was not built from live data, and why; null for live data. */
export function dataNote(meta: EditionMeta): string | null {
  const failed = meta.failedSources.map((f) => `${SOURCE_NAMES[f.source] ?? f.source} (${f.error})`);
  const why = failed.length > 0 ? `collection failed for ${failed.join(', ')}` : 'no live collection ran';
  if (meta.dataMode === 'sample')
    return `This edition was built from the sample day shipped with The AI Morning Post (${meta.dataDay}), not from live data: ${why}.`;
  if (meta.dataMode === 'stored')
    return `This edition uses the newest stored snapshots (from ${meta.dataDay}), not fresh data: ${why}.`;
  return null;
}

/** "23 Aug 2026, 06:00 UTC" (the Post's one timestamp), or the value as given when it is not one. */
export const utcMinute = timestamp;

/** One line per source: what it contributed and when its data was taken. */
export function sourceLines(plan: EditionPlan): string[] {
  return plan.coverage.sources.map((source) => {
    const name = SOURCE_NAMES[source.source] ?? source.source;
    if (source.takenAt === null) return `${name}: no data${source.error ? ` (${source.error})` : ''}`;
    const items = `${source.itemCount} ${source.itemCount === 1 ? 'item' : 'items'}`;
    const flags = [
      source.stale ? `stale, from ${source.day ?? 'an earlier day'}` : null,
      source.status === 'partial' ? 'incomplete' : null,
      source.error ? `today’s collection failed: ${source.error}` : null,
    ].filter((flag): flag is string => flag !== null);
    return `${name}: ${items}, taken ${utcMinute(source.takenAt)}${flags.length > 0 ? ` (${flags.join('; ')})` : ''}`;
  });
}

/** Who wrote which sections, and why a fallback writer stepped in. */
export function writerLines(text: EditionText): string[] {
  const byWriter = new Map<string, string[]>();
  for (const section of text.sections) {
    const sections = byWriter.get(section.writer) ?? [];
    sections.push(SECTIONS[section.id].name);
    byWriter.set(section.writer, sections);
  }
  const lines = [...byWriter].map(([writer, sections]) =>
    byWriter.size === 1 ? `${writer}: every section` : `${writer}: ${sections.join(', ')}`,
  );
  for (const section of text.sections)
    if (section.fallbackReason)
      lines.push(
        `The ${SECTIONS[section.id].name} fell back to ${section.writer}: ${section.fallbackReason}`,
      );
  return lines;
}
