// What happens in the mediation room, as plain values: sessions (调解记录),
// the agreement (调解协议书) with its obligations and signature checklist,
// performance (履行), and the numbered documents.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/domain/eligibility.h"

namespace caitiao::domain {

// 调解记录: one session held.
struct MediationSession {
  std::string id;
  std::string case_id;
  std::string delegation_id;
  absl::Time held;
  bool online = false;
  std::string place;                   // a room address, or the platform when online
  std::vector<std::string> attendees;  // "APPLICANT/0", "MEDIATOR", "AGENT:<name>"
  std::string summary;
  std::string recorded_by;
  absl::Time record_time;
};

// Values equal caitiao.v1.ObligationKind.
enum class ObligationKind { kUnspecified = 0, kMoney = 1, kAct = 2 };

// One thing a party must do under the agreement.
struct Obligation {
  int position = 0;
  PartySide obligor_side = PartySide::kUnspecified;
  int obligor_position = 0;
  PartySide obligee_side = PartySide::kUnspecified;
  int obligee_position = 0;
  ObligationKind kind = ObligationKind::kUnspecified;
  int64_t amount_fen = 0;  // money only
  std::string description;
  absl::CivilDay due;
};

// Values equal caitiao.v1.SignatureForm.
enum class SignatureForm { kUnspecified = 0, kSignature = 1, kSeal = 2, kFingerprint = 3, kElectronic = 4 };

// One item of the signature checklist (the Law Art. 14): a party's
// signature or seal ("APPLICANT/0"), the mediator's ("MEDIATOR") or the
// room's seal ("ROOM_SEAL").
struct SignatureItem {
  std::string item;
  SignatureForm form = SignatureForm::kUnspecified;
  absl::Time signed_time;
  std::string evidence_ref;
  std::string recorded_by;
  absl::Time record_time;
};

struct Agreement {
  std::string id;
  std::string case_id;
  std::string delegation_id;
  std::string number;
  std::string terms;
  std::vector<Obligation> obligations;
  int64_t total_fen = 0;  // the money obligations together
  std::string drafted_by;
  absl::Time draft_time;
  std::vector<SignatureItem> signatures;
  std::optional<absl::Time> effective_time;  // when the last checklist item was recorded
  std::optional<absl::Time> void_time;
  std::string void_reason;
  std::string voided_by;
};

// An agreed extension of the mediation period: never an edit of the old
// deadline, a record with its inputs and the new due date.
struct MediationExtension {
  std::string id;
  std::string case_id;
  std::string delegation_id;
  absl::CivilDay previous_due;
  int days = 0;  // calendar days added
  absl::CivilDay due;
  std::string calendar_versions;
  bool provisional = false;
  std::string policy_source;
  std::vector<std::string> consents;  // "APPLICANT/0=<evidence>", one per party
  std::string reason;
  std::string recorded_by;
  absl::Time record_time;
};

// 履行: a payment or an act recorded against one obligation.
struct Performance {
  std::string id;
  std::string agreement_id;
  int obligation = 0;
  int64_t amount_fen = 0;
  bool act_done = false;
  absl::CivilDay performed_on;
  std::string evidence_ref;
  std::string recorded_by;
  absl::Time record_time;
};

// Values equal caitiao.v1.DocumentKind.
enum class DocumentKind {
  kUnspecified = 0,
  kDelegationLetter = 1,           // 委托调解函
  kMediationAgreement = 2,         // 调解协议书
  kReplyLetter = 3,                // 委托调解复函
  kArbitralMediationDocument = 4,  // 仲裁调解书
};
const char* DocumentKindName(DocumentKind kind);  // "DELEGATION_LETTER"
std::optional<DocumentKind> DocumentKindFromName(std::string_view name);

// A numbered document as issued: its canonical rendering and that
// rendering's SHA-256 (lower-case hex).
struct Document {
  std::string id;
  DocumentKind kind = DocumentKind::kUnspecified;
  std::string number;
  std::string case_id;
  std::string issuer;  // the commission or room id
  std::string issued_by;
  absl::Time issue_time;
  std::string rendering;
  std::string sha256;
};

}  // namespace caitiao::domain
