# 清风案卷 — build, run, test. See README.md.
SHELL := /bin/sh
export PATH := $(PATH):/usr/local/go/bin:$(HOME)/go/bin
GO ?= go
DEMO_VAULT ?= demo-vault
DEMO_PASSPHRASE ?= qingfeng-demo-2026
VERSION ?= 0.1.0

.PHONY: all build run demo test test-short fuzz bench reliability screenshots dist vet clean deps

all: build

build:
	@scripts/deps.sh build
	$(GO) build -o qingfeng .

# make run: install what is missing, build, create the demo vault on first
# run (passphrase printed below and in the README), open the window on it.
run: build
	@if [ ! -f $(DEMO_VAULT)/vault.qfv ]; then \
	  echo "首次运行：创建演示案卷库 $(DEMO_VAULT)/ …"; \
	  QINGFENG_PASSPHRASE='$(DEMO_PASSPHRASE)' ./qingfeng --vault $(DEMO_VAULT) demo; \
	fi
	@echo "演示案卷库口令 (demo passphrase): $(DEMO_PASSPHRASE)"
	./qingfeng --vault $(DEMO_VAULT)

# make test: install what the tests need, then run every test (with the
# machine's fonts, system CJK fonts included, under the caller's locale),
# the window and CLI tests again with no system font and LANG=C.UTF-8
# (hermetic.sh), the race detector over store/, export/, casework/ and app/,
# the Windows exe under Wine and the linux/arm64 binary under qemu-user
# against the same CLI suite, then every fuzz target briefly (`make fuzz`
# and `make reliability` run them longer).
test:
	@scripts/deps.sh test
	$(GO) vet ./...
	$(GO) test -timeout 30m ./...
	cd internal/localefix && $(GO) test ./...
	scripts/hermetic.sh
	scripts/race.sh
	scripts/windows-test.sh
	scripts/arm64-test.sh
	@$(MAKE) --no-print-directory fuzz FUZZTIME=100x > .fuzz-short.log 2>&1 || { tail -40 .fuzz-short.log; exit 1; }
	@echo "fuzz: every target ran 100 executions: $$(grep -c '^== ' .fuzz-short.log) targets, no failure"

test-short:
	$(GO) test -short ./store/... ./export/... ./app/cli/...

# Fuzz budgets are execution counts ("Nx"): a duration budget trips a race in
# Go 1.26's fuzz coordinator that reports a spurious "context deadline
# exceeded" failure at the end (golang/go#75804, fixed in Go 1.27).
FUZZTIME ?= 20000x
fuzz:
	@for pkg in $$($(GO) list ./store/... ./export/... ./app/cli/...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test $$pkg -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) || exit 1; \
	  done; \
	done

bench:
	@scripts/deps.sh bench
	scripts/bench.sh

# make reliability: 1,000 SIGKILLs, 1,000 byte flips, disk full, the
# plaintext and socket scan, and every fuzz target for FUZZTIME.
reliability:
	@scripts/deps.sh test
	scripts/reliability.sh

# make screenshots: the window on a demo vault under Xvfb, into docs/screenshots/.
screenshots:
	@scripts/deps.sh bench
	scripts/screenshots.sh

# make windows-test: the Windows exe under Wine 8 (private prefix with a
# ProcessPrng shim DLL): the binsuite CLI suite against it, with the native
# build as the handoff peer, and its unlock screen under Xvfb into
# docs/screenshots/windows-unlock.png.
.PHONY: windows-test
windows-test:
	scripts/windows-test.sh

vet:
	$(GO) vet ./...

# make dist: Linux (amd64, arm64) and Windows (mingw-w64) binaries in dist/.
dist:
	@scripts/deps.sh dist
	mkdir -p dist
	CGO_ENABLED=1 $(GO) build -trimpath -ldflags "-s -w" -o dist/qingfeng-linux-amd64 .
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
	  $(GO) build -trimpath -ldflags "-s -w" -o dist/qingfeng-windows-amd64.exe .
	@$(MAKE) --no-print-directory dist-arm64

clean:
	rm -rf qingfeng qingfeng.exe dist

# linux/arm64 (Kylin/UOS on Phytium, Kunpeng): cgo with Debian's aarch64 cross
# gcc against the multiarch :arm64 -dev packages (scripts/deps.sh arm64).
# make arm64-test runs the binsuite CLI suite on it under qemu-user.
.PHONY: dist-arm64 arm64-test
dist-arm64:
	@scripts/deps.sh arm64
	mkdir -p dist
	CGO_ENABLED=1 GOOS=linux GOARCH=arm64 CC=aarch64-linux-gnu-gcc PKG_CONFIG_PATH= \
	  PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig \
	  $(GO) build -trimpath -ldflags "-s -w" -o dist/qingfeng-linux-arm64 .
	@file dist/qingfeng-linux-arm64 | grep -q 'ELF 64-bit LSB.*ARM aarch64' || \
	  { file dist/qingfeng-linux-arm64; echo "dist/qingfeng-linux-arm64 is not an aarch64 ELF" >&2; exit 1; }

arm64-test:
	scripts/arm64-test.sh
