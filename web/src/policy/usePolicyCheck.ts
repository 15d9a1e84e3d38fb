// The policy's answer to a request not yet made: while the user fills in a
// form, the page sends the request with validate_only (once typing pauses; the
// latest answer wins), and again on submit, so a request the policy refuses is
// never sent blind.
import { useCallback, useEffect, useRef, useState } from "react";
import type { Answer, PolicyViolation } from "../api/client";
import { ApiError, Code } from "../api/errors";

export type Verdict = { allowed: true; warnings: PolicyViolation[] } | { allowed: false; error: unknown };

export interface PolicyCheck<Request> {
  /** The last answer, for the request as it was then; null before the first. */
  verdict: Verdict | null;
  /** A newer request is waiting for its answer. */
  checking: boolean;
  /** Asks at once for `request` (on submit); the answer also becomes the verdict. */
  recheck: (request: Request) => Promise<Verdict>;
}

const PAUSE_MS = 400;

/**
 * `ask` sends the request with validate_only; `request` is null while the form
 * is too incomplete to ask about. The request is compared by value: a new
 * object with the same fields asks nothing new.
 */
export function usePolicyCheck<Request>(
  ask: (request: Request) => Promise<Answer<unknown>>,
  request: Request | null,
): PolicyCheck<Request> {
  const [state, setState] = useState<{ verdict: Verdict | null; checking: boolean }>({
    verdict: null,
    checking: false,
  });
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const currentAsk = useRef(ask);
  useEffect(() => {
    currentAsk.current = ask;
  });
  const requested = request === null ? "" : JSON.stringify(request);

  useEffect(() => {
    const asked = ++latest.current;
    if (!requested) {
      setState({ verdict: null, checking: false });
      return;
    }
    setState((previous) => ({ ...previous, checking: true }));
    timer.current = setTimeout(() => {
      void verdictOf(currentAsk.current, JSON.parse(requested) as Request).then((verdict) => {
        if (asked === latest.current) setState({ verdict, checking: false });
      });
    }, PAUSE_MS);
    return () => clearTimeout(timer.current);
  }, [requested]);

  const recheck = useCallback(async (now: Request) => {
    clearTimeout(timer.current);
    const asked = ++latest.current;
    setState((previous) => ({ ...previous, checking: true }));
    const verdict = await verdictOf(currentAsk.current, now);
    if (asked === latest.current) setState({ verdict, checking: false });
    return verdict;
  }, []);

  return { ...state, recheck };
}

async function verdictOf<Request>(
  ask: (request: Request) => Promise<Answer<unknown>>,
  request: Request,
): Promise<Verdict> {
  try {
    const { warnings } = await ask(request);
    return { allowed: true, warnings };
  } catch (error) {
    return { allowed: false, error };
  }
}

/** Codes that say the request itself would be refused; others (unreachable, timeouts) may pass on a retry. */
const REFUSALS = new Set<number>([
  Code.InvalidArgument,
  Code.OutOfRange,
  Code.NotFound,
  Code.AlreadyExists,
  Code.PermissionDenied,
  Code.ResourceExhausted,
  Code.FailedPrecondition,
  Code.Unauthenticated,
]);

/** The last answer refuses the request: submitting it as it stands is pointless. */
export function refuses(verdict: Verdict | null): boolean {
  return verdict !== null && !verdict.allowed && verdict.error instanceof ApiError && REFUSALS.has(verdict.error.code);
}
