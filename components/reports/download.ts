/** Saves a file the page made (an export) through the browser's download, as a link click would. */
export function downloadFile(name: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once started; the URL is freed after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Rich text and plain text on the clipboard at once: a chat app takes the HTML, a terminal the text. */
export async function copyRich(html: string, text: string): Promise<void> {
  if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
    await navigator.clipboard.write([new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([text], { type: 'text/plain' }) })]);
    return;
  }
  await navigator.clipboard.writeText(text);
}
