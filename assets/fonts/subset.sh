#!/bin/sh
# Rebuilds the two subset fonts in this folder from the upstream Noto Serif SC
# TrueType files (Google Fonts build, OFL 1.1). Needs Debian's python3-fonttools.
#
#   sh subset.sh /path/to/NotoSerifSC_400Regular.ttf /path/to/NotoSerifSC_700Bold.ttf
#
# Regular (body, 仿宋 role): all CJK Unified Ideographs U+4E00-9FFF, compatibility
# ideographs, CJK/fullwidth punctuation, Latin, plus 䶮 (U+4DAE).
# Bold (title, 小标宋 role): GB 2312 (7445 characters incl. symbols) + punctuation.
# Characters outside a subset fall back to the next font at run time.
set -eu
here=$(dirname "$0")
regular=$1
bold=$2
gb=$(mktemp)
trap 'rm -f "$gb"' EXIT
python3 - "$gb" <<'PY'
import sys
s = set()
for b1 in range(0xA1, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try:
            s.add(bytes([b1, b2]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
open(sys.argv[1], 'w').write(''.join(sorted(s)) + '喆堃䶮')
PY
uro="U+0020-007E,U+00A0-00FF,U+02C6-02DD,U+2000-206F,U+20AC,U+2100-218F,U+2190-21FF"
uro="$uro,U+2460-24FF,U+2500-257F,U+25A0-25FF,U+2600-26FF,U+3000-303F,U+3040-30FF"
uro="$uro,U+3200-32FF,U+3300-33FF,U+4E00-9FFF,U+F900-FAFF,U+FE30-FE4F,U+FF00-FFEF,U+4DAE"
base="U+0020-007E,U+00A0-00FF,U+2000-206F,U+2100-218F,U+2460-24FF,U+25A0-25FF"
base="$base,U+2600-26FF,U+3000-303F,U+FF00-FFEF"
common="--layout-features= --no-hinting --name-IDs=* --name-languages=*"
python3 -m fontTools.subset "$regular" --unicodes="$uro" $common \
	--output-file="$here/NotoSerifSC-Regular-subset.ttf"
python3 -m fontTools.subset "$bold" --unicodes="$base" --text-file="$gb" $common \
	--output-file="$here/NotoSerifSC-Bold-subset.ttf"
