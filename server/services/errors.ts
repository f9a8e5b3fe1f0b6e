/** Codes a service may raise; the tRPC and HTTP layers map them to status codes. */
export type ServiceErrorCode = "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT" | "FORBIDDEN" | "UNAUTHORIZED";

/** An expected failure with a message fit to show the user; anything else is a bug. */
export class ServiceError extends Error {
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ServiceError";
  }
}
