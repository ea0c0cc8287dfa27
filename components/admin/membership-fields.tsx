import { Field, inputClass } from "@/components/ui/field";
import { ROLE_LABELS, ROLES } from "@/lib/users/user-schema";

export type OrganizationOption = { id: string; name: string };

/** Role and organization of a user: customers belong to one organization, staff to none. */
export function MembershipFields({
  idPrefix = "",
  organizations,
  errors,
  role,
  organizationId,
}: {
  idPrefix?: string;
  organizations: readonly OrganizationOption[];
  errors?: Record<string, string[]>;
  role: string;
  organizationId: string;
}) {
  return (
    <>
      <Field id={`${idPrefix}role`} label="Role" errors={errors?.role}>
        {(describedBy, invalid) => (
          <select
            id={`${idPrefix}role`}
            name="role"
            defaultValue={role}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          >
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`${idPrefix}organizationId`}
        label="Organization"
        errors={errors?.organizationId}
        hint="Customers belong to exactly one organization; support and admins to none."
      >
        {(describedBy, invalid) => (
          <select
            id={`${idPrefix}organizationId`}
            name="organizationId"
            defaultValue={organizationId}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          >
            <option value="">None (staff)</option>
            {organizations.map((organization) => (
              <option key={organization.id} value={organization.id}>
                {organization.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
