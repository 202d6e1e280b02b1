import { describe, expect, it } from 'vitest';
import { inTurn } from '../../src/ui/turns';

/** A promise and the function that resolves it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the page takes turns on the main thread', () => {
  it('hands out turns in the order asked, each waiting for its own value', async () => {
    const order: string[] = [];
    const slow = deferred<string>();
    const turns = [
      inTurn(slow.promise).then((v) => order.push(v)),
      inTurn('b').then((v) => order.push(v)),
      inTurn(Promise.resolve('c')).then((v) => order.push(v)),
    ];
    // A later value that is ready does not jump a turn whose value is not.
    await new Promise((r) => setTimeout(r, 120));
    expect(order).toEqual([]);
    slow.resolve('a');
    await Promise.all(turns);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  it('gives each turn a task of its own: a task queued during one runs before the next', async () => {
    let between = false;
    const first = inTurn(1).then(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        between = true;
        channel.port1.close();
      };
      channel.port2.postMessage(null);
    });
    const second = inTurn(2).then(() => between);
    await first;
    await expect(second).resolves.toBe(true);
  });

  it('puts a `soon` turn before every `later` turn still waiting, behind earlier `soon` ones', async () => {
    const order: string[] = [];
    const all = [
      inTurn('later 1').then((v) => order.push(v)),
      inTurn('later 2').then((v) => order.push(v)),
      inTurn('soon 1', 'soon').then((v) => order.push(v)),
      inTurn('soon 2', 'soon').then((v) => order.push(v)),
    ];
    await Promise.all(all);
    expect(order.slice(0, 2)).toEqual(['soon 1', 'soon 2']);
    expect(order.slice(2)).toEqual(['later 1', 'later 2']);
  });

  it('passes a rejection on to its caller, in turn, without holding up the turns after it', async () => {
    const failed = inTurn(Promise.reject(new Error('chunk missing')));
    const next = inTurn('next');
    await expect(failed).rejects.toThrow('chunk missing');
    await expect(next).resolves.toBe('next');
  });
});
