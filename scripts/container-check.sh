#!/usr/bin/env bash
# Checks that the repository's Dockerfile and .devcontainer/Dockerfile build and work, on a Debian 12 machine with no
# docker daemon and no Docker Hub: buildah builds them (vfs storage, chroot isolation), then the image is exercised the
# way the Dockerfile's comments promise: `npx rnnlab --version`, the rnnlab kernelspec, one notebook run headless
# (npm run handouts -- --only 01 --no-pdf), and the CMD (npm run lab) serving Jupyter on port 8888. The devcontainer
# image is built too and devcontainer.json's postCreateCommand (npm run setup -- --user, smoke run included) is run in it
# with the workspace mounted.
#
# Why a stand-in base image: both Dockerfiles start FROM node:20-bookworm, which cannot be pulled here (Docker Hub is
# not reachable). The official image is buildpack-deps:bookworm plus Node 20 in /usr/local; this script makes a
# stand-in the same way: a Debian bookworm rootfs from the Debian mirror (mmdebstrap, minbase plus buildpack-deps'
# curl/scm/compiler packages), this machine's Node 20 binary, headers and corepack in /usr/local, the npm that Node 20
# ships (npm@$NPM_VERSION from the npm registry), the image's docker-entrypoint.sh and `node` user, and it is stored as
# docker.io/library/node:20-bookworm (labelled org.rnnlab.standin). Two additions stand in for the network a real build
# has: node-gyp's header cache is pre-filled (a real build downloads the headers from nodejs.org), and this machine's
# extra CA certificates (/usr/local/share/ca-certificates, for its HTTPS egress proxy) are trusted, with
# NODE_EXTRA_CA_CERTS set. A real node:20-bookworm already in buildah's storage (no stand-in label) is used as it is.
#
# Usage: bash scripts/container-check.sh REPO_DIR   (root; builds from a fresh clone of REPO_DIR's committed HEAD)
# Env: CTR_WORK (work folder, default /tmp/rnnlab-ctr), NPM_VERSION (default 10.8.2), CTR_REBUILD_BASE=1 (remake the
# stand-in), CTR_SKIP_DEVCONTAINER=1. Idempotent: re-running rebuilds the rnnlab images and reuses the stand-in.
# Slow (vfs storage copies every layer): about 15-25 minutes on 2 cores; commands run under nice -n 10.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 REPO_DIR" >&2; exit 2; }
REPO="$(cd "$1" && pwd)"
[ "$(id -u)" = 0 ] || { echo "container-check: run as root (apt-get, mmdebstrap, buildah)" >&2; exit 2; }
WORK="${CTR_WORK:-/tmp/rnnlab-ctr}"
NPM_VERSION="${NPM_VERSION:-10.8.2}"
BASE=docker.io/library/node:20-bookworm
B=(nice -n 10 buildah --storage-driver vfs)
RUNOPTS=(--isolation chroot)
mkdir -p "$WORK"
say() { printf '[container-check] %s\n' "$*"; }
fail() { echo "[container-check] FAILED: $*" >&2; exit 1; }
NAMES=(rnnlab-check-base rnnlab-check-image rnnlab-check-devcontainer)
cleanup() { for n in "${NAMES[@]}"; do buildah --storage-driver vfs rm "$n" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT
new_ctr() { buildah --storage-driver vfs rm "$1" >/dev/null 2>&1 || true; "${B[@]}" from --pull=never --name "$1" "$2" >/dev/null; echo "$1"; }
image_id() { buildah --storage-driver vfs images -q --no-trunc "$1" 2>/dev/null | head -1 || true; }

# 1. Tools
if ! command -v buildah >/dev/null || ! command -v mmdebstrap >/dev/null; then
  say "installing buildah and mmdebstrap"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq buildah mmdebstrap uidmap >/dev/null
fi
command -v node >/dev/null || fail "node is not installed on this machine (its Node 20 goes into the stand-in)"
NODE_BIN="$(node -p process.execPath)"; NODE_VER="$(node -p process.versions.node)"
case "$NODE_VER" in 20.*) ;; *) fail "this machine's Node is $NODE_VER, not 20.x" ;; esac
NODE_PREFIX="$(dirname "$(dirname "$NODE_BIN")")"
[ -d "$NODE_PREFIX/include/node" ] || fail "no Node headers in $NODE_PREFIX/include/node"
[ -d "$NODE_PREFIX/lib/node_modules/corepack" ] || fail "no corepack in $NODE_PREFIX/lib/node_modules"

