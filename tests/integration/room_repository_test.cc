#include <algorithm>
#include <set>

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/domain/errors.h"
#include "services/domain/identity_numbers.h"
#include "storage/case_repository.h"
#include "storage/room_repository.h"
#include "tests/integration/sample_data.h"
#include "tests/integration/test_cluster.h"

namespace caitiao::storage {
namespace {

using caitiao::testing::SampleContent;
using caitiao::testing::SeedWuhanCommission;
using caitiao::testing::TestCluster;
using domain::MediationRoom;
using domain::Mediator;
using domain::MediatorStatus;
using domain::RoomKind;

absl::Time Deadline() { return absl::Now() + absl::Seconds(30); }

std::string RoomId(int n) { return absl::StrFormat("00000000-0000-4000-8000-%012d", n); }
std::string MediatorId(int n) { return absl::StrFormat("00000000-0000-4000-9000-%012d", n); }
std::string CaseId(int n) { return absl::StrFormat("00000000-0000-4000-a000-%012d", n); }

// A valid identity number, distinct for each n.
std::string ResidentId(int n) {
  const std::string first17 = absl::StrFormat("42010219800101%03d", n);
  return first17 + std::string(1, domain::ResidentIdCheckCharacter(first17));
}

class RoomRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dsn_ = TestCluster::Get().FreshDatabase();
    pool_ = TestCluster::PoolFor(dsn_);
    wuhan_ = SeedWuhanCommission(*pool_);
    Run([&](Tx& tx) -> absl::Status {
      absl::Status s = InsertRegion(tx, {"420102", "江岸区", domain::RegionLevel::kCounty, "420100", {}}).status();
      if (!s.ok()) return s;
      s = InsertRegion(tx, {"420500", "宜昌市", domain::RegionLevel::kCity, "420000", {}}).status();
      if (!s.ok()) return s;
      auto jiangan = InsertCommission(tx, {"", "420102", "江岸区仲裁委", "岸〔{year}〕第{seq}号", {}});
      if (!jiangan.ok()) return jiangan.status();
      jiangan_ = jiangan->id;
      auto yichang = InsertCommission(tx, {"", "420500", "宜昌市仲裁委", "宜〔{year}〕第{seq}号", {}});
      if (!yichang.ok()) return yichang.status();
      yichang_ = yichang->id;
      return absl::OkStatus();
    });
  }

  void Run(const TxBody& body) {
    absl::Status s = RunTransaction(*pool_, Deadline(), "test", body);
    ASSERT_TRUE(s.ok()) << s;
  }

  absl::Status Try(const TxBody& body) { return RunTransaction(*pool_, Deadline(), "test", body); }

  MediationRoom NewRoom(int n, const std::string& region = "420100", std::vector<std::string> commissions = {}) {
    MediationRoom r;
    r.id = RoomId(n);
    r.name = absl::StrCat("调解工作室", n);
    r.kind = RoomKind::kJointDockingRoom;
    r.region_code = region;
    r.host_organization = "武汉市总工会";
    r.commission_ids = commissions.empty() ? std::vector<std::string>{wuhan_} : std::move(commissions);
    r.capacity = 20;
    r.min_mediators = 3;
    r.opened_on = absl::CivilDay(2024, 3, 1);
    r.active = true;
    r.create_time = r.update_time = absl::FromUnixMicros(1790000000000000 + n);
    return r;
  }

  Mediator NewMediator(int n, std::vector<std::string> rooms, MediatorStatus status = MediatorStatus::kActive) {
    Mediator m;
    m.id = MediatorId(n);
    m.name = absl::StrCat("调解员", n);
    m.resident_id_number = ResidentId(n);
    m.source = domain::MediatorSource::kLawyer;
    m.certificate_number = absl::StrCat("鄂调证-", n);
    m.certificate_expiry = absl::CivilDay(2028, 12, 31);
    m.term_start = absl::CivilDay(2025, 1, 1);
    m.term_end = absl::CivilDay(2026, 12, 31);
    m.training_hours = 40;
    m.room_ids = std::move(rooms);
    m.status = status;
    m.create_time = m.update_time = absl::FromUnixMicros(1790000000000000 + n);
    return m;
  }

  void Insert(const MediationRoom& r) {
    Run([&](Tx& tx) { return InsertRoom(tx, r); });
  }
  void Insert(const Mediator& m) {
    Run([&](Tx& tx) { return InsertMediator(tx, m); });
  }

