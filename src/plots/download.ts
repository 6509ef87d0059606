/** Saves a blob as a download named `filename` through a temporary <a download> and object URL. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL by the next task; revoke it a little later to be safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
