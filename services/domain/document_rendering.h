// The canonical plain-text renderings of the docking's numbered documents:
// what a clerk prints, and what the stored SHA-256 is computed over. UTF-8,
// every line ending in "\n", identity numbers masked (the rendering is kept
// and shown to anyone who may see the case). The same inputs always give the
// same bytes, so a copy can be verified against the stored hash.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "services/domain/case_types.h"
#include "services/domain/delegation.h"
#include "services/domain/mediation_outcome.h"
#include "services/domain/mediation_types.h"

namespace caitiao::domain {

// A document number template from the commission's case number template,
// with `word` in place of 案字 (鄂武劳人仲案字〔{year}〕第{seq}号 with 调协字 ->
// 鄂武劳人仲调协字〔{year}〕第{seq}号); without 案字, `word` goes before the 〔,
// or "<word>〔{year}〕第{seq}号" is appended.
std::string DocumentNumberTemplate(std::string_view case_number_template, std::string_view word);
inline constexpr char kAgreementWord[] = "调协字";   // 调解协议书
inline constexpr char kReplyLetterWord[] = "委调复字";  // 委托调解复函
inline constexpr char kArbitralDocumentWord[] = "调字";  // 仲裁调解书

// 委托调解函.
std::string RenderDelegationLetter(const CaseRecord& c, const Delegation& d, const std::string& room_name);

// 调解协议书, once effective: parties, terms, obligations, the signature
// checklist with forms and times.
std::string RenderAgreement(const CaseRecord& c, const Agreement& a, const std::string& room_name);

// 仲裁调解书: made by the commission from the effective agreement, whose
// number and SHA-256 it carries.
std::string RenderArbitralDocument(const CaseRecord& c, const Agreement& a, const std::string& number,
                                   const std::string& agreement_sha256, absl::Time made);

// 委托调解复函: the failure reason, the room's note, the sessions held.
std::string RenderReplyLetter(const CaseRecord& c, const Delegation& d, const std::string& number,
                              MediationFailure reason, const std::string& note,
                              const std::vector<MediationSession>& sessions, absl::Time issued);

}  // namespace caitiao::domain
