#!/usr/bin/env bash
# Start Jupyter on 127.0.0.1 with the project's tslab kernelspec and the notebooks folder open; prints the URL.
# Uses JupyterLab when it is installed (conda environment.yml), otherwise Debian's classic Notebook.
set -euo pipefail
cd "$(dirname "$0")/.."
export JUPYTER_PATH="$(pwd)/.jupyter/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
[ -f .jupyter/share/jupyter/kernels/tslab/kernel.json ] || { echo "lab: run 'npm run setup' first (no tslab kernelspec)" >&2; exit 1; }
PORT="${PORT:-8888}"
PY=/usr/bin/python3; "$PY" -c 'import notebook' 2>/dev/null || PY="$(command -v python3)"
if "$PY" -c 'import jupyterlab' 2>/dev/null; then APP=lab; else APP=notebook; fi
echo "Starting Jupyter ($APP) at http://127.0.0.1:$PORT/ (the URL with its token follows); Ctrl-C stops it."
exec "$PY" -m "$APP" --ip=127.0.0.1 --port="$PORT" --no-browser --notebook-dir="$(pwd)/notebooks" "$@"
