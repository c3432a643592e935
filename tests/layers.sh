#!/bin/sh
# The layers of src/README.md, checked on the built objects: every call
# from one module into another goes to the same or a lower layer, and no
# two source files call each other, directly or round a loop (nm: a
# symbol a file uses, U, and the file that defines it, T/D/B/R).  Run
# from the repository root with PROGRAM set; the objects are next to it.
PROGRAM=${PROGRAM:-./trendbeeld}
# objects: build/src next to ./trendbeeld, or src/ next to build/asan/trendbeeld
D=$(dirname "$PROGRAM")
if [ -d "$D/build/src" ]; then B=$D/build; else B=$D; fi
ls "$B"/src/*.o >/dev/null 2>&1 || { echo "layers.sh: no objects in $B/src"; exit 1; }
for o in "$B"/src/*.o; do
    f=$(basename "$o" .o)
    nm "$o" | awk -v f="$f" 'NF == 3 && $2 ~ /^[TDBR]$/ {print "D", f, $3} NF == 2 && $1 == "U" {print "U", f, $2}'
done | awk '
function module(f) {
    if (f ~ /^(load|model|report|target|codelist|gnuplot)(_|$)/) { sub(/_.*/, "", f); if (f == "models") f = "model" }
    return f
}
BEGIN {
    split("grow error text format run outdir output", l0); split("number measure message", l1)
    split("codelist store", l2); split("load generate errpool indicators model", l3)
    split("batch fit_output target gnuplot", l4); split("report config", l5)
    for (i in l0) layer[l0[i]] = 0; for (i in l1) layer[l1[i]] = 1; for (i in l2) layer[l2[i]] = 2
    for (i in l3) layer[l3[i]] = 3; for (i in l4) layer[l4[i]] = 4; for (i in l5) layer[l5[i]] = 5
}
$1 == "D" { def[$3] = $2; files[$2] = 1 }
$1 == "U" { use[$2 SUBSEP $3] = 1 }
END {
    bad = 0
    for (k in use) {
        split(k, p, SUBSEP); a = p[1]; d = def[p[2]]
        if (d == "" || d == a) continue
        edge[a, d] = 1
        ma = module(a); md = module(d)
        if (!(ma in layer)) { print "FAIL: " a ".c is in no layer of src/README.md"; bad++; layer[ma] = 9 }
        if (!(md in layer)) { print "FAIL: " d ".c is in no layer of src/README.md"; bad++; layer[md] = 9 }
        if (ma != md && layer[md] > layer[ma]) {
            print "FAIL: " a ".c (layer " layer[ma] ") calls " p[2] " of " d ".c (layer " layer[md] ")"; bad++
        }
    }
    n = 0
    for (f in files) name[n++] = f
    for (i = 0; i < n; i++) for (j = 0; j < n; j++) reach[i, j] = ((name[i], name[j]) in edge)
    for (k = 0; k < n; k++) for (i = 0; i < n; i++) if (reach[i, k]) for (j = 0; j < n; j++) if (reach[k, j]) reach[i, j] = 1
    for (i = 0; i < n; i++) for (j = i + 1; j < n; j++)
        if (reach[i, j] && reach[j, i]) { print "FAIL: " name[i] ".c and " name[j] ".c call each other"; bad++ }
    printf "layers.sh: %d files, %s\n", n, bad ? bad " failed" : "every call goes down, no loop"
    exit bad > 0
}'
