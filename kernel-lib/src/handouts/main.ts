#!/usr/bin/env node
// `npm run handouts`: executes the numbered notebooks and writes handouts/ (ipynb, HTML, PDF, index.html).
import { CommanderError } from "commander";
import { EXIT } from "../cli/exit-codes";
import { handoutsCommand } from "./command";

handoutsCommand().exitOverride().parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? EXIT.ok : EXIT.usage); // help, usage errors
  throw e;
});
