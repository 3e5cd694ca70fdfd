// What the exit status of `rnnlab` and `npm run handouts` means (scripts and CI can tell these apart).

/** Exit statuses: 0 done; 1 the work failed (a cell raised, a check failed); 2 the command line was wrong;
 * 3 the set-up is missing (no Jupyter or no kernelspec: run `npm run setup`); 128 + n stopped by signal n (130 = Ctrl-C). */
export const EXIT = { ok: 0, failed: 1, usage: 2, setup: 3, interrupted: 130 } as const;

/** The help text's section on exit statuses. */
export const EXIT_HELP = `
Exit status: 0 done · 1 a notebook, cell or check failed · 2 wrong command line · 3 set-up missing (run npm run setup)
· 130 interrupted (Ctrl-C)`;
