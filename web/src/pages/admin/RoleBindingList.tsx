import type { RoleBinding } from "../../api/client";
import { formatTime } from "../../format";

/** Role bindings as a table (cards at phone width), each with its Remove button. */
export function RoleBindingList({
  bindings,
  describe,
  onRemove,
}: {
  bindings: RoleBinding[];
  describe: (id: string) => string;
  onRemove: (binding: RoleBinding) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="cards">
        <thead>
          <tr>
            <th scope="col">Principal</th>
            <th scope="col">Role</th>
            <th scope="col">Scope</th>
            <th scope="col">Granted</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {bindings.map((binding) => {
            const principal = describe(binding.principalId ?? "");
            return (
              <tr key={binding.id}>
                <td data-label="Principal">{principal}</td>
                <td data-label="Role">{binding.role}</td>
                <td data-label="Scope">{describe(binding.scope ?? "")}</td>
                <td data-label="Granted">{formatTime(binding.createTime)}</td>
                <td data-label="Actions">
                  <div className="row-actions">
                    <button
                      type="button"
                      onClick={() => onRemove(binding)}
                      aria-label={`Remove ${binding.role} of ${principal} at ${binding.scope}`}
                    >
                      Remove
                    </button>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
