# SPDX-License-Identifier: GPL-3.0-or-later
#
# osshealth build.  `make demo` and `make check` are the two commands of the
# README; both first run `make deps`, which installs missing Debian packages
# when run as root.
#
#   make [all]          build build/osshealth
#   make check          deps, build, header check, style, unit, CLI, fuzz replay
#   make check SAN=1    the same under ASan+UBSan (objects in build/san)
#   make check-ci       the CI integration tests with every consumer tool
#   make check-faults   the fault-injection sweeps at every point
#   make demo           build fixtures, scan them, write demo/report.*
#   make install        PREFIX=/usr/local DESTDIR= (binary, man page, data,
#                       bash and zsh completion)
#   make fuzz           libFuzzer harnesses with clang (FUZZ_SECONDS=60)
#   make bench          benchmarks under bench/ (never part of check)
#   make style          clang-format-14 --dry-run -Werror; style-fix rewrites

VERSION    := 0.1.0
# Where the project is published: SARIF informationUri, and the base of
# every rule's helpUri ($(DOCS_URL)/dco.md#...).  Set both when packaging.
HOMEPAGE   ?= https://osshealth.invalid
DOCS_URL   ?= $(HOMEPAGE)/docs
PREFIX     ?= /usr/local
DESTDIR    ?=
BINDIR     := $(PREFIX)/bin
DATADIR    := $(PREFIX)/share/osshealth
MANDIR     := $(PREFIX)/share/man/man1
BASHCOMPDIR := $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR := $(PREFIX)/share/zsh/site-functions

CC         ?= cc
PKG_CONFIG ?= pkg-config
LIBS_PC    := libgit2 sqlite3 libcjson libxml-2.0 libpcre2-8 libcurl libcrypto yaml-0.1 libzip
SAN        ?=

ifeq ($(SAN),1)
BUILD      ?= build/san
SANFLAGS   := -fsanitize=address,undefined -fno-omit-frame-pointer \
	      -fno-sanitize-recover=undefined
OPTFLAGS   := -O1 -g -DOH_ARENA_DEBUG
else
BUILD      ?= build
SANFLAGS   :=
OPTFLAGS   := -O2 -g -DNDEBUG
endif

PC_CFLAGS  = $(shell $(PKG_CONFIG) --cflags $(LIBS_PC) 2>/dev/null)
PC_LIBS    = $(shell $(PKG_CONFIG) --libs $(LIBS_PC) 2>/dev/null)
CHECK_CFLAGS = $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS = $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

WARN       := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	      -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral \
	      -Wno-format-truncation
ALL_CFLAGS  = -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
	      $(WARN) $(OPTFLAGS) $(SANFLAGS) -Isrc $(PC_CFLAGS) \
	      -DOH_VERSION='"$(VERSION)"' -DOH_DATADIR='"$(DATADIR)"' \
	      -DOH_HOMEPAGE='"$(HOMEPAGE)"' -DOH_DOCS_URL='"$(DOCS_URL)"' \
	      -DOH_SRCDIR='"$(CURDIR)"' $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)
LDLIBS_ALL  = $(PC_LIBS) -lpthread -lm

