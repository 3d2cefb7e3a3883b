/**
 * Optimistic concurrency: a change applied only to the version the client read. SCIM says it with
 * If-Match (an ETag), GraphQL with `expectedVersion`; the services check it at the moment of the
 * write, on the row they change.
 */
export type VersionPrecondition = (version: number) => boolean;

/** The precondition "still at this version", or none when the client gave no version. */
export function expectingVersion(expected: number | null | undefined): VersionPrecondition | undefined {
  return expected === null || expected === undefined ? undefined : (version) => version === expected;
}
