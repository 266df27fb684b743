import { within } from '../../core/within.js';

/**
 * The handlers a platform is running, so a shutdown can stop taking work and wait for what
 * already started (a drill saved must also reach the member) up to a bound.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  /** False once the platform is stopping: new work should be declined. */
  get accepting(): boolean {
    return !this.closed;
  }

  get size(): number {
    return this.running.size;
  }

  /** Tracks `work` until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = () => this.running.delete(work);
    work.then(done, done);
    return work;
  }

  /** Stops taking work and waits up to `ms` for what runs; returns how many were still running. */
  async drain(ms: number): Promise<number> {
    this.closed = true;
    if (this.running.size) await within(Promise.allSettled([...this.running]), ms);
    return this.running.size;
  }
}
