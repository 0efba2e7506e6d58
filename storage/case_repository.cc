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
#include "storage/statement_cache.h"

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

// A case from kCaseColumns, starting at column `at`.
CaseRecord CaseFromRow(const pqxx::row& whole, int at = 0) {
  ColumnReader row(whole, at);
  CaseRecord c;
  c.id = row(0).as<std::string>();
  c.case_number = row(1).as<std::string>();
  c.commission_id = row(2).as<std::string>();
  c.region_code = row(3).as<std::string>();
  c.state = domain::CaseStateFromName(row(4).as<std::string>()).value_or(CaseState::kUnspecified);
  c.content.facts_and_reasons = row(5).as<std::string>();
  c.content.application_date = DateFromText(row(6).as<std::string>());
  c.receive_time = TimeFromMicros(row(7).as<int64_t>());
  c.update_time = TimeFromMicros(row(8).as<int64_t>());
  c.version = row(9).as<int64_t>();
  c.withdrawal_reason = row(10).as<std::string>();
  c.substance_version = row(11).as<int64_t>();
  c.delegated_room_id = row(12).as<std::string>();
  if (const std::string due = row(13).as<std::string>(); !due.empty()) c.current_due = DateFromText(due);
  c.mediation_outcome = row(14).as<std::string>();
  c.failure_reason = row(15).as<std::string>();
  c.returned_time = OptionalTimeFromMicros(row(16));
  c.closing_manner = row(17).as<std::string>();
  c.closing_note = row(18).as<std::string>();
  c.agreement_number = row(19).as<std::string>();
  c.arbitral_document_number = row(20).as<std::string>();
  return c;
}

// A case's parties, agents and claims as one statement's array parameters:
// each column's values in order, bound as one array, unnested in SQL.
struct ContentArrays {
  std::vector<std::string> party_side, party_position, party_kind, party_name, party_credit_code,
      party_other_kind, party_phone, party_address, party_resident_sealed, party_resident_hash,
      party_other_sealed;
  std::vector<std::string> agent_side, agent_party_position, agent_position, agent_name, agent_kind, agent_phone;
  std::vector<std::string> claim_position, claim_type, claim_description, claim_amount;  // "" amount: none
};

void AddParties(ContentArrays& a, const char* side, const std::vector<Party>& parties) {
  for (size_t i = 0; i < parties.size(); ++i) {
    const Party& p = parties[i];
    const std::string pos = absl::StrCat(i);
    a.party_side.push_back(side);
    a.party_position.push_back(pos);
    a.party_kind.push_back(PartyKindName(p.kind));
    a.party_name.push_back(p.name);
    a.party_credit_code.push_back(p.unified_social_credit_code);
    a.party_other_kind.push_back(p.other_identity_document ? p.other_identity_document->kind : "");
    a.party_phone.push_back(p.phone);
    a.party_address.push_back(p.address);
    a.party_resident_sealed.push_back(SealForColumn(p.resident_id_number, kResidentIdColumn));
    a.party_resident_hash.push_back(LookupHashForColumn(p.resident_id_number, kResidentIdColumn));
    a.party_other_sealed.push_back(
        SealForColumn(p.other_identity_document ? p.other_identity_document->number : "", kOtherIdColumn));
    for (size_t j = 0; j < p.agents.size(); ++j) {
      const auto& agent = p.agents[j];
      a.agent_side.push_back(side);
      a.agent_party_position.push_back(pos);
      a.agent_position.push_back(absl::StrCat(j));
      a.agent_name.push_back(agent.name);
      a.agent_kind.push_back(absl::StrCat(static_cast<int>(agent.kind)));
      a.agent_phone.push_back(agent.phone);
    }
  }
}

ContentArrays ArraysOf(const domain::CaseContent& content) {
  ContentArrays a;
  AddParties(a, kApplicant, content.applicants);
  AddParties(a, kRespondent, content.respondents);
  for (size_t i = 0; i < content.claims.size(); ++i) {
    const Claim& c = content.claims[i];
    a.claim_position.push_back(absl::StrCat(i));
    a.claim_type.push_back(domain::DisputeTypeName(c.dispute_type));
    a.claim_description.push_back(c.description);
    a.claim_amount.push_back(c.amount_fen ? absl::StrCat(*c.amount_fen) : "");
  }
  return a;
}

