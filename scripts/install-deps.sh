#!/bin/sh
# Install the Debian packages trendbeeld needs, if any are missing:
#   build:   gcc make pkg-config libgsl-dev libcsv-dev libjansson-dev libinih-dev
#   tests:   libcmocka-dev
#   charts:  gnuplot-nox (renders the .gp scripts to PNG/SVG)
# With an argument, also what one make target needs (not in the default):
#   test:     chromium poppler-utils (tests/browser.sh: the annex in a real
#             browser and its PDF, `make test`)
#   fuzz:     clang libclang-rt-14-dev libomp-14-dev (libFuzzer, `make fuzz`)
#   valgrind: valgrind (`make valgrind`)
#   report:   weasyprint (report.pdf from report.html, `make report`)
# Runs apt-get (as root, or through sudo) only when something is missing.
set -eu
pkgs="gcc make pkg-config libgsl-dev libcsv-dev libjansson-dev libinih-dev libcmocka-dev gnuplot-nox"
case "${1:-}" in
test) pkgs="$pkgs chromium poppler-utils" ;;
fuzz) pkgs="$pkgs clang libclang-rt-14-dev libomp-14-dev" ;;
valgrind) pkgs="$pkgs valgrind" ;;
report) pkgs="$pkgs weasyprint" ;;
esac
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing missing Debian packages:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >&2
