// Preloaded (`node --require`) into every grading kernel before tslab starts: the TypeScript program that tslab
// keeps for the student's cells watches no file.
//
// Why: nothing a grading kernel reads changes while it runs, yet a file watcher (inotify) still fires when another
// process adds a hard link to a watched file, since the link count is an attribute of the inode. Two graders running
// at once each hard-link the library into their own jail (`neutralLibrary`), so one grader's set-up scheduled a
// rebuild in the other's kernel, and tslab then failed the student's next cell with "Unexpected pending
// rebuildTimer". With no watchers, a cell's outcome depends on its code alone.
import { dirname } from "node:path";

type Watcher = { close(): void };
type Sys = { watchFile?: (...args: unknown[]) => Watcher; watchDirectory?: (...args: unknown[]) => Watcher };

/** The TypeScript copy tslab compiles cells with (`@tslab/typescript-for-tslab`, resolved from tslab's own folder). */
function tslabTypeScript(): { sys: Sys } {
  const tslab = dirname(require.resolve("tslab/package.json"));
  return require(require.resolve("@tslab/typescript-for-tslab", { paths: [tslab] })) as { sys: Sys };
}

/** Replaces `ts.sys.watchFile` and `ts.sys.watchDirectory` of tslab's TypeScript by watchers that never fire. */
export function disableTslabWatchers(): void {
  const { sys } = tslabTypeScript();
  const none: Watcher = { close() {} };
  sys.watchFile = () => none;
  sys.watchDirectory = () => none;
}

disableTslabWatchers();
