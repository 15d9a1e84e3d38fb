import { PageHeading } from "../components/PageHeading";
import { hrefOf } from "../router";

export function NotFound() {
  return (
    <main id="main" tabIndex={-1}>
      <PageHeading>Page not found</PageHeading>
      <p>
        There is no such page. <a href={hrefOf({ page: "keys" })}>Go to your keys</a>.
      </p>
    </main>
  );
}
