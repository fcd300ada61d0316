/**
 * Where a frame sits is the parent page's word, and any script of that page can answer: only a
 * position of finite numbers within reach is believed. And a page's own question goes unanswered:
 * only one carrying the secret the background gave for an ask is (issue 24).
 */
import { describe, expect, it } from 'vitest';
import { answerFrameOffsetQueries, frameOffset, placeInTop, type FramePlace } from '../../utils/page/frame-offset';

const PLACE: FramePlace = { x: 120.5, y: 40, scale: 1, clip: { x: 120.5, y: 40, width: 200, height: 100 }, devicePixelRatio: 2 };

/** A frame whose parent answers the position question with `reply`. */
function frameWhoseParentSays(reply: unknown): Window {
  const parent = {
    postMessage: (_message: unknown, _origin: string, ports: MessagePort[]) => {
      ports[0]!.postMessage(reply);
      ports[0]!.close();
    },
  };
  return { parent, innerWidth: 200 } as unknown as Window;
}

describe('frameOffset', () => {
  it('is the whole viewport at scale 1 in the top window', async () => {
    const top: { parent?: unknown; innerWidth: number; innerHeight: number; devicePixelRatio: number } = { innerWidth: 800, innerHeight: 600, devicePixelRatio: 1.5 };
    top.parent = top;
    await expect(frameOffset(top as unknown as Window)).resolves.toEqual({ x: 0, y: 0, scale: 1, clip: { x: 0, y: 0, width: 800, height: 600 }, devicePixelRatio: 1.5 });
  });

  it('believes a place of finite numbers, and keeps nothing else of the answer', async () => {
    await expect(frameOffset(frameWhoseParentSays({ ...PLACE, extra: 'ignored' }), 'secret')).resolves.toEqual(PLACE);
  });

  it('does not ask without the secret of an ask', async () => {
    await expect(frameOffset(frameWhoseParentSays(PLACE))).rejects.toThrow('without the secret');
  });

  it.each([
    { ...PLACE, x: Number.NaN },
    { ...PLACE, y: Number.POSITIVE_INFINITY },
    { ...PLACE, x: '120' },
    { ...PLACE, x: 1e12 },
    { ...PLACE, scale: 0 },
    { ...PLACE, clip: { x: 0, y: 0, width: -5, height: 10 } },
    { x: 10, y: 20 },
    'here',
    [10, 20],
  ])('refuses a lie: %j', async (reply) => {
    await expect(frameOffset(frameWhoseParentSays(reply), 'secret')).rejects.toThrow('The parent page answered where this frame is with something that is not a position.');
  });

  it('says so when the parent could not find the frame', async () => {
    await expect(frameOffset(frameWhoseParentSays(null), 'secret')).rejects.toThrow('The parent page could not find this frame.');
  });
});

describe('placeInTop', () => {
  it.each([
    // Inside the frame's box: moved by its place.
    [{ x: 10, y: 10, width: 50, height: 20 }, PLACE, { x: 130.5, y: 50, width: 50, height: 20 }],
    // An element larger than the frame (an oversized <video>): only what the frame shows.
    [{ x: -500, y: -500, width: 5000, height: 5000 }, PLACE, PLACE.clip],
    // A frame drawn at half size: its pixels are half as large in the top window.
    [{ x: 20, y: 40, width: 100, height: 60 }, { ...PLACE, x: 0, y: 0, scale: 0.5, clip: { x: 0, y: 0, width: 500, height: 500 } }, { x: 10, y: 20, width: 50, height: 30 }],
    // Scrolled out of the frame's view: nothing.
    [{ x: 0, y: 300, width: 50, height: 20 }, PLACE, { x: 120.5, y: 340, width: 50, height: 0 }],
  ])('%j at %j is %j', (rect, place, expected) => {
    expect(placeInTop(rect, place)).toEqual(expected);
  });
});

describe('answerFrameOffsetQueries', () => {
  /** A window with one child frame at (30, 20), 2 px borders, 200 x 100 inside; its message listener. */
  function parentWindow() {
    const child = {} as Window;
    const frame = Object.assign(Object.create(HTMLElementStub.prototype) as HTMLElementStub, {
      contentWindow: child,
      offsetWidth: 204,
      clientLeft: 2,
      clientTop: 2,
      clientWidth: 200,
      clientHeight: 100,
      getBoundingClientRect: () => ({ left: 30, top: 20, width: 204, height: 104 }),
    });
    let listener: ((event: MessageEvent) => void) | undefined;
    const win = {
      innerWidth: 800,
      innerHeight: 600,
      devicePixelRatio: 1,
      document: { querySelectorAll: () => [frame] },
      getComputedStyle: () => ({ paddingLeft: '0px', paddingRight: '0px', paddingTop: '0px', paddingBottom: '0px' }),
      addEventListener: (_type: string, fn: (event: MessageEvent) => void) => (listener = fn),
    } as unknown as Window & { parent: unknown };
    win.parent = win;
    const responder = answerFrameOffsetQueries(win);
    /** Asks as the child frame would, and resolves with the answer, or 'no answer' once a later question was answered. */
    const ask = (data: unknown) => {
      const channel = new MessageChannel();
      const answered = new Promise<unknown>((resolve) => (channel.port1.onmessage = (event) => resolve(event.data)));
      listener!({ data, ports: [channel.port2], source: child } as unknown as MessageEvent);
      return { answered, close: () => channel.port1.close() };
    };
    return { responder, ask };
  }

  it('answers only a question carrying the secret it was given, once (asked before the secret came, once it comes), with the border inside the place', async () => {
    const { responder, ask } = parentWindow();
    responder.expect('s3cret');
    const guessed = ask({ type: 'ask-about-image:frame-offset', secret: 'guess' });
    const bare = ask('ask-about-image:frame-offset');
    const real = ask({ type: 'ask-about-image:frame-offset', secret: 's3cret' });
    const replayed = ask({ type: 'ask-about-image:frame-offset', secret: 's3cret' });
    await expect(real.answered).resolves.toEqual({ x: 32, y: 22, scale: 1, clip: { x: 32, y: 22, width: 200, height: 100 }, devicePixelRatio: 1 });
    // The secret goes to every frame at once: a child may ask before its parent has heard it. That
    // question waits for it, and is answered once; the same question again is not.
    const early = ask({ type: 'ask-about-image:frame-offset', secret: 'later' });
    responder.expect('later');
    const again = ask({ type: 'ask-about-image:frame-offset', secret: 'later' });
    await expect(early.answered).resolves.toMatchObject({ x: 32, y: 22 });
    const next = ask({ type: 'ask-about-image:frame-offset', secret: 'next' });
    responder.expect('next');
    await next.answered;
    // Messages on each port arrive in the order sent; the later questions were answered, these never.
    const none = Symbol('no answer');
    for (const unanswered of [guessed, bare, replayed, again]) {
      await expect(Promise.race([unanswered.answered, Promise.resolve(none)])).resolves.toBe(none);
      unanswered.close();
    }
  });
});

/** Stands in for HTMLElement in node, so the responder's instanceof check passes. */
class HTMLElementStub {}
(globalThis as unknown as { HTMLElement: unknown }).HTMLElement ??= HTMLElementStub;
