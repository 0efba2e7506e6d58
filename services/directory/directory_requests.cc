#include "services/directory/directory_requests.h"

#include "absl/strings/str_cat.h"
#include "google/protobuf/field_mask.pb.h"
#include "services/directory/room_proto.h"
#include "services/domain/case_number.h"
#include "services/domain/errors.h"
#include "services/domain/room_rules.h"
#include "services/domain/status_macros.h"
#include "storage/sql_values.h"

namespace caitiao::services {
namespace {

namespace v1 = caitiao::v1;
using google::protobuf::FieldMask;

constexpr char kRegionsList[] = "regions";
constexpr char kCommissionsList[] = "commissions";
constexpr char kRoomsList[] = "rooms";
constexpr char kMediatorsList[] = "mediators";

// A region code given as a filter: empty, or valid.
absl::Status CheckFilterCode(const std::string& code, const char* field) {
  if (code.empty()) return absl::OkStatus();
  if (auto problem = domain::RegionCodeProblem(code)) return domain::InvalidField(field, *problem);
  return absl::OkStatus();
}

// Translation problems (dates) of the fields an update names; the others are
// not being changed.
domain::FieldViolations OfMaskedFields(const domain::FieldViolations& all, const std::string& prefix,
                                       const FieldMask& mask) {
  domain::FieldViolations kept;
  for (const auto& v : all.items()) {
    for (const auto& path : mask.paths()) {
      if (v.field == absl::StrCat(prefix, ".", path)) kept.Add(v.field, v.description);
    }
  }
  return kept;
}

// The translation problems together with the field violations of `check`
// (a field is reported once), as one status.
absl::Status AllProblems(domain::FieldViolations problems, const absl::Status& check) {
  if (!check.ok() && domain::FieldsOf(check).empty()) return check;
  domain::FieldViolations rules;
  for (const auto& v : domain::FieldsOf(check)) rules.Add(v.field, v.description);
  problems.AddUnreported(rules);
  return problems.ToStatus();
}

template <typename Field, typename FromPath>
absl::StatusOr<std::set<Field>> FieldsOf(const FieldMask& mask, FromPath from_path) {
  std::set<Field> fields;
  for (const auto& path : mask.paths()) {
    CAITIAO_ASSIGN_OR_RETURN(Field f, from_path(path));
    fields.insert(f);
  }
  return fields;
}

absl::Status RequireId(const std::string& id) {
  if (id.empty()) return domain::InvalidField("id", "is required");
  return absl::OkStatus();
}

}  // namespace

absl::Status CheckNewRegion(const domain::Region& region) {
  domain::FieldViolations problems;
  problems.Merge("region", domain::ValidateRegion(region));
  return problems.ToStatus();
}

absl::Status CheckNewCommission(const domain::Commission& commission) {
  domain::FieldViolations problems;
  problems.Merge("commission", domain::ValidateCommission(commission));
  return problems.ToStatus();
}

absl::Status CheckValidRoom(const domain::MediationRoom& room) {
  domain::FieldViolations problems;
  problems.Merge("room", domain::ValidateRoom(room));
  return problems.ToStatus();
}

absl::Status CheckValidMediator(const domain::Mediator& m) {
  domain::FieldViolations problems;
  problems.Merge("mediator", domain::ValidateMediator(m));
  return problems.ToStatus();
}

domain::Mediator WithDefaultStatus(domain::Mediator m) {
  if (m.status == domain::MediatorStatus::kUnspecified) m.status = domain::MediatorStatus::kActive;
  return m;
}

absl::Status CheckNewRoom(const domain::MediationRoom& room) { return CheckValidRoom(room); }

absl::Status CheckRoomUpdate(const std::set<domain::RoomField>& fields) {
  if (fields.empty()) return domain::InvalidField("update_mask", "name at least one field to update");
  return absl::OkStatus();
}

absl::Status CheckNewMediator(const domain::Mediator& mediator) { return CheckValidMediator(WithDefaultStatus(mediator)); }

absl::Status CheckMediatorUpdate(const std::set<domain::MediatorField>& fields) {
  if (fields.empty()) return domain::InvalidField("update_mask", "name at least one field to update");
  return absl::OkStatus();
}

// ---- Regions and commissions

absl::StatusOr<domain::Region> ReadCreateRegionRequest(const v1::CreateRegionRequest& req) {
  const auto& r = req.region();
  const domain::Region region{r.code(), r.name(), static_cast<domain::RegionLevel>(r.level()), r.parent_code(), {}};
  CAITIAO_RETURN_IF_ERROR(CheckNewRegion(region));
  return region;
}

absl::StatusOr<RegionListRequest> ReadListRegionsRequest(const v1::ListRegionsRequest& req) {
  CAITIAO_RETURN_IF_ERROR(CheckFilterCode(req.parent_code(), "parent_code"));
  RegionListRequest r;
  r.level = static_cast<domain::RegionLevel>(req.level());
  if (req.level() < 0 || req.level() > static_cast<int>(domain::RegionLevel::kCounty)) {
    return domain::InvalidField("level", "must be PROVINCE, CITY or COUNTY (or unset for all)");
  }
  CAITIAO_ASSIGN_OR_RETURN(r.page.page_size, EffectivePageSize(req.page_size()));
  r.page.fingerprint = FilterFingerprint(absl::StrCat(req.parent_code(), "|", static_cast<int>(r.level)));
  CAITIAO_ASSIGN_OR_RETURN(r.page.token, DecodePageToken(req.page_token(), kRegionsList, r.page.fingerprint));
  return r;
}

absl::StatusOr<domain::Commission> ReadCreateCommissionRequest(const v1::CreateCommissionRequest& req) {
  const auto& c = req.commission();
  const domain::Commission commission{"", c.region_code(), c.name(), c.case_number_template(), {}};
  CAITIAO_RETURN_IF_ERROR(CheckNewCommission(commission));
  return commission;
}

absl::Status ReadGetCommissionRequest(const v1::GetCommissionRequest& req) { return RequireId(req.id()); }

absl::StatusOr<RegionFilteredPage> ReadListCommissionsRequest(const v1::ListCommissionsRequest& req) {
  CAITIAO_RETURN_IF_ERROR(CheckFilterCode(req.region_code(), "region_code"));
  RegionFilteredPage r;
  CAITIAO_ASSIGN_OR_RETURN(r.page.page_size, EffectivePageSize(req.page_size()));
  r.page.fingerprint = FilterFingerprint(req.region_code());
  CAITIAO_ASSIGN_OR_RETURN(r.page.token, DecodePageToken(req.page_token(), kCommissionsList, r.page.fingerprint));
  if (r.page.token && domain::RegionCodeProblem(absl::StrCat(r.page.token->last_number()))) return InvalidPageToken();
  if (!req.region_code().empty()) r.subtree = domain::SubtreeRange(req.region_code());
  return r;
}

// ---- Rooms

absl::StatusOr<domain::MediationRoom> ReadCreateRoomRequest(const v1::CreateRoomRequest& req) {
  domain::FieldViolations problems;
  domain::MediationRoom room = RoomFromProto(req.room(), "room", &problems);
  CAITIAO_RETURN_IF_ERROR(AllProblems(problems, CheckNewRoom(room)));
  return room;
}

absl::StatusOr<RoomUpdateRequest> ReadUpdateRoomRequest(const v1::UpdateRoomRequest& req) {
  RoomUpdateRequest r;
  CAITIAO_ASSIGN_OR_RETURN(r.fields, FieldsOf<domain::RoomField>(req.update_mask(), domain::RoomFieldFromPath));
  CAITIAO_RETURN_IF_ERROR(CheckRoomUpdate(r.fields));
  domain::FieldViolations problems;
  r.patch = RoomFromProto(req.room(), "room", &problems);
  CAITIAO_RETURN_IF_ERROR(OfMaskedFields(problems, "room", req.update_mask()).ToStatus());
  return r;
}

absl::Status ReadDeactivateRoomRequest(const v1::DeactivateRoomRequest& req) {
  domain::FieldViolations problems;
  if (req.id().empty()) problems.Add("id", "is required");
  if (req.etag().empty()) problems.Add("etag", "is required: send the etag of the room as you last read it");
  return problems.ToStatus();
}

absl::Status ReadGetRoomRequest(const v1::GetRoomRequest& req) { return RequireId(req.id()); }

absl::StatusOr<RegionFilteredPage> ReadListRoomsRequest(const v1::ListRoomsRequest& req) {
  RegionFilteredPage r;
  if (!req.region_code().empty()) {
    if (auto problem = domain::RegionCodeProblem(req.region_code())) {
      return domain::InvalidField("region_code", *problem);
    }
    r.subtree = domain::SubtreeRange(req.region_code());
  }
  CAITIAO_ASSIGN_OR_RETURN(r.page.page_size, EffectivePageSize(req.page_size()));
  r.page.fingerprint = FilterFingerprint(
      absl::StrCat(req.region_code(), "|", req.commission_id(), "|", req.active_only() ? "active" : "all"));
  CAITIAO_ASSIGN_OR_RETURN(r.page.token, DecodePageToken(req.page_token(), kRoomsList, r.page.fingerprint));
  if (r.page.token && domain::RegionCodeProblem(absl::StrCat(r.page.token->last_number()))) return InvalidPageToken();
  return r;
}

// ---- Mediators

absl::StatusOr<domain::Mediator> ReadCreateMediatorRequest(const v1::CreateMediatorRequest& req) {
  domain::FieldViolations problems;
  domain::Mediator mediator = MediatorFromProto(req.mediator(), "mediator", &problems);
  CAITIAO_RETURN_IF_ERROR(AllProblems(problems, CheckNewMediator(mediator)));
  return mediator;
}

absl::StatusOr<MediatorUpdateRequest> ReadUpdateMediatorRequest(const v1::UpdateMediatorRequest& req) {
  MediatorUpdateRequest r;
  CAITIAO_ASSIGN_OR_RETURN(r.fields,
                           FieldsOf<domain::MediatorField>(req.update_mask(), domain::MediatorFieldFromPath));
  CAITIAO_RETURN_IF_ERROR(CheckMediatorUpdate(r.fields));
  domain::FieldViolations problems;
  r.patch = MediatorFromProto(req.mediator(), "mediator", &problems);
  CAITIAO_RETURN_IF_ERROR(OfMaskedFields(problems, "mediator", req.update_mask()).ToStatus());
  return r;
}

absl::Status ReadGetMediatorRequest(const v1::GetMediatorRequest& req) { return RequireId(req.id()); }

absl::StatusOr<MediatorListRequest> ReadListMediatorsRequest(const v1::ListMediatorsRequest& req) {
  if (req.status() < 0 || req.status() > static_cast<int>(domain::MediatorStatus::kSuspended)) {
    return domain::InvalidField("status", "must be ACTIVE or SUSPENDED (or unset for all)");
  }
  MediatorListRequest r;
  r.status = static_cast<domain::MediatorStatus>(req.status());
  CAITIAO_ASSIGN_OR_RETURN(r.page.page_size, EffectivePageSize(req.page_size()));
  r.page.fingerprint = FilterFingerprint(absl::StrCat(req.room_id(), "|", req.status()));
  CAITIAO_ASSIGN_OR_RETURN(r.page.token, DecodePageToken(req.page_token(), kMediatorsList, r.page.fingerprint));
  if (r.page.token && !storage::LooksLikeUuid(r.page.token->last_id())) return InvalidPageToken();
  return r;
}

}  // namespace caitiao::services
