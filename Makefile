# trendbeeld — statistical indicator engine for crime trend analysis.
#
#   make report   install missing packages, build, write the annex for data/
#   make test     install missing packages, build, run the cmocka tests
#   make asan     the tests under -fsanitize=address,undefined
#   make bench    load and fit throughput on a generated workload

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

.PHONY: all deps report test check asan bench clean
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

report: deps
	@$(MAKE) --no-print-directory $(PROGRAM)
	./$(PROGRAM) report --out $(REPORT) --render

# Each test binary runs from the repository root; scripts under tests/ run
# the black-box checks on the program itself.
test: deps
	@$(MAKE) --no-print-directory check

check: $(PROGRAM) $(TESTS)
	@fail=0; for t in $(TESTS); do echo "== $$t"; $$t || fail=1; done; \
	for s in tests/*.sh; do [ -f "$$s" ] || continue; echo "== $$s"; \
	  PROGRAM=./$(PROGRAM) sh $$s || fail=1; done; exit $$fail

asan: deps
	@$(MAKE) --no-print-directory check BUILD=build/asan PROGRAM=build/asan/trendbeeld \
	  OPT="-O1" CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"

bench: deps
	@$(MAKE) --no-print-directory $(PROGRAM)
	scripts/bench.sh

clean:
	rm -rf build $(PROGRAM)
