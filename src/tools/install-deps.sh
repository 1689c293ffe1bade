#!/usr/bin/env bash
# Installs what the build and the tests need and is missing, from Debian 12 packages and the npm
# registry only, then fetches Dear ImGui, libxlsxwriter, zlib and brotli from Debian's source
# packages into third_party/ (git-ignored; the builds compile them).
# Safe to run again: it does nothing when everything is present.
set -euo pipefail
cd "$(dirname "$0")/../.."

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates clang-format
  emscripten nodejs npm
  nlohmann-json3-dev doctest-dev
  libboost-dev libsqlite3-dev libpq-dev postgresql-15 libsodium-dev libcurl4-openssl-dev libssl-dev
  fonts-morisawa-bizud-gothic python3 python3-fonttools
  liboath-dev libqrencode-dev libbrotli-dev
  chromium firefox-esr python3-aiosmtpd wrk nginx-light dpkg-dev brotli
  zlib1g-dev python3-openpyxl
)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node may come from another source than Debian's nodejs package; accept any node >= 18.
if command -v node >/dev/null && [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 18 ]; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<< "${missing[*]:-}"

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Dear ImGui 1.90.1 from Debian's current stable source package; never committed.
imgui_dir=third_party/imgui
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  src_list=/etc/apt/sources.list.d/portal050-trixie-src.sources
  if ! grep -rqs "trixie" /etc/apt/sources.list /etc/apt/sources.list.d/ ||
     ! grep -rqs "deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' |
      as_root tee "$src_list" >/dev/null
    as_root apt-get update -q
  fi
  work=$(mktemp -d)
  (cd "$work" && apt-get source --download-only imgui/trixie >/dev/null 2>&1 ||
     { as_root apt-get update -q && apt-get source --download-only imgui/trixie; })
  (cd "$work" && dpkg-source -x --skip-patches imgui_*.dsc imgui >/dev/null)
  mkdir -p third_party && rm -rf "$imgui_dir" && mv "$work/imgui" "$imgui_dir"
  rm -rf "$work"
  grep -q "IMGUI_VERSION_NUM *19010" "$imgui_dir/imgui.h" || { echo "install-deps: unexpected ImGui version"; exit 1; }
fi

# libxlsxwriter (1.1.4, Debian 12) for the engine, built from source on both sides so the server
# and the browser write the same workbook, and zlib for the WebAssembly build.
fetch_source() {  # package, directory, file that proves it is unpacked
  local package=$1 dir=$2 proof=$3
  [ -f "$dir/$proof" ] && return 0
  local src_list=/etc/apt/sources.list.d/portal050-bookworm-src.sources
  if [ ! -f "$src_list" ]; then
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' |
      as_root tee "$src_list" >/dev/null
    as_root apt-get update -q
  fi
  local work
  work=$(mktemp -d)
  (cd "$work" && apt-get source --download-only "$package/bookworm" >/dev/null 2>&1 ||
     { as_root apt-get update -q && apt-get source --download-only "$package/bookworm"; })
  (cd "$work" && dpkg-source -x --skip-patches "${package}"_*.dsc unpacked >/dev/null)
  mkdir -p third_party && rm -rf "$dir" && mv "$work/unpacked" "$dir"
  rm -rf "$work"
  [ -f "$dir/$proof" ] || { echo "install-deps: $package has no $proof"; exit 1; }
}
fetch_source libxlsxwriter third_party/libxlsxwriter include/xlsxwriter.h
grep -q 'LXW_VERSION "1.1.4"' third_party/libxlsxwriter/include/xlsxwriter.h ||
  { echo "install-deps: unexpected libxlsxwriter version"; exit 1; }
fetch_source zlib third_party/zlib zlib.h
# Brotli's decoder for the client's lines payload version 2 (the server uses libbrotli-dev).
fetch_source brotli third_party/brotli c/include/brotli/decode.h

# Test tooling from the npm registry, pinned by the committed lock file.
if [ -f tests/package-lock.json ] && [ ! -d tests/node_modules/playwright-core ]; then
  (cd tests && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "install-deps: ready"
