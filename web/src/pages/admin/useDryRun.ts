// A form's validate_only call, made while the user types: the policy's answer
// (violations with their rules, or warnings) is on the page before anything is
// submitted. Calls wait until typing pauses, and only the latest answer counts.
import { useEffect, useRef, useState, type DependencyList } from "react";
import type { Answer } from "../../api/client";

const PAUSE_MS = 400;

export type DryRun =
  | { state: "idle" }
  | { state: "checking" }
  | { state: "allowed"; answer: Answer<unknown> }
  | { state: "refused"; error: unknown };

/** `check` is null while the form is too incomplete to ask about. */
export function useDryRun(check: (() => Promise<Answer<unknown>>) | null, deps: DependencyList): DryRun {
  const [dryRun, setDryRun] = useState<DryRun>({ state: "idle" });
  const latest = useRef(0);
  useEffect(() => {
    const request = ++latest.current;
    if (!check) {
      setDryRun({ state: "idle" });
      return;
    }
    setDryRun({ state: "checking" });
    const timer = window.setTimeout(() => {
      check().then(
        (answer) => request === latest.current && setDryRun({ state: "allowed", answer }),
        (error: unknown) => request === latest.current && setDryRun({ state: "refused", error }),
      );
    }, PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, deps);
  return dryRun;
}
