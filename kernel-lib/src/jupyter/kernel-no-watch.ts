// Preloaded (`node --require`) into every kernel that runs a notebook headlessly (grading, handouts, tests) before
// tslab starts: the TypeScript program that tslab keeps for the cells watches no file.
//
// Why: nothing such a kernel reads changes while it runs, yet a file watcher (inotify) still fires when another
// process adds a hard link to a watched file, since the link count is an attribute of the inode. The grader
// hard-links the library into each jail (`neutralLibrary`), so grading while another kernel runs scheduled a rebuild
// in that kernel, and tslab then failed its next cell with "Unexpected pending rebuildTimer". With no watchers, a
// cell's outcome depends on its code alone. (Interactive kernels keep their watchers: a student may edit a module.)
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
