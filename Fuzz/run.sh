#!/bin/sh
# Fuzzes QIData's CSV reader with libFuzzer for $1 seconds (default 60).
#
# The fuzzer is built with swiftc directly from Sources/QIData and CSVReaderFuzzing.swift:
# libFuzzer supplies main(), which SwiftPM (tools 5.5+) would rename. Everything it writes
# stays under Fuzz/.build (gitignored): the binary, the growing corpus, and any crash input
# (Fuzz/.build/artifacts/crash-*), which is the file to turn into a regression test.
set -eu
seconds="${1:-60}"
fuzz="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$fuzz")"
build="$fuzz/.build"
mkdir -p "$build/corpus" "$build/artifacts"

# QIData imports QIParallel (large files are scanned in parallel pieces): build it first as
# a static library module, with the address sanitizer but no coverage of its own.
"${SWIFTC:-swiftc}" -sanitize=address -parse-as-library -swift-version 6 -O -g \
    -module-name QIParallel -emit-module -emit-module-path "$build/QIParallel.swiftmodule" \
    -emit-library -static -o "$build/libQIParallel.a" "$root"/Sources/QIParallel/*.swift
"${SWIFTC:-swiftc}" -sanitize=fuzzer,address -parse-as-library -swift-version 6 -O -g \
    -I "$build" -L "$build" -lQIParallel \
    -module-name QIData "$root"/Sources/QIData/*.swift "$fuzz/CSVReaderFuzzing.swift" \
    -o "$build/csv-reader-fuzzer"

# Without this the Swift runtime's backtracer takes the crash and libFuzzer never reports it.
export SWIFT_BACKTRACE=enable=no
# New inputs go to the first directory; the committed seeds are only read.
exec "$build/csv-reader-fuzzer" "$build/corpus" "$fuzz/corpus" \
    -dict="$fuzz/csv.dict" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
    -artifact_prefix="$build/artifacts/" -print_final_stats=1
