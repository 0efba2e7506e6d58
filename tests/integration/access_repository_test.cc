#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "absl/strings/str_format.h"
#include "services/domain/errors.h"
#include "storage/access_repository.h"
#include "storage/audit_repository.h"
#include "storage/crypto/primitives.h"
#include "tests/integration/sample_data.h"
#include "tests/integration/test_cluster.h"

namespace caitiao::storage {
namespace {

using caitiao::testing::SeedWuhanCommission;
using caitiao::testing::TestCluster;

absl::Time Deadline() { return absl::Now() + absl::Seconds(30); }
std::string UuidFor(int n) { return absl::StrFormat("00000000-0000-4000-8000-%012d", n); }

class AccessRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pool_ = TestCluster::PoolFor(TestCluster::Get().FreshDatabase());
    commission_ = SeedWuhanCommission(*pool_);
  }

  domain::ApiTokenRecord Token(int n, absl::Time created) {
    domain::ApiTokenRecord t;
    t.id = UuidFor(n);
    t.grant.label = absl::StrFormat("desk-%d", n);
    t.grant.role = domain::Role::kArbitrationStaff;
    t.grant.scope.commission_ids = {commission_};
    t.grant.may_unmask = true;
    t.secret_hash = crypto::Sha256(absl::StrFormat("secret-%d", n));
    t.created_by = "token/admin";
    t.create_time = created;
    t.expire_time = created + absl::Hours(24);
    return t;
  }

  std::unique_ptr<ConnectionPool> pool_;
  std::string commission_;
};

TEST_F(AccessRepositoryTest, TokensAreFoundByHashWithTheirGrantAndRevokedOnce) {
  const absl::Time now = absl::FromUnixSeconds(1790000000);
  const auto t = Token(1, now);
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "insert", [&](Tx& tx) { return InsertApiToken(tx, t); }).ok());
  std::optional<domain::ApiTokenRecord> found;
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "find", [&](Tx& tx) -> absl::Status {
                auto r = FindApiTokenByHash(tx, crypto::Sha256("secret-1"));
                if (r.ok()) found = *r;
                return r.status();
              }).ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, t.id);
  EXPECT_EQ(found->grant.role, domain::Role::kArbitrationStaff);
  EXPECT_EQ(found->grant.scope.commission_ids, std::vector<std::string>{commission_});
  EXPECT_TRUE(found->grant.may_unmask);
  EXPECT_EQ(found->secret_hash, t.secret_hash);
  EXPECT_EQ(found->expire_time, t.expire_time);
  EXPECT_FALSE(found->revoke_time.has_value());

  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "revoke", [&](Tx& tx) {
                return MarkApiTokenRevoked(tx, t.id, "token/admin", now + absl::Seconds(5));
              }).ok());
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "revoke again", [&](Tx& tx) {
                return MarkApiTokenRevoked(tx, t.id, "token/other", now + absl::Seconds(9));
              }).ok());
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "find", [&](Tx& tx) -> absl::Status {
                auto r = FindApiToken(tx, t.id, false);
                if (r.ok()) found = *r;
                return r.status();
              }).ok());
  ASSERT_TRUE(found->revoke_time.has_value());
  EXPECT_EQ(*found->revoke_time, now + absl::Seconds(5)) << "the first revocation stands";
  EXPECT_EQ(found->revoked_by, "token/admin");
}

TEST_F(AccessRepositoryTest, ListTokensHidesInactiveUnlessAskedAndPagesNewestFirst) {
  const absl::Time now = absl::FromUnixSeconds(1790000000);
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "insert", [&](Tx& tx) -> absl::Status {
                for (int i = 1; i <= 5; ++i) {
                  auto t = Token(i, now + absl::Seconds(i));
                  if (i == 2) t.expire_time = now;  // expired by `now + 10s`
                  if (absl::Status s = InsertApiToken(tx, t); !s.ok()) return s;
                }
                return MarkApiTokenRevoked(tx, UuidFor(4), "x", now);
              }).ok());
  auto list = [&](bool all, std::optional<CreatedCursor> after, int limit) {
    std::vector<std::string> ids;
    EXPECT_TRUE(RunTransaction(*pool_, Deadline(), "list", [&](Tx& tx) -> absl::Status {
                  auto r = ListApiTokens(tx, all, now + absl::Seconds(10), after, limit);
                  if (r.ok()) {
                    for (auto& t : *r) ids.push_back(t.id);
                  }
                  return r.status();
                }).ok());
    return ids;
  };
  EXPECT_EQ(list(false, std::nullopt, 10), (std::vector<std::string>{UuidFor(5), UuidFor(3), UuidFor(1)}));
  EXPECT_EQ(list(true, std::nullopt, 2), (std::vector<std::string>{UuidFor(5), UuidFor(4)}));
  EXPECT_EQ(list(true, CreatedCursor{now + absl::Seconds(4), UuidFor(4)}, 10),
            (std::vector<std::string>{UuidFor(3), UuidFor(2), UuidFor(1)}));
}

