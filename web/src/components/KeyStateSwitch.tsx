import { useState } from "react";
import { answer, type ApiKey, type PolicyViolation } from "../api/client";
import { useSession } from "../identity";
import { ErrorMessage } from "./ErrorMessage";
import { PolicyFindings } from "./PolicyFindings";
import { useFocusWhenShown } from "./useFocusWhenShown";

interface Outcome {
  said: string;
  warnings: PolicyViolation[];
}

/** Disables an enabled key, or enables a disabled one again. */
export function KeyStateSwitch({
  apiKey,
  warning,
  onChanged,
}: {
  apiKey: ApiKey;
  /** What else disabling this key does, said before the button. */
  warning?: string;
  onChanged: () => void;
}) {
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useFocusWhenShown<HTMLDivElement>(outcome ?? error);
  const disabled = Boolean(apiKey.disableTime);

  const change = async () => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    const params = { path: { id: apiKey.id ?? "" } };
    try {
      const { data, warnings } = await answer(
        disabled
          ? api.POST("/v1/api-keys/{id}:enable", { params, body: {} })
          : api.POST("/v1/api-keys/{id}:disable", { params, body: {} }),
      );
      const expired = data.state === "API_KEY_STATE_EXPIRED";
      setOutcome({
        said: disabled
          ? `Key enabled.${expired ? " It has expired, so it still does not verify." : ""}`
          : "Key disabled. It no longer verifies; enable it again to undo this.",
        warnings,
      });
      onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="hint">
        {disabled
          ? "This key is disabled: it verifies as disabled until it is enabled again."
          : "A disabled key stops verifying within a second, and can be enabled again later."}
      </p>
      {warning && !disabled && <p className="warning">{warning}</p>}
      <div className="actions">
        <button type="button" onClick={change} disabled={busy}>
          {disabled ? "Enable key" : "Disable key"}
        </button>
      </div>
      <div className="key-result" ref={outcomeRef} tabIndex={-1}>
        {outcome && (
          <>
            <p role="status">{outcome.said}</p>
            <PolicyFindings warnings={outcome.warnings} />
          </>
        )}
        <ErrorMessage error={error} />
      </div>
    </>
  );
}
