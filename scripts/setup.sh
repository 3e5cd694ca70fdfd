#!/usr/bin/env bash
# One set-up command for rnnlab: Jupyter, npm dependencies, the library build, the rnnlab kernelspec, and a smoke run.
# Idempotent: safe to re-run. Options: --user (register the kernelspec in ~/.local/share/jupyter instead of the
# project-local .jupyter/), --no-apt (never call apt-get), --skip-smoke, --system-only (Node check and Debian packages only).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
USER_SPEC=0; NO_APT=0; SMOKE=1; SYSTEM_ONLY=0
for a in "$@"; do
  case "$a" in
    --user) USER_SPEC=1 ;;
    --no-apt) NO_APT=1 ;;
    --skip-smoke) SMOKE=0 ;;
    --system-only) SYSTEM_ONLY=1 ;;
    -h|--help) sed -n 2,4p "$0"; exit 0 ;;
    *) echo "setup: unknown option $a (expected --user, --no-apt, --skip-smoke, --system-only)" >&2; exit 2 ;;
  esac
done
# bold only on a terminal (and not when NO_COLOR is set): logs and CI get plain text
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }; else say() { printf '[setup] %s\n' "$*"; }; fi

# 1. Node.js: Observable Plot is ESM-only and loads in tslab only on Node >= 20.19.
node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)) { console.error("setup: Node >= 20.19 is required, found "+process.versions.node); process.exit(1) }'

# 2. Jupyter (Debian's python3, never pip: PyPI is not reachable here), Chromium (PDF handouts, browser tests),
#    bubblewrap (the grader's sandbox), fortunes-it and witalian (notebook 09's Italian text),
#    poppler-utils (pdftoppm: the printed-page checks).
PY=/usr/bin/python3
need_pkgs=()
if ! [ -x "$PY" ] || ! "$PY" -c 'import nbclient, nbconvert, nbformat, jupyter_client, notebook' 2>/dev/null; then
  need_pkgs+=(python3-nbclient python3-nbconvert jupyter-nbconvert jupyter-client python3-nbformat jupyter-notebook)
fi
command -v chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
command -v bwrap >/dev/null 2>&1 || need_pkgs+=(bubblewrap)
# Italian text for notebook 09 (read from /usr/share, never committed; see data/italian/README.md)
[ -d /usr/share/games/fortunes/it ] || need_pkgs+=(fortunes-it)
[ -f /usr/share/dict/italian ] || need_pkgs+=(witalian)
command -v pdftoppm >/dev/null 2>&1 || need_pkgs+=(poppler-utils)   # test/pdf.test.ts renders handout pages
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$NO_APT" = 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian packages: ${need_pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" fonts-dejavu-core >/dev/null
  else
    echo "setup: missing: ${need_pkgs[*]}" >&2
    echo "  On Debian/Ubuntu run as root: apt-get install ${need_pkgs[*]}" >&2
    echo "  Elsewhere: conda env create -f environment.yml && conda activate rnnlab (then re-run with --no-apt)" >&2
    if printf '%s\n' "${need_pkgs[@]}" | grep -q nbclient; then exit 1; fi
  fi
fi
# --system-only: the machine's part alone (Node check, Debian packages), e.g. in a container image built before the
# workspace is mounted (.devcontainer/Dockerfile); the rest runs later with the workspace there.
if [ "$SYSTEM_ONLY" = 1 ]; then say "system packages in place (--system-only: npm, build and kernelspec skipped)"; exit 0; fi
# With conda, the environment's python has Jupyter; prefer Debian's otherwise.
if [ -n "${RNNLAB_PYTHON:-}" ]; then PY="$RNNLAB_PYTHON"; elif ! "$PY" -c 'import nbclient' 2>/dev/null; then PY="$(command -v python3)"; fi
mkdir -p .jupyter && "$PY" -c 'import sys; print(sys.executable)' > .jupyter/python   # read by rnnlab's notebook runner
say "Jupyter: $("$PY" -c 'import nbclient, nbconvert, notebook; print("nbclient", nbclient.__version__, "nbconvert", nbconvert.__version__, "notebook", notebook.__version__)')"