  std::optional<MediationRoom> Room(const std::string& id) {
    std::optional<MediationRoom> out;
    Run([&](Tx& tx) -> absl::Status {
      auto r = FindRoom(tx, id, false);
      if (r.ok()) out = *r;
      return r.status();
    });
    return out;
  }

  std::optional<Mediator> FindM(const std::string& id) {
    std::optional<Mediator> out;
    Run([&](Tx& tx) -> absl::Status {
      auto r = FindMediator(tx, id, false);
      if (r.ok()) out = *r;
      return r.status();
    });
    return out;
  }

  // Pages through ListRooms `page` rooms at a time; returns the ids in order.
  std::vector<std::string> AllRooms(const RoomQuery& q, int page) {
    std::vector<std::string> ids;
    std::optional<RoomCursor> after;
    for (int guard = 0; guard < 1000; ++guard) {
      std::vector<MediationRoom> rooms;
      Run([&](Tx& tx) -> absl::Status {
        auto r = ListRooms(tx, q, after, page);
        if (r.ok()) rooms = *r;
        return r.status();
      });
      for (const auto& r : rooms) ids.push_back(r.id);
      if (static_cast<int>(rooms.size()) < page) break;
      after = RoomCursor{rooms.back().region_code, rooms.back().name};
    }
    return ids;
  }

  std::vector<std::string> AllMediators(const MediatorQuery& q, int page) {
    std::vector<std::string> ids;
    std::optional<MediatorCursor> after;
    for (int guard = 0; guard < 1000; ++guard) {
      std::vector<Mediator> found;
      Run([&](Tx& tx) -> absl::Status {
        auto r = ListMediators(tx, q, after, page);
        if (r.ok()) found = *r;
        return r.status();
      });
      for (const auto& m : found) ids.push_back(m.id);
      if (static_cast<int>(found.size()) < page) break;
      after = MediatorCursor{found.back().create_time, found.back().id};
    }
    return ids;
  }

  // A case of the Wuhan commission, delegated to `room` in `state` (the
  // delegation workflow's states, set here directly).
  void DelegatedCase(int n, const std::string& room, const std::string& state) {
    domain::CaseRecord c;
    c.id = CaseId(n);
    c.case_number = absl::StrCat("ROOM-TEST-", n);
    c.commission_id = wuhan_;
    c.region_code = "420100";
    c.state = domain::CaseState::kReceived;
    c.content = SampleContent();
    c.receive_time = c.update_time = absl::Now();
    c.version = 1;
    Run([&](Tx& tx) -> absl::Status {
      absl::Status s = InsertCase(tx, c, "tester");
      if (!s.ok()) return s;
      tx.exec_params("UPDATE cases SET delegated_room_id = $1::uuid, state = $2 WHERE id = $3::uuid", room, state,
                     c.id);
      return absl::OkStatus();
    });
  }

  std::string dsn_;
  std::unique_ptr<ConnectionPool> pool_;
  std::string wuhan_, jiangan_, yichang_;
};

TEST_F(RoomRepositoryTest, InsertThenFindRoundTripsEveryFieldWithSortedCommissions) {
  MediationRoom r = NewRoom(1, "420100", {yichang_, wuhan_, jiangan_});
  r.kind = RoomKind::kResidentArbitrationTribunal;
  Insert(r);
  auto found = Room(r.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, r.name);
  EXPECT_EQ(found->kind, RoomKind::kResidentArbitrationTribunal);
  EXPECT_EQ(found->region_code, "420100");
  EXPECT_EQ(found->host_organization, r.host_organization);
  std::vector<std::string> sorted = {yichang_, wuhan_, jiangan_};
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(found->commission_ids, sorted) << "the commission set comes back sorted";
  EXPECT_EQ(found->capacity, 20);
  EXPECT_EQ(found->min_mediators, 3);
  EXPECT_EQ(found->opened_on, absl::CivilDay(2024, 3, 1));
  EXPECT_TRUE(found->active);
  EXPECT_EQ(found->create_time, r.create_time) << "microsecond precision must survive";
  EXPECT_EQ(found->update_time, r.update_time);
  EXPECT_EQ(found->version, 1);
  EXPECT_EQ(found->open_cases, 0);
  EXPECT_EQ(found->active_mediators, 0);
}

