/**
 * isPrivateHost decides three things users rely on: an API key goes over plain http only to this
 * machine or the user's own network (settings.ts), a picture a server elsewhere cannot reach is
 * sent as bytes (transport.ts), and a public address that redirects into a private network is
 * refused (fetch-bytes.ts). Every caller hands it `new URL(…).hostname`, so these properties go
 * through the URL parser too: a page or a user may write 127.0.0.1 as 2130706433, 0x7f.1 or
 * [::ffff:127.0.0.1], and the parser, not our code, decides what that means.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPrivateHost } from '../../utils/private-host';

const RUNS = 300;

const hostnameOf = (host: string) => new URL(`http://${host}/`).hostname;
const privateByUrl = (host: string) => isPrivateHost(hostnameOf(host));

/** The IPv4 blocks no server on the internet can reach: this network, private, CGNAT, loopback, link-local. */
const PRIVATE_V4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16],
];
const toInt = (dotted: string) => dotted.split('.').reduce((n, part) => n * 256 + Number(part), 0);
const BLOCKS = PRIVATE_V4.map(([start, bits]) => ({ first: toInt(start), size: 2 ** (32 - bits) }));
const inPrivateBlock = (v: number) => BLOCKS.some(({ first, size }) => v >= first && v < first + size);
const dotted = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');

/** An address in a private block, often at its first or last address. */
const privateV4 = fc.constantFrom(...BLOCKS).chain(({ first, size }) =>
  fc.oneof(fc.constantFrom(first, first + size - 1), fc.integer({ min: first, max: first + size - 1 })),
);
/** An address outside every private block: anywhere, or just past a block's edge (172.32.0.0, 100.63.255.255). */
const publicV4 = fc
  .oneof(
    fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    fc.tuple(fc.constantFrom(...BLOCKS), fc.integer({ min: 0, max: 300 }), fc.boolean()).map(([{ first, size }, k, below]) =>
      below ? first - 1 - k : first + size + k,
    ),
  )
  .filter((v) => v >= 0 && v < 2 ** 32 && !inPrivateBlock(v));

/** One number of an IPv4 address as the URL parser reads it: decimal, 0x hex, or 0-prefixed octal. */
function spellPart(n: number, radix: 'dec' | 'hex' | 'HEX' | 'oct', zeros: number): string {
  if (radix === 'dec') return String(n);
  if (radix === 'oct') return '0'.repeat(Math.max(1, zeros)) + n.toString(8);
  const hex = '0'.repeat(zeros) + n.toString(16);
  return radix === 'HEX' ? `0X${hex.toUpperCase()}` : `0x${hex}`;
}

/**
 * Every way to write an IPv4 address that a browser accepts: 1 to 4 numbers (127.1 is 127.0.0.1;
 * the last number fills the remaining bytes), each decimal, hex or octal, and an optional trailing dot.
 */
