"""The steps of the docking, for end-to-end tests: a case made ready for
delegation (both parties consented, assessed eligible), delegated to a room,
and the demo room's mediators. Uses e2e_client (configure it first)."""

import datetime

from e2e_client import OK, call, rid

DEMO_ROOM_ID = "7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4201"  # the Wuhan demo joint docking room

_pb = None


def configure(pb):
    global _pb
    _pb = pb


def must(out, what):
    if out.code != OK:
        raise AssertionError(f"{what}: {out}")
    return out.response


def consent_all(case, who, form=None):
    """Every applicant and respondent consents (written, with evidence)."""
    d = _pb.docking
    records = []
    for side, parties in ((d.PARTY_SIDE_APPLICANT, case.applicants), (d.PARTY_SIDE_RESPONDENT, case.respondents)):
        for position in range(len(parties)):
            records.append(must(call("caitiao.v1.DockingService/RecordConsent", d.RecordConsentRequest(
                case_id=case.id, party=d.PartyRef(side=side, position=position),
                form=form or d.CONSENT_FORM_WRITTEN, evidence_ref=f"同意书-{position}", request_id=rid()), who),
                "RecordConsent"))
    return records


def passed(text="符合"):
    return _pb.docking.Determination(passed=True, explanation=text)


def assess(case_id, who, contests=False, suitable=True, infringement=None):
    """Assesses the case as it is now (reads its etag first)."""
    d = _pb.docking
    etag = must(call("caitiao.v1.CaseService/GetCase", _pb.case_service.GetCaseRequest(id=case_id), who),
                "GetCase").etag
    request = d.AssessEligibilityRequest(
        case_id=case_id, etag=etag, within_arbitration_scope=passed(), acceptance_dispute_type=passed(),
        acceptance_clear_claim=passed(), acceptance_parties=passed(), acceptance_jurisdiction=passed(),
        suitable_for_mediation=d.Determination(passed=suitable, explanation="双方均有调解意愿，争议金额明确"),
        respondent_contests_labor_relationship=contests, request_id=rid())
    if infringement is not None:
        request.infringement_date.year, request.infringement_date.month, request.infringement_date.day = \
            infringement.year, infringement.month, infringement.day
    return call("caitiao.v1.DockingService/AssessEligibility", request, who)


def current_etag(case_id, who):
    return must(call("caitiao.v1.CaseService/GetCase", _pb.case_service.GetCaseRequest(id=case_id), who),
                "GetCase").etag


def delegate_request(case_id, who, room_id=DEMO_ROOM_ID, route=None, etag=None):
    d = _pb.docking
    return d.DelegateCaseRequest(case_id=case_id, etag=etag or current_etag(case_id, who), room_id=room_id,
                                 route=route or d.DELEGATION_ROUTE_BEFORE_FILING, reason="同区调解室",
                                 request_id=rid())


def ready_case(create, who):
    """A new RECEIVED case (from `create()`), consented and assessed eligible."""
    case = create()
    consent_all(case, who)
    must(assess(case.id, who), "AssessEligibility")
    return case


def delegated_case(create, who, room_id=DEMO_ROOM_ID):
    """A new case delegated to the room; returns (case, delegation)."""
    case = ready_case(create, who)
    delegation = must(call("caitiao.v1.DockingService/DelegateCase", delegate_request(case.id, who, room_id), who),
                      "DelegateCase")
    return case, delegation


def demo_mediators(admin, room_id=DEMO_ROOM_ID):
    """The room's mediators who can take a case today (active, certified, in term)."""
    out = must(call("caitiao.v1.DirectoryService/ListMediators", _pb.directory.ListMediatorsRequest(
        room_id=room_id, page_size=100), admin), "ListMediators")
    today = datetime.date.today()

    def day(date):
        return datetime.date(date.year, date.month, date.day)
    return [m for m in out.mediators
            if m.status == _pb.directory.MEDIATOR_STATUS_ACTIVE and day(m.certificate_expiry) >= today
            and day(m.term_start) <= today <= day(m.term_end)]
