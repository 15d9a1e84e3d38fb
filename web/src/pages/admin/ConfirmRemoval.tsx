import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import type { Answer } from "../../api/client";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PolicyFindings } from "../../components/PolicyFindings";
import { useFocusWhenShown } from "../../components/useFocusWhenShown";
import { useLoad } from "../../useLoad";

/**
 * A modal question before something is deleted. It first asks the server with
 * validate_only, so the policy's warnings (or its refusal) and what else would
 * go are shown before the user confirms; `typed`, when given, must be typed
 * out (one of its values) to enable the button.
 */
export function ConfirmRemoval<T>({
  heading,
  children,
  check,
  consequences,
  typed,
  actionLabel,
  remove,
  onRemoved,
  onCancel,
}: {
  heading: string;
  children?: ReactNode;
  /** The validate_only call; a new function runs it again. */
  check: () => Promise<Answer<T>>;
  /** What the validate_only answer says would happen besides. */
  consequences?: (data: T) => ReactNode;
  typed?: { label: string; accepted: string[] };
  actionLabel: string;
  remove: () => Promise<unknown>;
  onRemoved: () => void;
  onCancel: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const checked = useLoad(check, [check]);
  const [confirmation, setConfirmation] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const failure = useFocusWhenShown<HTMLDivElement>(error);

  useEffect(() => {
    // Focus goes back where it was (the row's button) when the dialog closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    element?.showModal();
    title.current?.focus();
    return () => {
      element?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const confirmed = !typed || typed.accepted.includes(confirmation.trim());
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await remove();
      onRemoved();
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="confirm-removal"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form onSubmit={submit}>
        <h2 id={titleId} ref={title} tabIndex={-1}>
          {heading}
        </h2>
        {children}
        {checked.loading && (
          <p className="hint" role="status">
            Checking with the policy…
          </p>
        )}
        {checked.error !== null && <ErrorMessage error={checked.error} />}
        {checked.data && (
          <>
            <PolicyFindings warnings={checked.data.warnings} title="Policy warnings" />
            {consequences?.(checked.data.data)}
          </>
        )}
        {typed && (
          <label>
            {typed.label}
            <input
              value={confirmation}
              onChange={(e) => setConfirmation(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </label>
        )}
        <div ref={failure} tabIndex={-1}>
          <ErrorMessage error={error} />
        </div>
        <div className="actions">
          <button type="submit" className="danger" disabled={busy || !confirmed || checked.loading || !checked.data}>
            {busy ? "Working…" : actionLabel}
          </button>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
