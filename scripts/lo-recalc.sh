#!/bin/sh
# Convert files with LibreOffice headless in a private profile that recalculates every formula on load.
#
# Usage: scripts/lo-recalc.sh [--to xlsx|pdf|csv] [--infilter FILTER] OUTDIR FILE...
#   --to        target format (default xlsx)
#   --infilter  LibreOffice import filter options, e.g. "CSV:59,34,76,1,,1031,false,true" for a German
#               semicolon CSV (separator ;, quote ", UTF-8, from line 1, locale de-DE, detect numbers/dates)
# The profile lives in a fresh temporary directory (removed afterwards), so runs never share state
# and the user's own LibreOffice settings are untouched. Its registrymodifications.xcu sets
# /org.openoffice.Office.Calc/Formula/Load OOXMLRecalcMode and ODFRecalcMode to 0 (always recalculate).
set -eu
to=xlsx
infilter=
while [ $# -gt 0 ]; do
  case "$1" in
    --to) to=$2; shift 2 ;;
    --infilter) infilter=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] || { echo "usage: $0 [--to xlsx|pdf|csv] [--infilter FILTER] OUTDIR FILE..." >&2; exit 2; }
outdir=$1; shift
command -v soffice >/dev/null 2>&1 || { echo "soffice not found (apt-get install libreoffice-calc-nogui)" >&2; exit 3; }
profile=$(mktemp -d /tmp/pruefstand-lo-XXXXXX)
trap 'rm -rf "$profile"' EXIT
mkdir -p "$profile/user"
cat > "$profile/user/registrymodifications.xcu" <<'XCU'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
XCU
mkdir -p "$outdir"
if [ -n "$infilter" ]; then
  soffice "-env:UserInstallation=file://$profile" --headless --norestore --infilter="$infilter" \
    --convert-to "$to" --outdir "$outdir" "$@" >/dev/null 2>&1
else
  soffice "-env:UserInstallation=file://$profile" --headless --norestore \
    --convert-to "$to" --outdir "$outdir" "$@" >/dev/null 2>&1
fi
