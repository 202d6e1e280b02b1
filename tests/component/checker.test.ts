import { parser } from '@lezer/python';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { checkParsed, refuse } from '../../src/checker/check';
import Checker from '../../src/checker/Checker.svelte';
import { SnippetChecker, type WorkerLike } from '../../src/checker/checker.svelte';
import type { CheckRequest, CheckerToPage } from '../../src/checker/messages';

/** A worker that does what the real one does, in this thread, answering a moment later. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor(private readonly answer?: (request: CheckRequest) => unknown) {}
  postMessage(request: CheckRequest): void {
    const reply: unknown = this.answer
      ? this.answer(request)
      : ({
          type: 'checked',
          id: request.id,
          result: refuse(request.text) ?? checkParsed(request.text, parser.parse(request.text)),
        } satisfies CheckerToPage);
    setTimeout(() => this.onmessage?.({ data: reply } as MessageEvent<unknown>), 5);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const SNIPPET = `import time
import tkinter as tk

root = tk.Tk()

def start():
    time.sleep(5)

tk.Button(root, text="<b>Start</b>", command=start).pack()
root.mainloop()
`;

async function paste(text: string) {
  const user = userEvent.setup();
  const box = screen.getByLabelText(/Your Python/);
  await user.click(box);
  await user.paste(text);
  return { user, box };
}

describe('the snippet checker', () => {
  it('checks pasted code and shows each finding with its line, why, evidence link and fix', async () => {
    render(Checker, { props: { checker: new SnippetChecker(() => new FakeWorker()) } });
    const { user } = await paste(SNIPPET);
    await user.click(screen.getByRole('button', { name: 'Check' }));
    const finding = await screen.findByRole('heading', {
      name: 'Line 7: A blocking call on the Tk thread',
    });
    const item = finding.closest('li') as HTMLElement;
    expect(within(item).getByText('time.sleep(5)')).toBeInTheDocument();
    expect(item).toHaveTextContent(
      /start\(\) runs on the Tk thread: a widget’s command \(line 9\)/,
    );
    expect(within(item).getByRole('link')).toHaveAttribute('href', '#mistake-blocking-call-title');
    expect(item).toHaveTextContent(/The fix.*worker thread/);
    const status = screen.getByRole('status');
    expect(status).toHaveAttribute('aria-live', 'polite');
    expect(status).toHaveTextContent('1 finding: A blocking call on the Tk thread.');
  });

  it('says plainly when it finds nothing, and checks from the keyboard with Ctrl+Enter', async () => {
    render(Checker, { props: { checker: new SnippetChecker(() => new FakeWorker()) } });
    const { user } = await paste(SNIPPET.replace('time.sleep(5)', 'print("hi")'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(
      await screen.findByText('Nothing we know of freezes or crashes here.'),
    ).toBeInTheDocument();
  });

  it('renders the paste as text only, never as markup', async () => {
    const { container } = render(Checker, {
      props: { checker: new SnippetChecker(() => new FakeWorker()) },
    });
    const { user } = await paste(
      SNIPPET.replace(
        'time.sleep(5)',
        'time.sleep(5)  # <img src=x onerror=alert(1)><script>x</script>',
      ),
    );
    await user.click(screen.getByRole('button', { name: 'Check' }));
    await screen.findByRole('heading', { name: /Line 7/ });
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(screen.getByText(/<img src=x onerror=alert\(1\)>/)).toBeInTheDocument();
  });

  it('says which line does not parse and still checks the rest', async () => {
    render(Checker, { props: { checker: new SnippetChecker(() => new FakeWorker()) } });
    const { user } = await paste(SNIPPET.replace('def start():', 'def start(:'));
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByTestId('checker-parse-errors')).toHaveTextContent(
      /Line 6 does not parse as Python/,
    );
    expect(screen.getByRole('heading', { name: /Line 7/ })).toBeInTheDocument();
  });

  it('refuses an empty box with a sentence', async () => {
    render(Checker, { props: { checker: new SnippetChecker(() => new FakeWorker()) } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText(/The box is empty/)).toBeInTheDocument();
  });

  it('says so when the worker cannot start, sends something malformed, or fails', async () => {
    const blocked = new SnippetChecker(() => {
      throw new DOMException('refused', 'SecurityError');
    });
    render(Checker, { props: { checker: blocked } });
    await paste(SNIPPET);
    await userEvent
      .setup()
      .click(screen.getAllByRole('button', { name: 'Check' })[0] as HTMLElement);
    expect(await screen.findByText(/browser refused to start one here/)).toBeInTheDocument();
  });

  it('says so when the worker answers with something malformed', async () => {
    const checker = new SnippetChecker(() => new FakeWorker(() => ({ type: 'checked', id: 1 })));
    render(Checker, { props: { checker } });
    const { user } = await paste(SNIPPET);
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText(/could not read/)).toBeInTheDocument();
  });

  it('says so when the check itself fails', async () => {
    const checker = new SnippetChecker(
      () => new FakeWorker((r) => ({ type: 'failed', id: r.id, message: 'RangeError: boom' })),
    );
    render(Checker, { props: { checker } });
    const { user } = await paste(SNIPPET);
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText(/bug of the checker's/)).toBeInTheDocument();
  });
});