// The 21 array parameters of ContentInsertSql, in its order.
std::vector<std::string> ContentParams(const domain::CaseContent& content) {
  const ContentArrays a = ArraysOf(content);
  return {QuotedArrayParam(a.party_side),        PlainArrayParam(a.party_position),
          QuotedArrayParam(a.party_kind),        QuotedArrayParam(a.party_name),
          QuotedArrayParam(a.party_credit_code), QuotedArrayParam(a.party_other_kind),
          QuotedArrayParam(a.party_phone),       QuotedArrayParam(a.party_address),
          QuotedArrayParam(a.party_resident_sealed), QuotedArrayParam(a.party_resident_hash),
          QuotedArrayParam(a.party_other_sealed),
          QuotedArrayParam(a.agent_side),        PlainArrayParam(a.agent_party_position),
          PlainArrayParam(a.agent_position),     QuotedArrayParam(a.agent_name),
          PlainArrayParam(a.agent_kind),         QuotedArrayParam(a.agent_phone),
          PlainArrayParam(a.claim_position),     QuotedArrayParam(a.claim_type),
          QuotedArrayParam(a.claim_description), QuotedArrayParam(a.claim_amount)};
}

// Inserts a case's parties, agents and claims (case id $1, the arrays from
// $first on) in one statement instead of one per row: data-modifying WITH
// queries, whose foreign keys are checked at the statement's end.
std::string ContentInsertSql(int first) {
  auto p = [first](int n) { return absl::StrCat("$", first + n); };
  return absl::StrCat(
      "parties AS (INSERT INTO case_parties (case_id, side, position, kind, name, unified_social_credit_code, "
      "other_id_kind, phone, address, resident_id_number_enc, resident_id_number_hash, other_id_number_enc) "
      "SELECT $1::uuid, t.side, t.position, t.kind, t.name, t.credit, t.other_kind, t.phone, t.address, "
      "decode(NULLIF(t.resident, ''), 'hex'), decode(NULLIF(t.hash, ''), 'hex'), decode(NULLIF(t.other, ''), 'hex') "
      "FROM unnest(",
      absl::StrJoin({p(0) + "::text[]", p(1) + "::int[]", p(2) + "::text[]", p(3) + "::text[]", p(4) + "::text[]",
                     p(5) + "::text[]", p(6) + "::text[]", p(7) + "::text[]", p(8) + "::text[]", p(9) + "::text[]",
                     p(10) + "::text[]"},
                    ", "),
      ") AS t(side, position, kind, name, credit, other_kind, phone, address, resident, hash, other)), "
      "agents AS (INSERT INTO case_agents (case_id, side, party_position, position, name, kind, phone) "
      "SELECT $1::uuid, t.side, t.party_position, t.position, t.name, t.kind, t.phone FROM unnest(",
      absl::StrJoin({p(11) + "::text[]", p(12) + "::int[]", p(13) + "::int[]", p(14) + "::text[]",
                     p(15) + "::int[]", p(16) + "::text[]"},
                    ", "),
      ") AS t(side, party_position, position, name, kind, phone)) "
      "INSERT INTO case_claims (case_id, position, dispute_type, description, amount_fen) "
      "SELECT $1::uuid, t.position, t.dispute_type, t.description, NULLIF(t.amount, '')::bigint FROM unnest(",
      absl::StrJoin({p(17) + "::int[]", p(18) + "::text[]", p(19) + "::text[]", p(20) + "::text[]"}, ", "),
      ") AS t(position, dispute_type, description, amount)");
}

void InsertContent(Tx& tx, const std::string& case_id, const domain::CaseContent& content) {
  std::vector<std::string> params{case_id};
  for (auto& v : ContentParams(content)) params.push_back(std::move(v));
  tx.exec_prepared("case_content_insert", pqxx::prepare::make_dynamic_params(params));
}

// Whole cases in one statement. `cases_sql` selects kCaseColumns (21) from
// `cases c`; the statement returns those cases and their parties, agents and
// claims, one row each, tagged by part. One statement is one snapshot, so it
// needs no transaction of its own, and it replaces the four round trips of
// reading the cases and then each kind of child.
//   [0] part: 0 case, 1 party, 2 agent, 3 claim
//   [1] ord, [2] s1, [3] s2: the sort keys (a case's place in received_at
//       DESC, id DESC; a child's positions)
//   [4..24] the part's columns, as text (kCaseColumns' order for a case)
constexpr int kPart = 0;
constexpr int kData = 4;
constexpr int kCaseColumnCount = 21;

