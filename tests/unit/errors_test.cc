#include <gtest/gtest.h>

#include "services/domain/errors.h"

namespace caitiao::domain {
namespace {

TEST(ErrorsTest, NotFoundQuotesTheValueAndNamesTheField) {
  absl::Status plain = NotFound("case with id", "abc", "CASE_NOT_FOUND");
  EXPECT_EQ(plain.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(plain.message(), "no case with id \"abc\"");
  EXPECT_EQ(ReasonOf(plain).value_or(""), "CASE_NOT_FOUND");
  EXPECT_TRUE(FieldsOf(plain).empty());
  absl::Status at = NotFound("token", "x\ny", "TOKEN_NOT_FOUND", "id");
  ASSERT_EQ(FieldsOf(at).size(), 1u);
  EXPECT_EQ(FieldsOf(at)[0].field, "id");
  EXPECT_EQ(FieldsOf(at)[0].description, "no such token");
  EXPECT_EQ(at.message().find('\n'), absl::string_view::npos) << "the value is quoted, not pasted";
}

}  // namespace
}  // namespace caitiao::domain
