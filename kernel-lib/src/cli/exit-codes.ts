// What the exit status of `rnnlab` and `npm run handouts` means (scripts and CI can tell these apart).

/**
 * Exit statuses: 0 done; 1 the work failed (a test or check failed, a cell raised, the source fails its own tests);
 * 2 the command line was wrong (unknown option, bad value, missing argument); 3 the set-up is missing (no Jupyter,
 * no kernelspec, no tslab, no bubblewrap jail: run `npm run setup`); 4 a file or folder named on the command line is
 * missing, unreadable or not what the command needs (not a notebook, not an assignment, an output folder that cannot
 * be written); 5 an internal error of rnnlab (a bug: the message and
 * stack are printed); 128 + n stopped by signal n (130 = Ctrl-C).
 * `grade` exits 0 when every submission was graded, whatever the scores; `validate` exits 1 when a visible test fails.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, setup: 3, input: 4, internal: 5, interrupted: 130 } as const;

/** One of the statuses above. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The help text's section on exit statuses. */
export const EXIT_HELP = `
Exit status: 0 done · 1 a notebook, cell, test or check failed · 2 wrong command line · 3 set-up missing (run npm run setup)
· 4 a file or folder missing or unusable (not a notebook/assignment) · 5 internal error (a bug in rnnlab) · 130 interrupted (Ctrl-C)`;

/** An error the command line reports with its own exit status (see {@link EXIT}) and without a stack. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode) {
    super(message);
    this.name = "CliError";
  }
}

/** The exit status for an error thrown by a command: a {@link CliError}'s own, else {@link EXIT.internal}. */
export function exitCodeOf(e: unknown): ExitCode {
  return e instanceof CliError ? e.exitCode : EXIT.internal;
}
