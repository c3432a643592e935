# trendbeeld — statistical indicator engine for crime trend analysis.
#
#   make report   install missing packages, build, write the annex for data/
#                 (report.md, report.html, report.pdf and the charts)
#   make test     install missing packages, build, run the cmocka tests
#   make asan     the tests under -fsanitize=address,undefined
#   make bench    load and fit throughput on a generated workload
#   make fuzz     libFuzzer harnesses (clang), each for FUZZ_SECONDS (60);
#                 FUZZ_HARNESSES="detect long ..." runs only those
#   make fuzz-short  the same for 10 s each (CI)
#   make valgrind the tests and a few runs of the program under valgrind
#   make install  the program into PREFIX/bin (default /usr/local), the
#                 shipped data into PREFIX/share/trendbeeld/data (found from
#                 any working folder) and every command's --help into
#                 PREFIX/share/doc/trendbeeld/help.txt

CC      ?= cc
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
PKGS     = gsl jansson inih
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Iinclude -fopenmp \
             $(shell pkg-config --cflags $(PKGS)) $(CFLAGS)
LIBS     = $(shell pkg-config --libs $(PKGS)) -lcsv -lm -fopenmp
TESTLIBS = $(shell pkg-config --libs cmocka)

BUILD   ?= build
LIB_SRC  = $(wildcard src/*.c)
CLI_SRC  = $(wildcard src/cli/*.c)
TEST_SRC = $(wildcard tests/test_*.c)
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
TESTS    = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
HEADERS  = $(wildcard include/trendbeeld/*.h src/*.h src/cli/*.h tests/*.h)

PROGRAM ?= trendbeeld
REPORT  ?= report

PREFIX  ?= /usr/local
COMMANDS = validate export indicators fit target plot report generate

.PHONY: all deps report test check asan bench clean install
all: $(PROGRAM)

deps:
	@scripts/install-deps.sh

$(BUILD)/%.o: %.c $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libtrendbeeld.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(PROGRAM): $(CLI_OBJ) $(BUILD)/libtrendbeeld.a
	$(CC) $(ALL_CFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/%.c $(BUILD)/libtrendbeeld.a $(HEADERS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libtrendbeeld.a $(LIBS) $(TESTLIBS)

report:
	@scripts/install-deps.sh report
	@$(MAKE) --no-print-directory $(PROGRAM)
	./$(PROGRAM) report --out $(REPORT) --render

# Each test binary runs from the repository root; scripts under tests/ run
# the black-box checks on the program itself.
test:
	@scripts/install-deps.sh test
	@$(MAKE) --no-print-directory check

check: $(PROGRAM) $(TESTS)
	@fail=0; for t in $(TESTS); do echo "== $$t"; $$t || fail=1; done; \
	for s in tests/*.sh; do [ -f "$$s" ] || continue; echo "== $$s"; \
	  PROGRAM=./$(PROGRAM) sh $$s || fail=1; done; exit $$fail

asan:
	@scripts/install-deps.sh test
	@$(MAKE) --no-print-directory check BUILD=build/asan PROGRAM=build/asan/trendbeeld \
	  OPT="-O1" CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"

bench: deps
	@$(MAKE) --no-print-directory $(PROGRAM)
	scripts/bench.sh

install: $(PROGRAM)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/trendbeeld/data/series \
	  $(DESTDIR)$(PREFIX)/share/doc/trendbeeld
	install -m 755 $(PROGRAM) $(DESTDIR)$(PREFIX)/bin/trendbeeld
	install -m 644 data/*.csv data/*.conf data/*.md $(DESTDIR)$(PREFIX)/share/trendbeeld/data
	install -m 644 data/series/*.csv $(DESTDIR)$(PREFIX)/share/trendbeeld/data/series
	install -m 644 README.md $(DESTDIR)$(PREFIX)/share/doc/trendbeeld
	{ ./$(PROGRAM) --help; for c in $(COMMANDS); do echo; ./$(PROGRAM) $$c --help; done; } \
	  > $(DESTDIR)$(PREFIX)/share/doc/trendbeeld/help.txt

clean:
	rm -rf build $(PROGRAM)

# ---- hardening: fuzzing and valgrind ----------------------------------------
FUZZ_SECONDS ?= 60
FUZZ_HARNESSES ?=
VG_BUILD = build/vg
VG_TESTS ?= $(TEST_SRC:tests/%.c=$(VG_BUILD)/tests/%)
VALGRIND = valgrind -q --leak-check=full --errors-for-leak-kinds=definite,possible \
           --suppressions=tests/valgrind.supp

.PHONY: fuzz fuzz-short valgrind
fuzz:
	@scripts/install-deps.sh fuzz
	sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_HARNESSES)

fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=10

# Test binaries must exit 0 with no valgrind error (--error-exitcode=1).  The
# program's own runs expect their exit code; a valgrind error is 99 there,
# because 1 is the program's "bad data".
valgrind:
	@scripts/install-deps.sh valgrind
	@$(MAKE) --no-print-directory BUILD=$(VG_BUILD) PROGRAM=$(VG_BUILD)/trendbeeld \
	  OPT=-O0 CFLAGS="-O0 -g" $(VG_BUILD)/trendbeeld $(VG_TESTS)
	@fail=0; for t in $(VG_TESTS); do echo "== valgrind $$t"; \
	  OMP_NUM_THREADS=2 $(VALGRIND) --error-exitcode=1 $$t >$$t.vg.log 2>&1 || \
	  { fail=1; tail -40 $$t.vg.log; }; done; \
	vg() { want=$$1; shift; echo "== valgrind trendbeeld $$*"; \
	  $(VALGRIND) --error-exitcode=99 $(VG_BUILD)/trendbeeld "$$@" >/dev/null 2>$(VG_BUILD)/cli.vg.log; \
	  rc=$$?; if [ $$rc != $$want ]; then echo "exit $$rc, expected $$want"; \
	  tail -40 $(VG_BUILD)/cli.vg.log; fail=1; fi; }; \
	vg 0 validate; \
	vg 0 export --format json tests/data/load/dutch_long.csv tests/data/load/wide_prov.csv; \
	vg 0 fit --model auto,linear --format json tests/data/cli/groningen.csv; \
	vg 0 indicators --format json tests/data/cli/first_without_values.csv; \
	vg 0 validate --verbose tests/data/load/cp1252_comma.csv tests/data/load/monthly_part.csv; \
	vg 0 validate tests/reference/real/rubennaatje-r-ds/criminaliteit.csv; \
	vg 1 validate tests/errors/utf8_stray.csv tests/errors/duplicate_a.csv tests/errors/duplicate_b.csv; \
	vg 1 validate tests/data/regress/odata_dims_overflow.csv tests/data/regress/message_cut_utf8.csv; \
	vg 3 validate tests/errors; \
	if [ $$fail = 0 ]; then echo "valgrind: no errors, no leaks"; fi; exit $$fail
