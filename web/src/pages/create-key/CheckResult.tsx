// What the policy says about the key as drafted: allowed (with its
// warnings), or each reason it would be refused.
import { useId, type Ref } from "react";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PolicyFindings } from "../../components/PolicyFindings";
import type { PolicyCheck } from "./policyCheck";

export function CheckResult({
  check: { verdict, checking },
  waitingFor,
  ref,
}: {
  check: PolicyCheck;
  /** Why nothing can be checked yet; unset once the draft is complete. */
  waitingFor?: string;
  ref?: Ref<HTMLElement>;
}) {
  const headingId = useId();
  return (
    <section className="policy-check" aria-labelledby={headingId} tabIndex={-1} ref={ref}>
      <h2 id={headingId}>Policy check</h2>
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
              <>
                <p className="findings-ok">Allowed by policy.</p>
                <PolicyFindings warnings={verdict.warnings} />
              </>
            )}
          </>
        )}
      </div>
      {!waitingFor && verdict && !verdict.allowed && <ErrorMessage error={verdict.error} />}
    </section>
  );
}
