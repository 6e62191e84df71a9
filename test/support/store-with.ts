// A store that is the real one except for the methods a test or benchmark takes over (to count
// calls, or to make one fail). Written once here instead of a class per test that repeats every
// method of the Store interface, and has to grow with it.

import type { Store } from '../../src/store/store';

/**
 * `inner`, with the members of `over` in front: its methods replace the store's, its other members
 * (counts, hooks) are read and set on it. Every other method is the store's own, bound to it.
 */
export function storeWith<Over extends Partial<Store>>(inner: Store, over: Over): Store & Over {
  return new Proxy(over, {
    get(target, property) {
      if (property in target) return Reflect.get(target, property) as unknown;
      const value = Reflect.get(inner, property) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(inner) : value;
    },
  }) as Store & Over;
}
