import { useState } from "react";
import { answer, fetched, type Account } from "../../api/client";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useSession } from "../../identity";
import { PolicyCheckResult } from "../../policy/PolicyCheckResult";
import { useCheckedSubmit } from "../../policy/useCheckedSubmit";
import { refuses, usePolicyCheck } from "../../policy/usePolicyCheck";

/** Create a service account; the policy's verdict shows while the form is filled in. */
export function CreateServiceAccountForm({ onCreated }: { onCreated: (account: Account) => void }) {
  const { api } = useSession();
  const [displayName, setDisplayName] = useState("");
  const [description, setDescription] = useState("");

  const body = { displayName: displayName.trim(), description: description.trim() };
  const complete = Boolean(body.displayName);
  const request = complete ? body : null;
  const check = usePolicyCheck(
    (asked: typeof body) =>
      answer(api.POST("/v1/accounts:createServiceAccount", { body: { ...asked, validateOnly: true } })),
    request,
  );
  const { submit, busy, error, checkRegion, failureRegion } = useCheckedSubmit(
    check,
    (sent: typeof body) => fetched(api.POST("/v1/accounts:createServiceAccount", { body: sent })),
    (account) => {
      setDisplayName("");
      setDescription("");
      onCreated(account);
    },
  );

  return (
    <form onSubmit={(event) => submit(event, request)} aria-labelledby="create-service-account">
      <h2 id="create-service-account">Create a service account</h2>
      <label>
        Display name
        <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} required maxLength={1024} />
      </label>
      <label>
        Description
        <input
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={1024}
          aria-describedby="service-account-description-hint"
        />
      </label>
      <p id="service-account-description-hint" className="hint">
        What the service account is for, and who runs it.
      </p>
      <PolicyCheckResult
        check={check}
        waitingFor={complete ? undefined : "Give a display name to check it with the policy."}
        Heading="h3"
        ref={checkRegion}
      />
      <div ref={failureRegion} tabIndex={-1}>
        <ErrorMessage error={error} />
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !complete || refuses(check.verdict)}>
          {busy ? "Creating…" : "Create service account"}
        </button>
      </div>
    </form>
  );
}
