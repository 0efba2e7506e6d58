#include "services/domain/case_masking.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/domain/errors.h"
#include "services/domain/personal_data.h"
#include "services/domain/reasons.h"

namespace caitiao::domain {
namespace {

// Visits every personal-data field of one side with its path.
template <typename Parties, typename Visit>
void ForEachField(Parties& parties, const char* side, Visit visit) {
  for (size_t i = 0; i < parties.size(); ++i) {
    auto& p = parties[i];
    const std::string at = absl::StrCat(side, "[", i, "]");
    visit(absl::StrCat(at, ".resident_id_number"), p.resident_id_number, &MaskIdentityNumber);
    if (p.other_identity_document) {
      visit(absl::StrCat(at, ".other_identity_document.number"), p.other_identity_document->number,
            &MaskIdentityNumber);
    }
    visit(absl::StrCat(at, ".phone"), p.phone, &MaskPhone);
    for (size_t j = 0; j < p.agents.size(); ++j) {
      visit(absl::StrCat(at, ".agents[", j, "].phone"), p.agents[j].phone, &MaskPhone);
    }
  }
}

}  // namespace

std::vector<std::string> PersonalDataFields(const CaseContent& content) {
  std::vector<std::string> out;
  auto collect = [&out](std::string path, const std::string& value, auto) {
    if (!value.empty()) out.push_back(std::move(path));
  };
  ForEachField(content.applicants, "applicants", collect);
  ForEachField(content.respondents, "respondents", collect);
  return out;
}

void MaskPersonalData(CaseContent& content) {
  auto mask = [](const std::string&, std::string& value, std::string (*masker)(absl::string_view)) {
    value = masker(value);
  };
  ForEachField(content.applicants, "applicants", mask);
  ForEachField(content.respondents, "respondents", mask);
}

void MaskForReporting(CaseRecord& c) {
  MaskPersonalData(c.content);
  for (auto* side : {&c.content.applicants, &c.content.respondents}) {
    for (auto& p : *side) {
      if (p.kind != PartyKind::kEmployer) p.name = MaskPersonName(p.name);
      p.address = AddressRegion(p.address);
      for (auto& agent : p.agents) agent.name = MaskPersonName(agent.name);
    }
  }
  c.content.facts_and_reasons.clear();
}

std::string SummaryForReporting(const std::string& summary) {
  std::vector<std::string> kept;
  for (absl::string_view token : absl::StrSplit(summary, ' ', absl::SkipEmpty())) {
    const size_t eq = token.find('=');
    if (eq == absl::string_view::npos || eq == 0) continue;
    bool plain = true;
    for (char ch : token) plain = plain && static_cast<unsigned char>(ch) > 0x20 && static_cast<unsigned char>(ch) < 0x7F;
    if (plain) kept.emplace_back(token);
  }
  return absl::StrJoin(kept, " ");
}

absl::Status CheckMayUnmask(const Principal& p) {
  if (p.may_unmask && p.role != Role::kReporting) return absl::OkStatus();
  return WithReason(absl::PermissionDeniedError("this principal may not read identity numbers and phones "
                                                "unmasked; ask for a token with unmask_personal_data"),
                    reasons::kUnmaskNotAllowed);
}

}  // namespace caitiao::domain
