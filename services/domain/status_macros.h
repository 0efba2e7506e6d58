// Early-return helpers for absl::Status / absl::StatusOr. Debian's Abseil
// 20220623 has no ABSL_RETURN_IF_ERROR, so the project carries its own.
#pragma once

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define CAITIAO_CONCAT_INNER_(a, b) a##b
#define CAITIAO_CONCAT_(a, b) CAITIAO_CONCAT_INNER_(a, b)

// Returns the status from the enclosing function if `expr` is not OK.
#define CAITIAO_RETURN_IF_ERROR(expr)                  \
  do {                                                 \
    ::absl::Status caitiao_status_ = (expr);           \
    if (!caitiao_status_.ok()) return caitiao_status_; \
  } while (0)

// `lhs = value of expr`, or returns its error status.
#define CAITIAO_ASSIGN_OR_RETURN(lhs, expr) \
  CAITIAO_ASSIGN_OR_RETURN_IMPL_(CAITIAO_CONCAT_(caitiao_or_, __LINE__), lhs, expr)
#define CAITIAO_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                   \
  if (!tmp.ok()) return std::move(tmp).status();       \
  lhs = std::move(tmp).value()
