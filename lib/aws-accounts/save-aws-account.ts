import "server-only";
import { type Actor, recordAuditEvent } from "@/lib/audit/record-audit-event";
// The admin's side of the account pool (DESIGN §11, decision 024): add an account, enable or
// disable it. Audited. A disabled account takes no new requests; those placed there stay there.
import { forgetPoolCredentials } from "@/lib/aws/pool-credentials";
import type { AwsAccountInput } from "@/lib/aws-accounts/aws-account-schema";
import { db } from "@/lib/db";
import { NotFoundError, UserFacingError } from "@/lib/errors";

export async function createAwsAccount(input: AwsAccountInput, actor: Actor): Promise<{ id: string }> {
  const clash = await db.awsAccount.findFirst({
    where: { OR: [{ name: input.name }, { roleArn: input.roleArn }] },
    select: { name: true },
  });
  if (clash)
    throw new UserFacingError(
      clash.name === input.name
        ? "An account of that name is in the pool already."
        : "That role is in the pool already.",
      clash.name === input.name ? "name" : "roleArn",
    );
  return db.$transaction(async (tx) => {
    const account = await tx.awsAccount.create({ data: input, select: { id: true } });
    await recordAuditEvent(
      {
        actor,
        action: "aws-account.created",
        targetType: "AwsAccount",
        targetId: account.id,
        // The external ID stays out of the audit log: it guards the role against confused deputies.
        details: { name: input.name, roleArn: input.roleArn, regions: input.regions, enabled: input.enabled },
      },
      tx,
    );
    return account;
  });
}

export async function setAwsAccountEnabled(accountId: string, enabled: boolean, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.awsAccount.updateMany({ where: { id: accountId }, data: { enabled } });
    if (count === 0) throw new NotFoundError("That AWS account");
    await recordAuditEvent(
      {
        actor,
        action: enabled ? "aws-account.enabled" : "aws-account.disabled",
        targetType: "AwsAccount",
        targetId: accountId,
      },
      tx,
    );
  });
  forgetPoolCredentials();
}
