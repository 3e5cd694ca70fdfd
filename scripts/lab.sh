#!/usr/bin/env bash
# Start Jupyter on 127.0.0.1 with the project's rnnlab kernelspec and the notebooks folder open; prints the URL.
# Uses JupyterLab when it is installed (conda environment.yml), otherwise Debian's classic Notebook.
# Options: --port N (default 8888 or $PORT); anything else is passed to Jupyter. LAB_IP=0.0.0.0 listens on every
# interface (the Dockerfile sets it: a container's 127.0.0.1 is not reachable from the host).
set -euo pipefail
cd "$(dirname "$0")/.."
export JUPYTER_PATH="$(pwd)/.jupyter/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
[ -f kernel-lib/dist/jupyter/kernelspec.js ] || { echo "lab: rnnlab is not built: run 'npm run setup' first" >&2; exit 3; }
node -e 'const k = require("./kernel-lib/dist/jupyter/kernelspec"); const p = k.kernelSpecProblem(process.cwd()); if (p && k.kernelSpecProblem(process.cwd(), { user: true })) { console.error("lab: " + p); process.exit(3) }' \
  || exit 3
PORT="${PORT:-8888}"; ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) PORT="$2"; shift 2 ;;
    --port=*) PORT="${1#--port=}"; shift ;;
    *) ARGS+=("$1"); shift ;;
  esac
done
PY="${RNNLAB_PYTHON:-$(cat .jupyter/python 2>/dev/null || echo /usr/bin/python3)}"; "$PY" -c 'import notebook' 2>/dev/null || PY="$(command -v python3)"
if "$PY" -c 'import jupyterlab' 2>/dev/null; then APP=lab; else APP=notebook; fi
[ "$(id -u)" = 0 ] && ARGS+=(--allow-root)
echo "Starting Jupyter ($APP) on http://${LAB_IP:-127.0.0.1}:$PORT/ with the notebooks folder; it prints the URL with its token below. Ctrl-C stops it."
exec "$PY" -m "$APP" --ip="${LAB_IP:-127.0.0.1}" --port="$PORT" --port-retries=0 --no-browser --notebook-dir="$(pwd)/notebooks" ${ARGS[@]+"${ARGS[@]}"}
