import { useState, type FormEvent } from "react";
import { answer, fetched, type Account } from "../../api/client";
import { ErrorMessage } from "../../components/ErrorMessage";
import { useSession } from "../../identity";
import { DryRunResult } from "./DryRunResult";
import { useDryRun } from "./useDryRun";

/** Create a service account; the policy's verdict shows while the form is filled in. */
export function CreateServiceAccountForm({ onCreated }: { onCreated: (account: Account) => void }) {
  const { api } = useSession();
  const [displayName, setDisplayName] = useState("");
  const [description, setDescription] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const body = { displayName: displayName.trim(), description: description.trim() };
  const dryRun = useDryRun(
    body.displayName
      ? () => answer(api.POST("/v1/accounts:createServiceAccount", { body: { ...body, validateOnly: true } }))
      : null,
    [api, body.displayName, body.description],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
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
      <DryRunResult dryRun={dryRun} idleHint="Give a display name to check it with the policy." />
      <ErrorMessage error={error} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || dryRun.state !== "allowed"}>
          {busy ? "Creating…" : "Create service account"}
        </button>
      </div>
    </form>
  );
}