TEST_F(RoomRepositoryTest, FindOfUnknownOrMalformedIdIsEmpty) {
  EXPECT_FALSE(Room(RoomId(999)).has_value());
  EXPECT_FALSE(Room("x'; DROP TABLE mediation_rooms; --").has_value());
  EXPECT_FALSE(FindM(MediatorId(999)).has_value());
  EXPECT_FALSE(FindM("not-a-uuid").has_value());
}

TEST_F(RoomRepositoryTest, RoomNameIsUniqueWithinItsRegionOnInsertAndUpdate) {
  Insert(NewRoom(1));
  MediationRoom same_name = NewRoom(2);
  same_name.name = NewRoom(1).name;
  absl::Status dup = Try([&](Tx& tx) { return InsertRoom(tx, same_name); });
  EXPECT_EQ(dup.code(), absl::StatusCode::kAlreadyExists) << dup;
  EXPECT_EQ(domain::ReasonOf(dup).value_or(""), "ROOM_EXISTS");
  same_name.region_code = "420500";
  same_name.commission_ids = {yichang_};
  Insert(same_name);  // another region may use the name

  MediationRoom renamed = NewRoom(3);
  Insert(renamed);
  renamed.name = NewRoom(1).name;
  absl::Status clash = Try([&](Tx& tx) { return UpdateRoom(tx, renamed); });
  EXPECT_EQ(clash.code(), absl::StatusCode::kAlreadyExists) << clash;
  EXPECT_EQ(Room(renamed.id)->name, NewRoom(3).name) << "the failed update left the room as it was";
}

TEST_F(RoomRepositoryTest, UpdateWritesFieldsReplacesCommissionsAndBumpsVersion) {
  MediationRoom r = NewRoom(1, "420100", {wuhan_, jiangan_});
  Insert(r);
  r.name = "改名后的工作室";
  r.capacity = 5;
  r.min_mediators = 0;
  r.active = false;
  r.commission_ids = {yichang_};
  r.update_time = absl::FromUnixMicros(1800000000000001);
  Run([&](Tx& tx) -> absl::Status {
    auto locked = FindRoom(tx, r.id, /*lock=*/true);
    if (!locked.ok()) return locked.status();
    return UpdateRoom(tx, r);
  });
  auto found = Room(r.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, "改名后的工作室");
  EXPECT_EQ(found->capacity, 5);
  EXPECT_FALSE(found->active);
  EXPECT_EQ(found->commission_ids, std::vector<std::string>{yichang_});
  EXPECT_EQ(found->version, 2);
  EXPECT_EQ(found->update_time, r.update_time);
  EXPECT_EQ(found->create_time, NewRoom(1).create_time) << "create_time never changes";
}

TEST_F(RoomRepositoryTest, FindWithLockHoldsTheRoomRowUntilTheTransactionEnds) {
  Insert(NewRoom(1));
  Run([&](Tx& tx) -> absl::Status {
    auto locked = FindRoom(tx, RoomId(1), /*lock=*/true);
    if (!locked.ok()) return locked.status();
    EXPECT_TRUE(locked->has_value());
    pqxx::connection other(dsn_);
    pqxx::work w(other);
    EXPECT_THROW(w.exec(absl::StrCat("SELECT 1 FROM mediation_rooms WHERE id = '", RoomId(1), "' FOR UPDATE NOWAIT")),
                 pqxx::sql_error)
        << "another transaction could lock a room this one holds";
    return absl::OkStatus();
  });
  pqxx::connection other(dsn_);
  pqxx::work w(other);
  EXPECT_NO_THROW(w.exec(absl::StrCat("SELECT 1 FROM mediation_rooms WHERE id = '", RoomId(1), "' FOR UPDATE NOWAIT")));
}