TEST_F(AccessRepositoryTest, OneLiveCertificateMappingPerSubject) {
  domain::CertificateMappingRecord m;
  m.id = UuidFor(1);
  m.subject = "CN=wuhan-clerk-01,O=Wuhan";
  m.grant.label = "clerk";
  m.grant.role = domain::Role::kReporting;
  m.grant.scope.region_codes = {"420100"};
  m.created_by = "token/admin";
  m.create_time = absl::Now();
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "map", [&](Tx& tx) { return InsertCertificateMapping(tx, m); }).ok());
  m.id = UuidFor(2);
  absl::Status again = RunTransaction(*pool_, Deadline(), "map", [&](Tx& tx) { return InsertCertificateMapping(tx, m); });
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(domain::ReasonOf(again).value_or(""), "CERTIFICATE_MAPPING_EXISTS");
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "revoke", [&](Tx& tx) {
                return MarkCertificateMappingRevoked(tx, UuidFor(1), "token/admin", absl::Now());
              }).ok());
  EXPECT_TRUE(RunTransaction(*pool_, Deadline(), "map", [&](Tx& tx) { return InsertCertificateMapping(tx, m); }).ok())
      << "after revocation the subject can be mapped again";
  std::optional<domain::CertificateMappingRecord> live;
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "find", [&](Tx& tx) -> absl::Status {
                auto r = FindLiveCertificateMapping(tx, m.subject);
                if (r.ok()) live = *r;
                return r.status();
              }).ok());
  ASSERT_TRUE(live.has_value());
  EXPECT_EQ(live->id, UuidFor(2));
  EXPECT_EQ(live->grant.scope.region_codes, std::vector<std::string>{"420100"});
}

TEST_F(AccessRepositoryTest, AuditRecordsAreAppendOnlyAndFiltered) {
  const absl::Time now = absl::FromUnixSeconds(1790000000);
  ASSERT_TRUE(RunTransaction(*pool_, Deadline(), "audit", [&](Tx& tx) -> absl::Status {
                for (const char* outcome : {"OK", "PERMISSION_DENIED", "UNAUTHENTICATED", "OK"}) {
                  domain::AuditRecord r;
                  r.time = now;
                  r.principal = "token/a";
                  r.role = "arbitration_staff";
                  r.method = "caitiao.v1.CaseService/GetCase";
                  r.resource = "cases/x";
                  r.outcome = outcome;
                  r.request_id = "rid";
                  if (std::string(outcome) == "OK") r.unmasked_fields = {"applicants[0].phone"};
                  auto s = AppendAuditRecord(tx, r);
                  if (!s.ok()) return s.status();
                }
                return absl::OkStatus();
              }).ok());
  auto list = [&](domain::AuditQuery q, int64_t before = 0) {
    std::vector<domain::AuditRecord> out;
    EXPECT_TRUE(RunTransaction(*pool_, Deadline(), "list", [&](Tx& tx) -> absl::Status {
                  auto r = ListAuditRecords(tx, q, before, 100);
                  if (r.ok()) out = *r;
                  return r.status();
                }).ok());
    return out;
  };
  EXPECT_EQ(list({}).size(), 4u);
  domain::AuditQuery refused;
  refused.refused_only = true;
  EXPECT_EQ(list(refused).size(), 2u);
  domain::AuditQuery unmasked;
  unmasked.unmasked_only = true;
  auto reads = list(unmasked);
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_EQ(reads[0].unmasked_fields, std::vector<std::string>{"applicants[0].phone"});
  EXPECT_GT(reads[0].sequence, reads[1].sequence) << "newest first";
  EXPECT_EQ(list({}, reads[0].sequence).size(), 3u) << "paging before a sequence";
  domain::AuditQuery later;
  later.start_time = now + absl::Seconds(1);
  EXPECT_TRUE(list(later).empty());

  absl::Status edit = RunTransaction(*pool_, Deadline(), "tamper", [&](Tx& tx) {
    tx.exec0("UPDATE audit_records SET outcome = 'OK'");
    return absl::OkStatus();
  });
  EXPECT_FALSE(edit.ok()) << "the audit log cannot be edited";
  absl::Status erase = RunTransaction(*pool_, Deadline(), "tamper", [&](Tx& tx) {
    tx.exec0("DELETE FROM audit_records");
    return absl::OkStatus();
  });
  EXPECT_FALSE(erase.ok()) << "the audit log cannot be erased";
}

}  // namespace
}  // namespace caitiao::storage
