#!/bin/sh
# bench-pdf.sh — the same 2-page 监察建议书 made into a PDF two ways:
#   ours:        qingfeng doc render --json notice.json --out ours.pdf
#                (a whole process: vault unlock with Argon2id, font discovery,
#                layout, PDF, export audit entry)
#   LibreOffice: libreoffice --headless --convert-to pdf notice.fodt
#                (what offices do today: a Word-style template to PDF)
# and one table line: ours ms, LibreOffice ms, ratio, sizes.
#
#   scripts/bench-pdf.sh            # builds ./qingfeng into a temp folder
#   QF=/path/to/qingfeng RUNS=20 scripts/bench-pdf.sh
#
# Needs the Debian packages libreoffice-writer-nogui (installed with apt-get
# when missing and running as root) and, optionally, hyperfine (else a loop
# timed with date +%s%N). Times are medians of RUNS runs after one warm-up.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
RUNS=${RUNS:-10}

need_lo() {
  command -v libreoffice >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ]; then
    echo "安装 libreoffice-writer-nogui (installing)…" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null
  else
    echo "缺少 LibreOffice：请运行 sudo apt-get install -y libreoffice-writer-nogui" >&2
    exit 1
  fi
}

build_qf() {
  if [ -z "${QF:-}" ]; then
    QF=$work/qingfeng
    echo "构建 qingfeng (building)…" >&2
    (cd "$root" && go build -o "$QF" .)
  fi
}

# The notice, as qingfeng's free-document JSON (schema: export/pdf/README.md).
write_json() {
  cat >"$work/notice.json" <<'EOF'
{
  "copy_number": "000123", "secret": "机密", "secret_term": "1年", "urgency": "特急",
  "issuer": "中共××市纪律检查委员会",
  "number": {"code": "×纪建", "year": 2020, "serial": 5},
  "title": "关于××市交通运输局在工程项目管理中存在问题的监察建议书",
  "recipients": "××市交通运输局党组",
  "body": [
    {"text": "根据《中华人民共和国监察法》有关规定，我委在查办张喆堃严重违纪违法案中，发现你局在工程项目管理、资金拨付等方面存在以下问题，现提出监察建议如下。"},
    {"kind": "h1", "text": "主要问题及原因"},
    {"kind": "h2", "text": "制度执行不严。", "run": "招投标管理制度执行流于形式，2019年至2020年共有17个项目（合同金额合计3,456.78万元）未经集体研究即确定中标单位。"},
    {"kind": "h3", "text": "监管薄弱。", "run": "对项目资金拨付缺乏有效监督，财务审核“走过场”。"},
    {"kind": "h4", "text": "廉政风险防控机制不健全，", "run": "关键岗位长期未轮岗，李䶮、王𠮷等同志在同一岗位任职超过10年。"},
    {"kind": "h1", "text": "整改建议、要求和期限"},
    {"text": "请你局自收到本建议书之日起30日内完成整改，并将整改情况书面报送我委。"}
  ],
  "enclosures": ["××市交通运输局工程项目问题清单", "整改情况报告模板（供参考使用，请按要求如实填写后报送）"],
  "signature": "中共××市纪律检查委员会", "date": "2020-03-05", "seal": true,
  "note": "联系人：王明，电话：0123-4567890",
  "cc": "××市人民政府，市委巡察办，市审计局",
  "printer": "中共××市纪律检查委员会办公室", "print_date": "2020-03-06"
}
EOF
}

