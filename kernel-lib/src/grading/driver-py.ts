// The Python side of the grading driver: jupyter_client drives one or two kernels (student, tests) step by step, and reports each step as a length-prefixed JSON frame on file descriptor 3.
//
// Kernels are started with stdin/stdout/stderr on /dev/null and without fd 3, so nothing a kernel writes reaches the
// frames. Outputs are capped per step and per run. A step past its time limit, or a dead kernel, restarts that kernel
// (and the student kernel when it was serving) and replays the steps of that kernel that had succeeded.
export const GRADE_DRIVER_PY = String.raw`
import json, os, sys, time, struct, subprocess
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager

spec = json.load(open(sys.argv[1]))
deadline = time.monotonic() + spec["notebook_timeout"]
CELL_CAP, RUN_CAP = spec["cell_cap"], spec["run_cap"]
used = {"bytes": 0}
chan = os.fdopen(3, "wb", buffering=0)
kernels = {}

def out(obj):
    body = json.dumps(obj).encode("utf-8")
    chan.write(struct.pack(">I", len(body)) + body)

starts = {"n": 0}
gen = {}

def start(name):
    k = spec["kernels"][name]
    ksm = KernelSpecManager(kernel_dirs=[os.path.join(k["spec_dir"], "kernels")])
    conn = {}
    if k.get("sock_dir"):
        # Unix sockets (the jail has no network). tslab binds "ipc://<ip>:<port>", jupyter_client connects to
        # "<ip>-<port>": a link from the second name to the first joins them. A fresh prefix per start.
        starts["n"] += 1
        prefix = os.path.join(k["sock_dir"], "k%d" % starts["n"])
        for p in range(1, 16):
            os.symlink("k%d:%d" % (starts["n"], p), "%s-%d" % (prefix, p))
        conn = {"transport": "ipc", "ip": prefix}
    km = KernelManager(kernel_name=k["kernel_name"], kernel_spec_manager=ksm, **conn)
    km.start_kernel(cwd=k["cwd"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kc = km.client(); kc.start_channels()
    kernels[name] = {"km": km, "kc": kc}
    gen[name] = gen.get(name, 0) + 1

def ready(name):
    try:
        kernels[name]["kc"].wait_for_ready(timeout=spec["startup_timeout"])
    except Exception:
        stop(name)
        raise

def stop(name):
    k = kernels.pop(name, None)
    if not k:
        return
    try:
        k["kc"].stop_channels()
    except Exception:
        pass
    try:
        k["km"].shutdown_kernel(now=True)
    except Exception:
        pass

def alive(name):
    k = kernels.get(name)
    return bool(k) and k["km"].is_alive()

def collect(name, msg_id, limit, state):
    """Reads iopub until the request is idle; returns "ok" | "error" | "timeout" | "dead"."""
    kc, km = kernels[name]["kc"], kernels[name]["km"]
    while True:
        left = limit - time.monotonic()
        if left <= 0:
            return "timeout"
        try:
            msg = kc.get_iopub_msg(timeout=min(left, 1.0))
        except Exception:
            if not km.is_alive():
                return "dead"
            continue
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        t, c = msg["msg_type"], msg["content"]
        o = None
        if t == "stream":
            o = {"output_type": "stream", "name": c.get("name"), "text": c.get("text", "")}
        elif t in ("display_data", "execute_result"):
            o = {"output_type": t, "data": c.get("data", {})}
        elif t == "error":
            state["status"] = "error"
            o = {"output_type": "error", "ename": str(c.get("ename", ""))[:200], "evalue": str(c.get("evalue", ""))[:2000], "traceback": [str(x)[:2000] for x in c.get("traceback", [])[:20]]}
        elif t == "status" and c.get("execution_state") == "idle":
            break
        if o is not None:
            n = len(json.dumps(o))
            if state["bytes"] + n > CELL_CAP or used["bytes"] + n > RUN_CAP:
                state["capped"] = True
            else:
                state["bytes"] += n; used["bytes"] += n
                state["outputs"].append(o)
    while True:
        try:
            reply = kc.get_shell_msg(timeout=max(0.1, limit - time.monotonic()))
        except Exception:
            break
        if reply.get("parent_header", {}).get("msg_id") == msg_id:
            if reply["content"].get("status") == "error":
                state["status"] = "error"
            break
    return state["status"]

def send(name, code):
    return kernels[name]["kc"].execute(code, store_history=False, allow_stdin=False, stop_on_error=False)

def execute(name, code, timeout, state, msg_id=None):
    t0 = time.monotonic()
    if msg_id is None:
        msg_id = send(name, code)
    status = collect(name, msg_id, min(t0 + timeout, deadline), state)
    if status == "error":
        time.sleep(0.3)  # tslab refuses requests arriving within 200 ms of a failure
    return status, time.monotonic() - t0

def new_state():
    return {"status": "ok", "outputs": [], "bytes": 0, "capped": False}

steps = spec["steps"]
done = [None] * len(steps)
restarts = {"n": 0}
gen = {}

def restart(name, upto):
    """Restarts kernel name and replays its successful replayable steps before upto; False when it cannot."""
    stop(name)
    if restarts["n"] >= spec["max_restarts"] or time.monotonic() >= deadline:
        return False
    restarts["n"] += 1
    try:
        start(name)
        ready(name)
        for j in range(upto):
            s = steps[j]
            if s["kernel"] == name and s["replay"] and done[j] == "ok":
                st, _ = execute(name, s["code"], s["timeout"], new_state())
                if st in ("timeout", "dead"):
                    raise RuntimeError("replay failed")
        return True
    except Exception:
        stop(name)
        return False

def unblock(d):
    """Lets a serve loop still waiting to open its FIFOs (the test cell never connected) see an end of file."""
    for _ in range(3):
        for f, mode in (("t2s", os.O_WRONLY), ("s2t", os.O_RDONLY)):
            try:
                os.close(os.open(os.path.join(d, f), mode | os.O_NONBLOCK))
            except OSError:
                pass
        time.sleep(0.05)

try:
    # both kernels start at once (their start-up is most of a short run), then each is awaited
    for name in spec["kernels"]:
        try:
            start(name)
        except Exception as e:
            stop(name)
            out({"event": "kernel", "kernel": name, "error": str(e)[:500]})
    for name in list(kernels):
        try:
            ready(name)
        except Exception as e:
            out({"event": "kernel", "kernel": name, "error": str(e)[:500]})
    sent = {}
    for i, s in enumerate(steps):
        if s.get("early") and s["kernel"] in kernels:
            sent[i] = (send(s["kernel"], s["code"]), gen[s["kernel"]])
    for i, s in enumerate(steps):
        name = s["kernel"]
        if time.monotonic() >= deadline or name not in kernels:
            out({"key": s["key"], "kernel": name, "status": "skipped", "outputs": [], "seconds": 0, "capped": False}); continue
        serve = s.get("serve")
        serving = None
        if serve:
            sk = serve["kernel"]
            if sk in kernels and not alive(sk):
                restart(sk, i)
            os.makedirs(serve["fifo_dir"], exist_ok=True)
            for f in ("t2s", "s2t"):
                p = os.path.join(serve["fifo_dir"], f)
                os.mkfifo(p); os.chmod(p, 0o666)
            if sk in kernels:
                serving = (sk, kernels[sk]["kc"].execute(serve["code"], store_history=False, allow_stdin=False, stop_on_error=False))
        state = new_state()
        # an early step's request is valid only in the kernel it was sent to (not after a restart)
        early = sent.get(i) if sent.get(i) and sent[i][1] == gen.get(name) else None
        status, secs = execute(name, s["code"], s["timeout"], state, early[0] if early else None)
        done[i] = status
        out({"key": s["key"], "kernel": name, "status": status, "outputs": state["outputs"], "seconds": round(secs, 3), "capped": state["capped"]})
        if serving:
            sk, sid = serving
            unblock(serve["fifo_dir"])
            sstate = new_state()
            sstatus = collect(sk, sid, time.monotonic() + (2 if status in ("timeout", "dead") else 10), sstate) if sk in kernels else "dead"
            if sstatus in ("timeout", "dead") or status in ("timeout", "dead"):
                restart(sk, i)
            out({"event": "served", "key": s["key"], "status": sstatus, "capped": sstate["capped"]})
            for f in ("t2s", "s2t"):
                try:
                    os.unlink(os.path.join(serve["fifo_dir"], f))
                except OSError:
                    pass
        if status in ("timeout", "dead"):
            restart(name, i)
finally:
    for name in list(kernels):
        stop(name)
`;
