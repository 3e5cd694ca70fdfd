// The Python side of executeNotebook: nbclient runs one notebook in a fresh kernel and streams progress as JSON lines.
//
// argv[1] is a JSON spec {input, output, kernel_name, cwd, timeout, startup_timeout}. Each line on stdout is one event:
// {"event":"start","index":i} before a code cell, {"event":"cell","index":i,"ms":…,"error"?:{…}} after it, and
// {"event":"done","error"?:{…}} at the end. The executed notebook (partly executed on an error) is written to `output`.
export const RUN_NOTEBOOK_PY = String.raw`
import json, re, signal, sys, time, traceback
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

def interrupted(signum, frame):
    raise KeyboardInterrupt()  # SIGTERM like Ctrl-C: nbclient shuts the kernel down on the way out
signal.signal(signal.SIGTERM, interrupted)

spec = json.load(open(sys.argv[1]))
nb = nbformat.read(spec["input"], as_version=4)
state = {"index": None, "t0": 0.0, "error": None}

def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n"); sys.stdout.flush()

def error_outputs(cell, content):
    # tslab replies with ename "<Error>" and no evalue, and writes the message and stack to stderr: use that.
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            return {"ename": o.get("ename", ""), "evalue": o.get("evalue", ""), "traceback": "\n".join(o.get("traceback", []))}
    err = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr")
    ename, evalue = content.get("ename", "Error").strip("<>"), content.get("evalue", "")
    for line in err.splitlines():
        m = re.match(r"^((?:[A-Za-z_$][\w$.]*)?(?:Error|Exception)|error TS\d+):? ?(.*)$", line.strip())
        if m:
            ename, evalue = m.group(1), m.group(2)
            break
    else:
        lines = [l for l in err.splitlines() if l.strip()]
        if not evalue and lines:
            evalue = lines[0].strip()
    return {"ename": ename, "evalue": evalue, "traceback": err or "\n".join(content.get("traceback", []))}

def on_start(cell, cell_index, **kw):
    if cell.cell_type == "code" and cell.source.strip():
        state["index"], state["t0"] = cell_index, time.monotonic()
        emit({"event": "start", "index": cell_index})

def on_executed(cell, cell_index, execute_reply=None, **kw):
    ms = round((time.monotonic() - state["t0"]) * 1000)
    msg = {"event": "cell", "index": cell_index, "ms": ms}
    content = (execute_reply or {}).get("content", {})
    if content.get("status") == "error":
        msg["error"] = state["error"] = error_outputs(cell, content)
    emit(msg)

client = NotebookClient(
    nb, timeout=spec["timeout"], startup_timeout=spec["startup_timeout"], kernel_name=spec["kernel_name"],
    record_timing=False, allow_errors=False, on_cell_start=on_start, on_cell_executed=on_executed,
    resources={"metadata": {"path": spec["cwd"]}})

failure = None
try:
    client.execute(cwd=spec["cwd"])
except CellTimeoutError as e:
    failure = {"ename": "CellTimeoutError", "evalue": "cell timed out after %s s" % spec["timeout"], "traceback": str(e)}
except DeadKernelError as e:
    failure = {"ename": "DeadKernelError", "evalue": str(e), "traceback": ""}
except CellExecutionError as e:
    failure = dict(state["error"]) if state["error"] else {"ename": e.ename, "evalue": e.evalue, "traceback": str(e)}
except Exception as e:
    failure = {"ename": type(e).__name__, "evalue": str(e), "traceback": traceback.format_exc()}
if failure is not None:
    failure["index"] = state["index"]
nbformat.write(nb, spec["output"])
emit({"event": "done", "error": failure})
`;
