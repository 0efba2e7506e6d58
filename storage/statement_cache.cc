#include "storage/statement_cache.h"

#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

namespace caitiao::storage {
namespace {

// The statement name of `sql`, or nullopt once the table is full.
std::optional<std::string> NameOf(const std::string& sql) {
  static absl::Mutex mu;
  static auto* const names = new std::map<std::string, std::string, std::less<>>();
  absl::MutexLock lock(&mu);
  if (auto it = names->find(sql); it != names->end()) return it->second;
  if (names->size() >= static_cast<size_t>(kMaxCachedStatements)) return std::nullopt;
  std::string name = absl::StrCat("dynamic_", names->size());
  names->emplace(sql, name);
  return name;
}

}  // namespace

pqxx::result ExecCachedStatement(pqxx::transaction_base& tx, const std::string& sql,
                                 const std::vector<std::string>& params) {
  const std::optional<std::string> name = NameOf(sql);
  if (!name) return tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params));
  // Registering a name again with the same text is a lookup; libpqxx
  // prepares it on the connection at its first use there.
  tx.conn().prepare(*name, sql);
  return tx.exec_prepared(*name, pqxx::prepare::make_dynamic_params(params));
}

}  // namespace caitiao::storage
