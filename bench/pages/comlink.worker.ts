import { expose } from 'comlink';

// What a developer reaching for an RPC library would write.
expose({
  echo(id: number): number {
    return id;
  },
});
