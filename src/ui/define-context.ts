import { getContext, setContext } from 'svelte';

/** One feature's context: provided once by the page, used by the feature's components. */
export interface FeatureContext<T> {
  provide(value: T): void;
  /** The provided value; throws when rendered outside a page that provides it. */
  use(): T;
  /** The context map entry, for rendering a component on its own (tests, embeds). */
  entry(value: T): [symbol, T];
}

/** A context keyed by a symbol of its own; `what` names the value in the error when it is missing. */
export function defineContext<T>(what: string): FeatureContext<T> {
  const key = Symbol(what);
  return {
    provide: (value) => void setContext(key, value),
    use: () => {
      const value = getContext<T | undefined>(key);
      if (value === undefined) throw new Error(`${what} is not provided: render inside the page`);
      return value;
    },
    entry: (value) => [key, value],
  };
}
