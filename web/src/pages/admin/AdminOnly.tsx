import type { ReactNode } from "react";
import { ApiError, Code } from "../../api/errors";
import { ErrorMessage } from "../../components/ErrorMessage";
import { PageHeading } from "../../components/PageHeading";
import { isAdmin, useSession } from "../../identity";
import { hrefOf } from "../../router";

// Reads are filtered rather than refused (a plain user's audit trail lists its
// own events), so a person without an admin role who opens an admin page by
// its address is told plainly that the page is not theirs.
const NOT_AN_ADMIN = new ApiError(
  403,
  Code.PermissionDenied,
  "this page is for administrators (OrganizationAdmin, AccountAdmin, EnvironmentAdmin or CloudClusterAdmin)",
);

/** An admin page's body for admins; for everyone else, why they cannot see it. */
export function AdminOnly({ title, children }: { title: string; children: ReactNode }) {
  const { identity } = useSession();
  if (isAdmin(identity)) return <>{children}</>;
  return (
    <main id="main">
      <PageHeading>{title}</PageHeading>
      <ErrorMessage error={NOT_AN_ADMIN} />
      <p>
        <a href={hrefOf({ page: "keys" })}>Go to your keys</a>
      </p>
    </main>
  );
}
