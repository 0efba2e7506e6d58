#include "services/common/idempotent.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "absl/strings/ascii.h"
#include "services/domain/errors.h"
#include "services/domain/status_macros.h"
#include "services/common/audit_log.h"
#include "storage/idempotency_repository.h"

namespace caitiao::services {
namespace {

// Deterministic serialization: equal requests give equal bytes, so equal
// fingerprints.
std::string DeterministicBytes(const google::protobuf::Message& m) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    m.SerializeToCodedStream(&coded);
  }
  return out;
}

}  // namespace

absl::Status ValidateRequestId(const std::string& request_id) {
  if (request_id.empty()) {
    return domain::InvalidField("request_id", "is required: send a new UUID per change, the same one on retry");
  }
  bool ok = request_id.size() <= 128;
  for (char c : request_id) {
    ok = ok && (absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' ||
                c == '-');
  }
  if (!ok) return domain::InvalidField("request_id", "must be 1..128 characters of letters, digits, . _ : -");
  return absl::OkStatus();
}

absl::Status RunIdempotent(storage::ConnectionPool& pool, const CallContext& call,
                           const google::protobuf::Message& request, const std::string& request_id,
                           google::protobuf::Message* response, const ChangeFn& change) {
  CAITIAO_RETURN_IF_ERROR(ValidateRequestId(request_id));
  const storage::IdempotencyKey key{call.principal.id, call.method, request_id};
  const std::string request_bytes = DeterministicBytes(request);
  CAITIAO_RETURN_IF_ERROR(
      storage::RunTransaction(pool, call.deadline, call.method, [&](storage::Tx& tx) -> absl::Status {
        CAITIAO_ASSIGN_OR_RETURN(std::optional<std::string> prior, storage::ClaimRequest(tx, key, request_bytes));
        response->Clear();
        if (prior) {
          if (!response->ParseFromString(*prior)) return absl::InternalError("stored response unreadable");
        } else {
          CAITIAO_RETURN_IF_ERROR(change(tx, response));
          CAITIAO_RETURN_IF_ERROR(storage::RecordResponse(tx, key, DeterministicBytes(*response)));
        }
        // The audit record commits with the change (a replay is audited too).
        return RecordAuditInTransaction(tx, call);
      }));
  call.audited = true;
  return absl::OkStatus();
}

}  // namespace caitiao::services
