#!/usr/bin/env bash
# The appendix workbook as it prints: takes the snapshots of UNIT... for PERIOD from DB into a
# temporary state database (the real state is never touched), exports each as XLSX, converts it
# to PDF with LibreOffice and prints the pages with `pdftotext -layout`. LibreOffice runs under
# the C locale and its own temporary profile, so the numbers it prints come from the workbook's
# number formats, not from the machine's language. A look, not a test: it fails only when a step
# fails.
# Usage: scripts/appendix-pdf.sh PATH/TO/egov-exporter DB PERIOD UNIT...
# With OUT=DIR the .xlsx and .pdf files are kept there (phu-luc-II_UNIT_PERIOD_v1.*), e.g. for
# `pdftoppm -png -r 60`; otherwise they go with the temporary folder.
# Needs soffice (libreoffice-calc) and pdftotext (poppler-utils): `make appendix-pdf` installs them.
set -euo pipefail
if [ $# -lt 4 ]; then
  echo "usage: $0 PATH/TO/egov-exporter DB PERIOD UNIT..." >&2
  exit 64
fi
bin=$(realpath "$1") db=$(realpath "$2") period=$3
shift 3
for tool in soffice pdftotext; do
  command -v "$tool" >/dev/null || { echo "$0: $tool is missing (make appendix-pdf installs it)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${OUT:-$work/out}
mkdir -p "$out"
state=$work/state.sqlite

for unit in "$@"; do
  "$bin" snapshot take --db "$db" --state "$state" --period "$period" --unit "$unit" >&2
  xlsx=$out/phu-luc-II_${unit}_${period}_v1.xlsx
  "$bin" snapshot export --db "$db" --state "$state" --period "$period" --unit "$unit" --format xlsx -o "$xlsx"
  # A profile of its own: no clash with a running LibreOffice, nothing left in $HOME.
  LC_ALL=C LANG=C soffice --headless "-env:UserInstallation=file://$work/profile" \
    --convert-to pdf --outdir "$out" "$xlsx" >"$work/soffice.log" 2>&1 ||
    { cat "$work/soffice.log" >&2; exit 1; }
  pdf=${xlsx%.xlsx}.pdf
  [ -s "$pdf" ] || { echo "$0: soffice wrote no $pdf" >&2; cat "$work/soffice.log" >&2; exit 1; }
  echo "==== $unit $period: $(basename "$pdf"), $(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') page(s)"
  pdftotext -layout "$pdf" -
done
