// Every API method ("caitiao.v1.CaseService/GetCase"), walked from the
// generated descriptor pool. CAITIAO_PROTO_FILES is the build's list of .proto
// files, so a new file is covered without touching the tests that use this
// (the permission table's and the request fuzzer's).
#pragma once

#include <set>
#include <string>

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include "absl/strings/str_split.h"
#include "caitiao/internal/v1/page_token.pb.h"
#include "caitiao/v1/access.pb.h"
#include "caitiao/v1/case_service.pb.h"
#include "caitiao/v1/coverage.pb.h"
#include "caitiao/v1/directory.pb.h"
#include "caitiao/v1/docking.pb.h"
#include "caitiao/v1/document.pb.h"
#include "caitiao/v1/mediation.pb.h"
#include "caitiao/v1/policy.pb.h"
#include "caitiao/v1/reporting.pb.h"
#include "caitiao/v1/review.pb.h"
#include "caitiao/v1/subsidy.pb.h"

namespace caitiao::testing {

inline std::set<std::string> ApiMethods() {
  using google::protobuf::DescriptorPool;
  // Linking these pulls every file's descriptors into the generated pool.
  (void)caitiao::v1::IssueTokenRequest::descriptor();
  (void)caitiao::v1::GetCaseRequest::descriptor();
  (void)caitiao::v1::CreateRegionRequest::descriptor();
  (void)caitiao::v1::ExportCasesRequest::descriptor();
  (void)caitiao::v1::SetDeadlinePolicyRequest::descriptor();
  (void)caitiao::internal::v1::PageToken::descriptor();
  (void)caitiao::v1::DelegateCaseRequest::descriptor();
  (void)caitiao::v1::GetCoverageRequest::descriptor();
  (void)caitiao::v1::DraftAgreementRequest::descriptor();
  (void)caitiao::v1::VerifyDocumentRequest::descriptor();
  (void)caitiao::v1::ApplyForReviewRequest::descriptor();
  (void)caitiao::v1::DraftSettlementBatchRequest::descriptor();
  std::set<std::string> methods;
  for (absl::string_view name : absl::StrSplit(CAITIAO_PROTO_FILES, ',', absl::SkipEmpty())) {
    const auto* file = DescriptorPool::generated_pool()->FindFileByName(std::string(name));
    EXPECT_NE(file, nullptr) << name << " is not linked into this test: touch one of its messages above";
    if (file == nullptr) continue;
    for (int s = 0; s < file->service_count(); ++s) {
      const auto* service = file->service(s);
      for (int m = 0; m < service->method_count(); ++m) {
        methods.insert(service->full_name() + "/" + service->method(m)->name());
      }
    }
  }
  return methods;
}

}  // namespace caitiao::testing
