/**
 * One polite live region for the whole page. Screen readers hear each finished stall and each task
 * result once; nothing is announced per frame.
 */
export class Announcer {
  message = $state('');
  /** Each announcement's number; the region re-creates its text node per number (see Announcer.svelte). */
  count = $state(0);

  say(text: string): void {
    this.count++;
    this.message = text;
  }
}
