/**
 * Saves `text` as a file named `fileName`. The link is in the document while
 * it is clicked, and its object URL outlives the click: Firefox and Safari
 * may cancel a download from a detached link or an already revoked URL.
 */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
