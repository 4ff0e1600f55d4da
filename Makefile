# QIKit: `make demo` runs the tool on the bundled data, `make test` runs the tests,
# `make notebooks` executes the notebooks.
# All three install the Debian packages they need when missing (as root through apt-get;
# otherwise they print the exact command to run) and then build.

SWIFT ?= swift
DEBIAN_PACKAGES := pkg-config libopenblas-dev liblapack-dev
RELEASE_BIN := .build/release/qi
# The Swift runtime and Foundation linked statically: `qi` then starts in about half the time
# (no dynamic symbol binding of libswiftCore, Foundation and ICU), which is most of a small
# batch's run (see Benchmarks/README.md). Linked as a fixed-address (non-PIE) executable: a
# position-independent one makes the loader apply 79,000 relative relocations at every start
# (~1 ms and 220 page faults of a run that takes 40 ms). The cost is that `qi`'s own code is
# not address-randomised; libraries still are.
RELEASE_FLAGS := -c release --static-swift-stdlib -Xswiftc -Xclang-linker -Xswiftc -no-pie

.PHONY: all deps build test test-browser demo notebooks bench fuzz clean

all: build

deps:
	@sh scripts/install-debian-packages.sh $(DEBIAN_PACKAGES)

build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product qi

test: deps
	$(SWIFT) test

# Opens the demo report in headless Chromium (installed when missing): no console errors, the
# expected number of charts, hostile series names shown as text; screenshots in browser-check/.
test-browser: build
	sh scripts/browser-check.sh $(RELEASE_BIN)

demo: build
	$(RELEASE_BIN) demo --output demo-output

# Executes every notebook in notebooks/ headlessly, failing on any cell error: creates .venv/
# (Jupyter, pandas, statsmodels from PyPI) when missing and builds qi in release mode first.
notebooks: deps
	SWIFT=$(SWIFT) RELEASE_FLAGS="$(RELEASE_FLAGS)" sh scripts/run-notebooks.sh

bench: build
	$(SWIFT) package --package-path Benchmarks benchmark

# Fuzzes the CSV reader (libFuzzer) for FUZZ_SECONDS; CI runs it briefly so that the fuzzer
# keeps building (it compiles Sources/QIData with swiftc directly, outside SwiftPM).
FUZZ_SECONDS ?= 60
fuzz: deps
	sh Fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build Benchmarks/.build Fuzz/.build demo-output browser-check notebook-output
