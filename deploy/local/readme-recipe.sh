#!/usr/bin/env bash
# Runs README.md's "A cluster on one machine" recipe as written (its ```sh blocks, in order), then checks what it
# made. It runs in private network, mount and PID namespaces, so the recipe's fixed ports, its /tmp paths (a private
# /tmp unless the repository itself is under /tmp) and its background processes collide with nothing on the machine
# and die with it. Needs root (unshare).
#
#   readme-recipe.sh           run the recipe and the checks; exit 0 when both succeed
#   readme-recipe.sh --print   print the script it would run
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
recipe=$(awk '
  /^### A cluster on one machine/ { section = 1; next }
  section && /^#/                 { exit }
  section && /^```sh/             { code = 1; next }
  section && /^```/               { code = 0; next }
  section && code                 { print }
' "$root/README.md")
if [[ -z "$recipe" ]]; then
  echo "readme-recipe.sh: README.md has no sh blocks under '### A cluster on one machine'" >&2
  exit 2
fi

script=$(cat <<SCRIPT
set -euo pipefail
case "$root/" in /tmp/*) ;; *) mount -t tmpfs -o mode=1777 grid-recipe /tmp ;; esac
ip link set lo up
export XDG_CONFIG_HOME=/tmp/recipe-config
trap '"$root/deploy/local/postgres.sh" stop /tmp/grid-pg >/dev/null 2>&1 || true' EXIT
cd "$root"
echo '==> the recipe'
$recipe
echo '==> checks'
accounts=\$(gridctl accounts list --all --output json | grep -o '"account_id"' | wc -l)
echo "accounts: \$accounts"
[[ "\$accounts" -ge 200 ]] || { echo 'fewer than 200 accounts after the recipe'; exit 1; }
# gridctl keeps its sign-in in the user's config directory (made when missing), never in the working directory.
[[ -f "\$XDG_CONFIG_HOME/gridctl/config.json" ]] || { echo "gridctl's state is not in \$XDG_CONFIG_HOME/gridctl"; exit 1; }
[[ ! -e gridctl ]] || { echo "gridctl wrote its state into ./gridctl"; exit 1; }
echo 'recipe ok'
SCRIPT
)
if [[ "${1:-}" == --print ]]; then
  printf '%s\n' "$script"
  exit 0
fi
exec unshare --net --mount --pid --fork --mount-proc bash -c "$script"
