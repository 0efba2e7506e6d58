#include "services/common/grpc_status.h"

#include "absl/strings/str_cat.h"
#include "caitiao/v1/common.pb.h"
#include "services/domain/errors.h"

namespace caitiao::services {

std::string ReasonFor(const absl::Status& status) {
  if (auto reason = domain::ReasonOf(status)) return *reason;
  std::string name = absl::StatusCodeToString(status.code());
  for (char& c : name) c = c == ' ' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

grpc::Status ToGrpcStatus(const absl::Status& status, const std::string& request_id) {
  if (status.ok()) return grpc::Status::OK;
  caitiao::v1::ErrorDetail detail;
  detail.set_reason(ReasonFor(status));
  detail.set_request_id(request_id);
  for (const auto& f : domain::FieldsOf(status)) {
    auto* v = detail.add_field_violations();
    v->set_field(f.field);
    v->set_description(f.description);
  }
  std::string message(status.message());
  if (status.code() == absl::StatusCode::kInternal || status.code() == absl::StatusCode::kUnknown ||
      status.code() == absl::StatusCode::kDataLoss) {
    message = absl::StrCat("internal error; quote request id ", request_id, " when reporting it");
  }
  caitiao::v1::RpcStatus rpc_status;
  rpc_status.set_code(static_cast<int>(status.code()));
  rpc_status.set_message(message);
  rpc_status.add_details()->PackFrom(detail);
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), message,
                      rpc_status.SerializeAsString());
}

}  // namespace caitiao::services