# The same notice as a flat ODF text document with the GB/T 9704 page
# (A4, 37/28/26/35 mm margins, 16 pt 仿宋 on a 28.95 pt line, red 标志).
write_fodt() {
  p() { printf '<text:p text:style-name="%s">%s</text:p>\n' "$1" "$2"; }
  {
    cat <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="FangSong" svg:font-family="FangSong"/>
 <style:font-face style:name="XBS" svg:font-family="FZXiaoBiaoSong-B05S"/>
 <style:font-face style:name="SimHei" svg:font-family="SimHei"/>
 <style:font-face style:name="KaiTi" svg:font-family="KaiTi"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:line-height="28.95pt" fo:text-align="justify"/>
  <style:text-properties style:font-name-asian="FangSong" style:font-size-asian="16pt" style:font-name="FangSong" fo:font-size="16pt"/>
 </style:default-style>
 <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-indent="32pt"/></style:style>
 <style:style style:name="Left" style:family="paragraph"/>
 <style:style style:name="Issuer" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:line-height="100%" fo:margin-top="40pt" fo:margin-bottom="40pt"/><style:text-properties fo:color="#e60000" style:font-name-asian="XBS" style:font-size-asian="36pt" fo:font-size="36pt"/></style:style>
 <style:style style:name="Number" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:border-bottom="1pt solid #e60000" fo:padding-bottom="11pt" fo:margin-bottom="58pt"/></style:style>
 <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:line-height="36pt" fo:margin-bottom="29pt"/><style:text-properties style:font-name-asian="XBS" style:font-size-asian="22pt" fo:font-size="22pt"/></style:style>
 <style:style style:name="H1" style:family="paragraph"><style:paragraph-properties fo:text-indent="32pt"/><style:text-properties style:font-name-asian="SimHei"/></style:style>
 <style:style style:name="Mark" style:family="paragraph"><style:text-properties style:font-name-asian="SimHei"/></style:style>
 <style:style style:name="Right" style:family="paragraph"><style:paragraph-properties fo:text-align="end" fo:margin-right="64pt"/></style:style>
 <style:style style:name="Imprint" style:family="paragraph"><style:paragraph-properties fo:border-top="1pt solid #000000" fo:margin-top="58pt"/><style:text-properties style:font-size-asian="14pt" fo:font-size="14pt"/></style:style>
 <style:style style:name="K" style:family="text"><style:text-properties style:font-name-asian="KaiTi"/></style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" fo:margin-top="37mm" fo:margin-bottom="35mm" fo:margin-left="28mm" fo:margin-right="26mm"/></style:page-layout>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/></office:master-styles>
<office:body><office:text>
EOF
    p Left "000123"
    p Mark "机密★1年"
    p Mark "特急"
    p Issuer "中共××市纪律检查委员会"
    p Number "×纪建〔2020〕5号"
    p Title "关于××市交通运输局在工程项目管理中存在问题的监察建议书"
    p Left "××市交通运输局党组："
    p Body "根据《中华人民共和国监察法》有关规定，我委在查办张喆堃严重违纪违法案中，发现你局在工程项目管理、资金拨付等方面存在以下问题，现提出监察建议如下。"
    p H1 "一、主要问题及原因"
    p Body '<text:span text:style-name="K">（一）制度执行不严。</text:span>招投标管理制度执行流于形式，2019年至2020年共有17个项目（合同金额合计3,456.78万元）未经集体研究即确定中标单位。'
    p Body "1.监管薄弱。对项目资金拨付缺乏有效监督，财务审核“走过场”。"
    p Body "（1）廉政风险防控机制不健全，关键岗位长期未轮岗，李䶮、王𠮷等同志在同一岗位任职超过10年。"
    p H1 "二、整改建议、要求和期限"
    p Body "请你局自收到本建议书之日起30日内完成整改，并将整改情况书面报送我委。"
    p Body "附件：1.××市交通运输局工程项目问题清单"
    p Body "　　　2.整改情况报告模板（供参考使用，请按要求如实填写后报送）"
    p Right "中共××市纪律检查委员会"
    p Right "2020年3月5日"
    p Body "（联系人：王明，电话：0123-4567890）"
    p Imprint "　抄送：××市人民政府，市委巡察办，市审计局。"
    p Imprint "　中共××市纪律检查委员会办公室　　　　　　2020年3月6日印发"
    printf '</office:text></office:body>\n</office:document>\n'
  } >"$work/notice.fodt"
}

# median_ms CMD: "WALL CPU" — the median wall time of RUNS runs of CMD and
# its mean CPU time (user + system), in ms; CPU is "-" without hyperfine.
# On a machine shared with other work the CPU time is the steadier figure.
median_ms() {
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine -N --warmup 1 --runs "$RUNS" --export-csv "$work/h.csv" "$1" >/dev/null 2>&1
    awk -F, 'NR==2 {printf "%.0f %.0f\n", $4*1000, ($5+$6)*1000}' "$work/h.csv"
    return
  fi
  sh -c "$1" >/dev/null 2>&1
  i=0
  : >"$work/times"
  while [ $i -lt "$RUNS" ]; do
    t0=$(date +%s%N); sh -c "$1" >/dev/null 2>&1; t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000)) >>"$work/times"
    i=$((i + 1))
  done
  sort -n "$work/times" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)), "-"}'
}

need_lo
build_qf
write_json
write_fodt
export QINGFENG_PASSPHRASE="bench-pdf passphrase"
"$QF" --vault "$work/vault" init >/dev/null
mkdir -p "$work/lo"
lo="libreoffice -env:UserInstallation=file://$work/lo-profile --headless --convert-to pdf --outdir $work/lo $work/notice.fodt"
ours="$QF --vault $work/vault doc render --json $work/notice.json --out $work/ours.pdf"
unlock="$QF --vault $work/vault doc register"
set -- $(median_ms "$ours"); ms_ours=$1; cpu_ours=$2
set -- $(median_ms "$lo"); ms_lo=$1; cpu_lo=$2
set -- $(median_ms "$unlock"); ms_unlock=$1; cpu_unlock=$2
kb() { echo $(($(wc -c <"$1") / 1024)); }
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
printf '| %s | %s | %s | %s | %s |\n' "ours (qingfeng doc render --json)" "LibreOffice headless" "ratio LO/ours" "size ours" "size LibreOffice"
printf '| %s ms | %s ms | %s× | %s KB, %s pages | %s KB, %s pages |\n' "$ms_ours" "$ms_lo" \
  "$(awk "BEGIN {printf \"%.1f\", $ms_lo / $ms_ours}")" "$(kb "$work/ours.pdf")" "$(pages "$work/ours.pdf")" \
  "$(kb "$work/lo/notice.pdf")" "$(pages "$work/lo/notice.pdf")"
echo "median wall time of $RUNS runs; CPU time (user+sys, mean): ours $cpu_ours ms, LibreOffice $cpu_lo ms;"
echo "of ours, opening the vault (Argon2id unlock, 'qingfeng doc register' alone) takes $ms_unlock ms wall, $cpu_unlock ms CPU"