SRC        := $(shell find src -name '*.c' | sort)
LIB_SRC    := $(filter-out src/main.c,$(SRC))
LIB_OBJ    := $(LIB_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ   := $(BUILD)/src/main.o
HDRS       := $(shell find src -name '*.h' | sort)
UNIT_SRC   := $(sort $(wildcard tests/unit/test_*.c))
UNIT_OBJ   := $(UNIT_SRC:%.c=$(BUILD)/%.o) $(BUILD)/tests/unit/run.o \
	      $(BUILD)/tests/unit/unit.o
FUZZ_SRC   := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
REPLAYS    := $(FUZZ_NAMES:%=$(BUILD)/fuzz/replay_%)
HDRCHECK   := $(HDRS:%.h=$(BUILD)/hdrcheck/%.ok)

BIN        := $(BUILD)/osshealth
# Shell completion, generated from the binary's own command and option
# tables (tools/completion.py reads `help` and every `--help`).
COMPLETION := $(BUILD)/completion/osshealth.bash $(BUILD)/completion/_osshealth
LIBA       := $(BUILD)/libosshealth.a
UNIT_BIN   := $(BUILD)/tests/unit/run
FIXTURES   := build/fixtures

.PHONY: check-browser check-ci check-faults all check demo deps install uninstall clean style style-fix lint \
	fuzz bench unit cli replay hdrcheck fixtures layers
.DELETE_ON_ERROR:
.SECONDARY:

all: $(BIN) $(COMPLETION)

$(BUILD)/completion/osshealth.bash: $(BIN) tools/completion.py
	@mkdir -p $(@D)
	python3 tools/completion.py $(BIN) bash >$@.tmp && mv $@.tmp $@

$(BUILD)/completion/_osshealth: $(BIN) tools/completion.py
	@mkdir -p $(@D)
	python3 tools/completion.py $(BIN) zsh >$@.tmp && mv $@.tmp $@

deps:
	@tools/deps.sh

ifeq ($(V),1)
Q :=
else
Q := @
endif

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -MMD -MP -c -o $@ $<

# The license matcher's cache (src/license/match_cache.h) is keyed by a
# digest of the engine's sources and data: any change to them makes every
# stored answer a miss.  Computed only when match_cache.o is rebuilt.
LIC_ENGINE_INPUTS := $(sort $(wildcard src/license/*.c src/license/*.h \
	licenses/*.tsv licenses/*.txt licenses/*.json licenses/text/*))
$(BUILD)/src/license/match_cache.o: $(LIC_ENGINE_INPUTS)
$(BUILD)/src/license/match_cache.o: ALL_CFLAGS += -DLIC_ENGINE_DIGEST='"$(shell \
	cat $(LIC_ENGINE_INPUTS) | sha256sum | cut -c1-16)"'

# The same for the copyright holders the relicensing sample keeps per
# blob (src/scan/collect_relic.c): a digest of the code that finds them.
RELIC_INPUTS := src/scan/collect_relic.c src/health/relicense.c \
	src/health/relicense.h
$(BUILD)/src/scan/collect_relic.o: $(RELIC_INPUTS)
$(BUILD)/src/scan/collect_relic.o: ALL_CFLAGS += -DRELIC_DIGEST='"$(shell \
	cat $(RELIC_INPUTS) | sha256sum | cut -c1-16)"'

$(LIBA): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIBA)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

# The unit runner calls one <name>_suite() per tests/unit/test_<name>.c.
$(BUILD)/tests/unit/suites.h: $(UNIT_SRC) Makefile
	@mkdir -p $(@D)
	@for f in $(UNIT_SRC); do n=$${f#tests/unit/test_}; \
	  echo "SUITE($${n%.c})"; done > $@.tmp && mv $@.tmp $@

$(UNIT_OBJ): $(BUILD)/tests/unit/suites.h
$(UNIT_OBJ): ALL_CFLAGS += -I$(BUILD)/tests/unit

$(UNIT_BIN): $(UNIT_OBJ) $(LIBA)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(CHECK_LIBS) $(LDLIBS_ALL)

# The fault-injection driver (tests/faults/faultrun.c): src/main.c with
# its main() renamed, behind a shim SQLite VFS and the allocation and
# HTTP test hooks.  Built for the CLI tests, never installed.
FAULTRUN   := $(BUILD)/tests/faults/faultrun

$(BUILD)/tests/faults/main.o: src/main.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $< (faultrun)")
	$(Q)$(CC) $(ALL_CFLAGS) -Dmain=oh_main_entry -Wno-missing-prototypes \
	  -MMD -MP -c -o $@ $<

$(FAULTRUN): $(BUILD)/tests/faults/faultrun.o $(BUILD)/tests/faults/main.o \
		$(LIBA)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

$(BUILD)/fuzz/replay_%: $(BUILD)/tests/fuzz/fuzz_%.o \
		$(BUILD)/tests/fuzz/replay.o $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(LDLIBS_ALL)

# Every header compiles on its own (STYLE.md rule 15).
$(BUILD)/hdrcheck/%.ok: %.h
	@mkdir -p $(@D)
	@printf '#include "%s"\n' $(<:src/%=%) | \
	  $(CC) $(ALL_CFLAGS) -fsyntax-only -x c - && touch $@

hdrcheck: $(HDRCHECK)

fixtures:
	@fixtures/build.sh $(FIXTURES) >/dev/null

unit: $(UNIT_BIN)
	$(UNIT_BIN)

cli: $(BIN) $(FAULTRUN) fixtures
	OSSHEALTH=$(CURDIR)/$(BIN) FIXTURES=$(CURDIR)/$(FIXTURES) \
	  FAULTRUN=$(CURDIR)/$(FAULTRUN) SRCDIR=$(CURDIR) tests/cli/run.sh

replay: $(REPLAYS)
	@for n in $(FUZZ_NAMES); do \
	  $(BUILD)/fuzz/replay_$$n tests/fuzz/corpus/$$n || exit 1; done

check: deps
	@$(MAKE) --no-print-directory all hdrcheck
	@$(MAKE) --no-print-directory style
	@$(MAKE) --no-print-directory layers
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory replay
	@$(MAKE) --no-print-directory cli
	@fixtures/selftest.sh build/fixtures-selftest
	@echo "check: all passed"

# Fault injection (docs/testing.md): tests/cli/t16*-faults-*.sh with every
# SQLite write, sync and truncate point of a scan and every HTTP read of an
# enrichment failing in turn (allocations with a stride); `make check` runs
# the same tests on every 4th point.  .ci/run runs both.
check-faults: deps
	@$(MAKE) --no-print-directory all $(FAULTRUN) fixtures
	OSSHEALTH=$(CURDIR)/$(BIN) FIXTURES=$(CURDIR)/$(FIXTURES) \
	  FAULTRUN=$(CURDIR)/$(FAULTRUN) SRCDIR=$(CURDIR) OSSHEALTH_FAULTS_FULL=1 \
	  tests/cli/run.sh tests/cli/t16*-faults-*.sh

# The CI integrations with every consumer tool installed (npm's SARIF
# multitool, pre-commit, zsh, podman with a debootstrapped base image);
# `make check` runs the same tests and skips what is missing.
check-ci: deps all fixtures
	@tools/deps.sh --with-ci
	@tools/container-base.sh
	OSSHEALTH=$(CURDIR)/$(BIN) FIXTURES=$(CURDIR)/$(FIXTURES) \
	  SRCDIR=$(CURDIR) OSSHEALTH_REQUIRE_CONTAINER=1 \
	  tests/cli/run.sh tests/cli/t000[5-9]-*.sh

# The HTML report in headless Chromium (large download: not part of deps).
check-browser: deps
	@tools/deps.sh --with-browser
	@$(MAKE) --no-print-directory all fixtures
	OSSHEALTH=$(CURDIR)/$(BIN) FIXTURES=$(CURDIR)/$(FIXTURES) \
	  SRCDIR=$(CURDIR) tests/cli/run.sh tests/cli/t6001-report-html-browser.sh

demo: deps
	@$(MAKE) --no-print-directory all fixtures
	@tools/demo.sh $(CURDIR)/$(BIN) $(CURDIR)/demo

STYLE_FILES = $(shell find src tests -name '*.[ch]' | sort)

# Library headers and layers (docs/architecture.md), like curl's checksrc.
layers:
	@tools/check-layers.sh

style:
	@clang-format-14 --dry-run -Werror $(STYLE_FILES)

style-fix:
	clang-format-14 -i $(STYLE_FILES)

lint:
	clang-tidy-14 --quiet --warnings-as-errors='*' \
	  -checks='-*,readability-function-cognitive-complexity' \
	  -config='{CheckOptions: [{key: readability-function-cognitive-complexity.Threshold, value: 25}]}' \
	  $(SRC) -- $(filter-out -Wno-format-truncation,$(ALL_CFLAGS))

FUZZ_SECONDS ?= 60
FUZZ_LIB_SRC = $(filter-out src/cmd/%,$(LIB_SRC))
fuzz:
	@tools/deps.sh --with-fuzz
	@mkdir -p build/libfuzzer
	@for n in $(FUZZ_NAMES); do \
	  clang -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -g -O1 \
	    -fsanitize=fuzzer,address,undefined \
	    -fno-sanitize-recover=undefined -Isrc $(PC_CFLAGS) \
	    -DOH_VERSION='"$(VERSION)"' -DOH_SRCDIR='"$(CURDIR)"' \
	    -DRELIC_DIGEST='"fuzz"' \
	    -o build/libfuzzer/fuzz_$$n tests/fuzz/fuzz_$$n.c $(FUZZ_LIB_SRC) \
	    $(LDLIBS_ALL) || exit 1; \
	  mkdir -p build/libfuzzer/corpus_$$n; \
	  build/libfuzzer/fuzz_$$n -max_total_time=$(FUZZ_SECONDS) \
	    build/libfuzzer/corpus_$$n tests/fuzz/corpus/$$n || exit 1; \
	done

bench: $(BIN)
	@for b in bench/*/run.sh; do [ -x "$$b" ] && "$$b" $(CURDIR)/$(BIN); done; true

install: $(BIN) $(COMPLETION)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(DATADIR) \
	  $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/osshealth
	install -m 0644 docs/osshealth.1 $(DESTDIR)$(MANDIR)/osshealth.1
	install -m 0644 $(BUILD)/completion/osshealth.bash \
	  $(DESTDIR)$(BASHCOMPDIR)/osshealth
	install -m 0644 $(BUILD)/completion/_osshealth \
	  $(DESTDIR)$(ZSHCOMPDIR)/_osshealth
	for d in rules licenses; do \
	  if [ -d $$d ]; then cp -R $$d $(DESTDIR)$(DATADIR)/ || exit 1; fi; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/osshealth $(DESTDIR)$(MANDIR)/osshealth.1 \
	  $(DESTDIR)$(BASHCOMPDIR)/osshealth $(DESTDIR)$(ZSHCOMPDIR)/_osshealth
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build demo

-include $(shell find $(BUILD) -path $(BUILD)/tools -prune -o -name '*.d' -type f -print 2>/dev/null)
