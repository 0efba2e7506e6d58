// The labor-dispute case as the domain sees it: plain structs, no protobuf,
// no SQL. The gRPC layer translates to and from these; storage persists them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace caitiao::domain {

// Numeric values equal the caitiao.v1 proto enums, which keeps translation
// trivial and lets storage keep the names.
enum class CaseState {
  kUnspecified = 0,
  kReceived = 1,     // 立案前: received, acceptance not yet decided
  kFiled = 2,        // 已立案: filed, before the hearing
  kWithdrawn = 3,    // 撤回申请: terminal
  kDelegated = 4,    // 委托调解: delegated to a room, waiting for it to accept
  kInMediation = 5,  // the room accepted and assigned a mediator; the clock runs
  kAgreementEffective = 6,  // 调解协议生效: signed by all; performance follows
  kMediated = 7,            // 调解成功: mediation succeeded; terminal
  kNotAccepted = 8,         // 不予受理: the commission refused to accept; terminal
  kClosed = 9,              // 结案: closed by arbitration (award, tribunal mediation…); terminal
  kUnderReview = 10,        // 仲裁审查: the parties applied for an arbitral mediation document
  kDocumentService = 11,    // 仲裁调解书送达: the document is made, being served on the parties
};
// The full list of states and the commands each allows is the transition
// table in case_transitions.cc.
enum class RouteStage { kUnspecified = 0, kReceived = 1, kFiled = 2 };
enum class PartyKind { kUnspecified = 0, kWorker = 1, kEmployer = 2, kOther = 3 };
// The Law, Art. 2.
enum class DisputeType {
  kUnspecified = 0,
  kLaborRelationshipConfirmation = 1,  // 确认劳动关系: never delegable
  kLaborContract = 2,
  kRemovalDismissalResignation = 3,
  kHoursLeaveInsuranceWelfare = 4,
  kRemunerationCompensation = 5,
  kOther = 6,
};
enum class AgentKind {
  kUnspecified = 0,
  kLawyer = 1,
  kGrassrootsLegal = 2,
  kTradeUnion = 3,
  kRelative = 4,
  kEmployee = 5,
  kOther = 6,
};

// 委托代理人
struct Agent {
  std::string name;
  AgentKind kind = AgentKind::kUnspecified;
  std::string phone;
  bool operator==(const Agent&) const = default;
};

struct OtherIdentityDocument {
  std::string kind;
  std::string number;
  bool operator==(const OtherIdentityDocument&) const = default;
};

// 当事人
struct Party {
  PartyKind kind = PartyKind::kUnspecified;
  std::string name;
  std::string resident_id_number;          // 公民身份号码
  std::string unified_social_credit_code;  // 统一社会信用代码
  std::optional<OtherIdentityDocument> other_identity_document;
  std::string phone;
  std::string address;
  std::vector<Agent> agents;
  bool operator==(const Party&) const = default;
};

// 仲裁请求
struct Claim {
  DisputeType dispute_type = DisputeType::kUnspecified;
  std::string description;
  std::optional<int64_t> amount_fen;
  bool operator==(const Claim&) const = default;
};

// What staff enter for a case: the editable part.
struct CaseContent {
  std::vector<Party> applicants;
  std::vector<Party> respondents;
  std::vector<Claim> claims;
  std::string facts_and_reasons;  // 事实和理由
  absl::CivilDay application_date;
  bool operator==(const CaseContent&) const = default;
};

// A case as stored.
struct CaseRecord {
  std::string id;
  std::string case_number;
  std::string commission_id;
  std::string region_code;
  CaseState state = CaseState::kUnspecified;
  CaseContent content;
  absl::Time receive_time;
  absl::Time update_time;
  int64_t version = 0;  // the etag is derived from it
  // Moves only when the content or the consents change (not the state):
  // what an eligibility assessment depends on.
  int64_t substance_version = 0;
  // The mediation room it is delegated to, while DELEGATED or IN_MEDIATION.
  std::string delegated_room_id;
  // The deadline that matters now: the room's acceptance while DELEGATED,
  // the mediation period while IN_MEDIATION.
  std::optional<absl::CivilDay> current_due;
  std::string withdrawal_reason;
  // How mediation ended, once it has: "SUCCEEDED_PERFORMED",
  // "SUCCEEDED_DOCUMENT" or "FAILED"; with the failure reason (see
  // MediationFailure in mediation_outcome.h).
  std::string mediation_outcome;
  std::string failure_reason;
  // Set while a case returned from mediation waits at the commission: a fresh
  // consent of every party, given after this time, is needed to delegate
  // again.
  std::optional<absl::Time> returned_time;
  // How arbitration closed it (CloseCase), or why it was not accepted.
  std::string closing_manner;
  std::string closing_note;
  // The current (not voided) agreement's number, and the arbitral mediation
  // document's once made.
  std::string agreement_number;
  std::string arbitral_document_number;
};

// One entry of the append-only case history.
struct CaseEvent {
  int64_t sequence = 0;
  std::string case_id;
  std::string kind;  // CASE_CREATED, CASE_UPDATED, CASE_WITHDRAWN
  CaseState from_state = CaseState::kUnspecified;
  CaseState to_state = CaseState::kUnspecified;
  std::string actor;
  std::string actor_role;
  absl::Time occur_time;
  std::string summary;  // never personal data
  std::string request_id;
  // Set for events of a mediation room's queue (delegated, accepted,
  // declined): WatchRoomQueue streams them.
  std::string room_id;
};

// Stable upper-case names used in storage, filters and events.
const char* CaseStateName(CaseState s);           // "RECEIVED"
const char* DisputeTypeName(DisputeType t);       // "REMUNERATION_COMPENSATION"
std::optional<CaseState> CaseStateFromName(std::string_view name);
// Every state's name, comma-separated, for messages.
std::string CaseStateNames();
std::optional<DisputeType> DisputeTypeFromName(std::string_view name);

}  // namespace caitiao::domain
