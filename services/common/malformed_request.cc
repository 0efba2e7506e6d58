#include "services/common/malformed_request.h"

#include <string>

#include <google/protobuf/stubs/logging.h>

#include "absl/strings/str_cat.h"
#include "services/common/grpc_status.h"
#include "services/common/ids.h"
#include "services/common/log.h"
#include "services/domain/reasons.h"

namespace caitiao::services {
namespace {

// What protobuf's parser last complained about on this thread: gRPC parses
// a request on the thread that then sends its status.
thread_local std::string last_parse_error;

// Protobuf reports a string that is not UTF-8 through its log, naming the
// field ("String field 'caitiao.v1.GetCaseRequest.id' contains invalid UTF-8
// data …"): keep it for the answer, and log everything else as ours.
void ProtobufLog(google::protobuf::LogLevel level, const char* file, int line, const std::string& message) {
  (void)file;
  (void)line;
  const auto quote = message.find('\'');
  if (message.find("invalid UTF-8") != std::string::npos && quote != std::string::npos) {
    const auto end = message.find('\'', quote + 1);
    last_parse_error = message.substr(quote + 1, end == std::string::npos ? std::string::npos : end - quote - 1);
    return;
  }
  log::Write(level >= google::protobuf::LOGLEVEL_ERROR ? log::Level::kError : log::Level::kWarn, "protobuf",
             {{"detail", message}});
}

using grpc::experimental::InterceptionHookPoints;

class MalformedRequestInterceptor final : public grpc::experimental::Interceptor {
 public:
  explicit MalformedRequestInterceptor(grpc::experimental::ServerRpcInfo* info) : method_(info->method()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) Rewrite(methods);
    methods->Proceed();
  }

 private:
  void Rewrite(grpc::experimental::InterceptorBatchMethods* methods) {
    const grpc::Status sent = methods->GetSendStatus();
    auto* trailers = methods->GetSendTrailingMetadata();
    if (sent.error_code() != grpc::StatusCode::INTERNAL || trailers == nullptr ||
        trailers->count("x-request-id") > 0) {
      return;  // a handler ran and answered itself
    }
    const std::string request_id = NewRequestId();
    const std::string field = std::move(last_parse_error);
    last_parse_error.clear();
    const absl::Status status = domain::Refuse(
        domain::reasons::kRequestMalformed,
        field.empty() ? "the request could not be parsed as its protobuf message: a string field holds invalid "
                        "UTF-8, or the bytes are not that message; send text as UTF-8"
                      : absl::StrCat("the string field ", field, " holds invalid UTF-8; send text as UTF-8"));
    methods->ModifySendStatus(ToGrpcStatus(status, request_id));
    trailers->emplace("x-request-id", request_id);
    log::Warn("rpc", {{"request_id", request_id},
                      {"method", method_},
                      {"status", "INVALID_ARGUMENT"},
                      {"reason", domain::reasons::kRequestMalformed},
                      {"field", field}});
  }

  std::string method_;
};

class Factory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override {
    return new MalformedRequestInterceptor(info);
  }
};

}  // namespace

std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> MalformedRequestInterceptors() {
  google::protobuf::SetLogHandler(&ProtobufLog);
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> out;
  out.push_back(std::make_unique<Factory>());
  return out;
}

}  // namespace caitiao::services
