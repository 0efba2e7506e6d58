#include "clients/error_printer.h"

#include <iterator>
#include <string>

namespace caitiao::cli {
namespace {

std::string TrailerRequestId(const grpc::ClientContext& ctx) {
  const auto& trailers = ctx.GetServerTrailingMetadata();
  const auto it = trailers.find("x-request-id");
  return it == trailers.end() ? "" : std::string(it->second.data(), it->second.size());
}

}  // namespace

std::string StatusCodeName(grpc::StatusCode code) {
  static constexpr const char* kNames[] = {
      "OK",        "CANCELLED",      "UNKNOWN",           "INVALID_ARGUMENT",   "DEADLINE_EXCEEDED",
      "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION",
      "ABORTED",   "OUT_OF_RANGE",   "UNIMPLEMENTED",     "INTERNAL",           "UNAVAILABLE",
      "DATA_LOSS", "UNAUTHENTICATED"};
  const int index = static_cast<int>(code);
  if (index < 0 || index >= static_cast<int>(std::size(kNames))) return "CODE_" + std::to_string(index);
  return kNames[index];
}

std::optional<caitiao::v1::ErrorDetail> DecodeErrorDetail(const grpc::Status& status) {
  if (status.error_details().empty()) return std::nullopt;
  caitiao::v1::RpcStatus rpc_status;
  if (!rpc_status.ParseFromString(status.error_details())) return std::nullopt;
  for (const auto& any : rpc_status.details()) {
    caitiao::v1::ErrorDetail detail;
    if (any.UnpackTo(&detail)) return detail;
  }
  return std::nullopt;
}

void PrintRpcError(const grpc::Status& status, const grpc::ClientContext& ctx, std::ostream& out) {
  const auto detail = DecodeErrorDetail(status);
  out << "error: " << StatusCodeName(status.error_code());
  if (detail && !detail->reason().empty()) out << " (" << detail->reason() << ")";
  out << ": " << status.error_message() << '\n';
  if (detail) {
    for (const auto& v : detail->field_violations()) {
      out << "  field " << v.field() << ": " << v.description() << '\n';
    }
  }
  const std::string request_id =
      detail && !detail->request_id().empty() ? detail->request_id() : TrailerRequestId(ctx);
  if (!request_id.empty()) out << "  request id: " << request_id << '\n';
}

}  // namespace caitiao::cli