TEST_F(RoomRepositoryTest, ListRoomsFiltersByRegionSubtreeCommissionAndActivity) {
  Insert(NewRoom(1, "420100", {wuhan_}));
  Insert(NewRoom(2, "420102", {jiangan_, wuhan_}));
  Insert(NewRoom(3, "420500", {yichang_}));
  MediationRoom closed = NewRoom(4, "420100", {wuhan_});
  closed.active = false;
  Insert(closed);
  const std::set<std::string> all = {RoomId(1), RoomId(2), RoomId(3), RoomId(4)};
  auto set_of = [](const std::vector<std::string>& v) { return std::set<std::string>(v.begin(), v.end()); };

  EXPECT_EQ(set_of(AllRooms({}, 100)), all);
  EXPECT_EQ(set_of(AllRooms({domain::SubtreeRange("420100"), "", false}, 100)),
            (std::set<std::string>{RoomId(1), RoomId(2), RoomId(4)}))
      << "a city's rooms include its counties'";
  EXPECT_EQ(set_of(AllRooms({domain::SubtreeRange("420102"), "", false}, 100)), std::set<std::string>{RoomId(2)});
  EXPECT_EQ(set_of(AllRooms({domain::SubtreeRange("420000"), "", false}, 100)), all);
  EXPECT_EQ(set_of(AllRooms({std::nullopt, wuhan_, false}, 100)),
            (std::set<std::string>{RoomId(1), RoomId(2), RoomId(4)}));
  EXPECT_EQ(set_of(AllRooms({std::nullopt, yichang_, false}, 100)), std::set<std::string>{RoomId(3)});
  EXPECT_EQ(set_of(AllRooms({std::nullopt, wuhan_, true}, 100)), (std::set<std::string>{RoomId(1), RoomId(2)}));
  EXPECT_TRUE(AllRooms({std::nullopt, "not-a-uuid", false}, 100).empty());
  EXPECT_TRUE(AllRooms({std::nullopt, RoomId(77), false}, 100).empty()) << "an unknown commission lists nothing";
}

TEST_F(RoomRepositoryTest, ListRoomsPagesInRegionThenNameOrderWithoutGapsOrDuplicates) {
  const char* regions[] = {"420100", "420102", "420500"};
  Run([&](Tx& tx) -> absl::Status {
    for (int i = 0; i < 300; ++i) {
      const std::string region = regions[i % 3];
      const std::string commission = region == "420100" ? wuhan_ : region == "420102" ? jiangan_ : yichang_;
      absl::Status s = InsertRoom(tx, NewRoom(i, region, {commission}));
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  });
  std::vector<std::string> expected;
  Run([&](Tx& tx) -> absl::Status {
    for (const auto& row : tx.exec("SELECT id::text FROM mediation_rooms ORDER BY region_code, name")) {
      expected.push_back(row[0].as<std::string>());
    }
    return absl::OkStatus();
  });
  ASSERT_EQ(expected.size(), 300u);
  for (int page : {1, 7, 50, 299, 300, 1000}) {
    EXPECT_EQ(AllRooms({}, page), expected) << "page size " << page;
  }
}

TEST_F(RoomRepositoryTest, OpenCasesCountsOnlyDelegatedAndInMediationCasesOfTheRoom) {
  Insert(NewRoom(1));
  Insert(NewRoom(2));
  DelegatedCase(1, RoomId(1), "DELEGATED");
  DelegatedCase(2, RoomId(1), "IN_MEDIATION");
  DelegatedCase(3, RoomId(1), "IN_MEDIATION");
  DelegatedCase(4, RoomId(1), "MEDIATION_SUCCEEDED");  // finished: not open
  DelegatedCase(5, RoomId(1), "RETURNED_TO_ARBITRATION");
  DelegatedCase(6, RoomId(2), "DELEGATED");
  EXPECT_EQ(Room(RoomId(1))->open_cases, 3);
  EXPECT_EQ(Room(RoomId(2))->open_cases, 1);
  std::vector<MediationRoom> listed;
  Run([&](Tx& tx) -> absl::Status {
    auto r = ListRooms(tx, {}, std::nullopt, 10);
    if (r.ok()) listed = *r;
    return r.status();
  });
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].open_cases + listed[1].open_cases, 4) << "lists fill the counts too";
}

TEST_F(RoomRepositoryTest, CaseCanOnlyBeDelegatedToAnExistingRoom) {
  Insert(NewRoom(1));
  DelegatedCase(1, RoomId(1), "DELEGATED");
  absl::Status s = Try([&](Tx& tx) -> absl::Status {
    tx.exec_params("UPDATE cases SET delegated_room_id = $1::uuid WHERE id = $2::uuid", RoomId(404), CaseId(1));
    return absl::OkStatus();
  });
  EXPECT_FALSE(s.ok()) << "cases_delegated_room_fk let a case point at no room";
}

