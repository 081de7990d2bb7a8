/** The collection progress line on stderr (TTY only). */
import type { CollectEvent } from '../sources/management-api/collect.js';

/**
 * One status line on stderr while collecting, only when stderr is a terminal: resources read of
 * total, requests, retries and waits for rate limits. Cleared before the report is printed.
 */
export class Progress {
  private total = 0;
  private done = 0;
  private requests = 0;
  private retries = 0;
  private waitingUntil = 0;
  private last = 0;
  constructor(private readonly out: NodeJS.WritableStream, private readonly enabled: boolean) {}
  onEvent(e: CollectEvent): void {
    if (e.type === 'start') this.total = e.resources;
    else if (e.type === 'resource') this.done++;
    else if (e.type === 'request') this.requests++;
    else if (e.type === 'retry') {
      this.retries++;
      this.waitingUntil = Date.now() + e.waitMs;
    } else if (e.type === 'pace') this.waitingUntil = Date.now() + e.waitMs;
    this.render(e.type === 'resource' || e.type === 'start');
  }
  private render(force: boolean): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const wait = this.waitingUntil > now ? `, waiting ${((this.waitingUntil - now) / 1000).toFixed(1)}s for the rate limit` : '';
    const retries = this.retries ? `, ${this.retries} retried` : '';
    this.out.write(`\r\u001b[2Kreading tenant: ${this.done}/${this.total} resources, ${this.requests} requests${retries}${wait}`);
  }
  clear(): void {
    if (this.enabled && this.total) this.out.write('\r\u001b[2K');
  }
}