const spelledV4 = (v: number) =>
  fc
    .record({
      parts: fc.integer({ min: 1, max: 4 }),
      radixes: fc.array(fc.constantFrom('dec', 'hex', 'HEX', 'oct') as fc.Arbitrary<'dec' | 'hex' | 'HEX' | 'oct'>, { minLength: 4, maxLength: 4 }),
      zeros: fc.integer({ min: 0, max: 3 }),
      trailingDot: fc.boolean(),
    })
    .map(({ parts, radixes, zeros, trailingDot }) => {
      const bytes = [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
      const numbers = [...bytes.slice(0, parts - 1), bytes.slice(parts - 1).reduce((n, b) => n * 256 + b, 0)];
      return numbers.map((n, i) => spellPart(n, radixes[i]!, zeros)).join('.') + (trailingDot ? '.' : '');
    });

const v4Case = (addresses: fc.Arbitrary<number>) => addresses.chain((v) => spelledV4(v).map((spelled) => ({ v, spelled })));

/** An IPv6 address as eight 16-bit groups, written any way the URL parser accepts. */
type Groups = readonly number[];
const group = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
const groupsAfter = (first: fc.Arbitrary<number>) => fc.tuple(first, ...Array.from({ length: 7 }, () => group));

function spellV6(groups: Groups, choice: { upper: boolean; pad: boolean; v4Tail: boolean; cut: number; cutLength: number }): string {
  const hex = (g: number) => {
    const digits = choice.pad ? g.toString(16).padStart(4, '0') : g.toString(16);
    return choice.upper ? digits.toUpperCase() : digits;
  };
  const pieces = choice.v4Tail
    ? [...groups.slice(0, 6).map(hex), `${groups[6]! >>> 8}.${groups[6]! & 255}.${groups[7]! >>> 8}.${groups[7]! & 255}`]
    : groups.map(hex);
  // "::" may stand for any run of zero groups (not for part of the dotted tail).
  const hexCount = choice.v4Tail ? 6 : 8;
  const start = choice.cut % hexCount;
  let end = start;
  while (end < hexCount && end - start < choice.cutLength && groups[end] === 0) end++;
  if (end === start) return pieces.join(':');
  return `${pieces.slice(0, start).join(':')}::${pieces.slice(end).join(':')}`;
}
const spelledV6 = (groups: Groups) =>
  fc
    .record({ upper: fc.boolean(), pad: fc.boolean(), v4Tail: fc.boolean(), cut: fc.nat(7), cutLength: fc.integer({ min: 1, max: 8 }) })
    .map((choice) => `[${spellV6(groups, choice)}]`);
const v6Case = (addresses: fc.Arbitrary<Groups>) => addresses.chain((groups) => spelledV6(groups).map((spelled) => ({ groups, spelled })));
/** The same address written plainly, so a test can tell its spelling means that address. */
const plainV6 = (groups: Groups) => `[${groups.map((g) => g.toString(16)).join(':')}]`;

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
/** Labels that look like the private suffixes or addresses, where a substring test would go wrong. */
const trickyLabel = fc.constantFrom('localhost', 'local', 'internal', 'my-localhost', 'notlocal', 'localhost-x', '127', '10', '192', '168', 'fc00', 'fe80');
const anyLabel = fc.oneof(label, trickyLabel);

describe('isPrivateHost: what new URL(…).hostname gives it', () => {
  it('every address in a private IPv4 block is private, however it is written', () => {
    fc.assert(
      fc.property(v4Case(privateV4), ({ v, spelled }) => {
        expect(hostnameOf(spelled)).toBe(dotted(v));
        expect(privateByUrl(spelled)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('every IPv4 address outside those blocks is public, however it is written', () => {
    fc.assert(
      fc.property(v4Case(publicV4), ({ v, spelled }) => {
        expect(hostnameOf(spelled)).toBe(dotted(v));
        expect(privateByUrl(spelled)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('IPv6 loopback, unique-local (fc00::/7) and link-local (fe80::/10) addresses are private, however they are written', () => {
    const loopback = fc.constant<Groups>([0, 0, 0, 0, 0, 0, 0, 1]);
    const uniqueLocal = groupsAfter(fc.integer({ min: 0xfc00, max: 0xfdff }));
    const linkLocal = groupsAfter(fc.integer({ min: 0xfe80, max: 0xfebf }));
    fc.assert(
      fc.property(v6Case(fc.oneof(loopback, uniqueLocal, linkLocal)), ({ groups, spelled }) => {
        expect(hostnameOf(spelled)).toBe(hostnameOf(plainV6(groups)));
        expect(privateByUrl(spelled)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('an IPv4 address written as IPv6 (::ffff:a.b.c.d) is private exactly when the IPv4 address is', () => {
    // The operating system connects to [::ffff:127.0.0.1] as to 127.0.0.1: a redirect there reaches
    // this machine as surely as one to 127.0.0.1.
    const mapped = fc.oneof(privateV4, publicV4).map((v): Groups => [0, 0, 0, 0, 0, 0xffff, v >>> 16, v & 0xffff]);
    fc.assert(
      fc.property(v6Case(mapped), ({ groups, spelled }) => {
        expect(hostnameOf(spelled)).toBe(hostnameOf(plainV6(groups)));
        expect(privateByUrl(spelled)).toBe(inPrivateBlock(groups[6]! * 0x10000 + groups[7]!));
      }),
      { numRuns: RUNS },
    );
  });

  it('global IPv6 addresses (2000::/3) are public, however they are written', () => {
    fc.assert(
      fc.property(v6Case(groupsAfter(fc.integer({ min: 0x2000, max: 0x3fff }))), ({ groups, spelled }) => {
        expect(hostnameOf(spelled)).toBe(hostnameOf(plainV6(groups)));
        expect(privateByUrl(spelled)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('localhost and names under .localhost, .local and .internal are private, in any case, with or without the final dot', () => {
    // "localhost." is the same host as "localhost" written as an absolute name; the URL parser keeps the dot.
    const name = fc.oneof(
      fc.constant('localhost'),
      fc.tuple(fc.array(anyLabel, { minLength: 1, maxLength: 3 }), fc.constantFrom('localhost', 'local', 'internal')).map(([labels, suffix]) => [...labels, suffix].join('.')),
    );
    fc.assert(
      fc.property(fc.mixedCase(name), fc.boolean(), (host, dot) => {
        expect(privateByUrl(dot ? `${host}.` : host)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('a name under a public suffix is public, even when a label reads like localhost or an address', () => {
    const name = fc
      .tuple(fc.array(anyLabel, { minLength: 1, maxLength: 4 }), fc.constantFrom('com', 'org', 'net', 'io', 'dev', 'app', 'co.uk', 'de', 'xn--p1ai', 'nip.io'), fc.boolean())
      .map(([labels, suffix, dot]) => `${labels.join('.')}.${suffix}${dot ? '.' : ''}`);
    fc.assert(
      fc.property(fc.mixedCase(name), (host) => {
        expect(privateByUrl(host)).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  it('a name of one label (an intranet host such as "nas") is private', () => {
    // All-digit or 0x labels are addresses to the URL parser, so a name here starts with a letter other than x.
    const single = fc.stringMatching(/^[a-wyz][a-z0-9-]{0,14}[a-z0-9]$|^[a-wyz]$/);
    fc.assert(
      fc.property(single, (host) => {
        expect(privateByUrl(host)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