# 2. The stand-in base image
cleanup
want_label="node-$NODE_VER-npm-$NPM_VERSION"
if [ -n "$(image_id "$BASE")" ]; then
  label="$("${B[@]}" inspect --type image --format '{{index .OCIv1.Config.Labels "org.rnnlab.standin"}}' "$BASE")"
else
  label=missing
fi
if [ "$label" = missing ] || { [ -n "$label" ] && { [ "$label" != "$want_label" ] || [ "${CTR_REBUILD_BASE:-0}" = 1 ]; }; }; then
  say "making the stand-in $BASE (Debian bookworm from the mirror + Node $NODE_VER + npm $NPM_VERSION)"
  R="$WORK/base/rootfs"; rm -rf "$WORK/base"; mkdir -p "$WORK/base"
  nice -n 10 mmdebstrap --mode=root --variant=minbase --format=directory \
    --include=ca-certificates,curl,gnupg,netbase,wget,git,mercurial,openssh-client,procps,autoconf,automake,bzip2,dpkg-dev,file,g++,gcc,make,patch,unzip,xz-utils,zlib1g-dev,libssl-dev,python3 \
    bookworm "$R" "deb http://deb.debian.org/debian bookworm main" "deb http://deb.debian.org/debian bookworm-updates main" \
    "deb http://deb.debian.org/debian-security bookworm-security main" > "$WORK/mmdebstrap.log" 2>&1 \
    || { tail -20 "$WORK/mmdebstrap.log" >&2; fail "mmdebstrap (log: $WORK/mmdebstrap.log)"; }
  install -D -m755 "$NODE_BIN" "$R/usr/local/bin/node"
  mkdir -p "$R/usr/local/include" "$R/usr/local/lib/node_modules"
  cp -a "$NODE_PREFIX/include/node" "$R/usr/local/include/"
  cp -a "$NODE_PREFIX/lib/node_modules/corepack" "$R/usr/local/lib/node_modules/"
  (cd "$WORK/base" && npm pack --silent "npm@$NPM_VERSION" >/dev/null) || fail "npm pack npm@$NPM_VERSION"
  mkdir -p "$WORK/base/npm" && tar -xzf "$WORK/base/npm-$NPM_VERSION.tgz" -C "$WORK/base/npm"
  mv "$WORK/base/npm/package" "$R/usr/local/lib/node_modules/npm"
  ln -sfn ../lib/node_modules/npm/bin/npm-cli.js "$R/usr/local/bin/npm"
  ln -sfn ../lib/node_modules/npm/bin/npx-cli.js "$R/usr/local/bin/npx"
  ln -sfn ../lib/node_modules/corepack/dist/corepack.js "$R/usr/local/bin/corepack"
  cat > "$R/usr/local/bin/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
set -e

# Run command with node if the first argument contains a "-" or is not a system command. The last
# part inside the "{}" is a workaround for the following bug in ash/dash:
# https://bugs.debian.org/cgi-bin/bugreport.cgi?bug=874264
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi

exec "$@"
EOF
  chmod 755 "$R/usr/local/bin/docker-entrypoint.sh"
  chroot "$R" sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
  # stands in for node-gyp's download of the headers from nodejs.org (what a real build with a network does)
  mkdir -p "$R/root/.cache/node-gyp/$NODE_VER/include"
  cp -a "$NODE_PREFIX/include/node" "$R/root/.cache/node-gyp/$NODE_VER/include/"
  echo 11 > "$R/root/.cache/node-gyp/$NODE_VER/installVersion"
  # this machine's HTTPS egress goes through a proxy with its own CA: trust it as the host does
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$R/usr/local/share/ca-certificates/"
    chroot "$R" update-ca-certificates >/dev/null 2>&1
  fi
  : > "$R/etc/resolv.conf"; : > "$R/etc/hostname"
  "${B[@]}" rmi -f "$BASE" >/dev/null 2>&1 || true
  c="$(new_ctr rnnlab-check-base scratch)"; m="$("${B[@]}" mount "$c")"
  nice -n 10 tar -C "$R" -cf - . | tar -C "$m" -xpf -
  "${B[@]}" umount "$c" >/dev/null
  "${B[@]}" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --env "NODE_VERSION=$NODE_VER" \
    --env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt --entrypoint '["docker-entrypoint.sh"]' --cmd '["node"]' \
    --os linux --arch amd64 --label "org.rnnlab.standin=$want_label" "$c"
  "${B[@]}" commit -q --rm "$c" "$BASE" >/dev/null
  rm -rf "$WORK/base"
