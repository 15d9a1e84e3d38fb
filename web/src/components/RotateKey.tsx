import { useState, type FormEvent } from "react";
import { answer, type ApiKey, type PolicyViolation } from "../api/client";
import { useSession } from "../identity";
import { hrefOf, useLeaveGuard } from "../router";
import { ErrorMessage } from "./ErrorMessage";
import { PolicyFindings } from "./PolicyFindings";
import { SecretOnce } from "./SecretOnce";
import { useFocusWhenShown } from "./useFocusWhenShown";

interface Rotated {
  successor: ApiKey;
  secret: string;
  warnings: PolicyViolation[];
}

const LEAVE_QUESTION = "The new key's secret is shown only once. Leave without saving it?";

/**
 * Issues a successor with a new secret; the old key keeps working for the
 * grace period. `onSaved` hears when the user says the new secret is saved.
 */
export function RotateKey({
  apiKey,
  warning,
  onRotated,
  onSaved,
}: {
  apiKey: ApiKey;
  /** What else rotating this key does, said before the button. */
  warning?: string;
  onRotated?: () => void;
  onSaved?: (successorId: string) => void;
}) {
  const { api } = useSession();
  const [hours, setHours] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [rotated, setRotated] = useState<Rotated | null>(null);
  const [saved, setSaved] = useState(false);
  useLeaveGuard(rotated && !saved ? LEAVE_QUESTION : null);
  const resultRef = useFocusWhenShown<HTMLDivElement>(rotated);
  const errorRef = useFocusWhenShown<HTMLDivElement>(error);

  const hoursValue = Number(hours);
  const hoursValid = hours.trim() === "" || (Number.isFinite(hoursValue) && hoursValue >= 0);

  const rotate = async (event: FormEvent) => {
    event.preventDefault();
    if (!hoursValid) return;
    setBusy(true);
    setError(null);
    try {
      const { data, warnings } = await answer(
        api.POST("/v1/api-keys/{id}:rotate", {
          params: { path: { id: apiKey.id ?? "" } },
          // A protobuf Duration in JSON: seconds with an "s".
          body: hours.trim() === "" ? {} : { gracePeriod: `${Math.round(hoursValue * 3600)}s` },
        }),
      );
      setSaved(false);
      setRotated({ successor: data.apiKey ?? {}, secret: data.secret ?? "", warnings });
      onRotated?.();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (rotated) {
    const successorId = rotated.successor.id ?? "";
    return (
      <div className="key-result" ref={resultRef} tabIndex={-1}>
        <p role="status">
          Rotated. The new key is <a href={hrefOf({ page: "key", id: successorId })}>{successorId}</a>. This key keeps
          working until its grace period ends (see Expires above).
        </p>
        <PolicyFindings warnings={rotated.warnings} />
        {saved ? (
          <p>The new secret is no longer shown.</p>
        ) : (
          <>
            <SecretOnce keyId={successorId} secret={rotated.secret} resourceId={rotated.successor.resourceId} />
            <div className="actions">
              <button
                type="button"
                className="primary"
                onClick={() => {
                  setSaved(true);
                  onSaved?.(successorId);
                }}
              >
                I have saved it
              </button>
            </div>
          </>
        )}
      </div>
    );
  }

  if (apiKey.state !== "API_KEY_STATE_ACTIVE") {
    return <p className="hint">Only an active key can be rotated.</p>;
  }

  return (
    <form onSubmit={rotate} aria-label="Rotate this key">
      <p className="hint">
        Rotating issues a new key with a new secret for the same owner and resource. This key keeps working for the
        grace period, so its clients can move to the new one.
      </p>
      <label>
        Grace period (hours)
        <input
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          value={hours}
          aria-invalid={!hoursValid}
          aria-describedby="grace-hint"
          onChange={(e) => setHours(e.target.value)}
        />
        <span id="grace-hint" className="hint">
          {hoursValid
            ? "Leave empty for the policy's default for this key's stage; 0 ends this key at once."
            : "Enter a number of hours, 0 or more."}
        </span>
      </label>
      {warning && <p className="warning">{warning}</p>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !hoursValid}>
          {busy ? "Rotating…" : "Rotate key"}
        </button>
      </div>
      <div ref={errorRef} tabIndex={-1}>
        <ErrorMessage error={error} />
      </div>
    </form>
  );
}
