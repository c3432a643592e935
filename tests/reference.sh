#!/bin/sh
# The copies in tests/reference are byte for byte the shared material the
# tests were written against: every file matches SHA256SUMS and is named in
# README.md there; when ../shared (TB_SHARED) is present, every copy also
# equals its original there.  Run from the repository root.
R=tests/reference
SHARED=${TB_SHARED:-../shared}
fail=0 n=0
ok() { n=$((n + 1)); }
bad() { n=$((n + 1)); fail=$((fail + 1)); echo "FAIL: $*"; }

files=$(cd "$R" && find . -type f ! -name README.md ! -name SHA256SUMS | LC_ALL=C sort)

# the checksums: a copy edited or re-encoded (line ends, BOM) fails here
sums=$(cd "$R" && sha256sum -c --quiet SHA256SUMS 2>&1) && ok || bad "checksums: $sums"
for f in $files; do
    grep -Fq "  $f" "$R/SHA256SUMS" && ok || bad "$R/${f#./} is not in SHA256SUMS"
    grep -Fq "\`${f#./real/}\`" "$R/README.md" || grep -Fq "\`${f#./}\`" "$R/README.md" &&
        ok || bad "$R/${f#./} is not named in $R/README.md"
done

# optional: the originals
if [ -d "$SHARED/reference" ] && [ -d "$SHARED/data/real" ]; then
    for f in $files; do
        case $f in
        ./real/*) orig=$SHARED/data/real/${f#./real/} ;;
        *) orig=$SHARED/reference/${f#./} ;;
        esac
        cmp -s "$R/$f" "$orig" && ok || bad "$R/${f#./} differs from $orig"
    done
else
    echo "reference.sh: skipped: $SHARED not found (the copies are not compared with their originals)"
fi

echo "reference.sh: $((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
