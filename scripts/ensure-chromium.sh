#!/usr/bin/env bash
# Makes sure a Chromium that can load unpacked extensions is present (Debian's package, with its
# translations so a zh-CN browser really runs in Chinese), and with --fonts a CJK font so Chinese
# text renders in screenshots. Installs with apt-get when run as root
# on Debian; otherwise says what to install. CHROMIUM_PATH overrides the browser check.
set -euo pipefail
want_fonts=${1:-}
packages=()
if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then packages+=(chromium); fi
# Debian ships Chromium's UI translations separately; without them a zh-CN browser runs in English.
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -f /usr/lib/chromium/locales/zh-CN.pak ]; then packages+=(chromium-l10n); fi
if [ "$want_fonts" = "--fonts" ] && command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then packages+=(fonts-noto-cjk); fi
if [ "$want_fonts" = "--fonts" ] && ! command -v fc-list >/dev/null 2>&1; then packages+=(fonts-noto-cjk); fi
[ ${#packages[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${packages[*]} (Debian packages) ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${packages[@]}" >/dev/null
else
  echo "Missing: ${packages[*]}. Install them (e.g. sudo apt-get install -y ${packages[*]}) or set CHROMIUM_PATH." >&2
  [[ " ${packages[*]} " == *" chromium "* ]] && exit 1
fi
exit 0
