// The form for a new key, checked against the policy as it is filled in.
import { useId, useState } from "react";
import { answer, type ApiKey, type PolicyViolation } from "../../api/client";
import { ErrorMessage } from "../../components/ErrorMessage";
import { ResourcePicker, resourceLabel, type PickedResource } from "../../components/ResourcePicker";
import { useSession } from "../../identity";
import { PolicyCheckResult } from "../../policy/PolicyCheckResult";
import { useCheckedSubmit } from "../../policy/useCheckedSubmit";
import { refuses, usePolicyCheck } from "../../policy/usePolicyCheck";
import { ExpiryField, expireTimeOf, type Expiry } from "./ExpiryField";
import { OwnerField } from "./OwnerField";
import { requestOf, type Draft } from "./draft";

export interface CreatedKey {
  apiKey: ApiKey;
  secret: string;
  warnings: PolicyViolation[];
  /** What the key opens, in words. */
  opens: string;
}

export function KeyForm({ onCreated }: { onCreated: (created: CreatedKey) => void }) {
  const { api } = useSession();
  const [picked, setPicked] = useState<PickedResource | null>(null);
  const [ownerId, setOwnerId] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [description, setDescription] = useState("");
  const [expiry, setExpiry] = useState<Expiry>({ mode: "never" });
  const ids = useId();

  const waitingFor = !picked
    ? "Choose what the key opens to see what the policy says about it."
    : expireTimeOf(expiry).missing;
  const draft: Draft | null = waitingFor
    ? null
    : { resourceId: picked?.id ?? "", ownerId: ownerId || undefined, displayName, description, expiry };
  const check = usePolicyCheck(
    (asked: Draft) => answer(api.POST("/v1/api-keys", { body: { ...requestOf(asked), validateOnly: true } })),
    draft,
  );
  const blocked = refuses(check.verdict);

  const { submit, busy, error, checkRegion, failureRegion } = useCheckedSubmit(
    check,
    (sent: Draft) => answer(api.POST("/v1/api-keys", { body: requestOf(sent) })),
    ({ data, warnings }) => {
      const opens = picked && "resource" in picked ? resourceLabel(picked.resource) : "Cloud (whole organization)";
      onCreated({ apiKey: data.apiKey ?? {}, secret: data.secret ?? "", warnings, opens });
    },
  );

  return (
    <form className="create-key" onSubmit={(event) => submit(event, draft)} aria-label="New API key" noValidate>
      <ResourcePicker onChange={setPicked} />
      <OwnerField value={ownerId} onChange={setOwnerId} />
      <div className="field">
        <label>
          Description
          <input
            name="description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            aria-describedby={`${ids}-description`}
            maxLength={1024}
          />
        </label>
        <p id={`${ids}-description`} className="hint">
          What the key is for, e.g. “orders service, writes to the payments topic”.
        </p>
      </div>
      <label>
        Name (optional)
        <input
          name="displayName"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          maxLength={1024}
        />
      </label>
      <ExpiryField value={expiry} onChange={setExpiry} />
      <PolicyCheckResult check={check} waitingFor={waitingFor} ref={checkRegion} />
      <div ref={failureRegion} tabIndex={-1}>
        <ErrorMessage error={error} />
      </div>
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={!draft || busy || blocked}
          aria-describedby={blocked ? `${ids}-blocked` : undefined}
        >
          {busy ? "Creating…" : "Create key"}
        </button>
        {blocked && (
          <span id={`${ids}-blocked`} className="hint">
            Change what the policy check refuses to create the key.
          </span>
        )}
      </div>
    </form>
  );
}
