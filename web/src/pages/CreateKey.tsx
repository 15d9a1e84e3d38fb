import { PageHeading } from "../components/PageHeading";

// PLACEHOLDER: replaced by the page's real implementation.
export function CreateKey() {
  return (
    <main id="main">
      <PageHeading>CreateKey</PageHeading>
    </main>
  );
}
