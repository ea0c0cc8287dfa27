// Who did it, as the viewer may read it (issue 10, DESIGN §13): customers never see staff e-mail
// addresses; a staff actor is "Platform support" to them. Staff see every address. Pure.

export const PLATFORM_SUPPORT = "Platform support";

export type ActorFacts = {
  actorEmail: string | null;
  /** The actor is platform staff (support or admin) rather than a member of the organization. */
  actorIsStaff: boolean;
};

export function presentActor(actor: ActorFacts, viewer: { customer: boolean }): string | null {
  if (actor.actorEmail === null || actor.actorEmail === "system") return actor.actorEmail;
  if (viewer.customer && actor.actorIsStaff) return PLATFORM_SUPPORT;
  return actor.actorEmail;
}
