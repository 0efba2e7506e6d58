#include "services/domain/access_types.h"

namespace caitiao::domain {

Principal PrincipalOf(const std::string& id, const AccessGrant& grant) {
  Principal p;
  p.id = id;
  p.role = grant.role;
  p.scope = grant.scope;
  p.may_unmask = grant.may_unmask;
  return p;
}

}  // namespace caitiao::domain
