#!/bin/sh
# Installs the Debian packages a goal needs, if any are missing.
#   scripts/deps.sh build|test|dist|bench|arm64
# As root it runs apt-get; with sudo it uses sudo; otherwise it prints the
# one apt-get line to run and fails.
set -eu
goal=${1:-build}
build="gcc pkg-config libgl1-mesa-dev xorg-dev"
case "$goal" in
  build) pkgs="$build" ;;
  test)  pkgs="$build age poppler-utils qpdf strace fonts-noto-cjk" ;;
  dist)  pkgs="$build gcc-mingw-w64-x86-64" ;;
  bench) pkgs="$build age poppler-utils qpdf xvfb xdotool imagemagick libreoffice-writer-nogui hyperfine time bc" ;;
  arm64) pkgs="$build file qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross libgl-dev:arm64 libx11-dev:arm64 libxcursor-dev:arm64 libxrandr-dev:arm64 libxinerama-dev:arm64 libxi-dev:arm64 libxxf86vm-dev:arm64" ;;
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
  case "$missing" in *:arm64*) echo "  (先运行 first: sudo dpkg --add-architecture arm64 && sudo apt-get update)" >&2 ;; esac
  exit 1
fi
echo "安装系统软件包 (installing):$missing" >&2
# :arm64 packages need the architecture; refuse a plan that would remove packages (multiarch version skew).
case "$missing" in *:arm64*) dpkg --print-foreign-architectures | grep -qx arm64 || $SUDO dpkg --add-architecture arm64 ;; esac
$SUDO apt-get update -qq
if $SUDO apt-get install -s --no-install-recommends $missing 2>&1 | grep -q '^Remv'; then
  echo "apt-get 会删除已安装的软件包，未安装 (apt would remove installed packages; nothing installed):" >&2
  $SUDO apt-get install -s --no-install-recommends $missing 2>&1 | grep '^Remv' >&2; exit 1
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
