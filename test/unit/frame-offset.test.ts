/**
 * Where a frame sits is the parent page's word, and any script of that page can answer: only a
 * position of two finite numbers within reach is believed.
 */
import { describe, expect, it } from 'vitest';
import { frameOffset } from '../../utils/image/frame-offset';

/** A frame whose parent answers the position question with `reply`. */
function frameWhoseParentSays(reply: unknown): Window {
  const parent = {
    postMessage: (_message: unknown, _origin: string, ports: MessagePort[]) => {
      ports[0]!.postMessage(reply);
      ports[0]!.close();
    },
  };
  return { parent } as unknown as Window;
}

describe('frameOffset', () => {
  it('is (0, 0) in the top window', async () => {
    const top = {} as { parent: unknown };
    top.parent = top;
    await expect(frameOffset(top as unknown as Window)).resolves.toEqual({ x: 0, y: 0 });
  });

  it('believes a position of two finite numbers, and keeps nothing else of the answer', async () => {
    await expect(frameOffset(frameWhoseParentSays({ x: 120.5, y: 40, extra: 'ignored' }))).resolves.toEqual({ x: 120.5, y: 40 });
  });

  it.each([
    { x: Number.NaN, y: 0 },
    { x: 0, y: Number.POSITIVE_INFINITY },
    { x: '120', y: 40 },
    { x: 1e12, y: 0 },
    { x: 10 },
    'here',
    [10, 20],
  ])('refuses a lie: %j', async (reply) => {
    await expect(frameOffset(frameWhoseParentSays(reply))).rejects.toThrow('The parent page answered where this frame is with something that is not a position.');
  });

  it('says so when the parent could not find the frame', async () => {
    await expect(frameOffset(frameWhoseParentSays(null))).rejects.toThrow('The parent page could not find this frame.');
  });
});
