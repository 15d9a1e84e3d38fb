// Submitting a form whose request the policy checks while it is filled in:
// the request is checked once more at once (the last answer may be for an
// older draft), and sent only if allowed. Focus goes to the policy check when
// it refuses, and to the error when sending fails.
import { useRef, useState, type FormEvent, type RefObject } from "react";
import { useFocusWhenShown } from "../components/useFocusWhenShown";
import type { PolicyCheck } from "./usePolicyCheck";

export interface CheckedSubmit<Request> {
  /** The form's onSubmit, for the request as it stands (null: incomplete, nothing is sent). */
  submit: (event: FormEvent, request: Request | null) => Promise<void>;
  busy: boolean;
  /** Why sending failed; shown in `failureRegion`. */
  error: unknown;
  checkRegion: RefObject<HTMLElement | null>;
  failureRegion: RefObject<HTMLDivElement | null>;
}

export function useCheckedSubmit<Request, Result>(
  check: PolicyCheck<Request>,
  send: (request: Request) => Promise<Result>,
  onSent: (result: Result) => void,
): CheckedSubmit<Request> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const checkRegion = useRef<HTMLElement>(null);
  const failureRegion = useFocusWhenShown<HTMLDivElement>(error);

  const submit = async (event: FormEvent, request: Request | null) => {
    event.preventDefault();
    if (request === null || busy) return;
    setBusy(true);
    setError(null);
    const verdict = await check.recheck(request);
    if (!verdict.allowed) {
      setBusy(false);
      checkRegion.current?.focus();
      return;
    }
    try {
      onSent(await send(request));
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return { submit, busy, error, checkRegion, failureRegion };
}
