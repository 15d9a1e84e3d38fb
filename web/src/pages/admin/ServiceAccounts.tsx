import { PageHeading } from "../../components/PageHeading";

// PLACEHOLDER: replaced by the page's real implementation.
export function ServiceAccounts() {
  return (
    <main id="main">
      <PageHeading>ServiceAccounts</PageHeading>
    </main>
  );
}
