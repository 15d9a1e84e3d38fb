import { PageHeading } from "../../components/PageHeading";

// PLACEHOLDER: replaced by the page's real implementation.
export function RoleBindings() {
  return (
    <main id="main">
      <PageHeading>RoleBindings</PageHeading>
    </main>
  );
}
