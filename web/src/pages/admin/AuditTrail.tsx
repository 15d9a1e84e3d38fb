import { PageHeading } from "../../components/PageHeading";

// PLACEHOLDER: replaced by the page's real implementation.
export function AuditTrail() {
  return (
    <main id="main">
      <PageHeading>AuditTrail</PageHeading>
    </main>
  );
}
