#include "storage/room_repository.h"

#include "absl/strings/str_cat.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "storage/personal_data_cipher.h"
#include "storage/sql_values.h"

namespace caitiao::storage {
namespace {

using domain::MediationRoom;
using domain::Mediator;

// The column name doubles as the encryption context of its values.
constexpr char kResidentIdColumn[] = "mediators.resident_id_number";

// Open cases are counted by state name: the delegation workflow owns those
// states. Derived columns are computed per row (index scans on the room).
constexpr char kRoomColumns[] =
    "r.id::text, r.name, r.kind, r.region_code, r.host_organization, "
    "coalesce((SELECT string_agg(rc.commission_id::text, ',' ORDER BY rc.commission_id) "
    "FROM room_commissions rc WHERE rc.room_id = r.id), ''), "
    "r.capacity, r.min_mediators, r.opened_on::text, r.active, "
    "(extract(epoch FROM r.created_at) * 1000000)::bigint, (extract(epoch FROM r.updated_at) * 1000000)::bigint, "
    "r.version, "
    "(SELECT count(*) FROM cases c WHERE c.delegated_room_id = r.id "
    "AND c.state IN ('DELEGATED', 'IN_MEDIATION', 'AGREEMENT_EFFECTIVE', 'UNDER_REVIEW', 'DOCUMENT_SERVICE'))::int, "
    "(SELECT count(*) FROM room_mediators rm JOIN mediators m ON m.id = rm.mediator_id "
    "WHERE rm.room_id = r.id AND m.status = 'ACTIVE')::int";

constexpr char kMediatorColumns[] =
    "m.id::text, m.name, encode(m.resident_id_number_enc, 'hex'), m.source, m.certificate_number, "
    "m.certificate_expires_on::text, m.term_start::text, m.term_end::text, m.training_hours, "
    "m.established_civil_servant, "
    "coalesce((SELECT string_agg(rm.room_id::text, ',' ORDER BY rm.room_id) "
    "FROM room_mediators rm WHERE rm.mediator_id = m.id), ''), "
    "m.status, (extract(epoch FROM m.created_at) * 1000000)::bigint, "
    "(extract(epoch FROM m.updated_at) * 1000000)::bigint, m.version";

// Lower bound of the (created_at, id) keyset when there is no cursor.
constexpr char kNilUuid[] = "00000000-0000-0000-0000-000000000000";

MediationRoom RoomFromRow(const pqxx::row& row) {
  MediationRoom r;
  r.id = row[0].as<std::string>();
  r.name = row[1].as<std::string>();
  r.kind = domain::RoomKindFromName(row[2].as<std::string>()).value_or(domain::RoomKind::kUnspecified);
  r.region_code = row[3].as<std::string>();
  r.host_organization = row[4].as<std::string>();
  r.commission_ids = SplitArrayText(row[5].as<std::string>());
  r.capacity = row[6].as<int>();
  r.min_mediators = row[7].as<int>();
  r.opened_on = DateFromText(row[8].as<std::string>());
  r.active = row[9].as<bool>();
  r.create_time = TimeFromMicros(row[10].as<int64_t>());
  r.update_time = TimeFromMicros(row[11].as<int64_t>());
  r.version = row[12].as<int64_t>();
  r.open_cases = row[13].as<int>();
  r.active_mediators = row[14].as<int>();
  return r;
}

absl::StatusOr<Mediator> MediatorFromRow(const pqxx::row& row) {
  Mediator m;
  m.id = row[0].as<std::string>();
  m.name = row[1].as<std::string>();
  auto resident = OpenFromColumn(row[2].as<std::string>(), kResidentIdColumn);
  if (!resident.ok()) return resident.status();
  m.resident_id_number = *std::move(resident);
  m.source = domain::MediatorSourceFromName(row[3].as<std::string>()).value_or(domain::MediatorSource::kUnspecified);
  m.certificate_number = row[4].as<std::string>();
  m.certificate_expiry = DateFromText(row[5].as<std::string>());
  m.term_start = DateFromText(row[6].as<std::string>());
  m.term_end = DateFromText(row[7].as<std::string>());
  m.training_hours = row[8].as<int>();
  m.established_civil_servant = row[9].as<bool>();
  m.room_ids = SplitArrayText(row[10].as<std::string>());
  m.status = domain::MediatorStatusFromName(row[11].as<std::string>()).value_or(domain::MediatorStatus::kUnspecified);
  m.create_time = TimeFromMicros(row[12].as<int64_t>());
  m.update_time = TimeFromMicros(row[13].as<int64_t>());
  m.version = row[14].as<int64_t>();
  return m;
}

absl::StatusOr<std::vector<Mediator>> MediatorsFrom(const pqxx::result& result) {
  std::vector<Mediator> out;
  for (const auto& row : result) {
    auto m = MediatorFromRow(row);
    if (!m.ok()) return m.status();
    out.push_back(*std::move(m));
  }
  return out;
}

std::vector<MediationRoom> RoomsFrom(const pqxx::result& result) {
  std::vector<MediationRoom> out;
  for (const auto& row : result) out.push_back(RoomFromRow(row));
  return out;
}

// Id sets go into SQL as array literals; only well-formed UUIDs may.
absl::Status CheckIds(const std::vector<std::string>& ids, const char* what) {
  for (const auto& id : ids) {
    if (!LooksLikeUuid(id)) return absl::InvalidArgumentError(absl::StrCat("malformed ", what, " id"));
  }
  return absl::OkStatus();
}

absl::Status RoomExists(const MediationRoom& room) {
  return domain::WithReason(absl::AlreadyExistsError(absl::StrCat("region ", room.region_code,
                                                                  " already has a room named \"", room.name, "\"")),
                            domain::reasons::kRoomExists);
}

// No identity number in the message: it would reach logs and clients.
absl::Status MediatorExists() {
  return domain::WithReason(
      absl::AlreadyExistsError("a mediator with this resident identity number already exists"), domain::reasons::kMediatorExists);
}

void ReplaceRoomCommissions(Tx& tx, const MediationRoom& room) {
  tx.exec_prepared("room_commissions_delete", room.id);
  tx.exec_prepared("room_commissions_insert", room.id, UuidArrayParam(room.commission_ids));
}

void ReplaceMediatorRooms(Tx& tx, const Mediator& m) {
  tx.exec_prepared("mediator_rooms_delete", m.id);
  tx.exec_prepared("mediator_rooms_insert", m.id, UuidArrayParam(m.room_ids));
}

}  // namespace

void PrepareRoomStatements(pqxx::connection& conn) {
  conn.prepare("room_insert",
               "INSERT INTO mediation_rooms (id, name, kind, region_code, host_organization, capacity, "
               "min_mediators, opened_on, active, created_at, updated_at, version) "
               "VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8::date, $9::boolean, $10::timestamptz, "
               "$10::timestamptz, 1) ON CONFLICT DO NOTHING RETURNING id");
  conn.prepare("room_update",
               "UPDATE mediation_rooms SET name = $2, kind = $3, region_code = $4, host_organization = $5, "
               "capacity = $6, min_mediators = $7, opened_on = $8::date, active = $9::boolean, "
               "updated_at = $10::timestamptz, version = version + 1 WHERE id = $1::uuid");
  conn.prepare("room_commissions_delete", "DELETE FROM room_commissions WHERE room_id = $1::uuid");
  conn.prepare("room_commissions_insert",
               "INSERT INTO room_commissions (room_id, commission_id) "
               "SELECT $1::uuid, c FROM unnest($2::uuid[]) AS c ON CONFLICT DO NOTHING");
  conn.prepare("room_find", absl::StrCat("SELECT ", kRoomColumns, " FROM mediation_rooms r WHERE r.id = $1::uuid"));
  conn.prepare("room_find_locked", absl::StrCat("SELECT ", kRoomColumns,
                                                " FROM mediation_rooms r WHERE r.id = $1::uuid FOR UPDATE OF r"));
  conn.prepare("room_list",
               absl::StrCat("SELECT ", kRoomColumns,
                            " FROM mediation_rooms r WHERE r.region_code BETWEEN $1 AND $2 "
                            "AND ($3::text = '' OR EXISTS (SELECT 1 FROM room_commissions rc "
                            "WHERE rc.room_id = r.id AND rc.commission_id = nullif($3, '')::uuid)) "
                            "AND (NOT $4::boolean OR r.active) "
                            "AND (r.region_code, r.name) > ($5, $6) "
                            "ORDER BY r.region_code, r.name LIMIT $7"));
  conn.prepare("rooms_serving_commission",
               absl::StrCat("SELECT ", kRoomColumns,
                            " FROM mediation_rooms r JOIN room_commissions s ON s.room_id = r.id "
                            "WHERE s.commission_id = $1::uuid ORDER BY r.region_code, r.name"));

  conn.prepare("mediator_insert",
               "INSERT INTO mediators (id, name, resident_id_number_enc, resident_id_number_hash, source, "
               "certificate_number, certificate_expires_on, term_start, term_end, training_hours, "
               "established_civil_servant, status, created_at, updated_at, version) "
               "VALUES ($1::uuid, $2, decode($3, 'hex'), decode($4, 'hex'), $5, $6, $7::date, $8::date, $9::date, "
               "$10, $11::boolean, $12, $13::timestamptz, $13::timestamptz, 1) "
               "ON CONFLICT DO NOTHING RETURNING id");
  conn.prepare("mediator_update",
               "UPDATE mediators SET name = $2, resident_id_number_enc = decode($3, 'hex'), "
               "resident_id_number_hash = decode($4, 'hex'), source = $5, certificate_number = $6, "
               "certificate_expires_on = $7::date, term_start = $8::date, term_end = $9::date, "
               "training_hours = $10, established_civil_servant = $11::boolean, status = $12, "
               "updated_at = $13::timestamptz, version = version + 1 WHERE id = $1::uuid");
  conn.prepare("mediator_hash_taken",
               "SELECT 1 FROM mediators WHERE resident_id_number_hash = decode($1, 'hex') AND id <> $2::uuid");
  conn.prepare("mediator_rooms_delete", "DELETE FROM room_mediators WHERE mediator_id = $1::uuid");
  conn.prepare("mediator_rooms_insert",
               "INSERT INTO room_mediators (room_id, mediator_id) "
               "SELECT r, $1::uuid FROM unnest($2::uuid[]) AS r ON CONFLICT DO NOTHING");
  conn.prepare("mediator_find",
               absl::StrCat("SELECT ", kMediatorColumns, " FROM mediators m WHERE m.id = $1::uuid"));
  conn.prepare("mediator_find_locked",
               absl::StrCat("SELECT ", kMediatorColumns, " FROM mediators m WHERE m.id = $1::uuid FOR UPDATE OF m"));
  conn.prepare("mediator_list",
               absl::StrCat("SELECT ", kMediatorColumns,
                            " FROM mediators m WHERE ($1::text = '' OR EXISTS (SELECT 1 FROM room_mediators rm "
                            "WHERE rm.mediator_id = m.id AND rm.room_id = nullif($1, '')::uuid)) "
                            "AND ($2::text = '' OR m.status = $2) "
                            "AND (m.created_at, m.id) > ($3::timestamptz, $4::uuid) "
                            "ORDER BY m.created_at, m.id LIMIT $5"));
}

absl::Status InsertRoom(Tx& tx, const MediationRoom& room) {
  if (!LooksLikeUuid(room.id)) return absl::InvalidArgumentError("malformed room id");
  if (absl::Status s = CheckIds(room.commission_ids, "commission"); !s.ok()) return s;
  pqxx::result r = tx.exec_prepared("room_insert", room.id, room.name, domain::RoomKindName(room.kind),
                                    room.region_code, room.host_organization, room.capacity, room.min_mediators,
                                    DateParam(room.opened_on), room.active, TimeParam(room.create_time));
  if (r.empty()) return RoomExists(room);
  ReplaceRoomCommissions(tx, room);
  return absl::OkStatus();
}

absl::Status UpdateRoom(Tx& tx, const MediationRoom& room) {
  if (!LooksLikeUuid(room.id)) return absl::InvalidArgumentError("malformed room id");
  if (absl::Status s = CheckIds(room.commission_ids, "commission"); !s.ok()) return s;
  try {
    tx.exec_prepared("room_update", room.id, room.name, domain::RoomKindName(room.kind), room.region_code,
                     room.host_organization, room.capacity, room.min_mediators, DateParam(room.opened_on),
                     room.active, TimeParam(room.update_time));
  } catch (const pqxx::unique_violation&) {
    return RoomExists(room);  // the transaction is aborted; the caller's error rolls it back
  }
  ReplaceRoomCommissions(tx, room);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<MediationRoom>> FindRoom(Tx& tx, const std::string& id, bool lock) {
  if (!LooksLikeUuid(id)) return std::nullopt;
  pqxx::result r = tx.exec_prepared(lock ? "room_find_locked" : "room_find", id);
  if (r.empty()) return std::nullopt;
  return RoomFromRow(r[0]);
}

absl::StatusOr<std::vector<MediationRoom>> ListRooms(Tx& tx, const RoomQuery& query,
                                                     const std::optional<RoomCursor>& after, int limit) {
  if (!query.commission_id.empty() && !LooksLikeUuid(query.commission_id)) return std::vector<MediationRoom>{};
  const domain::RegionCodeRange all{"000000", "999999"};
  const domain::RegionCodeRange& range = query.region ? *query.region : all;
  return RoomsFrom(tx.exec_prepared("room_list", range.first, range.last, query.commission_id, query.active_only,
                                    after ? after->region_code : std::string(), after ? after->name : std::string(),
                                    limit));
}

absl::StatusOr<std::vector<MediationRoom>> RoomsServingCommission(Tx& tx, const std::string& commission_id) {
  if (!LooksLikeUuid(commission_id)) return std::vector<MediationRoom>{};
  return RoomsFrom(tx.exec_prepared("rooms_serving_commission", commission_id));
}

namespace {

// The parameters $2..$13 shared by mediator_insert and mediator_update.
template <typename Exec>
void ExecMediator(const Mediator& m, const absl::Time& at, Exec exec) {
  exec(m.id, m.name, SealForColumn(m.resident_id_number, kResidentIdColumn),
       LookupHashForColumn(m.resident_id_number, kResidentIdColumn), domain::MediatorSourceName(m.source),
       m.certificate_number, DateParam(m.certificate_expiry), DateParam(m.term_start), DateParam(m.term_end),
       m.training_hours, m.established_civil_servant, domain::MediatorStatusName(m.status), TimeParam(at));
}

absl::Status CheckMediatorIds(const Mediator& m) {
  if (!LooksLikeUuid(m.id)) return absl::InvalidArgumentError("malformed mediator id");
  if (m.resident_id_number.empty()) return absl::InvalidArgumentError("a mediator needs a resident identity number");
  return CheckIds(m.room_ids, "room");
}

}  // namespace

absl::Status InsertMediator(Tx& tx, const Mediator& m) {
  if (absl::Status s = CheckMediatorIds(m); !s.ok()) return s;
  pqxx::result r;
  ExecMediator(m, m.create_time, [&](auto&&... params) { r = tx.exec_prepared("mediator_insert", params...); });
  if (r.empty()) return MediatorExists();
  ReplaceMediatorRooms(tx, m);
  return absl::OkStatus();
}

absl::Status UpdateMediator(Tx& tx, const Mediator& m) {
  if (absl::Status s = CheckMediatorIds(m); !s.ok()) return s;
  // Checked first so the usual conflict leaves the transaction usable; the
  // unique index still decides a race.
  if (!tx.exec_prepared("mediator_hash_taken", LookupHashForColumn(m.resident_id_number, kResidentIdColumn), m.id)
           .empty()) {
    return MediatorExists();
  }
  try {
    ExecMediator(m, m.update_time, [&](auto&&... params) { tx.exec_prepared("mediator_update", params...); });
  } catch (const pqxx::unique_violation&) {
    return MediatorExists();
  }
  ReplaceMediatorRooms(tx, m);
  return absl::OkStatus();
}

absl::StatusOr<std::optional<Mediator>> FindMediator(Tx& tx, const std::string& id, bool lock) {
  if (!LooksLikeUuid(id)) return std::nullopt;
  pqxx::result r = tx.exec_prepared(lock ? "mediator_find_locked" : "mediator_find", id);
  if (r.empty()) return std::nullopt;
  auto m = MediatorFromRow(r[0]);
  if (!m.ok()) return m.status();
  return *std::move(m);
}

absl::StatusOr<std::vector<Mediator>> ListMediators(Tx& tx, const MediatorQuery& query,
                                                    const std::optional<MediatorCursor>& after, int limit) {
  if (!query.room_id.empty() && !LooksLikeUuid(query.room_id)) return std::vector<Mediator>{};
  if (after && !LooksLikeUuid(after->id)) return absl::InvalidArgumentError("malformed cursor");
  const std::string status =
      query.status == domain::MediatorStatus::kUnspecified ? "" : domain::MediatorStatusName(query.status);
  return MediatorsFrom(tx.exec_prepared("mediator_list", query.room_id, status,
                                        after ? TimeParam(after->create_time) : std::string("-infinity"),
                                        after ? after->id : std::string(kNilUuid), limit));
}

}  // namespace caitiao::storage