elif [ -z "$label" ]; then
  say "using the real $BASE found in buildah's storage"
else
  say "reusing the stand-in $BASE ($label)"
fi

# 3. Build from a fresh clone (the committed HEAD)
SRC="$WORK/src"; rm -rf "$SRC"; git clone -q "$REPO" "$SRC"
say "building rnnlab from $(git -C "$SRC" log -1 --format='%h %s' | cut -c1-80)"
old="$(image_id localhost/rnnlab)"; t0=$(date +%s)
"${B[@]}" bud --pull=never "${RUNOPTS[@]}" -t rnnlab -f Dockerfile "$SRC" > "$WORK/build.log" 2>&1 \
  || { tail -30 "$WORK/build.log" >&2; fail "buildah bud -f Dockerfile (log: $WORK/build.log)"; }
say "built rnnlab in $(( $(date +%s) - t0 )) s (log: $WORK/build.log)"
[ -z "$old" ] || [ "$old" = "$(image_id localhost/rnnlab)" ] || buildah --storage-driver vfs rmi "$old" >/dev/null 2>&1 || true
grep -F '[setup]' "$WORK/build.log" | sed 's/^/  /'

# 4. What the Dockerfile's comments promise
c="$(new_ctr rnnlab-check-image localhost/rnnlab)"
run() { "${B[@]}" run "${RUNOPTS[@]}" "$c" -- docker-entrypoint.sh "$@"; }   # as `docker run rnnlab CMD…` would
want="$(node -p "require('$SRC/kernel-lib/package.json').version")"
got="$(run npx rnnlab --version)"; say "npx rnnlab --version: $got"
[ "$got" = "$want" ] || fail "npx rnnlab --version printed '$got', expected '$want'"
specs="$(run bash -c 'JUPYTER_PATH=/opt/rnnlab/.jupyter/share/jupyter jupyter kernelspec list 2>/dev/null')"; printf '%s\n' "$specs" | sed 's/^/  /'
grep -qE '^ *rnnlab +/opt/rnnlab/\.jupyter/share/jupyter/kernels/rnnlab$' <<<"$specs" || fail "kernelspec rnnlab not listed"
say "one notebook headless: npm run handouts -- --only 01 --no-pdf"
run npm run handouts -- --only 01 --no-pdf > "$WORK/handouts.log" 2>&1 || { tail -30 "$WORK/handouts.log" >&2; fail "handouts (log: $WORK/handouts.log)"; }
tail -3 "$WORK/handouts.log" | sed 's/^/  /'
run bash -c 'ls handouts/01*.html' >/dev/null || fail "no handouts/01*.html"

say "the CMD (npm run lab) in its own network namespace"
cmd="$("${B[@]}" inspect --type image --format '{{.OCIv1.Config.Cmd}}' localhost/rnnlab)"
[ "$cmd" = '[npm run lab]' ] || fail "CMD is $cmd"
LAB_LOG="$WORK/lab.log"
unshare --net bash -s "$c" "$LAB_LOG" <<'EOS' || fail "Jupyter from the CMD (log: $LAB_LOG)"
set -euo pipefail
c="$1"; log="$2"; ip link set lo up
setsid nice -n 10 buildah --storage-driver vfs run --isolation chroot "$c" -- docker-entrypoint.sh npm run lab > "$log" 2>&1 &
pid=$!
stop() { kill -TERM -- "-$pid" 2>/dev/null || true; sleep 2; kill -KILL -- "-$pid" 2>/dev/null || true; }
trap stop EXIT
for _ in $(seq 90); do curl -sf http://127.0.0.1:8888/api >/dev/null && break; kill -0 "$pid" 2>/dev/null || break; sleep 1; done
echo "  GET /api: $(curl -sS http://127.0.0.1:8888/api)"
token="$(grep -oE 'token=[0-9a-f]+' "$log" | head -1 | cut -d= -f2)"
[ -n "$token" ] || { echo "no token in the log" >&2; cat "$log" >&2; exit 1; }
grep -F 'http://' "$log" | head -3 | sed 's/^/  /'
specs="$(curl -sS -H "Authorization: token $token" http://127.0.0.1:8888/api/kernelspecs)"
echo "  kernelspecs: $(printf '%s' "$specs" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);console.log(Object.keys(j.kernelspecs).join(", "),"(default",j.default+")")})')"
printf '%s' "$specs" | grep -q '"rnnlab"' || { echo "rnnlab kernelspec not served" >&2; exit 1; }
curl -sSf -H "Authorization: token $token" http://127.0.0.1:8888/api/contents/ | grep -q '\.ipynb' || { echo "no notebooks served" >&2; exit 1; }
# the server starts the project's kernel (tslab) and it answers kernel_info over the server's websocket
nice -n 10 buildah --storage-driver vfs run --isolation chroot "$c" -- /usr/bin/python3 - "$token" <<'PYEOF'
import json, sys, uuid, urllib.request
from tornado import ioloop, websocket, httpclient
token = sys.argv[1]; base = "127.0.0.1:8888"
req = urllib.request.Request("http://%s/api/kernels" % base, data=b'{"name": "rnnlab"}', method="POST",
                             headers={"Authorization": "token " + token})