TEST_F(RoomRepositoryTest, RoomsServingCommissionIncludesInactiveRoomsWithTheirCounts) {
  Insert(NewRoom(1, "420100", {wuhan_}));
  MediationRoom closed = NewRoom(2, "420102", {wuhan_, jiangan_});
  closed.active = false;
  Insert(closed);
  Insert(NewRoom(3, "420500", {yichang_}));
  Insert(NewMediator(1, {RoomId(1)}));
  Insert(NewMediator(2, {RoomId(1), RoomId(2)}));
  DelegatedCase(1, RoomId(2), "IN_MEDIATION");
  std::vector<MediationRoom> rooms;
  Run([&](Tx& tx) -> absl::Status {
    auto r = RoomsServingCommission(tx, wuhan_);
    if (r.ok()) rooms = *r;
    return r.status();
  });
  ASSERT_EQ(rooms.size(), 2u);
  EXPECT_EQ(rooms[0].id, RoomId(1));
  EXPECT_EQ(rooms[0].active_mediators, 2);
  EXPECT_EQ(rooms[1].id, RoomId(2));
  EXPECT_FALSE(rooms[1].active);
  EXPECT_EQ(rooms[1].open_cases, 1);
  EXPECT_EQ(rooms[1].active_mediators, 1);
  Run([&](Tx& tx) -> absl::Status {
    auto none = RoomsServingCommission(tx, "bogus");
    EXPECT_TRUE(none.ok() && none->empty());
    return none.status();
  });
}

TEST_F(RoomRepositoryTest, MediatorRoundTripsWithMembershipAndActiveCount) {
  Insert(NewRoom(1));
  Insert(NewRoom(2));
  Mediator m = NewMediator(1, {RoomId(2), RoomId(1)});
  m.established_civil_servant = true;
  m.source = domain::MediatorSource::kRetiredJudgeOrProcurator;
  Insert(m);
  Insert(NewMediator(2, {RoomId(1)}, MediatorStatus::kSuspended));
  Insert(NewMediator(3, {}));

  auto found = FindM(m.id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->name, m.name);
  EXPECT_EQ(found->resident_id_number, m.resident_id_number) << "decrypts on read";
  EXPECT_EQ(found->source, domain::MediatorSource::kRetiredJudgeOrProcurator);
  EXPECT_EQ(found->certificate_number, m.certificate_number);
  EXPECT_EQ(found->certificate_expiry, m.certificate_expiry);
  EXPECT_EQ(found->term_start, m.term_start);
  EXPECT_EQ(found->term_end, m.term_end);
  EXPECT_EQ(found->training_hours, 40);
  EXPECT_TRUE(found->established_civil_servant);
  EXPECT_EQ(found->room_ids, (std::vector<std::string>{RoomId(1), RoomId(2)})) << "sorted";
  EXPECT_EQ(found->status, MediatorStatus::kActive);
  EXPECT_EQ(found->version, 1);
  EXPECT_EQ(found->create_time, m.create_time);
  EXPECT_TRUE(FindM(MediatorId(3))->room_ids.empty());

  EXPECT_EQ(Room(RoomId(1))->active_mediators, 1) << "the suspended member does not count";
  EXPECT_EQ(Room(RoomId(2))->active_mediators, 1);

  // Suspending and moving a mediator changes both rooms' counts.
  Mediator changed = *found;
  changed.status = MediatorStatus::kSuspended;
  changed.room_ids = {RoomId(2)};
  changed.update_time = absl::FromUnixMicros(1800000000000000);
  Run([&](Tx& tx) -> absl::Status {
    auto locked = FindMediator(tx, m.id, /*lock=*/true);
    if (!locked.ok()) return locked.status();
    return UpdateMediator(tx, changed);
  });
  auto after = FindM(m.id);
  EXPECT_EQ(after->room_ids, std::vector<std::string>{RoomId(2)});
  EXPECT_EQ(after->version, 2);
  EXPECT_EQ(after->update_time, changed.update_time);
  EXPECT_EQ(Room(RoomId(1))->active_mediators, 0);
  EXPECT_EQ(Room(RoomId(2))->active_mediators, 0);
}

