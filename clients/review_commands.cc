// apply-review, review, extend-review, make-document, refuse-review, serve,
// refuse-service: ReviewService calls (path B, arbitration staff).
#include <iostream>
#include <memory>
#include <string>
#include <type_traits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "caitiao/v1/review.grpc.pb.h"
#include "clients/command_support.h"
#include "clients/docking_input.h"
#include "clients/flag_values.h"
#include "clients/mediation_view.h"

namespace caitiao::cli {
namespace {

namespace v1 = caitiao::v1;
using v1::ReviewService;

std::unique_ptr<ReviewService::Stub> ReviewStub(const Session& s) { return ReviewService::NewStub(s.channel); }

int PrintReviewResult(const Session& s, const char* heading, const v1::ArbitralReview& review) {
  return PrintResult(s, review, [heading](const v1::ArbitralReview& r) {
    if (heading != nullptr) std::cout << heading << "\n\n";
    PrintReview(r, std::cout);
  });
}

// --etag is required by every write here.
bool TakeEtag(const char* command, std::string* etag, int* rc) {
  *etag = absl::GetFlag(FLAGS_etag);
  if (etag->empty()) *rc = UsageError(absl::StrCat(command, " needs --etag (from `caitiao get CASE_ID`)"));
  return !etag->empty();
}

template <typename Request>
int CallReview(const Session& s, const Request& request,
               grpc::Status (ReviewService::Stub::*method)(grpc::ClientContext*, const Request&, v1::ArbitralReview*),
               const char* heading) {
  auto stub = ReviewStub(s);
  v1::ArbitralReview review;
  if (int rc = CallUnary(s, *stub, method, request, review); rc != kExitOk) return rc;
  return PrintReviewResult(s, heading, review);
}

template <typename Request>
int ServiceCommand(const Session& s, const Args& args, const char* command, bool refused,
                   grpc::Status (ReviewService::Stub::*method)(grpc::ClientContext*, const Request&,
                                                               v1::ArbitralReview*)) {
  Request request;
  request.set_case_id(args[0]);
  int rc = kExitOk;
  if (!TakeEtag(command, request.mutable_etag(), &rc)) return rc;
  const std::string party = absl::GetFlag(FLAGS_party);
  if (party.empty()) return UsageError(absl::StrCat(command, " needs --party=applicant:N or --party=respondent:N"));
  auto ref = ParsePartyRef(party);
  if (!ref.ok()) return UsageError(std::string(ref.status().message()));
  *request.mutable_party() = *ref;
  request.set_evidence_ref(absl::GetFlag(FLAGS_evidence));
  if (request.evidence_ref().empty()) {
    return UsageError(absl::StrCat(command, " needs --evidence=REF (the service certificate, 送达回证)"));
  }
  if (const std::string at = absl::GetFlag(FLAGS_at); !at.empty()) {
    auto when = ParseInstant("at", at);
    if (!when.ok()) return UsageError(std::string(when.status().message()));
    if constexpr (std::is_same_v<Request, v1::RecordServiceReceiptRequest>) {
      *request.mutable_receive_time() = *when;
    } else {
      *request.mutable_refuse_time() = *when;
    }
  }
  request.set_request_id(RequestIdForChange());
  return CallReview(s, request, method,
                    refused ? "Refusal recorded: the case returns to arbitration (reply letter: `caitiao documents`)."
                            : "Receipt recorded.");
}

}  // namespace

int ApplyReviewCommand(const Session& s, const Args& args) {
  v1::ApplyForReviewRequest request;
  request.set_case_id(args[0]);
  int rc = kExitOk;
  if (!TakeEtag("apply-review", request.mutable_etag(), &rc)) return rc;
  request.set_evidence_ref(absl::GetFlag(FLAGS_evidence));
  if (request.evidence_ref().empty()) return UsageError("apply-review needs --evidence=REF (the joint application)");
  if (const std::string at = absl::GetFlag(FLAGS_at); !at.empty()) {
    auto when = ParseInstant("at", at);
    if (!when.ok()) return UsageError(std::string(when.status().message()));
    *request.mutable_apply_time() = *when;
  }
  request.set_request_id(RequestIdForChange());
  return CallReview(s, request, &ReviewService::Stub::ApplyForReview,
                    "Application recorded: the case is UNDER_REVIEW until the commission decides.");
}

int GetReviewCommand(const Session& s, const Args& args) {
  v1::GetReviewRequest request;
  request.set_case_id(args[0]);
  auto stub = ReviewStub(s);
  v1::ArbitralReview review;
  if (int rc = CallUnary(s, *stub, &ReviewService::Stub::GetReview, request, review); rc != kExitOk) return rc;
  return PrintReviewResult(s, nullptr, review);
}

int ExtendReviewCommand(const Session& s, const Args& args) {
  v1::ExtendReviewRequest request;
  request.set_case_id(args[0]);
  int rc = kExitOk;
  if (!TakeEtag("extend-review", request.mutable_etag(), &rc)) return rc;
  request.set_reason(absl::GetFlag(FLAGS_reason));
  if (request.reason().empty()) return UsageError("extend-review needs --reason=TEXT");
  request.set_request_id(RequestIdForChange());
  return CallReview(s, request, &ReviewService::Stub::ExtendReview, "Extended (once).");
}

int MakeDocumentCommand(const Session& s, const Args& args) {
  v1::MakeArbitralDocumentRequest request;
  request.set_case_id(args[0]);
  int rc = kExitOk;
  if (!TakeEtag("make-document", request.mutable_etag(), &rc)) return rc;
  request.set_request_id(RequestIdForChange());
  return CallReview(s, request, &ReviewService::Stub::MakeArbitralDocument,
                    "Arbitral mediation document made (仲裁调解书); serve it on every party next.");
}

int RefuseReviewCommand(const Session& s, const Args& args) {
  v1::RefuseReviewRequest request;
  request.set_case_id(args[0]);
  int rc = kExitOk;
  if (!TakeEtag("refuse-review", request.mutable_etag(), &rc)) return rc;
  const std::string ground = absl::AsciiStrToUpper(absl::StrReplaceAll(absl::GetFlag(FLAGS_ground), {{"-", "_"}}));
  v1::ReviewRefusal refusal;
  if (ground.empty() || !v1::ReviewRefusal_Parse(absl::StrCat("REVIEW_REFUSAL_", ground), &refusal)) {
    return UsageError("refuse-review needs --ground=violates-mandatory-law|harms-other-interests|"
                      "suspected-false-evidence|not-voluntary|unclear|other");
  }
  request.set_refusal(refusal);
  request.set_note(absl::GetFlag(FLAGS_note));
  request.set_request_id(RequestIdForChange());
  return CallReview(s, request, &ReviewService::Stub::RefuseReview,
                    "Refused (the Rules Art. 78): the case returns to arbitration.");
}

int ServeCommand(const Session& s, const Args& args) {
  return ServiceCommand<v1::RecordServiceReceiptRequest>(s, args, "serve", false,
                                                         &ReviewService::Stub::RecordServiceReceipt);
}

int RefuseServiceCommand(const Session& s, const Args& args) {
  return ServiceCommand<v1::RecordServiceRefusalRequest>(s, args, "refuse-service", true,
                                                         &ReviewService::Stub::RecordServiceRefusal);
}

}  // namespace caitiao::cli
