import { ApiError, describeError } from "../api/errors";
import { PolicyFindings } from "./PolicyFindings";

/** A failed call explained: one sentence, then the policy's reasons if it denied. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  const apiError = error instanceof ApiError ? error : null;
  return (
    <div className="error" role="alert">
      <p>{describeError(error)}</p>
      {apiError && <PolicyFindings violations={apiError.violations} warnings={apiError.warnings} />}
    </div>
  );
}
