#include "storage/case_repository.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "services/domain/region_rules.h"
#include "services/domain/report_rollup.h"
#include "services/domain/status_macros.h"
#include "storage/personal_data_cipher.h"
#include "storage/rollup_repository.h"
#include "storage/scope_params.h"
#include "storage/sql_values.h"

namespace caitiao::storage {
namespace {

using domain::AgentKind;
using domain::CaseRecord;
using domain::CaseState;
using domain::Claim;
using domain::DisputeType;
using domain::Party;
using domain::PartyKind;

constexpr char kApplicant[] = "APPLICANT";
// Column names double as the encryption context of their values.
constexpr char kResidentIdColumn[] = "case_parties.resident_id_number";
constexpr char kOtherIdColumn[] = "case_parties.other_id_number";
constexpr char kRespondent[] = "RESPONDENT";

constexpr char kCaseColumns[] =
    "c.id::text, c.case_number, c.commission_id::text, c.region_code, c.state, c.facts_and_reasons, "
    "c.application_date::text, (extract(epoch FROM c.received_at) * 1000000)::bigint, "
    "(extract(epoch FROM c.updated_at) * 1000000)::bigint, c.version, c.withdrawal_reason, c.substance_version, "
    "coalesce(c.delegated_room_id::text, ''), coalesce(c.current_due::text, ''), c.mediation_outcome, "
    "c.failure_reason, (extract(epoch FROM c.returned_at) * 1000000)::bigint, c.closing_manner, c.closing_note, "
    "c.agreement_number, c.arbitral_document_number";

// Enums are stored by number-free names so the tables read well in psql.
const char* PartyKindName(PartyKind k) {
  switch (k) {
    case PartyKind::kWorker: return "WORKER";
    case PartyKind::kEmployer: return "EMPLOYER";
    case PartyKind::kOther: return "OTHER";
    case PartyKind::kUnspecified: break;
  }
  return "UNSPECIFIED";
}
PartyKind PartyKindFromName(const std::string& s) {
  for (PartyKind k : {PartyKind::kWorker, PartyKind::kEmployer, PartyKind::kOther}) {
    if (s == PartyKindName(k)) return k;
  }
  return PartyKind::kUnspecified;
}
// Agent kinds are stored as their enum number: the list is long and only
// ever read back by this code.
AgentKind AgentKindFromNumber(int n) {
  return n >= 0 && n <= static_cast<int>(AgentKind::kOther) ? static_cast<AgentKind>(n)
                                                            : AgentKind::kUnspecified;
}

CaseRecord CaseFromRow(const pqxx::row& row) {
  CaseRecord c;
  c.id = row[0].as<std::string>();
  c.case_number = row[1].as<std::string>();
  c.commission_id = row[2].as<std::string>();
  c.region_code = row[3].as<std::string>();
  c.state = domain::CaseStateFromName(row[4].as<std::string>()).value_or(CaseState::kUnspecified);
  c.content.facts_and_reasons = row[5].as<std::string>();
  c.content.application_date = DateFromText(row[6].as<std::string>());
  c.receive_time = TimeFromMicros(row[7].as<int64_t>());
  c.update_time = TimeFromMicros(row[8].as<int64_t>());
  c.version = row[9].as<int64_t>();
  c.withdrawal_reason = row[10].as<std::string>();
  c.substance_version = row[11].as<int64_t>();
  c.delegated_room_id = row[12].as<std::string>();
  if (const std::string due = row[13].as<std::string>(); !due.empty()) c.current_due = DateFromText(due);
  c.mediation_outcome = row[14].as<std::string>();
  c.failure_reason = row[15].as<std::string>();
  c.returned_time = OptionalTimeFromMicros(row[16]);
  c.closing_manner = row[17].as<std::string>();
  c.closing_note = row[18].as<std::string>();
  c.agreement_number = row[19].as<std::string>();
  c.arbitral_document_number = row[20].as<std::string>();
  return c;
}

void InsertParties(Tx& tx, const std::string& case_id, const char* side,
                   const std::vector<Party>& parties) {
  for (size_t i = 0; i < parties.size(); ++i) {
    const Party& p = parties[i];
    const int pos = static_cast<int>(i);
    const std::string other_number = p.other_identity_document ? p.other_identity_document->number : "";
    tx.exec_prepared("case_party_insert", case_id, side, pos, PartyKindName(p.kind), p.name,
                     p.unified_social_credit_code,
                     p.other_identity_document ? p.other_identity_document->kind : "", p.phone, p.address,
                     SealForColumn(p.resident_id_number, kResidentIdColumn),
                     LookupHashForColumn(p.resident_id_number, kResidentIdColumn),
                     SealForColumn(other_number, kOtherIdColumn));
    for (size_t j = 0; j < p.agents.size(); ++j) {
      const auto& a = p.agents[j];
      tx.exec_prepared("case_agent_insert", case_id, side, pos, static_cast<int>(j), a.name,
                       static_cast<int>(a.kind), a.phone);
    }
  }
}

void InsertClaims(Tx& tx, const std::string& case_id, const std::vector<Claim>& claims) {
  for (size_t i = 0; i < claims.size(); ++i) {
    const Claim& c = claims[i];
    const int pos = static_cast<int>(i);
    const char* type = domain::DisputeTypeName(c.dispute_type);
    if (c.amount_fen) {
      tx.exec_prepared("case_claim_insert", case_id, pos, type, c.description, *c.amount_fen);
    } else {
      tx.exec_prepared("case_claim_insert", case_id, pos, type, c.description, nullptr);
    }
  }
}

void InsertContent(Tx& tx, const std::string& case_id, const domain::CaseContent& content) {
  InsertParties(tx, case_id, kApplicant, content.applicants);
  InsertParties(tx, case_id, kRespondent, content.respondents);
  InsertClaims(tx, case_id, content.claims);
}

// Fills parties and claims of every case in `cases` with three queries.
absl::Status LoadChildren(Tx& tx, std::vector<CaseRecord>& cases) {
  if (cases.empty()) return absl::OkStatus();
  std::map<std::string, CaseRecord*> by_id;
  std::vector<std::string> ids;
  for (auto& c : cases) {
    by_id[c.id] = &c;
    ids.push_back(c.id);
  }
  const std::string id_array = UuidArrayParam(ids);
  auto side_of = [](CaseRecord* c, const std::string& side) -> std::vector<Party>& {
    return side == kApplicant ? c->content.applicants : c->content.respondents;
  };
  for (const auto& row : tx.exec_prepared("case_parties_of", id_array)) {
    CaseRecord* c = by_id.at(row[0].as<std::string>());
    Party p;
    p.kind = PartyKindFromName(row[2].as<std::string>());
    p.name = row[3].as<std::string>();
    // Plaintext columns are only non-empty for rows written before
    // encryption at rest, until the start-up pass seals them.
    auto resident = OpenFromColumn(row[10].as<std::string>(), kResidentIdColumn);
    auto other = OpenFromColumn(row[11].as<std::string>(), kOtherIdColumn);
    if (!resident.ok()) return resident.status();
    if (!other.ok()) return other.status();
    p.resident_id_number = resident->empty() ? row[4].as<std::string>() : *resident;
    p.unified_social_credit_code = row[5].as<std::string>();
    const std::string other_number = other->empty() ? row[7].as<std::string>() : *other;
    if (!row[6].as<std::string>().empty() || !other_number.empty()) {
      p.other_identity_document = domain::OtherIdentityDocument{row[6].as<std::string>(), other_number};
    }
    p.phone = row[8].as<std::string>();
    p.address = row[9].as<std::string>();
    side_of(c, row[1].as<std::string>()).push_back(std::move(p));
  }
  for (const auto& row : tx.exec_prepared("case_agents_of", id_array)) {
    CaseRecord* c = by_id.at(row[0].as<std::string>());
    auto& parties = side_of(c, row[1].as<std::string>());
    size_t pos = row[2].as<size_t>();
    if (pos >= parties.size()) continue;  // the foreign key makes this impossible
    parties[pos].agents.push_back(domain::Agent{row[3].as<std::string>(),
                                                AgentKindFromNumber(row[4].as<int>()),
                                                row[5].as<std::string>()});
  }
  for (const auto& row : tx.exec_prepared("case_claims_of", id_array)) {
    CaseRecord* c = by_id.at(row[0].as<std::string>());
    Claim claim;
    claim.dispute_type =
        domain::DisputeTypeFromName(row[1].as<std::string>()).value_or(DisputeType::kUnspecified);
    claim.description = row[2].as<std::string>();
    if (!row[3].is_null()) claim.amount_fen = row[3].as<int64_t>();
    c->content.claims.push_back(std::move(claim));
  }
  return absl::OkStatus();
}

// The caller's scope as SQL over `cases c`: visible when any member matches.
// `bind` binds a parameter and returns its placeholder.
template <typename Bind>
std::string ScopePredicate(const domain::CaseScope& scope, Bind bind) {
  if (scope.everything) return "TRUE";
  std::vector<std::string> any;
  if (!scope.commission_ids.empty()) {
    any.push_back(absl::StrCat("c.commission_id = ANY(", bind(UuidArrayParam(scope.commission_ids)), "::uuid[])"));
  }
  if (!scope.delegated_room_id.empty()) {
    any.push_back(absl::StrCat("c.delegated_room_id = ", bind(scope.delegated_room_id), "::uuid"));
  }
  for (const auto& range : scope.regions) {
    any.push_back(absl::StrCat("c.region_code BETWEEN ", bind(range.first), " AND ", bind(range.last)));
  }
  if (any.empty()) return "FALSE";
  return absl::StrCat("(", absl::StrJoin(any, " OR "), ")");
}

// ScopePredicate's rule with every member bound, for the prepared
// single-case reads (a primary-key lookup, which needs no index on the
// scope): $2..$6 as ScopeParams binds them.
const std::string kBoundScopePredicate = BoundScopePredicate(2, "c.commission_id", "c.delegated_room_id", "c.region_code");

// Escapes LIKE wildcards so a party name is matched literally.
std::string LikeContains(const std::string& text) {
  return absl::StrCat("%", absl::StrReplaceAll(text, {{"\\", "\\\\"}, {"%", "\\%"}, {"_", "\\_"}}), "%");
}

domain::CaseEvent EventFromRow(const pqxx::row& row) {
  domain::CaseEvent e;
  e.sequence = row[0].as<int64_t>();
  e.case_id = row[1].as<std::string>();
  e.kind = row[2].as<std::string>();
  e.from_state = domain::CaseStateFromName(row[3].as<std::string>()).value_or(CaseState::kUnspecified);
  e.to_state = domain::CaseStateFromName(row[4].as<std::string>()).value_or(CaseState::kUnspecified);
  e.actor = row[5].as<std::string>();
  e.actor_role = row[6].as<std::string>();
  e.occur_time = TimeFromMicros(row[7].as<int64_t>());
  e.summary = row[8].as<std::string>();
  e.request_id = row[9].as<std::string>();
  e.room_id = row[10].as<std::string>();
  return e;
}

}  // namespace

void PrepareCaseStatements(pqxx::connection& conn) {
  conn.prepare("case_seq_next",
               "INSERT INTO case_number_sequences (commission_id, year, last_seq) "
               "VALUES ($1::uuid, $2, 1) ON CONFLICT (commission_id, year) "
               "DO UPDATE SET last_seq = case_number_sequences.last_seq + 1 RETURNING last_seq");
  conn.prepare("case_insert",
               "INSERT INTO cases (id, case_number, commission_id, region_code, state, "
               "facts_and_reasons, application_date, received_at, updated_at, version, created_by) "
               "VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6, $7::date, $8::timestamptz, $8::timestamptz, "
               "1, $9)");
  conn.prepare("case_party_insert",
               "INSERT INTO case_parties (case_id, side, position, kind, name, unified_social_credit_code, "
               "other_id_kind, phone, address, resident_id_number_enc, resident_id_number_hash, "
               "other_id_number_enc) VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, "
               "decode(NULLIF($10, ''), 'hex'), decode(NULLIF($11, ''), 'hex'), decode(NULLIF($12, ''), 'hex'))");
  conn.prepare("case_agent_insert",
               "INSERT INTO case_agents (case_id, side, party_position, position, name, kind, phone) "
               "VALUES ($1::uuid, $2, $3, $4, $5, $6, $7)");
  conn.prepare("case_claim_insert",
               "INSERT INTO case_claims (case_id, position, dispute_type, description, amount_fen) "
               "VALUES ($1::uuid, $2, $3, $4, $5)");

  conn.prepare("case_find",
               absl::StrCat("SELECT ", kCaseColumns, " FROM cases c WHERE c.id = $1::uuid AND ", kBoundScopePredicate));
  conn.prepare("case_find_locked", absl::StrCat("SELECT ", kCaseColumns, " FROM cases c WHERE c.id = $1::uuid AND ",
                                                kBoundScopePredicate, " FOR UPDATE OF c"));
  conn.prepare("case_parties_of",
               "SELECT case_id::text, side, kind, name, resident_id_number, unified_social_credit_code, "
               "other_id_kind, other_id_number, phone, address, "
               "coalesce(encode(resident_id_number_enc, 'hex'), ''), "
               "coalesce(encode(other_id_number_enc, 'hex'), '') FROM case_parties "
               "WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, side, position");
  conn.prepare("case_agents_of",
               "SELECT case_id::text, side, party_position, name, kind, phone FROM case_agents "
               "WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, side, party_position, position");
  conn.prepare("case_claims_of",
               "SELECT case_id::text, dispute_type, description, amount_fen FROM case_claims "
               "WHERE case_id = ANY($1::uuid[]) ORDER BY case_id, position");
  conn.prepare("case_update",
               "UPDATE cases SET state = $2, facts_and_reasons = $3, application_date = $4::date, "
               "withdrawal_reason = $5, updated_at = $6::timestamptz, version = version + 1, "
               "substance_version = substance_version + $7 "
               "WHERE id = $1::uuid");
  // Agents go with their parties (ON DELETE CASCADE).
  conn.prepare("case_parties_delete", "DELETE FROM case_parties WHERE case_id = $1::uuid");
  conn.prepare("case_claims_delete", "DELETE FROM case_claims WHERE case_id = $1::uuid");
  conn.prepare("case_event_insert",
               "INSERT INTO case_events (case_id, kind, from_state, to_state, actor, actor_role, "
               "occurred_at, summary, request_id, room_id, report_facts) "
               "VALUES ($1::uuid, $2, $3, $4, $5, $6, $7::timestamptz, $8, $9, NULLIF($10, '')::uuid, $11) "
               "RETURNING sequence");
  conn.prepare("case_delegation_set",
               "UPDATE cases SET delegated_room_id = NULLIF($2, '')::uuid, current_due = $3::date "
               "WHERE id = $1::uuid");
  conn.prepare("case_version_bump",
               "UPDATE cases SET version = version + 1, substance_version = substance_version + 1, "
               "updated_at = $2::timestamptz WHERE id = $1::uuid "
               "RETURNING version");
  conn.prepare("room_events_list",
               "SELECT sequence, case_id::text, kind, from_state, to_state, actor, actor_role, "
               "(extract(epoch FROM occurred_at) * 1000000)::bigint, summary, request_id, "
               "coalesce(room_id::text, '') FROM case_events WHERE room_id = $1::uuid AND sequence > $2 "
               "ORDER BY sequence LIMIT $3");
  // The change feed: events after the cursor ($1 xact, $2 sequence) whose
  // transaction finished before this statement's snapshot was taken, in
  // the caller's scope ($3..$7), at most $8.
  conn.prepare("case_events_feed",
               absl::StrCat(
                   "SELECT e.sequence, e.case_id::text, e.kind, e.from_state, e.to_state, e.actor, e.actor_role, "
                   "(extract(epoch FROM e.occurred_at) * 1000000)::bigint, e.summary, e.request_id, "
                   "coalesce(e.room_id::text, ''), e.xact::text, c.region_code, c.commission_id::text "
                   "FROM case_events e JOIN cases c ON c.id = e.case_id "
                   "WHERE (e.xact, e.sequence) > ($1::xid8, $2) "
                   "AND e.xact < pg_snapshot_xmin(pg_current_snapshot()) AND ",
                   BoundScopePredicate(3, "c.commission_id", "c.delegated_room_id", "c.region_code"),
                   " ORDER BY e.xact, e.sequence LIMIT $8"));
  conn.prepare("case_events_list",
               "SELECT sequence, case_id::text, kind, from_state, to_state, actor, actor_role, "
               "(extract(epoch FROM occurred_at) * 1000000)::bigint, summary, request_id, "
               "coalesce(room_id::text, '') "
               "FROM case_events WHERE case_id = $1::uuid AND sequence > $2 ORDER BY sequence LIMIT $3");
}

absl::StatusOr<int64_t> NextCaseSequence(Tx& tx, const std::string& commission_id, int year) {
  return tx.exec_prepared1("case_seq_next", commission_id, year)[0].as<int64_t>();
}

absl::Status InsertCase(Tx& tx, const CaseRecord& c, const std::string& created_by) {
  tx.exec_prepared("case_insert", c.id, c.case_number, c.commission_id, c.region_code,
                   domain::CaseStateName(c.state), c.content.facts_and_reasons,
                   DateParam(c.content.application_date), TimeParam(c.receive_time), created_by);
  InsertContent(tx, c.id, c.content);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<CaseRecord>> FindCase(Tx& tx, const std::string& id, const domain::CaseScope& scope,
                                                   bool lock) {
  if (!LooksLikeUuid(id) || !ScopeIdsWellFormed(scope)) return std::nullopt;
  // The scope is part of the query: an out-of-scope case is never read.
  const ScopeParams s(scope);
  pqxx::result r = tx.exec_prepared(lock ? "case_find_locked" : "case_find", id, s.everything, s.commissions, s.room,
                                    s.firsts, s.lasts);
  if (r.empty()) return std::nullopt;
  std::vector<CaseRecord> one{CaseFromRow(r[0])};
  if (absl::Status s = LoadChildren(tx, one); !s.ok()) return s;
  return std::move(one[0]);
}

absl::Status UpdateCase(Tx& tx, const CaseRecord& c, bool content_changed) {
  tx.exec_prepared("case_update", c.id, domain::CaseStateName(c.state), c.content.facts_and_reasons,
                   DateParam(c.content.application_date), c.withdrawal_reason,
                   TimeParam(c.update_time), content_changed ? 1 : 0);
  if (content_changed) {
    tx.exec_prepared("case_parties_delete", c.id);
    tx.exec_prepared("case_claims_delete", c.id);
    InsertContent(tx, c.id, c.content);
  }
  return absl::OkStatus();
}

namespace {

// The WHERE clause of a filtered, scoped case query over `cases c`. Only
// fixed SQL fragments are concatenated; every value is a bound parameter.
// nullopt when the filter can match nothing (a malformed id).
template <typename Bind>
std::optional<std::string> CaseWhere(const domain::CaseFilter& f, const domain::CaseScope& scope, Bind bind) {
  if (!ScopeIdsWellFormed(scope)) return std::nullopt;
  std::string where = ScopePredicate(scope, bind);
  auto in_subtree = [&](const domain::RegionCodeRange& range) {
    absl::StrAppend(&where, " AND c.region_code BETWEEN ", bind(range.first), " AND ", bind(range.last));
  };
  if (f.commission_id) {
    if (!LooksLikeUuid(*f.commission_id)) return std::nullopt;
    absl::StrAppend(&where, " AND c.commission_id = ", bind(*f.commission_id), "::uuid");
  }
  if (f.region_code) in_subtree(domain::SubtreeRange(*f.region_code));
  if (f.state) absl::StrAppend(&where, " AND c.state = ", bind(domain::CaseStateName(*f.state)));
  if (f.dispute_type) {
    absl::StrAppend(&where,
                    " AND EXISTS (SELECT 1 FROM case_claims cl WHERE cl.case_id = c.id "
                    "AND cl.dispute_type = ",
                    bind(domain::DisputeTypeName(*f.dispute_type)), ")");
  }
  if (f.receive_time_min) {
    absl::StrAppend(&where, " AND c.received_at >= ", bind(TimeParam(*f.receive_time_min)), "::timestamptz");
  }
  if (f.receive_time_max_exclusive) {
    absl::StrAppend(&where, " AND c.received_at < ", bind(TimeParam(*f.receive_time_max_exclusive)),
                    "::timestamptz");
  }
  if (f.party_name_contains) {
    absl::StrAppend(&where,
                    " AND EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = c.id AND p.name LIKE ",
                    bind(LikeContains(*f.party_name_contains)), ")");
  }
  if (f.overdue) {
    absl::StrAppend(&where, *f.overdue ? " AND c.current_due < " : " AND NOT coalesce(c.current_due < ",
                    bind(DateParam(f.today)), *f.overdue ? "::date" : "::date, false)");
  }
  if (f.due_before) absl::StrAppend(&where, " AND c.current_due < ", bind(DateParam(*f.due_before)), "::date");
  if (f.party_resident_id_number) {
    absl::StrAppend(&where,
                    " AND EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = c.id "
                    "AND p.resident_id_number_hash = decode(",
                    bind(LookupHashForColumn(*f.party_resident_id_number, kResidentIdColumn)), ", 'hex'))");
  }
  return where;
}

}  // namespace

absl::StatusOr<std::optional<CaseQuery>> ListCasesQuery(const domain::CaseFilter& f, const domain::CaseScope& scope,
                                                        const std::optional<CaseCursor>& after, int limit) {
  if (after && !LooksLikeUuid(after->id)) return absl::InvalidArgumentError("malformed cursor");
  CaseQuery q;
  auto bind = [&q](std::string value) {
    q.params.push_back(std::move(value));
    return absl::StrCat("$", q.params.size());
  };
  std::optional<std::string> where = CaseWhere(f, scope, bind);
  if (!where) return std::optional<CaseQuery>();
  if (after) {
    absl::StrAppend(&*where, " AND (c.received_at, c.id) < (", bind(TimeParam(after->receive_time)),
                    "::timestamptz, ", bind(after->id), "::uuid)");
  }
  q.sql = absl::StrCat("SELECT ", kCaseColumns, " FROM cases c WHERE ", *where,
                       " ORDER BY c.received_at DESC, c.id DESC LIMIT ", bind(absl::StrCat(limit)));
  return std::optional<CaseQuery>(std::move(q));
}

absl::StatusOr<std::vector<CaseRecord>> ListCases(Tx& tx, const domain::CaseFilter& f,
                                                  const domain::CaseScope& scope,
                                                  const std::optional<CaseCursor>& after, int limit) {
  absl::StatusOr<std::optional<CaseQuery>> q = ListCasesQuery(f, scope, after, limit);
  if (!q.ok()) return q.status();
  if (!*q) return std::vector<CaseRecord>{};
  pqxx::result r = tx.exec_params((*q)->sql, pqxx::prepare::make_dynamic_params((*q)->params));
  std::vector<CaseRecord> out;
  for (const auto& row : r) out.push_back(CaseFromRow(row));
  if (absl::Status s = LoadChildren(tx, out); !s.ok()) return s;
  return out;
}

absl::StatusOr<std::vector<CaseCount>> CountCases(Tx& tx, const domain::CaseFilter& f,
                                                  const domain::CaseScope& scope) {
  std::vector<std::string> params;
  auto bind = [&params](std::string value) {
    params.push_back(std::move(value));
    return absl::StrCat("$", params.size());
  };
  std::vector<CaseCount> out;
  std::optional<std::string> where = CaseWhere(f, scope, bind);
  if (!where) return out;
  std::string sql = absl::StrCat("SELECT c.region_code, c.state, count(*) FROM cases c WHERE ", *where,
                                 " GROUP BY c.region_code, c.state ORDER BY c.region_code, c.state");
  for (const auto& row : tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params))) {
    out.push_back(CaseCount{row[0].as<std::string>(),
                            domain::CaseStateFromName(row[1].as<std::string>()).value_or(CaseState::kUnspecified),
                            row[2].as<int64_t>()});
  }
  return out;
}

