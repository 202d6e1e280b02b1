import { describe, expect, it } from 'vitest';
import { Outbox } from '../../src/workers/outbox';

function setup() {
  const sent: Array<{ messages: string[]; transfer: Transferable[] }> = [];
  const outbox = new Outbox<string>((messages, transfer) => sent.push({ messages, transfer }));
  return { outbox, sent };
}

describe('Outbox', () => {
  it('sends what one turn posted as one post, in order, once the turn is over', async () => {
    const { outbox, sent } = setup();
    outbox.post('a');
    outbox.post('b');
    outbox.post('c');
    expect(sent).toHaveLength(0);
    await Promise.resolve();
    expect(sent).toEqual([{ messages: ['a', 'b', 'c'], transfer: [] }]);

    outbox.post('d');
    await Promise.resolve();
    expect(sent.map((s) => s.messages)).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('gathers the transfer lists of the messages it carries', async () => {
    const { outbox, sent } = setup();
    const one = new ArrayBuffer(8);
    const two = new ArrayBuffer(8);
    outbox.post('a', [one]);
    outbox.post('b');
    outbox.post('c', [two]);
    await Promise.resolve();
    expect(sent[0]?.transfer).toEqual([one, two]);
  });

  it('sends at once what a held handler posted, and later posts of the turn on their own', async () => {
    const { outbox, sent } = setup();
    outbox.holding(() => {
      outbox.post('a');
      outbox.post('b');
      expect(sent).toHaveLength(0);
    });
    expect(sent.map((s) => s.messages)).toEqual([['a', 'b']]);
    outbox.post('c');
    await Promise.resolve();
    expect(sent.map((s) => s.messages)).toEqual([['a', 'b'], ['c']]);
  });

  it('still sends what a handler posted before it threw', () => {
    const { outbox, sent } = setup();
    expect(() =>
      outbox.holding(() => {
        outbox.post('a');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(sent.map((s) => s.messages)).toEqual([['a']]);
  });

  it('flush() sends now, and discard() forgets what waits', async () => {
    const { outbox, sent } = setup();
    outbox.post('a');
    outbox.flush();
    expect(sent).toHaveLength(1);
    outbox.post('b');
    outbox.discard();
    await Promise.resolve();
    expect(sent).toHaveLength(1);
    // Nothing is left over to join the next turn's post either.
    outbox.post('c');
    await Promise.resolve();
    expect(sent.map((s) => s.messages)).toEqual([['a'], ['c']]);
  });
});
