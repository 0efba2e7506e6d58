// Where each report reads: a REPEATABLE READ, READ ONLY transaction on the
// streaming replica (--reporting_database) or on the primary, as
// domain::ChooseReportSource decides from the replica's replay state read
// just before; the body learns the moment its figures are current to
// (as_of). The replica gets a connection pool of its own.
//
//   return reader_.Read(call.deadline, "SummarizeCases", [&](storage::Tx& tx, absl::Time as_of) {
//     ...; ToProto(as_of, resp->mutable_as_of()); return absl::OkStatus();
//   });
#pragma once

#include <atomic>
#include <functional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/domain/report_source.h"
#include "storage/connection_pool.h"
#include "storage/transaction.h"

namespace caitiao::services {

class ReportReader {
 public:
  using Body = std::function<absl::Status(storage::Tx& tx, absl::Time as_of)>;

  // `replica` null: every report reads the primary.
  ReportReader(storage::ConnectionPool& primary, storage::ConnectionPool* replica, domain::ReportSourcePolicy policy)
      : primary_(primary), replica_(replica), policy_(policy) {}

  // Runs `body` in one snapshot transaction where the reports read now;
  // UNAVAILABLE (REPLICA_LAGGING or REPLICA_UNAVAILABLE) when that is
  // nowhere, and the transaction's own errors (storage/transaction.h).
  absl::Status Read(absl::Time deadline, std::string_view name, const Body& body);

 private:
  // Logs when reports move between the replica, the primary and refusals.
  void NoteState(int state, absl::string_view what, absl::string_view cause);

  storage::ConnectionPool& primary_;
  storage::ConnectionPool* const replica_;
  const domain::ReportSourcePolicy policy_;
  std::atomic<int> state_{-1};
};

}  // namespace caitiao::services