# 3. npm dependencies (from the lock file; skipped when already in place).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  # npm 10 can end a failed install ("Exit handler never called!", e.g. a dropped connection) with status 0
  [ -f node_modules/.package-lock.json ] || { echo "setup: npm ci did not finish (see npm's errors above); run npm run setup again" >&2; exit 1; }
else
  say "npm dependencies already installed"
fi

# 3b. The native add-on (kernel-lib/native, built by npm ci's install step): rebuilt when missing or older than its
#     sources. Without a C compiler the build fails softly and products run in WebAssembly (same results, slower).
NATIVE=kernel-lib/build/Release/rnnlab_native.node
if [ ! -f "$NATIVE" ] || [ -n "$(find kernel-lib/native kernel-lib/binding.gyp -newer "$NATIVE" 2>/dev/null | head -1)" ]; then
  say "building the native add-on (node-gyp)"
  npm run --silent build:native >/dev/null || say "native add-on not built: products run in WebAssembly (same results, slower)"
fi
node -e 'const k = require("./kernel-lib/build/Release/rnnlab_native.node"); console.log("[setup] native products:", k.isa())' 2>/dev/null || true

# 4. Build the library (kernel-lib/dist with .d.ts).
say "building rnnlab"
npm run --silent build
# npm links a workspace's bin only if its target exists at install time; dist/ is built after `npm ci`, so link it now
# (`npx rnnlab` works right after set-up). --ignore-scripts: only the links, not the add-on's install script again.
npm rebuild --ignore-scripts rnnlab >/dev/null
[ -x node_modules/.bin/rnnlab ] || { echo "setup: node_modules/.bin/rnnlab was not linked" >&2; exit 1; }

# 5. Register the kernelspec "rnnlab" (tslab with this workspace's library; not "tslab", the name tslab's own installer
#    uses). The project-local one is relative to its own folder, so a moved clone keeps working; --user writes an
#    absolute path for VS Code, rewritten by re-running this after a move.
if [ "$USER_SPEC" = 1 ]; then SPEC_FLAG='{ user: true }'; else SPEC_FLAG='{}'; fi
SPEC_DIR="$(node -e "console.log(require('./kernel-lib/dist/jupyter/kernelspec').writeKernelSpec(process.cwd(), $SPEC_FLAG))")"
SPEC_ROOT="$(dirname "$(dirname "$SPEC_DIR")")"
say "kernelspec 'rnnlab' written to $SPEC_DIR"

# 6. Smoke run: a one-cell notebook through nbclient with the tslab kernel.
if [ "$SMOKE" = 1 ]; then
  say "smoke run: one cell through nbclient and tslab"
  JUPYTER_PATH="$SPEC_ROOT" "$PY" - "$ROOT" <<'PYEOF'
import sys, nbformat, nbclient
root = sys.argv[1]
nb = nbformat.v4.new_notebook()
nb.metadata["kernelspec"] = {"name": "rnnlab", "display_name": "TypeScript (rnnlab)", "language": "typescript"}
nb.cells.append(nbformat.v4.new_code_cell('import * as rl from "rnnlab";\nrl.tensor([[1, 2], [3, 4]]).shape.join("x")'))
nbclient.NotebookClient(nb, timeout=120, kernel_name="rnnlab", resources={"metadata": {"path": root + "/notebooks"}}).execute()
out = nb.cells[0].outputs
text = "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in out)
if "2x2" not in text:
    sys.exit("setup: smoke run printed %r, expected '2x2'" % (out,))
print("smoke run ok:", text.strip())
PYEOF
fi
say "done. Run 'npm run handouts' to build the handouts, 'npm test' for the tests, 'npm run lab' for Jupyter."
