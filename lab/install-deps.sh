#!/bin/sh
# Installs exactly what the tunnel lab needs (Debian 12 packages), idempotently: strongSwan 5.9.8
# with charon-systemd, swanctl and the kernel-libipsec plugin (libcharon-extra-plugins), the
# openssl/gcm plugins (libstrongswan-standard-plugins), FRR 8.4, iproute2 and ping.
set -eu
PACKAGES="charon-systemd strongswan-swanctl libcharon-extra-plugins libstrongswan-standard-plugins frr iproute2 iputils-ping"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
  echo "lab dependencies already installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "lab dependencies missing:$missing (run as root)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q $missing
