"""The steps of the docking, for end-to-end tests: a case made ready for
delegation (both parties consented, assessed eligible), delegated to a room,
and the demo room's mediators. Uses e2e_client (configure it first)."""

import datetime

from e2e_client import OK, call, rid
from people import credit_code, resident_id, today

DEMO_ROOM_ID = "7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4201"  # the Wuhan demo joint docking room

_pb = None


def configure(pb):
    global _pb
    _pb = pb


def must(out, what):
    if out.code != OK:
        raise AssertionError(f"{what}: {out}")
    return out.response


def demo_commissions(admin):
    """The demo's commissions: region code -> commission id."""
    out = must(call("caitiao.v1.DirectoryService/ListCommissions",
                    _pb.directory.ListCommissionsRequest(page_size=100), admin), "ListCommissions")
    return {c.region_code: c.id for c in out.commissions}


def create_case(commission_id, who, workers=1, channel=None):
    """A new wage case of the commission, received yesterday: `workers` worker
    applicants and one employer; returns the case as created."""
    return must(call("caitiao.v1.CaseService/CreateCase", case_request(commission_id, workers), who,
                     channel=channel), "CreateCase")


def case_request(commission_id, workers=1):
    """The CreateCaseRequest of create_case, with a fresh request_id."""
    c = _pb.case.Case(commission_id=commission_id, facts_and_reasons="被申请人拖欠工资。")
    for i in range(workers):
        c.applicants.add(kind=_pb.case.PARTY_KIND_WORKER, name=f"工人{i}", resident_id_number=resident_id(),
                         phone="13900002222")
    c.respondents.add(kind=_pb.case.PARTY_KIND_EMPLOYER, name="武汉某建筑有限公司",
                      unified_social_credit_code=credit_code())
    c.claims.add(dispute_type=_pb.case.DISPUTE_TYPE_REMUNERATION_COMPENSATION, description="支付拖欠工资",
                 amount_fen=500000)
    c.application_date.CopyFrom(day(today() - datetime.timedelta(days=1)))
    return _pb.case_service.CreateCaseRequest(case=c, route_stage=_pb.case.ROUTE_STAGE_RECEIVED, request_id=rid())


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
    etag = must(call("caitiao.v1.CaseService/GetCase", _pb.case_service.GetCaseRequest(id=case_id), who),
                "GetCase").etag
    return call("caitiao.v1.DockingService/AssessEligibility",
                assess_request(case_id, etag, contests, suitable, infringement), who)


def assess_request(case_id, etag, contests=False, suitable=True, infringement=None):
    """The AssessEligibilityRequest of assess: every criterion met unless told otherwise."""
    d = _pb.docking
    request = d.AssessEligibilityRequest(
        case_id=case_id, etag=etag, within_arbitration_scope=passed(), acceptance_dispute_type=passed(),
        acceptance_clear_claim=passed(), acceptance_parties=passed(), acceptance_jurisdiction=passed(),
        suitable_for_mediation=d.Determination(passed=suitable, explanation="双方均有调解意愿，争议金额明确"),
        respondent_contests_labor_relationship=contests, request_id=rid())
    if infringement is not None:
        request.infringement_date.year, request.infringement_date.month, request.infringement_date.day = \
            infringement.year, infringement.month, infringement.day
    return request


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


# ---------------------------------------------------------------------------
# Mediation (MediationService): a case in the room, its agreement, its end.

def mediating_case(create, staff, room_who, room_id=DEMO_ROOM_ID, mediator_id=None, admin=None):
    """A new case delegated to the room and accepted by it (IN_MEDIATION); returns the case as read."""
    d = _pb.docking
    case, delegation = delegated_case(create, staff, room_id)
    if mediator_id is None:
        mediator_id = demo_mediators(admin or staff, room_id)[0].id
    must(call("caitiao.v1.RoomService/AcceptDelegation", d.AcceptDelegationRequest(
        case_id=case.id, etag=delegation.case_etag, mediator_id=mediator_id, request_id=rid()), room_who),
        "AcceptDelegation")
    return must(call("caitiao.v1.CaseService/GetCase", _pb.case_service.GetCaseRequest(id=case.id), staff), "GetCase")


def day(d):
    return _pb.common.Date(year=d.year, month=d.month, day=d.day)


def money(amount_fen, due, obligor=("RESPONDENT", 0), obligee=("APPLICANT", 0), description="支付工资"):
    """An obligation to pay, from the respondent to the applicant by default."""
    d, m = _pb.docking, _pb.mediation
    return m.Obligation(obligor=d.PartyRef(side=d.PartySide.Value(f"PARTY_SIDE_{obligor[0]}"), position=obligor[1]),
                        obligee=d.PartyRef(side=d.PartySide.Value(f"PARTY_SIDE_{obligee[0]}"), position=obligee[1]),
                        kind=m.OBLIGATION_KIND_MONEY, amount_fen=amount_fen, description=description,
                        due_date=day(due))


def act(description, due, obligor=("RESPONDENT", 0), obligee=("APPLICANT", 0)):
    d, m = _pb.docking, _pb.mediation
    return m.Obligation(obligor=d.PartyRef(side=d.PartySide.Value(f"PARTY_SIDE_{obligor[0]}"), position=obligor[1]),
                        obligee=d.PartyRef(side=d.PartySide.Value(f"PARTY_SIDE_{obligee[0]}"), position=obligee[1]),
                        kind=m.OBLIGATION_KIND_ACT, description=description, due_date=day(due))


def draft(case_id, who, obligations, staff=None, terms="双方自愿达成如下协议。"):
    """Drafts an agreement on the case as it is now."""
    m = _pb.mediation
    return call("caitiao.v1.MediationService/DraftAgreement", m.DraftAgreementRequest(
        case_id=case_id, etag=current_etag(case_id, staff or who), terms=terms, obligations=obligations,
        request_id=rid()), who)


def sign(case_id, agreement_id, item, who, staff=None, form=None):
    m = _pb.mediation
    return call("caitiao.v1.MediationService/RecordSignature", m.RecordSignatureRequest(
        case_id=case_id, etag=current_etag(case_id, staff or who), agreement_id=agreement_id, item=item,
        form=form or m.SIGNATURE_FORM_SIGNATURE, evidence_ref=f"原件-{item}", request_id=rid()), who)


def sign_all(case_id, agreement, who, staff=None):
    """Records every missing checklist item; returns the last answer."""
    out = None
    for item in list(agreement.missing_signatures):
        out = must(sign(case_id, agreement.id, item, who, staff), f"RecordSignature {item}")
    return out


def effective_case(create, staff, room_who, obligations, admin=None, room_id=DEMO_ROOM_ID):
    """A new case whose agreement (with `obligations`) is signed by all; returns (case id, agreement)."""
    case = mediating_case(create, staff, room_who, room_id, admin=admin)
    agreement = must(draft(case.id, room_who, obligations, staff), "DraftAgreement")
    return case.id, sign_all(case.id, agreement, room_who, staff)


def perform(case_id, agreement_id, obligation, who, amount_fen=0, act_done=False, staff=None, evidence="转账流水"):
    m = _pb.mediation
    return call("caitiao.v1.MediationService/RecordPerformance", m.RecordPerformanceRequest(
        case_id=case_id, etag=current_etag(case_id, staff or who), agreement_id=agreement_id,
        obligation=obligation, amount_fen=amount_fen, act_done=act_done, evidence_ref=evidence,
        request_id=rid()), who)
