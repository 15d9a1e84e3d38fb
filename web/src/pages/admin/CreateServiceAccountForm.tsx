import { useRef, useState, type FormEvent } from "react";
import { answer, fetched, type Account } from "../../api/client";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useSession } from "../../identity";
import { PolicyCheckResult } from "../../policy/PolicyCheckResult";
import { refuses, usePolicyCheck } from "../../policy/usePolicyCheck";

/** Create a service account; the policy's verdict shows while the form is filled in. */
export function CreateServiceAccountForm({ onCreated }: { onCreated: (account: Account) => void }) {
  const { api } = useSession();
  const [displayName, setDisplayName] = useState("");
  const [description, setDescription] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const body = { displayName: displayName.trim(), description: description.trim() };
  const complete = Boolean(body.displayName);
  const check = usePolicyCheck(
    (asked: typeof body) =>
      answer(api.POST("/v1/accounts:createServiceAccount", { body: { ...asked, validateOnly: true } })),
    complete ? body : null,
  );
  const checkRegion = useRef<HTMLElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const verdict = await check.recheck(body);
    if (!verdict.allowed) {
      setBusy(false);
      checkRegion.current?.focus();
      return;
    }
    try {
      const account = await fetched(api.POST("/v1/accounts:createServiceAccount", { body }));
      setDisplayName("");
      setDescription("");
      onCreated(account);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-labelledby="create-service-account">
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
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !complete || refuses(check.verdict)}>
          {busy ? "Creating…" : "Create service account"}
        </button>
      </div>
    </form>
  );
}
