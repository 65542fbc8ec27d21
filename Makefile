# shuyuan — top-level entry points. `make test` and `make run` work on a fresh
# Debian 12 machine: missing packages are installed first (apt-get; sudo when
# not root), then CMake configures into build/ and builds with ccache.

BUILD_DIR    ?= build
ASAN_DIR     ?= build-asan
FUZZ_DIR     ?= build-fuzz
RELEASE_DIR  ?= build-release
JOBS         ?= 2
BUILD_TYPE   ?= RelWithDebInfo
FUZZ_SECONDS ?= 20
# The shared data folder (GB/T 2260 history) that catalog lists are generated from.
SHARED_DATA_DIR ?= ../shared/data

# Debian 12 packages the project builds, tests and benchmarks with.
DEB_PACKAGES := cmake ninja-build g++ ccache pkg-config python3 \
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler \
  librocksdb-dev libabsl-dev libgtest-dev libgmock-dev libbenchmark-dev \
  libre2-dev libicu-dev libyaml-cpp-dev libssl-dev libsimdjson-dev iso-codes \
  clang libclang-rt-14-dev clang-format \
  python3-grpcio python3-protobuf python3-yaml python3-pandas \
  python3-dask python3-distributed python3-fsspec

export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps configure build test run demo bench bench-smoke sanitize tsan fuzz format format-check clean \
  catalog-gb2260 catalog-gb2659

all: build

# Installs only what is missing; does nothing (and needs no network) when
# everything is present.
deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:$$missing"; \
	  $(SUDO) apt-get update && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing || \
	  { echo "error: could not install:$$missing — install them with apt-get and retry" >&2; exit 1; }; \
	fi

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: deps $(BUILD_DIR)/build.ninja

build: configure
	cmake --build $(BUILD_DIR) -j$(JOBS)

test: build
	ctest --test-dir $(BUILD_DIR) -j$(JOBS) --output-on-failure

# shuyuan-server on 127.0.0.1:50051, store ./shuyuan-data, seeded from
# catalog/, in the foreground until Ctrl-C.
run: build
	@./scripts/run_server.sh $(BUILD_DIR)

# A tour of the codec's local commands on the shipped catalog (no server).
demo: build
	@./scripts/demo.sh $(BUILD_DIR)

# Every benchmark on a Release build, one table of figures against their
# same-run baselines and bars (bench/run_all.py; each step's log in
# bench-results/). `bench-smoke` runs each with small inputs on the test
# build: seconds, and still checks every count against its ground truth.
bench: deps
	cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release
	cmake --build $(RELEASE_DIR) -j$(JOBS)
	@./bench/run_all.py --build $(RELEASE_DIR)

bench-smoke: build
	@./bench/run_all.py --build $(BUILD_DIR) --smoke

# The test suite once more under AddressSanitizer + UndefinedBehaviorSanitizer.
sanitize: deps
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSHUYUAN_SANITIZE=ON -DSHUYUAN_BENCH=OFF
	cmake --build $(ASAN_DIR) -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_DIR) -j$(JOBS) --output-on-failure

# The tests of the concurrent code (registry, server, batch pipeline) under
# ThreadSanitizer. Debian's Abseil, RocksDB and gRPC are not built for TSan:
# absl::Mutex is made visible to it (common/tsan/), and scripts/tsan.supp
# lists what is suppressed inside those libraries, and why. The kill -9
# tests fork a writer and prove crash safety, not thread safety: they run in
# `make test` and `make sanitize`.
TSAN_DIR     ?= build-tsan
TSAN_TESTS   := RegistryTest|BatchPipelineTest|WorkQueueTest|AuthTest
tsan: deps
	cmake -S . -B $(TSAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSHUYUAN_TSAN=ON -DSHUYUAN_BENCH=OFF
	cmake --build $(TSAN_DIR) -j$(JOBS) --target registry_test batch_pipeline_test auth_test work_queue_test
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$(CURDIR)/scripts/tsan.supp" \
	  ctest --test-dir $(TSAN_DIR) -j$(JOBS) --output-on-failure -R '$(TSAN_TESTS)' -E 'KillNine'

# libFuzzer targets (clang), each run for FUZZ_SECONDS.
fuzz: deps
	cmake -S . -B $(FUZZ_DIR) -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSHUYUAN_FUZZ=ON -DSHUYUAN_BENCH=OFF
	cmake --build $(FUZZ_DIR) -j$(JOBS) --target fuzzers
	@./scripts/run_fuzzers.sh $(FUZZ_DIR) $(FUZZ_SECONDS)

# Regenerates the county-level GB/T 2260 list of the catalog from the shared
# history (tests/generated_lists_test.cc checks the checked-in file matches).
catalog-gb2260:
	@out=catalog/code_lists/GB_T_2260.yaml; \
	./scripts/generate_gb2260_list.sh $(SHARED_DATA_DIR) > $$out.tmp && mv $$out.tmp $$out || \
	  { rm -f $$out.tmp; exit 1; }

# Regenerates the GB/T 2659.1 (ISO 3166-1) country list of the catalog from
# Debian's iso-codes package (tests/generated_lists_test.cc checks it too).
catalog-gb2659: deps
	@out=catalog/code_lists/GB_T_2659_1.yaml; \
	python3 scripts/iso3166_to_yaml.py > $$out.tmp && mv $$out.tmp $$out || \
	  { rm -f $$out.tmp; exit 1; }

format:
	git ls-files --cached --others --exclude-standard '*.cc' '*.h' | xargs clang-format -i

format-check:
	git ls-files --cached --others --exclude-standard '*.cc' '*.h' | xargs clang-format --dry-run --Werror

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) $(TSAN_DIR) $(FUZZ_DIR)
