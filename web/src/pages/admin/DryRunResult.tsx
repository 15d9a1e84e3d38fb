import { ErrorMessage } from "../../components/ErrorMessage";
import { PolicyFindings } from "../../components/PolicyFindings";
import type { DryRun } from "./useDryRun";

/** What the policy said about the form as it stands, before it is submitted. */
export function DryRunResult({ dryRun, idleHint }: { dryRun: DryRun; idleHint: string }) {
  switch (dryRun.state) {
    case "idle":
      return <p className="hint dry-run">{idleHint}</p>;
    case "checking":
      return (
        <p className="hint dry-run" role="status">
          Checking with the policy…
        </p>
      );
    case "allowed":
      return (
        <div className="dry-run">
          <p className="findings-ok" role="status">
            The policy allows this.
          </p>
          <PolicyFindings warnings={dryRun.answer.warnings} />
        </div>
      );
    case "refused":
      return (
        <div className="dry-run">
          <ErrorMessage error={dryRun.error} />
        </div>
      );
  }
}
