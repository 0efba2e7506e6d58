# Builds the libFuzzer targets; run_fuzzers.sh calls it as
#   make -f fuzz.mk ROOT=<repo> BUILD=<build dir> -j2
# Make rather than plain shell so reruns only recompile what changed
# (-MMD tracks headers), which keeps the 15 s CTest run cheap.

CXX := clang++-14
ABSL := absl_status absl_statusor absl_strings absl_time absl_str_format absl_cord
PKG_CFLAGS := $(shell pkg-config --cflags protobuf $(ABSL))
PKG_LIBS := $(shell pkg-config --libs protobuf $(ABSL))

# UB must abort (not just print) so libFuzzer records a crash and an input.
SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
# Project code gets coverage instrumentation too (fuzzer-no-link): that
# feedback is what steers the mutations into the parsers and validators.
CXXFLAGS := -std=c++20 -O1 -g -fno-omit-frame-pointer $(SAN) -fsanitize=fuzzer-no-link \
  -I$(ROOT) -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP

PROTOS := $(wildcard $(ROOT)/proto/caitiao/v1/*.proto $(ROOT)/proto/caitiao/internal/v1/*.proto)
GEN_CC := $(patsubst $(ROOT)/proto/%.proto,$(BUILD)/gen/%.pb.cc,$(PROTOS))
DOMAIN_SRCS := $(wildcard $(ROOT)/services/domain/*.cc)
PROTO_SRCS := $(ROOT)/services/cases/case_proto.cc $(ROOT)/services/common/proto_time.cc
# The request fuzzer: every service's Read functions with the translation and
# paging they use (the pure part of services/, as in CMake's caitiao_requests)
# and the one storage helper they need (id syntax; links libpqxx).
REQUEST_SRCS := $(wildcard $(ROOT)/services/*/*_requests.cc) \
  $(filter-out $(ROOT)/services/cases/case_proto.cc,$(wildcard $(ROOT)/services/*/*_proto.cc)) \
  $(ROOT)/services/common/paging.cc $(ROOT)/services/common/region_paging.cc \
  $(ROOT)/services/common/request_checks.cc $(ROOT)/storage/sql_values.cc \
  $(ROOT)/tests/fuzz/request_table.cc

obj = $(patsubst $(ROOT)/%.cc,$(BUILD)/obj/%.o,$(1))
DOMAIN_OBJS := $(call obj,$(DOMAIN_SRCS))
PROTO_OBJS := $(call obj,$(PROTO_SRCS)) $(patsubst $(BUILD)/gen/%.cc,$(BUILD)/obj/gen/%.o,$(GEN_CC))
REQUEST_OBJS := $(call obj,$(REQUEST_SRCS))

FUZZERS := case_filter_fuzzer create_case_fuzzer identity_fuzzer request_fuzzer
all: $(addprefix $(BUILD)/,$(FUZZERS))

# protoc writes every .pb.cc/.pb.h in one go (grouped target).
$(GEN_CC) &: $(PROTOS)
	@mkdir -p $(BUILD)/gen
	protoc -I $(ROOT)/proto --cpp_out=$(BUILD)/gen $(PROTOS)

# Everything may include generated headers, so they come first.
$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.cc | $(GEN_CC)
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: $(ROOT)/%.cc | $(GEN_CC)
	@mkdir -p $(dir $@)
	$(CXX) $(CXXFLAGS) -c $< -o $@

LINK = $(CXX) -fsanitize=fuzzer $(SAN) $^ $(PKG_LIBS) -o $@

$(BUILD)/case_filter_fuzzer: $(call obj,$(ROOT)/tests/fuzz/case_filter_fuzzer.cc) $(DOMAIN_OBJS)
	$(LINK)
$(BUILD)/identity_fuzzer: $(call obj,$(ROOT)/tests/fuzz/identity_fuzzer.cc) $(DOMAIN_OBJS)
	$(LINK)
$(BUILD)/create_case_fuzzer: $(call obj,$(ROOT)/tests/fuzz/create_case_fuzzer.cc) $(DOMAIN_OBJS) $(PROTO_OBJS)
	$(LINK)
$(BUILD)/request_fuzzer: $(call obj,$(ROOT)/tests/fuzz/request_fuzzer.cc) $(REQUEST_OBJS) $(DOMAIN_OBJS) $(PROTO_OBJS)
	$(LINK) -lpqxx -lpq

.PHONY: all
-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
