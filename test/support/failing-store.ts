// A real store with faults switched on by method name: the method then fails the way a store that
// cannot be reached fails (a rejected promise), or hands back a damaged record. Built as a Proxy, so
// it stays a whole Store whatever methods the interface gains.

import type { Store } from '../../src/store/store';

export type StoreMethod = Exclude<keyof Store, 'close' | 'ping'> | 'ping';

export interface FailingStore {
  store: Store;
  /**
   * Make these methods (or every method but `close`) fail until `heal()`; with `what`, the method's
   * result is replaced instead.
   */
  fail(methods: readonly StoreMethod[] | 'everything', what?: (result: unknown) => unknown): void;
  heal(): void;
  /** How often each failing method was called while failing. */
  failures: Map<string, number>;
}

export class StoreUnavailableError extends Error {
  constructor(method: string) {
    super(`store unavailable (injected fault in ${method})`);
    this.name = 'StoreUnavailableError';
  }
}

export function failingStore(inner: Store): FailingStore {
  let failing: Set<string> | 'everything' = new Set<string>();
  let damage: ((result: unknown) => unknown) | undefined;
  const failures = new Map<string, number>();
  const store = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      return async (...args: unknown[]): Promise<unknown> => {
        const fails = failing === 'everything' ? property !== 'close' : failing.has(property);
        if (!fails) return method.apply(target, args);
        failures.set(property, (failures.get(property) ?? 0) + 1);
        if (damage) return damage(await method.apply(target, args));
        throw new StoreUnavailableError(property);
      };
    },
  });
  return {
    store,
    failures,
    fail(methods, what) {
      failing = methods === 'everything' ? methods : new Set(methods);
      damage = what;
    },
    heal() {
      failing = new Set();
      damage = undefined;
    },
  };
}
