/** The page audit's record: the estimate before sending, what has been spent, and the export. */
import { describe, expect, it } from 'vitest';
import { auditSpent, auditToCsv, auditToJson, estimateAudit, EXPECTED_OUTPUT_TOKENS, exportRows, type Audit, type AuditRow } from '../../utils/alt-text/audit-record';
import { estimateImageTokens } from '../../utils/cost/image-tokens';
import { DEFAULT_PRICES } from '../../utils/cost/prices';
import { scannedPicture } from './scanned-picture';

const picture = scannedPicture;

function audit(rows: Partial<AuditRow>[], fields: Partial<Audit> = {}): Audit {
  return {
    id: 'audit-1',
    createdAt: Date.UTC(2026, 10, 22),
    tabId: 1,
    frameId: 0,
    pageUrl: 'https://example.com/page',
    pageTitle: 'A page',
    lang: 'en',
    model: 'gpt-4o',
    detail: 'low',
    rows: rows.map((row, i) => ({ id: `p${i}`, picture: picture(`p${i}`), status: 'pending', ...row })),
    decorative: [],
    examined: rows.length,
    scanMs: 1,
    run: { state: 'idle' },
    ...fields,
  };
}

const settings = { altTextLimit: 125, altTextLanguage: '' };

describe('estimateAudit', () => {
  it('counts each picture still to describe at the audit\'s detail, plus its request text and a short answer', () => {
    const estimate = estimateAudit(audit([{}, {}, { status: 'done' }, { status: 'skipped' }]), settings, DEFAULT_PRICES['gpt-4o']);
    expect(estimate.pictures).toBe(2);
    // gpt-4o at low detail: 85 tokens a picture; the text of the request adds some hundreds more.
    expect(estimate.input).toBeGreaterThan(2 * 85);
    expect(estimate.input).toBeLessThan(2 * 85 + 2 * 1000);
    expect(estimate.output).toBe(2 * EXPECTED_OUTPUT_TOKENS);
    expect(estimate.cost).toBeCloseTo((estimate.input * 2.5 + estimate.output * 10) / 1e6, 12);
  });

  it('follows the detail: high costs more than low for the same pictures', () => {
    const low = estimateAudit(audit([{}, {}]), settings, DEFAULT_PRICES['gpt-4o']);
    const high = estimateAudit(audit([{}, {}], { detail: 'high' }), settings, DEFAULT_PRICES['gpt-4o']);
    const perPicture = (estimateImageTokens({ model: 'gpt-4o', width: 1024, height: 768, detail: 'high' }).tokens ?? 0) - 85;
    expect(high.input - low.input).toBe(2 * perPicture);
  });

  it('says how many pictures have no known size, and leaves them out rather than guess', () => {
    const estimate = estimateAudit(audit([{}, { picture: picture('x', { width: 0, height: 0 }) }]), settings, DEFAULT_PRICES['gpt-4o']);
    expect(estimate.unknown).toBe(1);
  });

  it('gives no dollars for a model without a price, never $0', () => {
    expect(estimateAudit(audit([{}]), settings, undefined).cost).toBeNull();
  });
});

describe('auditSpent', () => {
  it('adds what the rows cost and counts those without a price', () => {
    expect(auditSpent(audit([{ cost: 0.001 }, { cost: 0.002 }, { cost: null }, {}]))).toEqual({ cost: 0.003, unpriced: 1 });
  });
});

describe('the export', () => {
  const described = audit([
    { status: 'done', text: 'Boats at dawn', result: { kind: 'informative' } as AuditRow['result'] },
    { status: 'skipped', text: 'Not this one' },
    { status: 'pending', picture: picture('svg', { url: undefined, kind: 'SVG drawing', currentAlt: 'image' }) },
    { status: 'done', text: '=HYPERLINK("http://evil")', result: { kind: 'text' } as AuditRow['result'] },
  ]);

  it('has every listed picture, described or not, with page and picture address, current and suggested alt, and kind', () => {
    expect(exportRows(described)).toEqual([
      { pageUrl: 'https://example.com/page', pictureUrl: 'https://example.com/p0.jpg', currentAlt: '', suggestedAlt: 'Boats at dawn', kind: 'informative' },
      { pageUrl: 'https://example.com/page', pictureUrl: 'https://example.com/p1.jpg', currentAlt: '', suggestedAlt: '', kind: '' },
      { pageUrl: 'https://example.com/page', pictureUrl: '', currentAlt: 'image', suggestedAlt: '', kind: '' },
      { pageUrl: 'https://example.com/page', pictureUrl: 'https://example.com/p3.jpg', currentAlt: '', suggestedAlt: '=HYPERLINK("http://evil")', kind: 'text' },
    ]);
  });

  it('writes CSV a spreadsheet cannot run: a cell that starts like a formula is defused', () => {
    const lines = auditToCsv(described).split('\r\n');
    expect(lines[0]).toBe('page_url,picture_url,current_alt,suggested_alt,kind');
    expect(lines).toHaveLength(6);
    expect(lines[4]).toBe(`https://example.com/page,https://example.com/p3.jpg,,"'=HYPERLINK(""http://evil"")",text`);
  });

  it('writes JSON with the page and every picture', () => {
    const parsed = JSON.parse(auditToJson(described)) as { pageUrl: string; scannedAt: string; pictures: unknown[] };
    expect(parsed.pageUrl).toBe('https://example.com/page');
    expect(parsed.scannedAt).toBe('2026-11-22T00:00:00.000Z');
    expect(parsed.pictures).toHaveLength(4);
  });
});
