# check_lgtm: a Nagios/Icinga plugin that checks an LGTM Enterprise server.
#
#   make                 build plugin/check_lgtm
#   make check           build and run every test (SANITIZE=1: under ASan
#                        and UBSan; VALGRIND=1: each plugin run of the
#                        integration tests under valgrind)
#   make demo            run the plugin against the bundled API simulator
#   make bench           time the plugin against check_curl, curl and a
#                        curl-and-jq loop (see BENCHMARKS.md); not in check
#   make install         install the plugin into $(DESTDIR)$(PLUGINDIR)
#                        and check_lgtm.1 into $(DESTDIR)$(MANDIR)/man1
#   make dist            source tarball build/check_lgtm-VERSION.tar.gz,
#                        also for rpmbuild with nagios-plugin.spec
#   make packaging-check prove contrib/, the man page and the spec with
#                        the real Icinga 2, Nagios 4 and rpmbuild
#   make lint            clang-format, cppcheck and clang-tidy
#   make fuzz            build the libFuzzer targets with clang and run each
#                        for FUZZ_SECONDS (default 60) on a copy of its corpus
#   make deps            install the Debian packages the above need

PROGRAM   = check_lgtm
VERSION   = 0.1.0

PREFIX    ?= /usr/local
PLUGINDIR ?= $(PREFIX)/lib/nagios/plugins
MANDIR    ?= $(PREFIX)/share/man

CC         ?= cc
PKG_CONFIG ?= pkg-config
PYTHON     ?= python3
PACKAGES   = libcurl json-c openssl

WARNINGS = -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 \
           -Wstrict-prototypes -Wvla -Wmissing-prototypes -Wundef \
           -Wpointer-arith -Wcast-qual
ifeq ($(WERROR),1)
WARNINGS += -Werror
endif

ifeq ($(SANITIZE),1)
BUILD    = build/sanitize
BIN      = $(BUILD)/$(PROGRAM)
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
OPTFLAGS = -O1 -g
else
BUILD    = build/default
BIN      = plugin/$(PROGRAM)
SANFLAGS =
OPTFLAGS = -O2 -g
endif

# With VALGRIND=1, the integration tests run the plugin under this command
# (tests/integration/harness.h, CHECK_LGTM_WRAPPER). A memory error or a
# definite leak makes valgrind exit with 99, which fails the test. Memory
# that libcurl and OpenSSL keep until exit is "still reachable" and does
# not count. Check multiplies its per-test timeouts by 4, as the harness
# does with its limit on each run.
VALGRIND_WRAPPER = valgrind --error-exitcode=99 --leak-check=full \
                   --errors-for-leak-kinds=definite --track-fds=no -q
ifeq ($(VALGRIND),1)
ifeq ($(SANITIZE),1)
$(error VALGRIND=1 and SANITIZE=1 exclude each other: valgrind cannot run \
        a binary built with AddressSanitizer)
endif
integration: export CHECK_LGTM_WRAPPER = $(VALGRIND_WRAPPER)
integration: export CK_TIMEOUT_MULTIPLIER = 4
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PACKAGES) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PACKAGES) 2>/dev/null)
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null)

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L \
             -DLGTM_VERSION='"$(VERSION)"' \
             $(OPTFLAGS) $(WARNINGS) $(SANFLAGS) $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

