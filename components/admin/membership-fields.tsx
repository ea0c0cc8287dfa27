import { Options, SelectField } from "@/components/ui/field";
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
      <SelectField id={`${idPrefix}role`} name="role" label="Role" errors={errors?.role} defaultValue={role}>
        <Options values={ROLES} label={(value) => ROLE_LABELS[value]} />
      </SelectField>
      <SelectField
        id={`${idPrefix}organizationId`}
        name="organizationId"
        label="Organization"
        errors={errors?.organizationId}
        hint="Customers belong to exactly one organization; support and admins to none."
        defaultValue={organizationId}
      >
        <option value="">None (staff)</option>
        {organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.name}
          </option>
        ))}
      </SelectField>
    </>
  );
}
