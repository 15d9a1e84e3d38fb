// A key just created, with its secret: shown this once. Leaving asks first
// until the user says the secret is saved.
import { useId, useState } from "react";
import { PageHeading } from "../../components/PageHeading";
import { PolicyFindings } from "../../components/PolicyFindings";
import { SecretOnce } from "../../components/SecretOnce";
import { formatTime } from "../../format";
import { navigate, useLeaveGuard, type Route } from "../../router";
import type { CreatedKey } from "./KeyForm";

export function IssuedKey({ created: { apiKey, secret, warnings } }: { created: CreatedKey }) {
  const [saved, setSaved] = useState(false);
  const hintId = useId();
  const keyId = apiKey.id ?? "";
  useLeaveGuard(
    saved ? null : `The secret of key ${keyId} is shown only on this page and can never be shown again. Leave anyway?`,
  );
  const leave = (route: Route) => () => navigate(route);

  return (
    <main id="main" className="issued-key">
      <PageHeading>Key created</PageHeading>
      <dl className="facts">
        <dt>Key</dt>
        <dd className="id">{keyId}</dd>
        <dt>Opens</dt>
        <dd>{apiKey.resourceId === "cloud" ? "Cloud (whole organization)" : apiKey.resourceId}</dd>
        <dt>Owner</dt>
        <dd>{apiKey.ownerId}</dd>
        <dt>Description</dt>
        <dd>{apiKey.description}</dd>
        <dt>Expires</dt>
        <dd>{formatTime(apiKey.expireTime, "Never")}</dd>
      </dl>
      <PolicyFindings warnings={warnings} title="Policy warnings about this key" />
      <SecretOnce keyId={keyId} secret={secret} resourceId={apiKey.resourceId} />
      <div className="actions">
        <button type="button" onClick={() => downloadProperties(keyId, secret, apiKey.resourceId)}>
          Download .properties
        </button>
      </div>
      <label className="inline saved-secret">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />I have saved the
        secret
      </label>
      {!saved && (
        <p id={hintId} className="hint">
          Save the secret (copy it or download a file) and tick the box to go on. After you leave this page nobody can
          show it again; a lost secret means a new key.
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={!saved}
          aria-describedby={saved ? undefined : hintId}
          onClick={leave({ page: "key", id: keyId })}
        >
          View the key
        </button>
        <button type="button" disabled={!saved} aria-describedby={saved ? undefined : hintId} onClick={leave({ page: "create-key" })}>
          Create another key
        </button>
        <button type="button" disabled={!saved} aria-describedby={saved ? undefined : hintId} onClick={leave({ page: "keys" })}>
          Back to my keys
        </button>
      </div>
    </main>
  );
}

/** The pair as Java properties, for clients configured from a .properties file. */
function downloadProperties(keyId: string, secret: string, resourceId = "") {
  const escape = (value: string) => value.replace(/\\/g, "\\\\");
  const text =
    `# Keyward API key ${keyId}${resourceId ? ` for ${resourceId}` : ""}\n` +
    `keyward.api.key=${escape(keyId)}\nkeyward.api.secret=${escape(secret)}\n`;
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `${keyId}.properties`;
  link.click();
  URL.revokeObjectURL(url);
}
