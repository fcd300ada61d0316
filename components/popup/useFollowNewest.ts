import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

/** How far from where it was put a scroll may land and still count as ours (sub-pixel rounding). */
const SLACK_PX = 4;

/**
 * Where the box should be scrolled to show the newest turn: its start at the top when it is taller
 * than the box (the person reads from the start, not from wherever the stream has got to), else
 * the end of the conversation.
 */
function newestTarget(box: HTMLElement): number {
  const end = box.scrollHeight - box.clientHeight;
  const newest = box.lastElementChild;
  return newest instanceof HTMLElement ? Math.min(end, newest.offsetTop) : end;
}

/**
 * Keeps the newest turn of a scrolling conversation in view as it is asked and streamed, unless
 * the person has scrolled up to read something earlier: then the box stays where they put it,
 * until they scroll back down or ask something new. The box must be the turns' offset parent
 * (position: relative), so a turn's offsetTop is measured in the box's own scroll coordinates.
 */
export function useFollowNewest(box: RefObject<HTMLElement | null>, newestId: string | undefined): void {
  const following = useRef(true);
  // Where this hook last scrolled the box: the scroll event that follows is ours, not the person's,
  // even when more words have arrived in between and moved the target further down.
  const placed = useRef<number | null>(null);
  // Each new question is something the person wants to see: following starts again.
  useLayoutEffect(() => {
    following.current = true;
  }, [newestId]);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const onScroll = () => {
      if (placed.current !== null && Math.abs(element.scrollTop - placed.current) <= SLACK_PX) return;
      placed.current = null;
      following.current = element.scrollTop >= newestTarget(element) - SLACK_PX;
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, [box]);
  // After every render (a streamed word, a new turn, the alt-text card): forward only, so a person
  // reading further down the newest answer is never pulled back to its start.
  useLayoutEffect(() => {
    const element = box.current;
    if (!element || !following.current) return;
    const target = newestTarget(element);
    if (element.scrollTop < target - 1) {
      element.scrollTop = target;
      placed.current = element.scrollTop;
    }
  });
}
