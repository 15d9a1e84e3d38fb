// What the policy says about a request as drafted: allowed (with its
// warnings), or each reason it would be refused.
import { useId, type Ref } from "react";
import { ErrorMessage } from "../components/ErrorMessage";
import { PolicyFindings } from "../components/PolicyFindings";
import type { PolicyCheck } from "./usePolicyCheck";
import "./policy-check.css";

export function PolicyCheckResult<Request>({
  check: { verdict, checking },
  waitingFor,
  Heading = "h2",
  ref,
}: {
  check: PolicyCheck<Request>;
  /** Why nothing can be checked yet; unset once the request is complete. */
  waitingFor?: string;
  /** h3 inside a form that has its own h2. */
  Heading?: "h2" | "h3";
  ref?: Ref<HTMLElement>;
}) {
  const headingId = useId();
  return (
    <section className="policy-check" aria-labelledby={headingId} tabIndex={-1} ref={ref}>
      <Heading id={headingId}>Policy check</Heading>
      <div aria-live="polite">
        {waitingFor ? (
          <p className="hint">{waitingFor}</p>
        ) : (
          <>
            {checking && (
              <p className="hint" role="status">
                Checking…
              </p>
            )}
            {verdict?.allowed && (
              // The last answer, dimmed while a newer check runs: it may no longer hold.
              <div className="policy-verdict" aria-busy={checking}>
                <p className="findings-ok">Allowed by policy.</p>
                <PolicyFindings warnings={verdict.warnings} />
              </div>
            )}
          </>
        )}
      </div>
      {!waitingFor && verdict && !verdict.allowed && (
        <div className="policy-verdict" aria-busy={checking}>
          <ErrorMessage error={verdict.error} />
        </div>
      )}
    </section>
  );
}
