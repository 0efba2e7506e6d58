#include "clients/docking_input.h"

#include <map>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "clients/cli_flags.h"
#include "clients/flag_values.h"

namespace caitiao::cli {
namespace {

using caitiao::v1::AssessEligibilityRequest;
using caitiao::v1::Determination;

struct StaffCriterion {
  const char* code;
  const char* short_name;
  Determination* (AssessEligibilityRequest::*field)();
};

constexpr StaffCriterion kStaffCriteria[] = {
    {"WITHIN_ARBITRATION_SCOPE", "SCOPE", &AssessEligibilityRequest::mutable_within_arbitration_scope},
    {"ACCEPTANCE_DISPUTE_TYPE", "DISPUTE_TYPE", &AssessEligibilityRequest::mutable_acceptance_dispute_type},
    {"ACCEPTANCE_CLEAR_CLAIM", "CLEAR_CLAIM", &AssessEligibilityRequest::mutable_acceptance_clear_claim},
    {"ACCEPTANCE_PARTIES", "PARTIES", &AssessEligibilityRequest::mutable_acceptance_parties},
    {"ACCEPTANCE_JURISDICTION", "JURISDICTION", &AssessEligibilityRequest::mutable_acceptance_jurisdiction},
};

const StaffCriterion* FindCriterion(const std::string& word) {
  const std::string upper = EnumValueName("", word);
  for (const auto& c : kStaffCriteria) {
    if (upper == c.code || upper == c.short_name) return &c;
  }
  return nullptr;
}

// --fail/--pass values by criterion code. A list flag splits its value at
// commas, so a piece that does not start with "CODE:" continues the
// explanation before it.
absl::StatusOr<std::map<std::string, std::string>> Explanations(const char* flag,
                                                                const std::vector<std::string>& pieces) {
  std::map<std::string, std::string> out;
  std::string* last = nullptr;
  for (const std::string& piece : pieces) {
    const size_t colon = piece.find(':');
    const std::string word = colon == std::string::npos ? piece : piece.substr(0, colon);
    const StaffCriterion* c = FindCriterion(word);
    if (c == nullptr && EnumValueName("", word) == "SUITABLE_FOR_MEDIATION") {
      return absl::InvalidArgumentError("suitability is given with --suitable=REASON or --not-suitable=REASON");
    }
    if (c == nullptr || colon == std::string::npos) {
      if (last != nullptr) {
        absl::StrAppend(last, ",", piece);
        continue;
      }
      return absl::InvalidArgumentError(absl::StrCat(
          "--", flag, "=", piece,
          ": expected CODE:EXPLANATION, CODE one of WITHIN_ARBITRATION_SCOPE (scope), ACCEPTANCE_DISPUTE_TYPE "
          "(dispute-type), ACCEPTANCE_CLEAR_CLAIM (clear-claim), ACCEPTANCE_PARTIES (parties), "
          "ACCEPTANCE_JURISDICTION (jurisdiction)"));
    }
    if (out.count(c->code) > 0) return absl::InvalidArgumentError(absl::StrCat("--", flag, ": ", c->code, " twice"));
    last = &out[c->code];
    *last = std::string(absl::StripAsciiWhitespace(piece.substr(colon + 1)));
  }
  for (const auto& [code, text] : out) {
    if (text.empty() && std::string(flag) == "fail") {
      return absl::InvalidArgumentError(absl::StrCat("--fail=", code, ": a failed criterion needs its explanation"));
    }
  }
  return out;
}

}  // namespace

absl::StatusOr<caitiao::v1::PartyRef> ParsePartyRef(const std::string& text) {
  const std::vector<std::string> parts = absl::StrSplit(text, ':');
  caitiao::v1::PartyRef party;
  int32_t position = -1;
  const std::string side = parts.empty() ? "" : absl::AsciiStrToLower(parts[0]);
  if (side == "applicant") party.set_side(caitiao::v1::PARTY_SIDE_APPLICANT);
  if (side == "respondent") party.set_side(caitiao::v1::PARTY_SIDE_RESPONDENT);
  if (parts.size() != 2 || party.side() == caitiao::v1::PARTY_SIDE_UNSPECIFIED ||
      !absl::SimpleAtoi(parts[1], &position) || position < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("--party=", text, ": expected applicant:N or respondent:N (N from 0, as listed in the case)"));
  }
  party.set_position(position);
  return party;
}

absl::StatusOr<caitiao::v1::ConsentForm> ParseConsentForm(const std::string& text) {
  const std::string word = absl::AsciiStrToLower(absl::StripAsciiWhitespace(text));
  if (word == "written") return caitiao::v1::CONSENT_FORM_WRITTEN;
  if (word == "oral" || word == "oral-on-record") return caitiao::v1::CONSENT_FORM_ORAL_ON_RECORD;
  if (word == "electronic") return caitiao::v1::CONSENT_FORM_ELECTRONIC;
  return absl::InvalidArgumentError(absl::StrCat("--form must be written, oral or electronic, not \"", text, "\""));
}

absl::StatusOr<caitiao::v1::DelegationRoute> ParseRoute(const std::string& text) {
  caitiao::v1::DelegationRoute route{};
  if (!caitiao::v1::DelegationRoute_Parse(EnumValueName("DELEGATION_ROUTE_", text), &route) ||
      route == caitiao::v1::DELEGATION_ROUTE_UNSPECIFIED) {
    return absl::InvalidArgumentError(
        absl::StrCat("--route must be before-filing (立案前) or after-filing (立案后), not \"", text, "\""));
  }
  return route;
}

absl::StatusOr<AssessEligibilityRequest> AssessmentFromFlags() {
  auto failed = Explanations("fail", absl::GetFlag(FLAGS_fail));
  if (!failed.ok()) return failed.status();
  auto passed = Explanations("pass", absl::GetFlag(FLAGS_pass));
  if (!passed.ok()) return passed.status();
  AssessEligibilityRequest request;
  for (const auto& c : kStaffCriteria) {
    Determination& d = *(request.*c.field)();
    const bool fails = failed->count(c.code) > 0;
    if (fails && passed->count(c.code) > 0) {
      return absl::InvalidArgumentError(absl::StrCat(c.code, " is given both --fail and --pass"));
    }
    d.set_passed(!fails);
    d.set_explanation(fails ? failed->at(c.code) : passed->count(c.code) > 0 ? passed->at(c.code) : "");
  }
  const std::string suitable = absl::GetFlag(FLAGS_suitable);
  const std::string not_suitable = absl::GetFlag(FLAGS_not_suitable);
  if (suitable.empty() == not_suitable.empty()) {
    return absl::InvalidArgumentError(
        "assess needs --suitable=REASON or --not-suitable=REASON (one of them): why the case is or is not "
        "suitable for mediation");
  }
  request.mutable_suitable_for_mediation()->set_passed(!suitable.empty());
  request.mutable_suitable_for_mediation()->set_explanation(suitable.empty() ? not_suitable : suitable);
  request.set_respondent_contests_labor_relationship(absl::GetFlag(FLAGS_contested));
  if (const std::string day = absl::GetFlag(FLAGS_infringement); !day.empty()) {
    auto date = ParseDate("infringement", day);
    if (!date.ok()) return date.status();
    *request.mutable_infringement_date() = *date;
  }
  return request;
}

}  // namespace caitiao::cli
