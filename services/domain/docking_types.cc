#include "services/domain/docking_types.h"

#include "absl/strings/str_cat.h"

namespace caitiao::domain {

std::string PartyId(PartySide, int position) { return absl::StrCat(position); }

std::string PartyLabel(PartySide side, int position) { return absl::StrCat(PartySideName(side), "/", position); }

Consent AsConsent(const ConsentRecord& r) {
  Consent c;
  c.party_id = PartyId(r.side, r.position);
  c.side = r.side;
  c.given = r.given;
  c.form = r.form;
  c.evidence_ref = r.evidence_ref;
  c.withdrawn = r.withdrawn;
  return c;
}

}  // namespace caitiao::domain