std::string WholeCasesSql(const std::string& cases_sql) {
  // The found ids as one array, so each child table is read by its index
  // with = ANY, as for an array parameter (a join with the WITH query let the
  // planner hash-join a sequential scan of the children).
  constexpr char kFoundIds[] = "(SELECT array_agg(f.c0::uuid) FROM found f)::uuid[]";
  std::vector<std::string> names, texts;
  for (int i = 0; i < kCaseColumnCount; ++i) {
    names.push_back(absl::StrCat("c", i));
    texts.push_back(absl::StrCat("f.c", i, "::text"));
  }
  // Each child branch is padded with NULLs to the case branch's width.
  auto pad = [](int used) {
    std::string out;
    for (int i = used; i < kCaseColumnCount; ++i) absl::StrAppend(&out, ", NULL");
    return out;
  };
  std::string sql = absl::StrCat("WITH found (", absl::StrJoin(names, ", "), ") AS (", cases_sql, ") ");
  absl::StrAppend(&sql, "SELECT 0 AS part, row_number() OVER (ORDER BY f.c7 DESC, f.c0 DESC) AS ord, 0 AS s1, 0 AS s2, ",
                  absl::StrJoin(texts, ", "), " FROM found f ");
  absl::StrAppend(&sql,
                  "UNION ALL SELECT 1, 0, p.position::int, 0, p.case_id::text, p.side::text, p.kind::text, "
                  "p.name::text, p.resident_id_number::text, p.unified_social_credit_code::text, "
                  "p.other_id_kind::text, p.other_id_number::text, p.phone::text, p.address::text, "
                  "coalesce(encode(p.resident_id_number_enc, 'hex'), ''), "
                  "coalesce(encode(p.other_id_number_enc, 'hex'), '')",
                  pad(12), " FROM case_parties p WHERE p.case_id = ANY(", kFoundIds, ") ");
  absl::StrAppend(&sql,
                  "UNION ALL SELECT 2, 0, a.party_position::int, a.position::int, a.case_id::text, a.side::text, "
                  "a.party_position::text, a.name::text, a.kind::text, a.phone::text",
                  pad(6), " FROM case_agents a WHERE a.case_id = ANY(", kFoundIds, ") ");
  absl::StrAppend(&sql,
                  "UNION ALL SELECT 3, 0, cl.position::int, 0, cl.case_id::text, cl.dispute_type::text, "
                  "cl.description::text, cl.amount_fen::text",
                  pad(4), " FROM case_claims cl WHERE cl.case_id = ANY(", kFoundIds, ") ");
  absl::StrAppend(&sql, "ORDER BY 1, 2, 3, 4");
  return sql;
}

