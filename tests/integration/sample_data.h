// Valid domain values for storage tests: a region, a commission, a room, a
// case and its delegation.
#pragma once

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "services/domain/case_types.h"
#include "services/domain/delegation.h"
#include "services/domain/directory_types.h"
#include "services/domain/room_types.h"
#include "services/domain/identity_numbers.h"
#include "storage/directory_repository.h"
#include "storage/transaction.h"

namespace caitiao::testing {

inline domain::CaseContent SampleContent(const std::string& worker_name = "张三") {
  domain::CaseContent c;
  domain::Party worker;
  worker.kind = domain::PartyKind::kWorker;
  worker.name = worker_name;
  worker.resident_id_number = "11010519491231002X";
  worker.phone = "13800138000";
  worker.agents.push_back({"李律师", domain::AgentKind::kLawyer, "13900139000"});
  domain::Party employer;
  employer.kind = domain::PartyKind::kEmployer;
  employer.name = "武汉某建设有限公司";
  employer.unified_social_credit_code = "91350100M000100Y43";
  employer.address = "武汉市江岸区某路1号";
  c.applicants = {worker};
  c.respondents = {employer};
  c.claims = {{domain::DisputeType::kRemunerationCompensation, "支付拖欠工资", 1234500},
              {domain::DisputeType::kHoursLeaveInsuranceWelfare, "补缴社会保险", std::nullopt}};
  c.facts_and_reasons = "申请人于2025年入职，被申请人拖欠三个月工资。";
  c.application_date = absl::CivilDay(2026, 11, 20);
  return c;
}

// Creates Hubei/Wuhan and a Wuhan commission; returns the commission id.
inline std::string SeedWuhanCommission(storage::ConnectionPool& pool) {
  std::string id;
  absl::Status s = storage::RunTransaction(pool, absl::Now() + absl::Seconds(10), "seed", [&](storage::Tx& tx) {
    storage::InsertRegion(tx, {"420000", "湖北省", domain::RegionLevel::kProvince, "", {}}).IgnoreError();
    storage::InsertRegion(tx, {"420100", "武汉市", domain::RegionLevel::kCity, "420000", {}}).IgnoreError();
    auto c = storage::InsertCommission(
        tx, {"", "420100", "武汉市劳动人事争议仲裁委员会", "鄂武劳人仲案字〔{year}〕第{seq}号", {}});
    if (!c.ok()) return c.status();
    id = c->id;
    return absl::OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s;
  return id;
}

// An active joint docking room of Wuhan (420100) serving `commission_id`.
inline domain::MediationRoom SampleRoom(const std::string& id, const std::string& name,
                                        const std::string& commission_id, int capacity) {
  domain::MediationRoom room;
  room.id = id;
  room.name = name;
  room.kind = domain::RoomKind::kJointDockingRoom;
  room.region_code = "420100";
  room.host_organization = "武汉市总工会";
  room.commission_ids = {commission_id};
  room.capacity = capacity;
  room.opened_on = absl::CivilDay(2026, 1, 5);
  room.create_time = room.update_time = absl::Now();
  return room;
}

// Case `id` of the Wuhan commission `commission_id`, numbered `number`, in
// `state`, with SampleContent, at version 1.
inline domain::CaseRecord SampleCase(const std::string& id, const std::string& number,
                                     const std::string& commission_id, domain::CaseState state,
                                     absl::Time received = absl::Now()) {
  domain::CaseRecord c;
  c.id = id;
  c.case_number = number;
  c.commission_id = commission_id;
  c.region_code = "420100";
  c.state = state;
  c.content = SampleContent();
  c.receive_time = c.update_time = received;
  c.version = 1;
  return c;
}

// Delegation `id` of `case_id` to `room_id`, accepted, before filing, with
// letter number n.
inline domain::Delegation SampleDelegation(const std::string& id, const std::string& case_id,
                                           const std::string& room_id, int n = 1) {
  domain::Delegation d;
  d.id = id;
  d.case_id = case_id;
  d.room_id = room_id;
  d.route = domain::DelegationRoute::kBeforeFiling;
  d.status = domain::DelegationStatus::kAccepted;
  d.letter_number = absl::StrCat("鄂武劳人仲委调字〔2026〕第", n, "号");
  d.delegated_by = "token/staff";
  d.delegate_time = absl::Now();
  d.acceptance_due = {absl::CivilDay(2026, 11, 27), absl::CivilDay(2026, 12, 2),
                      {domain::PeriodKind::kWorkingDays, 3, false}, "2026", false};
  d.acceptance_policy = "built-in defaults";
  return d;
}

}  // namespace caitiao::testing
