import { PageHeading } from "../components/PageHeading";

// PLACEHOLDER: replaced by the page's real implementation.
export function KeyDetails({ id }: { id: string }) {
  return (
    <main id="main">
      <PageHeading>{`Key ${id}`}</PageHeading>
    </main>
  );
}
