"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { authenticatedAction } from "@/lib/actions/authenticated-action";
import { apiTokenSchema } from "@/lib/api-tokens/api-token-schema";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { uuidField } from "@/lib/ids";

export const createApiTokenAction = authenticatedAction({
  name: "api-token.create",
  audience: "customer",
  schema: apiTokenSchema,
  async handler(input, { viewer }) {
    const created = await createApiToken(input, viewer);
    revalidatePath("/api-tokens");
    return {
      ok: true,
      message: `Token “${created.name}” created. Copy it now: it is shown only once.`,
      secret: created.token,
    };
  },
});

export const revokeApiTokenAction = authenticatedAction({
  name: "api-token.revoke",
  audience: "customer",
  schema: z.object({ tokenId: uuidField("That token ID is not valid.") }),
  async handler({ tokenId }, { viewer }) {
    await revokeApiToken(tokenId, viewer);
    revalidatePath("/api-tokens");
    return { ok: true, message: "Token revoked; calls with it are refused from now on." };
  },
});
