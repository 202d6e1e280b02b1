/**
 * Saves `text` as a file named `filename` through the browser's download, and returns what to tell
 * the reader. A frame whose host forbids downloads (a sandbox without `allow-downloads`) drops the
 * download without telling the page, so inside a frame the message says so and points to Copy.
 *
 * @param filename the name the file is saved under (`recommended.py`)
 * @param text the file's whole text, saved as UTF-8
 * @returns a sentence for a status region
 */
export function saveText(filename: string, text: string): string {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/x-python;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.click();
  // The download has taken the URL by the next task; revoking it then frees the text.
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return window.self === window.top
    ? `Saved as ${filename}.`
    : `Saved as ${filename}, unless the page embedding this one forbids downloads: then use Copy.`;
}
