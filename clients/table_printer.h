// Plain-text tables whose columns line up in a terminal, Chinese included.
#pragma once

#include <cstddef>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace caitiao::cli {

// Terminal columns `utf8` occupies: East Asian wide and fullwidth characters
// (汉字, 〔〕, fullwidth punctuation) take two, others one.
size_t DisplayWidth(absl::string_view utf8);

class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}

  // Pads amounts on the left so their decimal points line up.
  void AlignRight(size_t column) { right_aligned_.insert(column); }
  // Missing cells print empty; extra cells are dropped.
  void AddRow(std::vector<std::string> cells);
  size_t RowCount() const { return rows_.size(); }
  // Header, then rows; columns two spaces apart, no trailing blanks.
  void Print(std::ostream& out) const;

 private:
  std::vector<size_t> ColumnWidths() const;
  void PrintRow(std::ostream& out, const std::vector<std::string>& cells, const std::vector<size_t>& widths) const;

  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::set<size_t> right_aligned_;
};

}  // namespace caitiao::cli
