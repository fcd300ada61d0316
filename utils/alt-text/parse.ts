/**
 * Reads the model's alt-text answer, whatever shape it came in: the JSON that structured output
 * asks for (sometimes wrapped in a ```json fence or in prose by models that ignore the format), the
 * labelled plain-text form asked of servers without structured output, or, failing both, the whole
 * answer taken as the alt. Model output is untrusted: nothing here throws on it.
 */
import { ALT_KINDS, type AltKind, type AltTextAnswer } from '../shared/alt-text-types';

const EMPTY: AltTextAnswer = { alt: '', kind: 'informative', decorative: false, reason: '', longDescription: '', shorter: '' };

/** Quotes a model puts around the alt ("…", «…», “…”) are not part of it. */
function unquoted(text: string): string {
  const trimmed = text.trim();
  const match = /^(["'“”«»「『])([\s\S]*)(["'“”«»」』])$/.exec(trimmed);
  return (match ? match[2]! : trimmed).trim();
}

function kindOf(value: unknown): AltKind {
  const word = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return (ALT_KINDS as readonly string[]).includes(word) ? (word as AltKind) : 'informative';
}

function yes(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return typeof value === 'string' && /^(yes|true|oui|да|是)\b/i.test(value.trim());
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Decorative and its kind agree: either one says so, both do. */
function consistent(answer: AltTextAnswer): AltTextAnswer {
  const decorative = answer.decorative || answer.kind === 'decorative';
  return { ...answer, decorative, kind: decorative ? 'decorative' : answer.kind, alt: decorative ? '' : answer.alt };
}

function fromObject(data: Record<string, unknown>): AltTextAnswer {
  return consistent({
    alt: unquoted(text(data.alt ?? data.alt_text ?? data.altText)),
    kind: kindOf(data.kind),
    decorative: yes(data.decorative),
    reason: text(data.reason),
    longDescription: text(data.long_description ?? data.longDescription),
    shorter: unquoted(text(data.shorter ?? data.short_alt ?? data.shortAlt)),
  });
}

/** The first JSON object in the text: the whole of it, a fenced block, or the outermost {...}. */
function jsonIn(answer: string): Record<string, unknown> | undefined {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(answer)?.[1];
  const start = answer.indexOf('{');
  const end = answer.lastIndexOf('}');
  const candidates = [answer, fenced, start !== -1 && end > start ? answer.slice(start, end + 1) : undefined];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const parsed: unknown = JSON.parse(candidate.trim());
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // Not JSON in this shape; the next candidate, or the plain-text form, may still read.
    }
  }
  return undefined;
}

const LABELS: Record<string, keyof AltTextAnswer> = {
  alt: 'alt', kind: 'kind', decorative: 'decorative', reason: 'reason', long: 'longDescription', shorter: 'shorter',
};

/** The labelled form: "ALT: …", "KIND: …", "DECORATIVE: yes", "REASON: …", "LONG: …" (several lines), "SHORTER: …". */
function fromLabels(answer: string): AltTextAnswer | undefined {
  const found: Partial<Record<keyof AltTextAnswer, string>> = {};
  let current: keyof AltTextAnswer | undefined;
  for (const line of answer.split(/\r?\n/)) {
    const match = /^\s*(?:[-*]\s*)?\**\s*(alt|kind|decorative|reason|long|shorter)\s*\**\s*:\s*\**\s*(.*)$/i.exec(line);
    if (match) {
      current = LABELS[match[1]!.toLowerCase()];
      if (current) found[current] = match[2]!.trim();
    } else if (current === 'longDescription' && line.trim()) {
      found.longDescription = `${found.longDescription ?? ''}\n${line.trim()}`.trim();
    }
  }
  if (found.alt === undefined && found.decorative === undefined) return undefined;
  return consistent({
    alt: unquoted(found.alt ?? ''),
    kind: kindOf(found.kind),
    decorative: yes(found.decorative),
    reason: found.reason ?? '',
    longDescription: found.longDescription ?? '',
    shorter: unquoted(found.shorter ?? ''),
  });
}

export function parseAltTextAnswer(answer: string): AltTextAnswer {
  const json = jsonIn(answer);
  if (json) return fromObject(json);
  const labelled = fromLabels(answer);
  if (labelled) return labelled;
  const whole = unquoted(answer.trim().replace(/^(?:\**alt(?:ernative)? text\**\s*:\s*)/i, ''));
  return { ...EMPTY, alt: whole };
}
