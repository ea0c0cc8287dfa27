// Errors whose message is written for the person at the keyboard: actions show them as they are.
export class UserFacingError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "UserFacingError";
  }
}

/** The object does not exist, or the caller may not know it exists (pages answer 404). */
export class NotFoundError extends UserFacingError {
  constructor(what = "That request") {
    super(`${what} was not found. It may have been removed, or it belongs to another organization.`);
    this.name = "NotFoundError";
  }
}

/** Someone else changed the object first (e.g. two staff approving at once). */
export class ConflictError extends UserFacingError {
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}
