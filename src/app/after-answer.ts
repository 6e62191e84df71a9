// Work that follows an answer: the person who clicked gets their card at once, and what their action
// sends to others (cards, notices) goes out right after, in this process, without holding up the
// click. The work is kept track of, so that stopping the bot waits for it (the store must not close
// under it), and tests can wait until it is done. A task that fails is logged; what it was to send
// stays in the dossier's outbox, where the reminder sweep picks it up.

import type { Logger } from '../logger';

export class AfterAnswer {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Start `task` now and return at once. */
  run(what: string, task: () => Promise<unknown>): void {
    const done: Promise<void> = task()
      .then(() => undefined)
      .catch((error: unknown) => {
        this.logger.error(
          { what, error: error instanceof Error ? error.name : typeof error },
          'work after the answer failed',
        );
      })
      .finally(() => this.running.delete(done));
    this.running.add(done);
  }

  /** Wait until every task started so far, and those they started, has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
