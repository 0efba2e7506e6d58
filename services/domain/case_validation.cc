#include "services/domain/case_validation.h"

#include <map>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "services/domain/identity_numbers.h"
#include "services/domain/text_rules.h"

namespace caitiao::domain {
namespace {

constexpr size_t kMaxDocumentKindChars = 50;
constexpr size_t kMaxDocumentNumberChars = 50;

constexpr std::string_view kPartyKinds = "WORKER, EMPLOYER, OTHER";
constexpr std::string_view kAgentKinds =
    "LAWYER, GRASSROOTS_LEGAL, TRADE_UNION, RELATIVE, EMPLOYEE, OTHER";
constexpr std::string_view kDisputeTypes =
    "LABOR_RELATIONSHIP_CONFIRMATION, LABOR_CONTRACT, REMOVAL_DISMISSAL_RESIGNATION, "
    "HOURS_LEAVE_INSURANCE_WELFARE, REMUNERATION_COMPENSATION, OTHER";

// Reports an enum that is unset (0) or outside 1..max (an unchecked cast from
// the wire). The proto layer passes unknown numbers through, so both happen.
template <typename Enum>
void CheckEnum(FieldViolations& v, std::string field, Enum value, int max,
               std::string_view allowed) {
  int n = static_cast<int>(value);
  if (n >= 1 && n <= max) return;
  v.Add(std::move(field),
        absl::StrCat(n == 0 ? "is required: " : "", "must be one of ", std::string(allowed)));
}

void CheckText(FieldViolations& v, std::string field, std::string_view text, size_t min_chars,
               size_t max_chars, bool multiline = false) {
  if (auto problem = TextProblem(text, min_chars, max_chars, multiline)) {
    v.Add(std::move(field), *std::move(problem));
  }
}

// Phones are optional everywhere in a case; only a given one is checked.
void CheckOptionalPhone(FieldViolations& v, std::string field, std::string_view phone) {
  if (phone.empty()) return;
  if (auto problem = PhoneProblem(phone)) v.Add(std::move(field), *std::move(problem));
}

void CheckResidentId(FieldViolations& v, std::string_view number) {
  if (auto problem = ResidentIdNumberProblem(number)) v.Add("resident_id_number", *problem);
}

void CheckCreditCode(FieldViolations& v, std::string_view code) {
  if (auto problem = UnifiedSocialCreditCodeProblem(code)) {
    v.Add("unified_social_credit_code", *problem);
  }
}

void CheckOtherDocument(FieldViolations& v, const OtherIdentityDocument& doc) {
  CheckText(v, "other_identity_document.kind", doc.kind, 1, kMaxDocumentKindChars);
  CheckText(v, "other_identity_document.number", doc.number, 1, kMaxDocumentNumberChars);
}

// A worker is a natural person: a resident identity number, or for those
// without one (foreigners, Hong Kong, Macao, Taiwan residents) another
// document. Exactly one, so that the person is identified unambiguously.
void CheckWorkerIdentity(FieldViolations& v, const Party& p) {
  bool has_id = !p.resident_id_number.empty();
  bool has_doc = p.other_identity_document.has_value();
  if (has_id && has_doc) {
    v.Add("other_identity_document",
          "give either a resident identity number or another identity document, not both");
  } else if (!has_id && !has_doc) {
    v.Add("resident_id_number",
          "is required for a worker, unless another identity document is given instead");
  }
  if (has_id) CheckResidentId(v, p.resident_id_number);
  if (has_doc) CheckOtherDocument(v, *p.other_identity_document);
  if (!p.unified_social_credit_code.empty()) {
    v.Add("unified_social_credit_code",
          "must be empty for a worker: a credit code identifies an organisation");
  }
}

// An employer (用人单位) is an organisation, identified by its credit code;
// personal identity fields would be the wrong person's data.
void CheckEmployerIdentity(FieldViolations& v, const Party& p) {
  if (p.unified_social_credit_code.empty()) {
    v.Add("unified_social_credit_code", "is required for an employer");
  } else {
    CheckCreditCode(v, p.unified_social_credit_code);
  }
  if (!p.resident_id_number.empty()) {
    v.Add("resident_id_number",
          "must be empty for an employer, which is identified by its unified social credit code");
  }
  if (p.other_identity_document.has_value()) {
    v.Add("other_identity_document",
          "must be empty for an employer, which is identified by its unified social credit code");
  }
}

// An OTHER party (e.g. a third party) may be a person or an organisation, or
// be unidentified; one identity at most keeps it unambiguous.
void CheckOtherPartyIdentity(FieldViolations& v, const Party& p) {
  int given = 0;
  auto note_extra = [&](std::string field) {
    if (++given > 1) {
      v.Add(std::move(field),
            "give at most one identity (resident identity number, unified social credit code "
            "or other identity document) for an OTHER party");
    }
  };
  if (!p.resident_id_number.empty()) {
    note_extra("resident_id_number");
    CheckResidentId(v, p.resident_id_number);
  }
  if (!p.unified_social_credit_code.empty()) {
    note_extra("unified_social_credit_code");
    CheckCreditCode(v, p.unified_social_credit_code);
  }
  if (p.other_identity_document.has_value()) {
    note_extra("other_identity_document");
    CheckOtherDocument(v, *p.other_identity_document);
  }
}

void CheckIdentity(FieldViolations& v, const Party& p) {
  switch (p.kind) {
    case PartyKind::kWorker:
      return CheckWorkerIdentity(v, p);
    case PartyKind::kEmployer:
      return CheckEmployerIdentity(v, p);
    case PartyKind::kOther:
      return CheckOtherPartyIdentity(v, p);
    default:
      // Without a known kind the identity rule is unknown; the kind itself
      // is already reported.
      return;
  }
}

FieldViolations ValidateAgent(const Agent& agent) {
  FieldViolations v;
  CheckText(v, "name", agent.name, 1, kMaxNameChars);
  CheckEnum(v, "kind", agent.kind, static_cast<int>(AgentKind::kOther), kAgentKinds);
  CheckOptionalPhone(v, "phone", agent.phone);
  return v;
}

void CheckAgents(FieldViolations& v, const std::vector<Agent>& agents) {
  if (agents.size() > kMaxAgentsPerParty) {
    v.Add("agents", absl::StrCat("a party may appoint one or two agents (the Law, Art. 24), got ",
                                 agents.size()));
  }
  for (size_t i = 0; i < agents.size(); ++i) {
    v.Merge(absl::StrCat("agents[", i, "]"), ValidateAgent(agents[i]));
  }
}

// Validates each element and prefixes its problems with "<list>[i]", after
// checking the count is within 1..max.
template <typename T, typename Fn>
void CheckList(FieldViolations& v, const std::string& list, std::string_view noun,
               const std::vector<T>& items, size_t max, Fn validate) {
  if (items.empty()) {
    v.Add(list, absl::StrCat("at least one ", std::string(noun), " is required"));
  } else if (items.size() > max) {
    v.Add(list, absl::StrCat("at most ", max, " ", std::string(noun), "s are allowed, got ",
                             items.size()));
  }
  for (size_t i = 0; i < items.size(); ++i) {
    v.Merge(absl::StrCat(list, "[", i, "]"), validate(items[i]));
  }
}

void CheckApplicationDate(FieldViolations& v, absl::CivilDay date, absl::CivilDay today) {
  if (date < absl::CivilDay(kMinApplicationYear, 1, 1)) {
    v.Add("application_date", absl::StrCat("must be on or after ", kMinApplicationYear,
                                           "-01-01, when the Labor Law took effect"));
  } else if (date > today) {
    v.Add("application_date",
          absl::StrCat("must not be in the future (today is ", absl::FormatCivilTime(today), ")"));
  }
}

// A worker not born yet, and one person (by identity number or credit code)
// named twice in the case, on one side or on both: each reported at the
// later mention, naming the earlier one.
void CheckPeople(FieldViolations& v, const CaseContent& content, absl::CivilDay today) {
  std::map<std::string, std::string> seen;  // identifier -> where first named
  const auto check = [&](const char* list, const std::vector<Party>& parties) {
    for (size_t i = 0; i < parties.size(); ++i) {
      const Party& p = parties[i];
      const std::string at = absl::StrCat(list, "[", i, "]");
      if (auto born = ResidentIdBirthDate(p.resident_id_number); born && *born > today) {
        v.Add(at + ".resident_id_number", "its birth date (digits 7-14) is in the future; check the number");
      }
      for (const auto& [field, id] : {std::pair{"resident_id_number", &p.resident_id_number},
                                      std::pair{"unified_social_credit_code", &p.unified_social_credit_code}}) {
        if (id->empty()) continue;
        const auto [earlier, first] = seen.emplace(*id, at);
        if (!first) {
          v.Add(absl::StrCat(at, ".", field),
                absl::StrCat("the same person as ", earlier->second, ": a person is named once in a case"));
        }
      }
    }
  };
  check("applicants", content.applicants);
  check("respondents", content.respondents);
}

}  // namespace

FieldViolations ValidateParty(const Party& party) {
  FieldViolations v;
  CheckEnum(v, "kind", party.kind, static_cast<int>(PartyKind::kOther), kPartyKinds);
  CheckText(v, "name", party.name, 1, kMaxNameChars);
  CheckIdentity(v, party);
  CheckOptionalPhone(v, "phone", party.phone);
  CheckText(v, "address", party.address, 0, kMaxAddressChars);
  CheckAgents(v, party.agents);
  return v;
}

FieldViolations ValidateClaim(const Claim& claim) {
  FieldViolations v;
  CheckEnum(v, "dispute_type", claim.dispute_type, static_cast<int>(DisputeType::kOther),
            kDisputeTypes);
  CheckText(v, "description", claim.description, 1, kMaxClaimDescriptionChars);
  if (claim.amount_fen.has_value()) {
    int64_t fen = *claim.amount_fen;
    if (fen < 0) {
      v.Add("amount_fen", "must not be negative");
    } else if (fen > kMaxAmountFen) {
      v.Add("amount_fen",
            absl::StrCat("must be at most ", kMaxAmountFen, " fen (10 billion yuan)"));
    }
  }
  return v;
}

FieldViolations ValidateCaseContent(const CaseContent& content, absl::CivilDay today) {
  FieldViolations v;
  CheckList(v, "applicants", "applicant", content.applicants, kMaxPartiesPerSide, ValidateParty);
  CheckList(v, "respondents", "respondent", content.respondents, kMaxPartiesPerSide, ValidateParty);
  CheckList(v, "claims", "claim", content.claims, kMaxClaims, ValidateClaim);
  CheckText(v, "facts_and_reasons", content.facts_and_reasons, 1, kMaxFactsChars,
            /*multiline=*/true);
  CheckApplicationDate(v, content.application_date, today);
  CheckPeople(v, content, today);
  return v;
}

}  // namespace caitiao::domain