TEST_F(RoomRepositoryTest, OneMediatorPerIdentityNumber) {
  Insert(NewMediator(1, {}));
  Mediator same_person = NewMediator(2, {});
  same_person.resident_id_number = ResidentId(1);
  absl::Status dup = Try([&](Tx& tx) { return InsertMediator(tx, same_person); });
  EXPECT_EQ(dup.code(), absl::StatusCode::kAlreadyExists) << dup;
  EXPECT_EQ(domain::ReasonOf(dup).value_or(""), "MEDIATOR_EXISTS");
  EXPECT_EQ(std::string(dup.message()).find(ResidentId(1)), std::string::npos) << "no identity number in messages";

  Insert(NewMediator(3, {}));
  Mediator retyped = *FindM(MediatorId(3));
  retyped.resident_id_number = ResidentId(1);
  absl::Status clash = Try([&](Tx& tx) { return UpdateMediator(tx, retyped); });
  EXPECT_EQ(clash.code(), absl::StatusCode::kAlreadyExists) << clash;
  retyped.resident_id_number = ResidentId(3);  // its own number again is fine
  Run([&](Tx& tx) { return UpdateMediator(tx, retyped); });
}

TEST_F(RoomRepositoryTest, MediatorIdentityNumbersAreEncryptedAtRest) {
  Insert(NewRoom(1));
  Insert(NewMediator(1, {RoomId(1)}));
  const std::string number = ResidentId(1);
  int64_t clear = -1, sealed = -1;
  Run([&](Tx& tx) -> absl::Status {
    const std::string like = absl::StrCat("%", number, "%");
    clear = tx.exec_params1("SELECT count(*) FROM mediators m WHERE m::text LIKE $1 "
                            "OR encode(m.resident_id_number_enc, 'escape') LIKE $1 "
                            "OR encode(m.resident_id_number_hash, 'escape') LIKE $1",
                            like)[0]
                .as<int64_t>();
    sealed = tx.exec1("SELECT count(*) FROM mediators WHERE length(resident_id_number_enc) > 18 "
                      "AND length(resident_id_number_hash) >= 16")[0]
                 .as<int64_t>();
    return absl::OkStatus();
  });
  EXPECT_EQ(clear, 0) << "a mediator's identity number is stored in clear";
  EXPECT_EQ(sealed, 1);
  EXPECT_EQ(FindM(MediatorId(1))->resident_id_number, number);
}

TEST_F(RoomRepositoryTest, ListMediatorsFiltersByRoomAndStatusAndPagesOldestFirst) {
  Insert(NewRoom(1));
  Insert(NewRoom(2));
  std::vector<std::string> in_room1, active, all;
  Run([&](Tx& tx) -> absl::Status {
    for (int i = 1; i <= 60; ++i) {
      Mediator m = NewMediator(i, i % 2 ? std::vector<std::string>{RoomId(1)} : std::vector<std::string>{RoomId(2)},
                               i % 3 ? MediatorStatus::kActive : MediatorStatus::kSuspended);
      if (i % 10 == 0) m.create_time = absl::FromUnixMicros(1790000000000000);  // ties broken by id
      absl::Status s = InsertMediator(tx, m);
      if (!s.ok()) return s;
    }
    return absl::OkStatus();
  });
  Run([&](Tx& tx) -> absl::Status {
    for (const auto& row : tx.exec("SELECT id::text FROM mediators ORDER BY created_at, id")) {
      all.push_back(row[0].as<std::string>());
    }
    return absl::OkStatus();
  });
  for (int page : {1, 7, 60, 100}) EXPECT_EQ(AllMediators({}, page), all) << "page size " << page;
  for (const auto& id : all) {
    const int n = std::stoi(id.substr(24));
    if (n % 2) in_room1.push_back(id);
    if (n % 3) active.push_back(id);
  }
  EXPECT_EQ(AllMediators({RoomId(1), MediatorStatus::kUnspecified}, 4), in_room1);
  EXPECT_EQ(AllMediators({"", MediatorStatus::kActive}, 9), active);
  EXPECT_EQ(AllMediators({RoomId(1), MediatorStatus::kSuspended}, 100).size(), 10u);
  EXPECT_TRUE(AllMediators({"malformed", MediatorStatus::kUnspecified}, 10).empty());
  EXPECT_TRUE(AllMediators({RoomId(3), MediatorStatus::kUnspecified}, 10).empty());
}

}  // namespace
}  // namespace caitiao::storage