absl::StatusOr<int64_t> AppendCaseEvent(Tx& tx, const domain::CaseEvent& e) {
  // Events the docking report counts carry their context and add to the
  // rollups here, in their own transaction.
  std::optional<EventContext> context;
  if (domain::CountsInReports(e.kind)) {
    CAITIAO_ASSIGN_OR_RETURN(context, ReadEventContext(tx, e));
  }
  const int64_t sequence =
      tx.exec_prepared1("case_event_insert", e.case_id, e.kind, domain::CaseStateName(e.from_state),
                        domain::CaseStateName(e.to_state), e.actor, e.actor_role, TimeParam(e.occur_time), e.summary,
                        e.request_id, e.room_id, context ? domain::ReportContextText(context->report) : "")[0]
          .as<int64_t>();
  if (context) CAITIAO_RETURN_IF_ERROR(RollUpEvent(tx, e, *context));
  return sequence;
}

absl::StatusOr<std::vector<domain::CaseEvent>> ListCaseEvents(Tx& tx, const std::string& case_id,
                                                              int64_t after_sequence, int limit) {
  std::vector<domain::CaseEvent> out;
  if (!LooksLikeUuid(case_id)) return out;
  for (const auto& row : tx.exec_prepared("case_events_list", case_id, after_sequence, limit)) {
    out.push_back(EventFromRow(row));
  }
  return out;
}

