# QIKit: `make demo` runs the tool on the bundled data, `make test` runs the tests.
# Both install the Debian packages they need when missing (as root through apt-get;
# otherwise they print the exact command to run) and then build.

SWIFT ?= swift
DEBIAN_PACKAGES := pkg-config libopenblas-dev liblapack-dev
RELEASE_BIN := .build/release/qi

.PHONY: all deps build test test-browser demo bench fuzz clean

all: build

deps:
	@sh scripts/install-debian-packages.sh $(DEBIAN_PACKAGES)

build: deps
	$(SWIFT) build -c release --product qi

test: deps
	$(SWIFT) test

# Opens the demo report in headless Chromium (installed when missing): no console errors, the
# expected number of charts, hostile series names shown as text; screenshots in browser-check/.
test-browser: build
	sh scripts/browser-check.sh $(RELEASE_BIN)

demo: build
	$(RELEASE_BIN) demo --output demo-output

bench: build
	$(SWIFT) package --package-path Benchmarks benchmark

fuzz: deps
	sh Fuzz/run.sh 60

clean:
	rm -rf .build Benchmarks/.build Fuzz/.build demo-output browser-check
