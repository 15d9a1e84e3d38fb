import { useRef, useState } from "react";
import { downloadText } from "../download";

/**
 * A secret shown once: as KEY:SECRET with a copy button, and as a .env or
 * Java .properties snippet to download. Nothing here stores it; the page
 * that shows it keeps it in memory only, so a reload loses it for good.
 */
export function SecretOnce({ keyId, secret, resourceId }: { keyId: string; secret: string; resourceId?: string }) {
  const [copy, setCopy] = useState<"copied" | "failed" | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const pair = `${keyId}:${secret}`;
  const copyPair = async () => {
    try {
      // Missing where the page is not a secure context (plain HTTP beyond loopback).
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(pair);
      setCopy("copied");
    } catch {
      setCopy("failed");
      field.current?.focus();
      field.current?.select();
    }
  };
  const heading = `# Keyward API key ${keyId}${resourceId ? ` for ${resourceId}` : ""}\n`;
  const downloadEnv = () =>
    downloadText(`${keyId}.env`, `${heading}KEYWARD_API_KEY=${keyId}\nKEYWARD_API_SECRET=${secret}\n`);
  const downloadProperties = () =>
    downloadText(
      `${keyId}.properties`,
      `${heading}keyward.api.key=${escapeProperty(keyId)}\nkeyward.api.secret=${escapeProperty(secret)}\n`,
    );
  return (
    <div className="secret-once">
      <label>
        Key and secret (shown once)
        <input
          ref={field}
          readOnly
          value={pair}
          aria-describedby="secret-once-hint"
          onFocus={(e) => e.target.select()}
        />
      </label>
      <p id="secret-once-hint" className="hint">
        This is the only time the secret is shown. Keyward stores only a hash of it.
      </p>
      <div className="actions">
        <button type="button" onClick={copyPair}>
          Copy
        </button>
        <button type="button" onClick={downloadEnv}>
          Download .env
        </button>
        <button type="button" onClick={downloadProperties}>
          Download .properties
        </button>
        <span role="status" aria-live="polite">
          {copy === "copied" && "Copied to the clipboard."}
          {copy === "failed" && "Could not copy: select the text and copy it yourself."}
        </span>
      </div>
    </div>
  );
}

/** A value as Java properties reads it back: backslashes escaped. */
function escapeProperty(value: string): string {
  return value.replace(/\\/g, "\\\\");
}
