/**
 * The turns after the first message, the same for both APIs: each earlier answer, then the next
 * question, ending with the question being asked now.
 */
import type { Exchange } from './types';

export type FollowUp = { role: 'user' | 'assistant'; content: string };

export function followUps(first: Exchange, rest: readonly Exchange[]): FollowUp[] {
  if (rest.length === 0) return [];
  return [
    { role: 'assistant', content: first.answer },
    ...rest.flatMap((exchange, i): FollowUp[] => [
      { role: 'user', content: exchange.question },
      ...(i < rest.length - 1 ? [{ role: 'assistant' as const, content: exchange.answer }] : []),
    ]),
  ];
}
