#include "services/domain/report_rollup.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/domain/case_events.h"
#include "services/domain/report_figures.h"

namespace caitiao::domain {
namespace {

int64_t FenOf(std::string_view summary, std::string_view key) {
  int64_t fen = 0;
  return absl::SimpleAtoi(SummaryValue(summary, key), &fen) ? fen : 0;
}

}  // namespace

std::string SummaryValue(std::string_view summary, std::string_view key) {
  const absl::string_view text(summary.data(), summary.size()), wanted(key.data(), key.size());
  for (absl::string_view token : absl::StrSplit(text, ' ', absl::SkipEmpty())) {
    const size_t eq = token.find('=');
    if (eq != absl::string_view::npos && token.substr(0, eq) == wanted) return std::string(token.substr(eq + 1));
  }
  return "";
}

std::string ReportContextText(const ReportContext& c) {
  std::string out;
  if (!c.room_id.empty()) absl::StrAppend(&out, "room=", c.room_id, " ");
  if (!c.mediator_id.empty()) absl::StrAppend(&out, "mediator=", c.mediator_id, " ");
  if (c.delegated_on) absl::StrAppend(&out, "delegated_on=", absl::FormatCivilTime(*c.delegated_on), " ");
  absl::StrAppend(&out, "claimed_fen=", c.claimed_fen);
  return out;
}

ReportContext ParseReportContext(std::string_view text) {
  ReportContext c;
  c.room_id = SummaryValue(text, "room");
  c.mediator_id = SummaryValue(text, "mediator");
  absl::CivilDay day;
  if (absl::ParseCivilTime(SummaryValue(text, "delegated_on"), &day)) c.delegated_on = day;
  c.claimed_fen = FenOf(text, "claimed_fen");
  return c;
}

std::string ReportMediator(std::string_view summary, const ReportContext& context) {
  std::string named = SummaryValue(summary, "mediator");
  return named.empty() ? context.mediator_id : named;
}

const std::vector<std::string_view>& CountedEventKinds() {
  namespace ev = events;
  static const auto* kinds = new std::vector<std::string_view>{
      ev::kCaseCreated,         ev::kEligibilityAssessed, ev::kCaseDelegated,       ev::kDelegationAccepted,
      ev::kDelegationDeclined,  ev::kAcceptanceOverdue,   ev::kMediatorConflictDeclared, ev::kAgreementEffective,
      ev::kPerformanceRecorded, ev::kMediationSucceeded,  ev::kMediationFailed,     ev::kCaseClosed,
      ev::kCaseWithdrawn,       ev::kAcceptanceRefused};
  return *kinds;
}

bool CountsInReports(std::string_view kind) {
  const auto& kinds = CountedEventKinds();
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

std::vector<RollupDelta> RollupOf(std::string_view kind, std::string_view summary, const ReportContext& context,
                                  absl::CivilDay day) {
  namespace ev = events;
  namespace f = figures;
  std::vector<RollupDelta> out;
  auto add = [&](const char* figure, std::string detail = "", int64_t fen = 0) {
    out.push_back({figure, std::move(detail), 1, fen});
  };
  auto outcome_days = [&] {
    if (context.delegated_on) add(f::kOutcomeDays, absl::StrCat(day - *context.delegated_on));
  };
  auto closed = [&](ClosingKind k) {
    if (k != ClosingKind::kUnspecified) add(f::kClosed, ClosingKindName(k));
  };
  if (kind == ev::kCaseCreated) {
    add(f::kReceived);
  } else if (kind == ev::kEligibilityAssessed) {
    if (SummaryValue(summary, "eligible") == "true") {
      add(f::kAssessedEligible);
    } else {
      add(f::kAssessedIneligible);
      const std::string unmet = SummaryValue(summary, "unmet");
      for (absl::string_view code : absl::StrSplit(unmet, ',', absl::SkipEmpty())) {
        add(f::kUnmetCriterion, std::string(code));
      }
    }
  } else if (kind == ev::kCaseDelegated) {
    add(f::kDelegated, SummaryValue(summary, "route"), context.claimed_fen);
  } else if (kind == ev::kDelegationAccepted) {
    add(f::kAccepted);
  } else if (kind == ev::kDelegationDeclined) {
    const std::string ground = SummaryValue(summary, "ground");
    add(f::kDeclined, ground.empty() ? "OTHER" : ground);
  } else if (kind == ev::kAcceptanceOverdue) {
    add(f::kAcceptanceOverdue);
  } else if (kind == ev::kMediatorConflictDeclared) {
    add(f::kConflictDeclared);
  } else if (kind == ev::kAgreementEffective) {
    add(f::kAgreementEffective, "", FenOf(summary, "agreed_fen"));
  } else if (kind == ev::kPerformanceRecorded) {
    add(f::kPerformance, "", FenOf(summary, "amount_fen"));
  } else if (kind == ev::kMediationSucceeded) {
    add(f::kSucceeded, SummaryValue(summary, "path"));
    outcome_days();
    closed(ClosingKind::kMediation);
  } else if (kind == ev::kMediationFailed) {
    add(f::kFailed, SummaryValue(summary, "reason"));
    outcome_days();
  } else if (kind == ev::kCaseClosed) {
    closed(ClosingKindOf(std::string(kind), SummaryValue(summary, "manner")));
  } else if (kind == ev::kCaseWithdrawn || kind == ev::kAcceptanceRefused) {
    closed(ClosingKindOf(std::string(kind), ""));
  }
  return out;
}

}  // namespace caitiao::domain
