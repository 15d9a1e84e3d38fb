import { useState, type FormEvent } from "react";
import { answer, type PolicyViolation } from "../api/client";
import { useSession } from "../identity";
import { ErrorMessage } from "./ErrorMessage";
import { PolicyFindings } from "./PolicyFindings";
import { useFocusWhenShown } from "./useFocusWhenShown";

/**
 * Deletes a key in two steps: first the policy is asked (validate_only) and
 * its warnings shown, then the person types the key id to confirm.
 */
export function DeleteKey({
  keyId,
  warning,
  onDeleted,
}: {
  keyId: string;
  /** What else deleting this key does, said before the confirmation. */
  warning?: string;
  onDeleted: () => void;
}) {
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // Set once the policy allows the delete: what it warned about.
  const [allowed, setAllowed] = useState<{ warnings: PolicyViolation[] } | null>(null);
  const [typed, setTyped] = useState("");
  const confirmRef = useFocusWhenShown<HTMLFormElement>(allowed);
  const errorRef = useFocusWhenShown<HTMLDivElement>(error);
  const params = { path: { id: keyId } };

  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      const { warnings } = await answer(
        api.DELETE("/v1/api-keys/{id}", { params: { ...params, query: { validateOnly: true } } }),
      );
      setAllowed({ warnings });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (event: FormEvent) => {
    event.preventDefault();
    if (typed !== keyId) return;
    setBusy(true);
    setError(null);
    try {
      await answer(api.DELETE("/v1/api-keys/{id}", { params }));
      onDeleted();
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  const cancel = () => {
    setAllowed(null);
    setTyped("");
    setError(null);
  };

  return (
    <>
      <p className="hint">Deleting a key cannot be undone: it stops verifying within a second, for good.</p>
      {warning && <p className="warning">{warning}</p>}
      {allowed ? (
        <form ref={confirmRef} tabIndex={-1} onSubmit={remove} aria-label="Confirm deleting this key">
          {allowed.warnings.length === 0 ? (
            <p className="findings-ok">The policy allows deleting this key.</p>
          ) : (
            <PolicyFindings warnings={allowed.warnings} title="Before you delete" />
          )}
          <label>
            Type the key id to confirm
            <input
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              aria-describedby="delete-confirm-hint"
            />
            <span id="delete-confirm-hint" className="hint">
              Type <span className="id">{keyId}</span> exactly.
            </span>
          </label>
          <div className="actions">
            <button type="submit" className="danger" disabled={busy || typed !== keyId}>
              {busy ? "Deleting…" : "Delete key permanently"}
            </button>
            <button type="button" onClick={cancel} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div className="actions">
          <button type="button" onClick={check} disabled={busy}>
            {busy ? "Checking…" : "Delete key…"}
          </button>
        </div>
      )}
      <div ref={errorRef} tabIndex={-1}>
        <ErrorMessage error={error} />
      </div>
    </>
  );
}
