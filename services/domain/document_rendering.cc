#include "services/domain/document_rendering.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "services/domain/china_time.h"
#include "services/domain/docking_types.h"
#include "services/domain/personal_data.h"

namespace caitiao::domain {
namespace {

std::string Instant(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M:%S", t, ChinaTimeZone()); }

std::string Fen(int64_t fen) {
  return absl::StrCat(fen / 100, ".", fen % 100 < 10 ? "0" : "", fen % 100, " 元");
}

void AppendParties(std::string* out, const CaseRecord& c) {
  const auto add = [&](const char* role, const std::vector<Party>& parties) {
    for (size_t i = 0; i < parties.size(); ++i) {
      const Party& p = parties[i];
      const std::string id = !p.resident_id_number.empty() ? MaskIdentityNumber(p.resident_id_number)
                                                            : p.unified_social_credit_code;
      absl::StrAppend(out, role, " ", i, ": ", p.name, id.empty() ? "" : absl::StrCat(" (", id, ")"), "\n");
    }
  };
  add("申请人", c.content.applicants);
  add("被申请人", c.content.respondents);
}

std::string PartyName(const CaseRecord& c, PartySide side, int position) {
  const auto& parties = side == PartySide::kApplicant ? c.content.applicants : c.content.respondents;
  if (position < 0 || static_cast<size_t>(position) >= parties.size()) return PartyLabel(side, position);
  return parties[position].name;
}

const char* FormText(SignatureForm f) {
  switch (f) {
    case SignatureForm::kSignature: return "签名";
    case SignatureForm::kSeal: return "盖章";
    case SignatureForm::kFingerprint: return "按指印";
    case SignatureForm::kElectronic: return "电子签名";
    case SignatureForm::kUnspecified: break;
  }
  return "-";
}

const char* FailureText(MediationFailure f) {
  switch (f) {
    case MediationFailure::kPeriodExpired: return "调解期限届满未达成协议";
    case MediationFailure::kConsentWithdrawn: return "当事人撤回调解同意";
    case MediationFailure::kPartyRefused: return "当事人拒绝继续调解";
    case MediationFailure::kRoomTerminated: return "调解组织终止调解";
    case MediationFailure::kNotPerformed: return "调解协议逾期未履行";
    case MediationFailure::kReviewRefused: return "仲裁委员会不予制作仲裁调解书";
    case MediationFailure::kServiceRefused: return "当事人拒绝签收仲裁调解书";
    case MediationFailure::kUnspecified: break;
  }
  return "-";
}

}  // namespace

std::string DocumentNumberTemplate(std::string_view case_number_template, std::string_view word) {
  const std::string t(case_number_template);
  const std::string w(word);
  if (t.find("案字") != std::string::npos) return absl::StrReplaceAll(t, {{"案字", w}});
  const size_t bracket = t.find("〔");
  if (bracket != std::string::npos) return absl::StrCat(t.substr(0, bracket), w, t.substr(bracket));
  return absl::StrCat(t, w, "〔{year}〕第{seq}号");
}

std::string RenderDelegationLetter(const CaseRecord& c, const Delegation& d, const std::string& room_name) {
  std::string out = absl::StrCat("委托调解函\n", d.letter_number, "\n案号: ", c.case_number, "\n");
  AppendParties(&out, c);
  absl::StrAppend(&out, "受托调解组织: ", room_name, " (", d.room_id, ")\n", "委托方式: ",
                  d.route == DelegationRoute::kAfterFiling ? "立案后委托" : "立案前委托", "\n",
                  "受理答复期限: ", absl::FormatCivilTime(d.acceptance_due.due), "\n", "委托时间: ",
                  Instant(d.delegate_time), "\n");
  return out;
}

std::string RenderAgreement(const CaseRecord& c, const Agreement& a, const std::string& room_name) {
  std::string out = absl::StrCat("调解协议书\n", a.number, "\n案号: ", c.case_number, "\n调解组织: ", room_name, "\n");
  AppendParties(&out, c);
  absl::StrAppend(&out, "协议内容:\n", a.terms, a.terms.empty() || a.terms.back() == '\n' ? "" : "\n");
  for (const auto& o : a.obligations) {
    absl::StrAppend(&out, "义务 ", o.position, ": ", PartyName(c, o.obligor_side, o.obligor_position), " -> ",
                    PartyName(c, o.obligee_side, o.obligee_position), ", ",
                    o.kind == ObligationKind::kMoney ? absl::StrCat("支付 ", Fen(o.amount_fen)) : "履行行为", ", ",
                    absl::FormatCivilTime(o.due), " 前", o.description.empty() ? "" : absl::StrCat(": ", o.description),
                    "\n");
  }
  absl::StrAppend(&out, "金额合计: ", Fen(a.total_fen), "\n签署:\n");
  for (const auto& s : a.signatures) {
    absl::StrAppend(&out, "  ", s.item, " ", FormText(s.form), " ", Instant(s.signed_time), " (", s.evidence_ref, ")\n");
  }
  if (a.effective_time) absl::StrAppend(&out, "生效时间: ", Instant(*a.effective_time), "\n");
  return out;
}

std::string RenderArbitralDocument(const CaseRecord& c, const Agreement& a, const std::string& number,
                                   const std::string& agreement_sha256, absl::Time made) {
  std::string out = absl::StrCat("仲裁调解书\n", number, "\n案号: ", c.case_number, "\n");
  AppendParties(&out, c);
  absl::StrAppend(&out, "依据调解协议书: ", a.number, " (SHA-256 ", agreement_sha256, ")\n调解协议内容:\n", a.terms,
                  a.terms.empty() || a.terms.back() == '\n' ? "" : "\n");
  for (const auto& o : a.obligations) {
    absl::StrAppend(&out, "义务 ", o.position, ": ", PartyName(c, o.obligor_side, o.obligor_position), " -> ",
                    PartyName(c, o.obligee_side, o.obligee_position), ", ",
                    o.kind == ObligationKind::kMoney ? absl::StrCat("支付 ", Fen(o.amount_fen)) : "履行行为", ", ",
                    absl::FormatCivilTime(o.due), " 前", o.description.empty() ? "" : absl::StrCat(": ", o.description),
                    "\n");
  }
  absl::StrAppend(&out, "本调解书经双方当事人签收后，即发生法律效力。\n制作时间: ", Instant(made), "\n");
  return out;
}

std::string RenderReplyLetter(const CaseRecord& c, const Delegation& d, const std::string& number,
                              MediationFailure reason, const std::string& note,
                              const std::vector<MediationSession>& sessions, absl::Time issued) {
  std::string out = absl::StrCat("委托调解复函\n", number, "\n案号: ", c.case_number, "\n委托调解函: ",
                                 d.letter_number, "\n");
  AppendParties(&out, c);
  absl::StrAppend(&out, "调解结果: 调解不成 (", MediationFailureName(reason), " ", FailureText(reason), ")\n");
  if (!note.empty()) absl::StrAppend(&out, "说明: ", note, "\n");
  absl::StrAppend(&out, "调解次数: ", sessions.size(), "\n");
  for (const auto& s : sessions) {
    absl::StrAppend(&out, "  ", Instant(s.held), " ", s.online ? "线上 " : "", s.place, "\n");
  }
  absl::StrAppend(&out, "复函时间: ", Instant(issued), "\n");
  return out;
}

}  // namespace caitiao::domain
