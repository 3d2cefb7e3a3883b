import { outsideRequestDeadline } from './request-deadline.js';

/**
 * Background work an instance repeats (connection health, throttle counts, member-block
 * compaction): one run at a time however often it is asked for, on an unref'd timer once
 * started, and on stop the timer goes — optionally after one last run (what is still buffered
 * is written before the pool closes).
 */
export class Periodic {
  private timer: NodeJS.Timeout | undefined;
  private last: Promise<void> = Promise.resolve();

  constructor(
    private readonly work: () => Promise<void>,
    private readonly options: { intervalMs: number; runOnStop: boolean },
  ) {}

  /**
   * Runs the work now, after any run under way; resolves when this run is done. Asked for during a
   * request, it still runs free of that request's deadline: it is the instance's work, not the
   * request's.
   */
  run(): Promise<void> {
    this.last = outsideRequestDeadline(() => this.last.then(() => this.work()));
    return this.last;
  }

  get started(): boolean {
    return this.timer !== undefined;
  }

  start(): void {
    this.timer ??= setInterval(() => {
      void this.run();
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await (this.options.runOnStop ? this.run() : this.last);
  }
}