// The cases of a WholeCasesSql answer, in its order, with their children.
absl::StatusOr<std::vector<CaseRecord>> CasesFromWholeRows(const pqxx::result& rows) {
  std::vector<CaseRecord> cases;
  size_t first_child = 0;
  for (; first_child < rows.size() && rows[first_child][kPart].as<int>() == 0; ++first_child) {
    cases.push_back(CaseFromRow(rows[first_child], kData));
  }
  std::map<std::string, CaseRecord*> by_id;
  for (auto& c : cases) by_id[c.id] = &c;
  auto side_of = [](CaseRecord* c, const std::string& side) -> std::vector<Party>& {
    return side == kApplicant ? c->content.applicants : c->content.respondents;
  };
  for (size_t i = first_child; i < rows.size(); ++i) {
    const pqxx::row row = rows[i];
    ColumnReader col(row, kData);
    CaseRecord* c = by_id.at(col(0).as<std::string>());
    switch (row[kPart].as<int>()) {
      case 1: {  // case_id, side, kind, name, resident id, credit code, other kind, other number, phone,
                 // address, sealed resident id, sealed other number
        Party p;
        p.kind = PartyKindFromName(col(2).as<std::string>());
        p.name = col(3).as<std::string>();
        // Plaintext columns are only non-empty for rows written before
        // encryption at rest, until the start-up pass seals them.
        auto resident = OpenFromColumn(col(10).as<std::string>(), kResidentIdColumn);
        auto other = OpenFromColumn(col(11).as<std::string>(), kOtherIdColumn);
        if (!resident.ok()) return resident.status();
        if (!other.ok()) return other.status();
        p.resident_id_number = resident->empty() ? col(4).as<std::string>() : *resident;
        p.unified_social_credit_code = col(5).as<std::string>();
        const std::string other_number = other->empty() ? col(7).as<std::string>() : *other;
        if (!col(6).as<std::string>().empty() || !other_number.empty()) {
          p.other_identity_document = domain::OtherIdentityDocument{col(6).as<std::string>(), other_number};
        }
        p.phone = col(8).as<std::string>();
        p.address = col(9).as<std::string>();
        side_of(c, col(1).as<std::string>()).push_back(std::move(p));
        break;
      }
      case 2: {  // case_id, side, party position, name, kind, phone
        auto& parties = side_of(c, col(1).as<std::string>());
        const size_t pos = col(2).as<size_t>();
        if (pos >= parties.size()) continue;  // the foreign key makes this impossible
        parties[pos].agents.push_back(domain::Agent{col(3).as<std::string>(),
                                                    AgentKindFromNumber(col(4).as<int>()),
                                                    col(5).as<std::string>()});
        break;
      }
      case 3: {  // case_id, dispute type, description, amount
        Claim claim;
        claim.dispute_type =
            domain::DisputeTypeFromName(col(1).as<std::string>()).value_or(DisputeType::kUnspecified);
        claim.description = col(2).as<std::string>();
        if (!col(3).is_null()) claim.amount_fen = col(3).as<int64_t>();
        c->content.claims.push_back(std::move(claim));
        break;
      }
      default:
        break;
    }
  }
  return cases;
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
  // A new case with its parties, agents and claims: one statement.
  conn.prepare("case_insert",
               absl::StrCat("WITH new_case AS (INSERT INTO cases (id, case_number, commission_id, region_code, state, "
                            "facts_and_reasons, application_date, received_at, updated_at, version, created_by) "
                            "VALUES ($1::uuid, $2, $3::uuid, $4, $5, $6, $7::date, $8::timestamptz, $8::timestamptz, "
                            "1, $9)), ",
                            ContentInsertSql(10)));
  conn.prepare("case_content_insert", absl::StrCat("WITH ", ContentInsertSql(2)));

  conn.prepare("case_find", WholeCasesSql(absl::StrCat("SELECT ", kCaseColumns,
                                                       " FROM cases c WHERE c.id = $1::uuid AND ", kBoundScopePredicate)));
  conn.prepare("case_find_locked",
               WholeCasesSql(absl::StrCat("SELECT ", kCaseColumns, " FROM cases c WHERE c.id = $1::uuid AND ",
                                          kBoundScopePredicate, " FOR UPDATE OF c")));
  conn.prepare("cases_find", WholeCasesSql(absl::StrCat("SELECT ", kCaseColumns,
                                                        " FROM cases c WHERE c.id = ANY($1::uuid[])")));
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
  std::vector<std::string> params{c.id, c.case_number, c.commission_id, c.region_code,
                                  domain::CaseStateName(c.state), c.content.facts_and_reasons,
                                  DateParam(c.content.application_date), TimeParam(c.receive_time), created_by};
  for (auto& v : ContentParams(c.content)) params.push_back(std::move(v));
  tx.exec_prepared("case_insert", pqxx::prepare::make_dynamic_params(params));
  return absl::OkStatus();
}

absl::StatusOr<std::optional<CaseRecord>> FindCase(Tx& tx, const std::string& id, const domain::CaseScope& scope,
                                                   bool lock) {
  if (!LooksLikeUuid(id) || !ScopeIdsWellFormed(scope)) return std::nullopt;
  // The scope is part of the query: an out-of-scope case is never read.
  const ScopeParams s(scope);
  pqxx::result r = tx.exec_prepared(lock ? "case_find_locked" : "case_find", id, s.everything, s.commissions, s.room,
                                    s.firsts, s.lasts);
  CAITIAO_ASSIGN_OR_RETURN(std::vector<CaseRecord> one, CasesFromWholeRows(r));
  if (one.empty()) return std::nullopt;
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
  // The page, its order and its children in one statement.
  return CasesFromWholeRows(ExecCachedStatement(tx, WholeCasesSql((*q)->sql), (*q)->params));
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
  for (const auto& row : ExecCachedStatement(tx, sql, params)) {
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
  CAITIAO_ASSIGN_OR_RETURN(std::vector<CaseRecord> whole,
                           CasesFromWholeRows(tx.exec_prepared("cases_find", UuidArrayParam(valid))));
  std::map<std::string, CaseRecord> found;
  for (auto& c : whole) found.emplace(c.id, std::move(c));
  for (const auto& id : valid) {
    if (auto it = found.find(id); it != found.end()) out.push_back(it->second);
  }
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
