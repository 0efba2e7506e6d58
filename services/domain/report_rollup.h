// The docking report's figures as rollups (统计汇总): each recorded case
// event adds to a few counters (a figure, its detail, cases, fen), kept in
// the event's own transaction per day × region × commission × room ×
// mediator, so that a report reads a few thousand counters rather than
// every case. This file is the one place that says which event counts
// toward which figure; the figures' definitions for users are in
// reporting.proto (DockingFigures).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/civil_time.h"

namespace caitiao::domain {

// Figure names, stored in the rollups. The detail each carries is noted.
namespace figures {
inline constexpr char kReceived[] = "RECEIVED";                        // CASE_CREATED
inline constexpr char kAssessedEligible[] = "ASSESSED_ELIGIBLE";       // ELIGIBILITY_ASSESSED, eligible
inline constexpr char kAssessedIneligible[] = "ASSESSED_INELIGIBLE";   // ... not eligible
inline constexpr char kUnmetCriterion[] = "UNMET_CRITERION";           // detail: the criterion code
inline constexpr char kDelegated[] = "DELEGATED";                      // detail: the route; fen claimed
inline constexpr char kAccepted[] = "ACCEPTED";
inline constexpr char kDeclined[] = "DECLINED";                        // detail: the decline ground
inline constexpr char kAcceptanceOverdue[] = "ACCEPTANCE_OVERDUE";
inline constexpr char kConflictDeclared[] = "CONFLICT_DECLARED";
inline constexpr char kAgreementEffective[] = "AGREEMENT_EFFECTIVE";   // fen agreed
inline constexpr char kPerformance[] = "PERFORMANCE";                  // fen performed
inline constexpr char kSucceeded[] = "SUCCEEDED";                      // detail: the success path
inline constexpr char kFailed[] = "FAILED";                            // detail: the failure reason
inline constexpr char kOutcomeDays[] = "OUTCOME_DAYS";                 // detail: days delegation -> outcome
inline constexpr char kClosed[] = "CLOSED";                            // detail: the closing kind
}  // namespace figures

// What storage knows of an event beyond its kind and summary, captured when
// it is written (so that rollups can be rebuilt from the events alone):
// the mediator then assigned, the day the case was delegated to the
// event's room, and the fen claimed then.
struct ReportContext {
  std::string room_id, mediator_id;
  std::optional<absl::CivilDay> delegated_on;
  int64_t claimed_fen = 0;
  bool operator==(const ReportContext&) const = default;
};

// "room=… mediator=… delegated_on=2026-03-02 claimed_fen=…", and back
// (unknown or malformed parts are ignored).
std::string ReportContextText(const ReportContext& c);
ReportContext ParseReportContext(std::string_view text);

// The value of `key` in a summary's key=value parts; empty if absent.
std::string SummaryValue(std::string_view summary, std::string_view key);

// The mediator an event counts for: the one it names (acceptance, a
// declared conflict) or else the one then assigned.
std::string ReportMediator(std::string_view summary, const ReportContext& context);

// The kinds of events that add to some figure (storage reads the context
// only for those, and rebuilds the rollups from those).
const std::vector<std::string_view>& CountedEventKinds();
bool CountsInReports(std::string_view event_kind);

struct RollupDelta {
  std::string figure;
  std::string detail;
  int64_t cases = 0;
  int64_t amount_fen = 0;
  bool operator==(const RollupDelta&) const = default;
};

// What one event adds, on `day` (its day in China): see `figures`. The
// summary supplies route=, eligible= and unmet=, ground=, agreed_fen=,
// amount_fen=, path=, reason= and manner=; days to an outcome are calendar
// days from `context.delegated_on`.
std::vector<RollupDelta> RollupOf(std::string_view event_kind, std::string_view summary,
                                  const ReportContext& context, absl::CivilDay day);

}  // namespace caitiao::domain
