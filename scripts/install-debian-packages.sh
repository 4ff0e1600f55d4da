#!/bin/sh
# Installs the Debian packages named as arguments when any is missing.
# As root it runs apt-get; otherwise it prints the command to run and fails.
set -eu
missing=""
for package in "$@"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
    [ "$status" = "installed" ] || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "QIKit needs these Debian packages:$missing" >&2
    echo "Install them with: sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing" >&2
    exit 1
fi
echo "Installing Debian packages:$missing" >&2
apt-get update -o DPkg::Lock::Timeout=600 >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    -o DPkg::Lock::Timeout=600 $missing >/dev/null
