// A key just created, with its secret: shown this once. Leaving asks first
// until the user says the secret is saved.
import { useId, useState, type ReactNode } from "react";
import { PageHeading } from "../../components/PageHeading";
import { PolicyFindings } from "../../components/PolicyFindings";
import { SecretOnce } from "../../components/SecretOnce";
import { formatTime } from "../../format";
import { useSession } from "../../identity";
import { navigate, useLeaveGuard, type Route } from "../../router";
import type { CreatedKey } from "./KeyForm";

export function IssuedKey({ created: { apiKey, secret, warnings, opens } }: { created: CreatedKey }) {
  const { identity } = useSession();
  const [saved, setSaved] = useState(false);
  const hintId = useId();
  const keyId = apiKey.id ?? "";
  useLeaveGuard(
    saved ? null : `The secret of key ${keyId} is shown only on this page and can never be shown again. Leave anyway?`,
  );

  return (
    <main id="main" className="issued-key">
      <PageHeading>Key created</PageHeading>
      <dl className="facts">
        <dt>Key</dt>
        <dd className="id">{keyId}</dd>
        <dt>Opens</dt>
        <dd>{opens}</dd>
        <dt>Owner</dt>
        <dd>{apiKey.ownerId === identity.account.id ? `You (${apiKey.ownerId})` : apiKey.ownerId}</dd>
        <dt>Description</dt>
        <dd>{apiKey.description}</dd>
        <dt>Expires</dt>
        <dd>{formatTime(apiKey.expireTime, "Never")}</dd>
      </dl>
      <PolicyFindings warnings={warnings} title="Policy warnings about this key" />
      <SecretOnce keyId={keyId} secret={secret} resourceId={apiKey.resourceId} />
      <label className="inline saved-secret">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />I have saved the secret
      </label>
      {!saved && (
        <p id={hintId} className="hint">
          Save the secret (copy it or download a file) and tick the box to go on. After you leave this page nobody can
          show it again; a lost secret means a new key.
        </p>
      )}
      <div className="actions">
        <LeaveButton route={{ page: "key", id: keyId }} saved={saved} hintId={hintId} primary>
          View the key
        </LeaveButton>
        <LeaveButton route={{ page: "create-key" }} saved={saved} hintId={hintId}>
          Create another key
        </LeaveButton>
        <LeaveButton route={{ page: "keys" }} saved={saved} hintId={hintId}>
          Back to my keys
        </LeaveButton>
      </div>
    </main>
  );
}

/** The portal's own ways out, open once the secret is saved. */
function LeaveButton({
  route,
  saved,
  hintId,
  primary = false,
  children,
}: {
  route: Route;
  saved: boolean;
  hintId: string;
  primary?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className={primary ? "primary" : undefined}
      disabled={!saved}
      aria-describedby={saved ? undefined : hintId}
      onClick={() => navigate(route)}
    >
      {children}
    </button>
  );
}
