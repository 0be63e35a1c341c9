// A --json command that fails after it produced something (models saved, a search run) still prints
// its one JSON document: what it produced, with the failure in "error". The failure itself goes on
// to main.ts's one error path, which says it on stderr in the same words and picks the exit code.

/** Thrown by a --json command that failed midway: `document` is what it produced, `failure` what stopped it. */
export class PartialOutput extends Error {
  constructor(readonly document: Readonly<Record<string, unknown>>, readonly failure: unknown) {
    super(failure instanceof Error ? failure.message : String(failure));
    this.name = 'PartialOutput';
  }
}
