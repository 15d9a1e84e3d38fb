import type { ReactNode } from "react";
import { ApiError, Code } from "../../api/errors";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PageHeading } from "../../components/PageHeading";
import { mayOpen, rolesFor, useSession, type AdminPage } from "../../identity";
import { hrefOf } from "../../router";

// Reads are filtered rather than refused (a plain user's audit trail lists its
// own events), so a person without the page's roles who opens it by its
// address is told plainly that the page is not theirs.
function notTheirs(page: AdminPage): ApiError {
  const roles = rolesFor(page).join(" or ");
  return new ApiError(403, Code.PermissionDenied, `this page is for administrators (${roles} at the organization)`);
}

/** An admin page's body for admins; for everyone else, why they cannot see it. */
export function AdminOnly({ page, title, children }: { page: AdminPage; title: string; children: ReactNode }) {
  const { identity } = useSession();
  if (mayOpen(identity, page)) return <>{children}</>;
  return (
    <main id="main">
      <PageHeading>{title}</PageHeading>
      <ErrorMessage error={notTheirs(page)} />
      <p>
        <a href={hrefOf({ page: "keys" })}>Go to your keys</a>
      </p>
    </main>
  );
}
