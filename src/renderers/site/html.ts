/**
 * @module renderers/site/html
 * Markup that is escaped by construction: every value interpolated into an `html` template is
 * escaped unless it is itself markup made here (`html`, `raw`). Outside data never reaches `raw`.
 */

export class Markup {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Renderable = Markup | string | number | null | undefined | false | readonly Renderable[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** Markup we wrote ourselves (SVG from our chart code or the QR library); never outside text. */
export function raw(markup: string): Markup {
  return new Markup(markup);
}

function render(value: Renderable): string {
  if (value instanceof Markup) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

export function html(strings: TemplateStringsArray, ...values: Renderable[]): Markup {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new Markup(out);
}

export function join(parts: readonly Renderable[], separator: Renderable = ''): Markup {
  const sep = render(separator);
  return new Markup(
    parts
      .map(render)
      .filter((part) => part !== '')
      .join(sep),
  );
}
