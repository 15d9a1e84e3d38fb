import type { PolicyViolation } from "../api/client";

/** The policy's violations (why it refuses) and warnings (advice), each with its rule. */
export function PolicyFindings({
  violations = [],
  warnings = [],
  title,
}: {
  violations?: PolicyViolation[];
  warnings?: PolicyViolation[];
  title?: string;
}) {
  if (violations.length === 0 && warnings.length === 0) return null;
  return (
    <section className="findings" aria-label={title ?? "Policy decision"} aria-live="polite">
      {violations.length > 0 && (
        <div className="findings-violations" role="alert">
          <h3>Not allowed by policy</h3>
          <ul>
            {violations.map((v, i) => (
              <li key={`v${i}`} data-rule={v.rule}>
                <code className="rule">{v.rule}</code> {v.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {warnings.length > 0 && (
        <div className="findings-warnings">
          <h3>Policy warnings</h3>
          <ul>
            {warnings.map((w, i) => (
              <li key={`w${i}`} data-rule={w.rule}>
                <code className="rule">{w.rule}</code> {w.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
