#!/bin/sh
# Installs the Debian packages a goal needs, if any are missing.
#   scripts/deps.sh build|test|dist|bench
# As root it runs apt-get; with sudo it uses sudo; otherwise it prints the
# one apt-get line to run and fails.
set -eu
goal=${1:-build}
build="gcc pkg-config libgl1-mesa-dev xorg-dev"
case "$goal" in
  build) pkgs="$build" ;;
  test)  pkgs="$build age poppler-utils qpdf strace" ;;
  dist)  pkgs="$build gcc-mingw-w64-x86-64" ;;
  bench) pkgs="$build age poppler-utils qpdf xvfb xdotool imagemagick libreoffice-writer-nogui hyperfine time bc" ;;
  windows) pkgs="$build gcc-mingw-w64-x86-64 wine wine64 xvfb x11-utils xdotool imagemagick poppler-utils" ;;
  *) echo "deps.sh: unknown goal $goal" >&2; exit 2 ;;
esac
if ! command -v go >/dev/null 2>&1 && [ ! -x /usr/local/go/bin/go ]; then
  echo "找不到 Go 工具链 (Go not found): 需要 Go 1.26 或更新版本，安装在 /usr/local/go 或 PATH 中" >&2
  exit 1
fi
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo"
else
  echo "缺少系统软件包 (missing Debian packages):$missing" >&2
  echo "请运行 (please run): sudo apt-get install -y$missing" >&2
  exit 1
fi
echo "安装系统软件包 (installing):$missing" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
