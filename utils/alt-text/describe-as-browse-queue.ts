/**
 * "Describe as I browse": the queue of pictures that came into view, described a few at a time.
 * Only what the page reported is ever run; turning a site off drops what waits and stops what
 * runs; the budget's stop drops everything waiting and is said once, however many requests were
 * in flight when it came. What one picture needs (asking, writing, counting) is `run`'s.
 */

/** What running one picture came to; 'stop' ends the whole queue (a budget), saying `message`. */
export type JobEnd = { kind: 'done' } | { kind: 'skipped' } | { kind: 'stop'; budget: boolean; message: string };

export interface QueueJob {
  tabId: number;
  /** The picture's handle in its page: a picture already waiting or running is not queued twice. */
  elementId: string;
}

export interface QueueHooks<J extends QueueJob> {
  concurrency: number;
  run(job: J, signal: AbortSignal): Promise<JobEnd>;
  /** The queue stopped (a budget, settings that cannot be used): called once per stop, with the first job's end. */
  stopped(end: Extract<JobEnd, { kind: 'stop' }>, job: J): Promise<void>;
  /** A tab has nothing waiting or running any more. */
  idle(tabId: number): Promise<void>;
  /** Something unexpected in `run` or a hook: said in the console, the queue goes on. */
  failed(error: unknown): void;
}

export interface BrowseQueue<J extends QueueJob> {
  add(jobs: J[]): void;
  /** Drops the tab's waiting pictures and stops its requests in flight. */
  stopTab(tabId: number): void;
  /** How many requests run now, and how many wait: for tests and the worker's keep-alive. */
  readonly running: number;
  readonly waiting: number;
}

export function createBrowseQueue<J extends QueueJob>(hooks: QueueHooks<J>): BrowseQueue<J> {
  const waiting: J[] = [];
  const running = new Map<J, AbortController>();
  // Set when a budget stops the queue; cleared by the next add, which the caller makes only once
  // it has checked the budget again (a new day, a higher budget).
  let stoppedAt: string | undefined;

  const busy = (tabId: number) => waiting.some((j) => j.tabId === tabId) || [...running.keys()].some((j) => j.tabId === tabId);

  const settle = async (job: J, end: JobEnd | undefined) => {
    running.delete(job);
    if (end?.kind === 'stop' && stoppedAt === undefined) {
      stoppedAt = end.message;
      waiting.length = 0;
      await hooks.stopped(end, job);
    }
    pump();
    if (!busy(job.tabId)) await hooks.idle(job.tabId);
  };

  const pump = () => {
    while (stoppedAt === undefined && running.size < hooks.concurrency && waiting.length > 0) {
      const job = waiting.shift()!;
      const controller = new AbortController();
      running.set(job, controller);
      hooks
        .run(job, controller.signal)
        .then(
          (end) => settle(job, end),
          (error: unknown) => {
            hooks.failed(error);
            return settle(job, undefined);
          },
        )
        .catch((error: unknown) => hooks.failed(error));
    }
  };

  return {
    add(jobs) {
      stoppedAt = undefined;
      const known = (job: J) => [...waiting, ...running.keys()].some((j) => j.tabId === job.tabId && j.elementId === job.elementId);
      for (const job of jobs) if (!known(job)) waiting.push(job);
      pump();
    },
    stopTab(tabId) {
      for (let i = waiting.length - 1; i >= 0; i -= 1) if (waiting[i]!.tabId === tabId) waiting.splice(i, 1);
      for (const [job, controller] of running) if (job.tabId === tabId) controller.abort('off');
    },
    get running() {
      return running.size;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
