// The policy's answer to a key not yet created: the page asks the server
// for a validate_only create while the user types (debounced; the latest
// answer wins) and again on submit, so a request the policy refuses is
// never sent blind.
import { useCallback, useEffect, useRef, useState } from "react";
import { answer, type Api, type PolicyViolation } from "../../api/client";
import { ApiError, Code } from "../../api/errors";
import type { paths } from "../../api/schema";
import { expireTimeOf, type Expiry } from "./ExpiryField";

export type CreateRequest = paths["/v1/api-keys"]["post"]["requestBody"]["content"]["application/json"];

/** The form as the user has filled it so far. */
export interface Draft {
  resourceId: string;
  /** Unset: the caller. */
  ownerId?: string;
  displayName: string;
  description: string;
  expiry: Expiry;
}

export function requestOf(draft: Draft, now = new Date()): CreateRequest {
  return {
    resourceId: draft.resourceId,
    ownerId: draft.ownerId,
    displayName: draft.displayName.trim() || undefined,
    description: draft.description,
    expireTime: expireTimeOf(draft.expiry, now).time,
  };
}

export type Verdict = { allowed: true; warnings: PolicyViolation[] } | { allowed: false; error: unknown };

export async function check(api: Api, draft: Draft): Promise<Verdict> {
  try {
    const { warnings } = await answer(api.POST("/v1/api-keys", { body: { ...requestOf(draft), validateOnly: true } }));
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

export function refuses(verdict: Verdict | null): boolean {
  return verdict !== null && !verdict.allowed && verdict.error instanceof ApiError && REFUSALS.has(verdict.error.code);
}

const DEBOUNCE_MS = 400;

export interface PolicyCheck {
  /** The last answer, for the draft as it was then; null before the first. */
  verdict: Verdict | null;
  /** A newer draft is waiting for its answer. */
  checking: boolean;
  /** Asks at once for `draft` (on submit); the answer also becomes the verdict. */
  recheck: (draft: Draft) => Promise<Verdict>;
}

export function usePolicyCheck(api: Api, draft: Draft | null): PolicyCheck {
  const [state, setState] = useState<{ verdict: Verdict | null; checking: boolean }>({
    verdict: null,
    checking: false,
  });
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // The draft by value: a new object with the same fields asks nothing new.
  const drafted = draft ? JSON.stringify(draft) : "";

  useEffect(() => {
    const request = ++latest.current;
    if (!drafted) {
      setState({ verdict: null, checking: false });
      return;
    }
    setState((previous) => ({ ...previous, checking: true }));
    timer.current = setTimeout(() => {
      void check(api, JSON.parse(drafted) as Draft).then((verdict) => {
        if (request === latest.current) setState({ verdict, checking: false });
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer.current);
  }, [api, drafted]);

  const recheck = useCallback(
    async (now: Draft) => {
      clearTimeout(timer.current);
      const request = ++latest.current;
      setState((previous) => ({ ...previous, checking: true }));
      const verdict = await check(api, now);
      if (request === latest.current) setState({ verdict, checking: false });
      return verdict;
    },
    [api],
  );

  return { ...state, recheck };
}
