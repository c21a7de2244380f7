#!/bin/sh
# Imports one CSV into copies of one empty store with two leadq binaries (e.g. main's and a
# branch's), the clock fixed, and compares what they wrote byte for byte: the journal as the import
# left it, then every file once the store is compacted. Exit 0 when they are the same.
#
#   scripts/check-import-identity.sh OLD_LEADQ NEW_LEADQ FILE.csv EMPTY_STORE [WORK]
#
# The bench's file and store: `leadq-bench --only imports --sizes 100000 --iterations 1 --keep
# --work DIR --leadq /bin/false` leaves DIR/salesforce-100000.csv and the empty DIR/import-100000-0.
set -eu
old=$1 new=$2 csv=$3 empty=$4 work=${5:-$(mktemp -d)}
mkdir -p "$work"
export LEADQ_NOW=${LEADQ_NOW:-2026-11-23T10:00:00Z}

run() { # binary name
    dir=$work/$2
    rm -rf "$dir" "$dir.journal"
    cp -a "$empty" "$dir"
    "$1" import "$csv" --store "$dir" --rep mia > "$work/$2.out"
    mkdir "$dir.journal" && cp "$dir"/journal-*.jsonl "$dir.journal/"
    # The import starts `leadq compact` detached: wait for it, then compact whatever is left.
    while pgrep -f "compact --store $dir\$" > /dev/null; do sleep 0.2; done
    "$1" compact --store "$dir" > /dev/null || true
}

run "$old" old
run "$new" new
status=0
diff -r "$work/old.journal" "$work/new.journal" > /dev/null || { echo "journals written by the imports differ"; status=1; }
diff -r -x lock -x '*.lock' "$work/old" "$work/new" > /dev/null || { echo "compacted stores differ"; status=1; }
diff "$work/old.out" "$work/new.out" > /dev/null || { echo "the imports said different things"; status=1; }
[ $status = 0 ] && echo "same: $(ls "$work/new" | tr '\n' ' ')($(cat "$work/new.journal"/* | wc -c) journal bytes)"
exit $status