kid = json.load(urllib.request.urlopen(req))["id"]
async def main():
    ws = await websocket.websocket_connect(httpclient.HTTPRequest(
        "ws://%s/api/kernels/%s/channels" % (base, kid), headers={"Authorization": "token " + token}))
    msg_id = uuid.uuid4().hex
    ws.write_message(json.dumps({"channel": "shell", "header": {"msg_id": msg_id, "msg_type": "kernel_info_request",
        "username": "", "session": uuid.uuid4().hex, "version": "5.3"}, "parent_header": {}, "metadata": {}, "content": {}}))
    while True:
        m = json.loads(await ws.read_message())
        if m.get("msg_type") == "kernel_info_reply" and m["parent_header"].get("msg_id") == msg_id:
            ws.close()
            return m["content"]
info = ioloop.IOLoop.current().run_sync(main, timeout=90)
urllib.request.urlopen(urllib.request.Request("http://%s/api/kernels/%s" % (base, kid), method="DELETE",
                                              headers={"Authorization": "token " + token}))
print("  kernel rnnlab via the server: kernel_info_reply from", info.get("implementation"), info.get("implementation_version"),
      "language", info.get("language_info", {}).get("name"))
sys.exit(0 if info.get("implementation") == "tslab" else 1)
PYEOF
EOS
grep -q '0\.0\.0\.0:8888\|all ip addresses' "$LAB_LOG" || say "note: the log does not show 0.0.0.0 (LAB_IP)"

# 5. The devcontainer: .devcontainer/Dockerfile (context: the repo), then its postCreateCommand with the workspace mounted
if [ "${CTR_SKIP_DEVCONTAINER:-0}" != 1 ]; then
  old="$(image_id localhost/rnnlab-devcontainer)"; t0=$(date +%s)
  "${B[@]}" bud --pull=never "${RUNOPTS[@]}" -t rnnlab-devcontainer -f .devcontainer/Dockerfile "$SRC" > "$WORK/build-devcontainer.log" 2>&1 \
    || { tail -30 "$WORK/build-devcontainer.log" >&2; fail "buildah bud -f .devcontainer/Dockerfile (log: $WORK/build-devcontainer.log)"; }
  say "built rnnlab-devcontainer in $(( $(date +%s) - t0 )) s (log: $WORK/build-devcontainer.log)"
  [ -z "$old" ] || [ "$old" = "$(image_id localhost/rnnlab-devcontainer)" ] || buildah --storage-driver vfs rmi "$old" >/dev/null 2>&1 || true
  WS="$WORK/workspace"; rm -rf "$WS"; git clone -q "$REPO" "$WS"
  d="$(new_ctr rnnlab-check-devcontainer localhost/rnnlab-devcontainer)"
  say "postCreateCommand: npm run setup -- --user (with the smoke run)"
  "${B[@]}" run "${RUNOPTS[@]}" -v "$WS:/workspaces/rnnlab" --workingdir /workspaces/rnnlab \
    --env JUPYTER_PATH=/workspaces/rnnlab/.jupyter/share/jupyter "$d" -- npm run setup -- --user > "$WORK/postcreate.log" 2>&1 \
    || { tail -30 "$WORK/postcreate.log" >&2; fail "postCreateCommand (log: $WORK/postcreate.log)"; }
  grep -F '[setup]' "$WORK/postcreate.log" | sed 's/^/  /'
  grep -q 'smoke run ok' "$WORK/postcreate.log" || fail "no smoke run in the postCreateCommand"
  specs="$("${B[@]}" run "${RUNOPTS[@]}" "$d" -- jupyter kernelspec list 2>/dev/null)"; printf '%s\n' "$specs" | sed 's/^/  /'
  grep -qE '^ *rnnlab +/root/\.local/share/jupyter/kernels/rnnlab$' <<<"$specs" || fail "devcontainer: kernelspec rnnlab not in ~/.local"
fi
say "all checks passed"
