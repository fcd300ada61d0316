/**
 * The spend record as CSV (utils/cost/csv.ts), opened in a spreadsheet for an expense report. A
 * model name comes from the user or a server, so it must never run as a formula there, and every
 * field must land in its own column.
 */
import { describe, expect, it } from 'vitest';
import { csvField, ledgerToCsv } from '../../utils/cost/csv';
import type { LedgerEntry } from '../../utils/cost/ledger';

describe('csvField', () => {
  it.each([
    // Text a spreadsheet would run as a formula gets an apostrophe, which it shows as text.
    ['=SUM(A1:A9)', `'=SUM(A1:A9)`],
    ['+1', `'+1`],
    ['-1+2', `'-1+2`],
    ['@cmd', `'@cmd`],
    ['\tgpt-4o', `'\tgpt-4o`],
    // A carriage return both starts a formula in some spreadsheets and splits a line: both fixed.
    ['\rx', `"'\rx"`],
    // Only at the start: a dash or an at sign inside a name is just a character.
    ['gpt-4o-mini', 'gpt-4o-mini'],
    ['me@example.com', 'me@example.com'],
    // A comma, a quote or a line break keeps the field in one cell, quotes doubled.
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=A1,"x"', `"'=A1,""x"""`],
    ['', ''],
  ])('%j is written %j', (text, field) => {
    expect(csvField(text)).toBe(field);
  });

  it.each([
    [1234, '1234'],
    [0.000583, '0.000583'],
    // A number is a number, negative or not: no apostrophe, so SUM() still adds it up.
    [-0.5, '-0.5'],
    [true, 'true'],
    [false, 'false'],
  ])('%j is written %j', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('writes an unknown price as an empty field, never as 0', () => {
    expect(csvField(null)).toBe('');
  });
});

describe('ledgerToCsv', () => {
  const entry: LedgerEntry = {
    at: Date.UTC(2026, 10, 21, 10), conversationId: 'c1', kind: 'alt-text', model: 'gpt-4o',
    input: 800, cachedInput: 200, output: 40, reasoning: 12, cost: 0.0019,
  };

  it('has a header, one line per request, each line ended by CRLF as RFC 4180 asks', () => {
    expect(ledgerToCsv([entry, { ...entry, conversationId: 'c2', cost: null, estimated: true }])).toBe(
      'time,conversation,kind,model,input_tokens,cached_input_tokens,output_tokens,reasoning_tokens,cost_usd,estimated,requests,profile,profile_id\r\n' +
        '2026-11-21T10:00:00.000Z,c1,alt-text,gpt-4o,800,200,40,12,0.0019,false,1,,\r\n' +
        '2026-11-21T10:00:00.000Z,c2,alt-text,gpt-4o,800,200,40,12,,true,1,,\r\n',
    );
  });

  it('ends each row with the profile\'s name and id; spend from before profiles has both cells empty', () => {
    const lines = ledgerToCsv([{ ...entry, profileId: 'p-1', profileName: 'Work' }, entry]).split('\r\n');
    expect(lines[0]!.split(',').slice(-2)).toEqual(['profile', 'profile_id']);
    expect(lines[1]).toBe('2026-11-21T10:00:00.000Z,c1,alt-text,gpt-4o,800,200,40,12,0.0019,false,1,Work,p-1');
    expect(lines[2]).toBe('2026-11-21T10:00:00.000Z,c1,alt-text,gpt-4o,800,200,40,12,0.0019,false,1,,');
  });

  it('never lets a profile\'s name or id run as a formula, and keeps a comma in its cell', () => {
    const line = ledgerToCsv([{ ...entry, profileName: '=HYPERLINK("http://x","Work")', profileId: '+p,1' }]).split('\r\n')[1]!;
    expect(line.endsWith(`,"'=HYPERLINK(""http://x"",""Work"")","'+p,1"`)).toBe(true);
  });

  it('writes a folded month\'s profile, and empty cells for a month folded before profiles', () => {
    const month = { month: '2026-08', kind: 'question' as const, model: 'gpt-4o', requests: 3, input: 1, cachedInput: 0, output: 1, reasoning: 0, cost: 0.5, estimated: false };
    const lines = ledgerToCsv({ entries: [], months: [{ ...month, profileId: 'p-2', profileName: 'Home' }, month] }).split('\r\n');
    expect(lines.slice(1, 3)).toEqual(['2026-08,,question,gpt-4o,1,0,1,0,0.5,false,3,Home,p-2', '2026-08,,question,gpt-4o,1,0,1,0,0.5,false,3,,']);
  });

  it('is only the header when nothing was spent', () => {
    expect(ledgerToCsv([])).toBe('time,conversation,kind,model,input_tokens,cached_input_tokens,output_tokens,reasoning_tokens,cost_usd,estimated,requests,profile,profile_id\r\n');
  });
});