absl::StatusOr<std::vector<FeedEvent>> ReadChanges(Tx& tx, const FeedCursor& after, const domain::CaseScope& scope,
                                                   int limit) {
  std::vector<FeedEvent> out;
  if (!ScopeIdsWellFormed(scope)) return out;
  const ScopeParams s(scope);
  for (const auto& row : tx.exec_prepared("case_events_feed", absl::StrCat(after.xact), after.sequence,
                                          s.everything, s.commissions, s.room, s.firsts, s.lasts, limit)) {
    FeedEvent f;
    f.event = EventFromRow(row);
    f.cursor = {std::stoull(row[11].as<std::string>()), f.event.sequence};
    f.region_code = row[12].as<std::string>();
    f.commission_id = row[13].as<std::string>();
    out.push_back(std::move(f));
  }
  return out;
}

absl::StatusOr<std::vector<CaseRecord>> FindCases(Tx& tx, const std::vector<std::string>& ids) {
  std::vector<CaseRecord> out;
  std::vector<std::string> valid;
  for (const auto& id : ids) {
    if (LooksLikeUuid(id)) valid.push_back(id);
  }
  if (valid.empty()) return out;
  pqxx::result r = tx.exec_params(absl::StrCat("SELECT ", kCaseColumns, " FROM cases c WHERE c.id = ANY($1::uuid[])"),
                                  UuidArrayParam(valid));
  std::map<std::string, CaseRecord> found;
  for (const auto& row : r) {
    CaseRecord c = CaseFromRow(row);
    found.emplace(c.id, std::move(c));
  }
  for (const auto& id : valid) {
    if (auto it = found.find(id); it != found.end()) out.push_back(it->second);
  }
  if (absl::Status s = LoadChildren(tx, out); !s.ok()) return s;
  return out;
}

absl::Status SetCaseDelegation(Tx& tx, const std::string& case_id, const std::string& room_id,
                               const std::optional<absl::CivilDay>& current_due) {
  const std::string due = current_due ? DateParam(*current_due) : "";
  tx.exec_prepared("case_delegation_set", case_id, room_id, current_due ? due.c_str() : nullptr);
  return absl::OkStatus();
}

absl::StatusOr<int64_t> BumpCaseVersion(Tx& tx, const std::string& case_id, absl::Time when) {
  return tx.exec_prepared1("case_version_bump", case_id, TimeParam(when))[0].as<int64_t>();
}

absl::StatusOr<std::vector<domain::CaseEvent>> ListRoomEvents(Tx& tx, const std::string& room_id,
                                                              int64_t after_sequence, int limit) {
  std::vector<domain::CaseEvent> out;
  if (!LooksLikeUuid(room_id)) return out;
  for (const auto& row : tx.exec_prepared("room_events_list", room_id, after_sequence, limit)) {
    out.push_back(EventFromRow(row));
  }
  return out;
}

}  // namespace caitiao::storage
