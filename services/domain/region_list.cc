#include "services/domain/region_list.h"

#include <map>
#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/domain/errors.h"
#include "services/domain/reasons.h"
#include "services/domain/region_rules.h"

namespace caitiao::domain {
namespace {

constexpr char kHeader[] = "code,name,level,parent_code";
constexpr absl::string_view kBom = "\xEF\xBB\xBF";

absl::Status LineProblem(int line, absl::string_view what) {
  return WithReason(absl::InvalidArgumentError(absl::StrCat("line ", line, ": ", what)),
                    reasons::kRegionListInvalid);
}

// Splits one CSV line into fields; nullopt if a quote is left open or text
// follows a closing quote.
std::optional<std::vector<std::string>> SplitCsvLine(absl::string_view line) {
  std::vector<std::string> fields(1);
  size_t i = 0;
  bool at_field_start = true;
  while (i < line.size()) {
    char c = line[i];
    if (at_field_start && c == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            fields.back() += '"';
            i += 2;
            continue;
          }
          closed = true;
          ++i;
          break;
        }
        fields.back() += line[i++];
      }
      if (!closed) return std::nullopt;
      if (i < line.size() && line[i] != ',') return std::nullopt;
      at_field_start = false;
      continue;
    }
    if (c == ',') {
      fields.emplace_back();
      at_field_start = true;
    } else {
      fields.back() += c;
      at_field_start = false;
    }
    ++i;
  }
  return fields;
}

std::optional<RegionLevel> LevelFromListName(absl::string_view name) {
  return RegionLevelFromName(absl::AsciiStrToUpper(name));
}

}  // namespace

absl::StatusOr<std::vector<RegionListEntry>> ParseRegionList(std::string_view whole) {
  absl::string_view text(whole.data(), whole.size());
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  std::vector<RegionListEntry> out;
  std::map<std::string, size_t> index;  // code -> position in out
  int line_no = 0;
  bool header_seen = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == absl::string_view::npos) end = text.size();
    absl::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    if (!header_seen) {
      if (line != absl::string_view(kHeader)) return LineProblem(line_no, absl::StrCat("the header must be \"", kHeader, "\""));
      header_seen = true;
      continue;
    }
    auto fields = SplitCsvLine(line);
    if (!fields) return LineProblem(line_no, "a quoted field is not closed properly");
    if (fields->size() != 4) {
      return LineProblem(line_no, absl::StrCat("has ", fields->size(), " fields; expected 4 (", kHeader, ")"));
    }
    if (out.size() >= kMaxRegionListEntries) {
      return LineProblem(line_no, absl::StrCat("a list holds at most ", kMaxRegionListEntries, " regions"));
    }
    RegionListEntry entry;
    entry.line = line_no;
    entry.region.code = (*fields)[0];
    entry.region.name = (*fields)[1];
    entry.region.parent_code = (*fields)[3];
    auto level = LevelFromListName((*fields)[2]);
    if (!level || *level == RegionLevel::kUnspecified) {
      return LineProblem(line_no, absl::StrCat("level must be province, city or county"));
    }
    entry.region.level = *level;
    FieldViolations v = ValidateRegion(entry.region);
    if (!v.empty()) {
      std::vector<std::string> parts;
      for (const auto& item : v.items()) parts.push_back(absl::StrCat(item.field, " ", item.description));
      return LineProblem(line_no, absl::StrJoin(parts, "; "));
    }
    if (auto seen = index.find(entry.region.code); seen != index.end()) {
      return LineProblem(line_no, absl::StrCat("code ", entry.region.code, " is already on line ",
                                               out[seen->second].line));
    }
    index.emplace(entry.region.code, out.size());
    out.push_back(std::move(entry));
  }
  if (!header_seen) return LineProblem(1, absl::StrCat("the list is empty; it starts with \"", kHeader, "\""));
  if (out.empty()) return LineProblem(line_no, "the list has a header and no regions");
  return out;
}

absl::StatusOr<RegionLoadPlan> PlanRegionLoad(const std::vector<Region>& existing,
                                              const std::vector<RegionListEntry>& list) {
  std::map<std::string_view, const Region*> stored;
  for (const auto& r : existing) stored.emplace(r.code, &r);
  std::map<std::string_view, const Region*> listed;
  for (const auto& e : list) listed.emplace(e.region.code, &e.region);
  RegionLoadPlan plan;
  for (const auto& e : list) {
    const Region& r = e.region;
    if (!r.parent_code.empty() && !listed.contains(r.parent_code) && !stored.contains(r.parent_code)) {
      return LineProblem(e.line, absl::StrCat("parent_code ", r.parent_code,
                                              " is neither in the list nor in the directory"));
    }
    auto found = stored.find(r.code);
    if (found == stored.end()) {
      plan.added.push_back(r);
    } else if (found->second->parent_code != r.parent_code || found->second->level != r.level) {
      plan.moved.push_back(r);
    } else if (found->second->name != r.name) {
      plan.renamed.push_back(r);
    } else {
      ++plan.unchanged;
    }
  }
  for (const auto& r : existing) {
    if (!listed.contains(r.code)) ++plan.absent;
  }
  return plan;
}

}  // namespace caitiao::domain
