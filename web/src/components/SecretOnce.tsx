import { useState } from "react";

/**
 * A secret shown once: as KEY:SECRET with a copy button, and as a .env
 * snippet to download. Nothing here stores it; the page that shows it keeps
 * it in memory only, so a reload loses it for good.
 */
export function SecretOnce({ keyId, secret, resourceId }: { keyId: string; secret: string; resourceId?: string }) {
  const [copied, setCopied] = useState(false);
  const pair = `${keyId}:${secret}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(pair);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const envSnippet =
    `# Keyward API key ${keyId}${resourceId ? ` for ${resourceId}` : ""}\n` +
    `KEYWARD_API_KEY=${keyId}\nKEYWARD_API_SECRET=${secret}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([envSnippet], { type: "text/plain" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${keyId}.env`;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="secret-once">
      <label>
        Key and secret (shown once)
        <input readOnly value={pair} aria-describedby="secret-once-hint" onFocus={(e) => e.target.select()} />
      </label>
      <p id="secret-once-hint" className="hint">
        This is the only time the secret is shown. Keyward stores only a hash of it.
      </p>
      <div className="actions">
        <button type="button" onClick={copy}>
          Copy
        </button>
        <button type="button" onClick={download}>
          Download .env
        </button>
        <span role="status" aria-live="polite">
          {copied ? "Copied to the clipboard." : ""}
        </span>
      </div>
    </div>
  );
}
