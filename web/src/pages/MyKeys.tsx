import { PageHeading } from "../components/PageHeading";

// PLACEHOLDER: replaced by the page's real implementation.
export function MyKeys() {
  return (
    <main id="main">
      <PageHeading>MyKeys</PageHeading>
    </main>
  );
}