PLUGIN_SRC = $(wildcard plugin/*.c)
PLUGIN_OBJ = $(patsubst plugin/%.c,$(BUILD)/plugin/%.o,$(PLUGIN_SRC))
LIB_OBJ    = $(filter-out $(BUILD)/plugin/main.o,$(PLUGIN_OBJ))

UNIT_SRC = $(wildcard tests/unit/*.c)
UNIT_OBJ = $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%.o,$(UNIT_SRC))
INTEG_SRC = $(wildcard tests/integration/*.c)
INTEG_OBJ = $(patsubst tests/integration/%.c,$(BUILD)/tests/integration/%.o,\
              $(INTEG_SRC))

UNIT_RUNNER  = $(BUILD)/unit_tests
INTEG_RUNNER = $(BUILD)/integration_tests

.PHONY: all check unit integration demo bench deps install lint clean dist \
        packaging-check

all: $(BIN)

$(BIN): $(PLUGIN_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $(PLUGIN_OBJ) $(PKG_LIBS)

$(BUILD)/plugin/%.o: plugin/%.c $(wildcard plugin/*.h) | $(BUILD)/plugin
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/unit/%.o: tests/unit/%.c $(wildcard plugin/*.h tests/unit/*.h) \
		| $(BUILD)/tests/unit
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -Iplugin -c -o $@ $<

$(BUILD)/tests/integration/%.o: tests/integration/%.c \
		$(wildcard tests/integration/*.h) | $(BUILD)/tests/integration
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

$(UNIT_RUNNER): $(UNIT_OBJ) $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $(UNIT_OBJ) $(LIB_OBJ) $(PKG_LIBS) \
		$(CHECK_LIBS)

$(INTEG_RUNNER): $(INTEG_OBJ)
	$(CC) $(ALL_LDFLAGS) -o $@ $(INTEG_OBJ) $(PKG_LIBS) $(CHECK_LIBS)

$(BUILD)/plugin $(BUILD)/tests/unit $(BUILD)/tests/integration:
	mkdir -p $@

deps:
	@sh contrib/install-deps.sh

check: deps
	$(MAKE) unit integration

unit: $(UNIT_RUNNER)
	$(UNIT_RUNNER)

integration: $(BIN) $(INTEG_RUNNER)
	CHECK_LGTM_BIN=$(abspath $(BIN)) PYTHON=$(PYTHON) \
		LGTM_SOURCE_DIR=$(CURDIR) $(INTEG_RUNNER)

demo: deps
	$(MAKE) $(BIN)
	@sh tests/demo.sh $(abspath $(BIN))

# Installs nginx, check_curl, hyperfine and jq when run as root, and
# writes its raw results to build/bench.
bench: deps
	$(MAKE) $(BIN)
	@sh tests/bench/run.sh $(abspath $(BIN)) build/bench

install: $(BIN)
	install -d $(DESTDIR)$(PLUGINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(BIN) $(DESTDIR)$(PLUGINDIR)/$(PROGRAM)
	install -m 0644 $(PROGRAM).1 $(DESTDIR)$(MANDIR)/man1/$(PROGRAM).1

# The tarball holds what building, the unit tests and the packaging need,
# under the directory check_lgtm-VERSION, found with find so that files
# not yet committed are included too.
DIST_NAME    = $(PROGRAM)-$(VERSION)
DIST_TARBALL ?= build/$(DIST_NAME).tar.gz
DIST_FILES   = Makefile README.md LICENSE $(PROGRAM).1 nagios-plugin.spec \
               .clang-format .clang-tidy

dist:
	mkdir -p $(dir $(DIST_TARBALL))
	{ ls -d $(DIST_FILES); \
	  find plugin -name '*.[ch]'; \
	  find contrib tests -type f ! -path '*/__pycache__/*' \
	      ! -name '*.pyc' ! -name '*.o'; } | LC_ALL=C sort \
	    >$(DIST_TARBALL).list
	tar -czf $(DIST_TARBALL) --owner=0 --group=0 --numeric-owner \
	    --transform 's,^,$(DIST_NAME)/,' -T $(DIST_TARBALL).list
	@rm -f $(DIST_TARBALL).list
	@echo "wrote $(DIST_TARBALL)"

packaging-check: deps
	$(MAKE) $(BIN)
	CHECK_LGTM_BIN=$(abspath $(BIN)) PYTHON=$(PYTHON) \
		LGTM_SOURCE_DIR=$(CURDIR) bash tests/packaging/run.sh

LINT_FILES = $(wildcard plugin/*.[ch] tests/unit/*.[ch] \
                        tests/integration/*.[ch] tests/fuzz/*.c)

lint:
	clang-format --dry-run --Werror $(LINT_FILES)
	cppcheck --quiet --error-exitcode=1 --std=c11 \
		--enable=warning,style,performance,portability \
		--suppress=missingIncludeSystem --suppress=toomanyconfigs \
		--inline-suppr \
		$(PKG_CFLAGS) plugin
	clang-tidy --quiet $(wildcard plugin/*.c) -- -std=c11 \
		-D_POSIX_C_SOURCE=200809L -DLGTM_VERSION='"$(VERSION)"' \
		$(PKG_CFLAGS)

# libFuzzer targets (tests/fuzz/fuzz_*.c). They need clang and their own
# instrumentation, so they build apart from $(BUILD) and link only the
# plugin modules that the targets exercise.
FUZZ_CC       ?= clang
FUZZ_SECONDS  ?= 60
FUZZ_BUILD     = build/fuzz
FUZZ_TARGETS   = page error_body range start challenge sanitize
FUZZ_SANFLAGS  = -fsanitize=address,undefined -fno-sanitize-recover=all \
                 -fno-omit-frame-pointer
FUZZ_CFLAGS    = -std=c11 -D_POSIX_C_SOURCE=200809L \
                 -DLGTM_VERSION='"$(VERSION)"' -g -O1 $(WARNINGS) \
                 $(FUZZ_SANFLAGS) $(PKG_CFLAGS) -Iplugin
FUZZ_MODULES   = api range number state challenge sanitize strbuf
FUZZ_OBJ       = $(patsubst %,$(FUZZ_BUILD)/plugin/%.o,$(FUZZ_MODULES))
FUZZ_BIN       = $(patsubst %,$(FUZZ_BUILD)/fuzz_%,$(FUZZ_TARGETS))

$(FUZZ_BUILD)/plugin/%.o: plugin/%.c $(wildcard plugin/*.h) \
		| $(FUZZ_BUILD)/plugin
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ) $(wildcard plugin/*.h)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) \
		$(PKG_LIBS)

$(FUZZ_BUILD)/plugin:
	mkdir -p $@

# Keep the objects, which make would otherwise delete as intermediates.
.SECONDARY: $(FUZZ_OBJ)

.PHONY: fuzz
fuzz: $(FUZZ_BIN)
	sh tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

clean:
	rm -rf build plugin/$(PROGRAM)
