#!/usr/bin/env node
// An independent client in another language: Node.js's @grpc/grpc-js, with
// the project's .proto files loaded at run time by @grpc/proto-loader. It
// walks one case through the docking as the Python tests do (intake ->
// consent of every party -> eligibility assessment -> delegation to the
// Wuhan demo room -> acceptance by the room with a mediator), reading the
// case with GetCase after each step, and decodes a refusal's ErrorDetail
// from grpc-status-details-bin (google.rpc.Status -> Any -> ErrorDetail).
// Field names are kept as in the .proto files (keepCase), enums as names.
//
//   NODE_PATH=NODE_DIR/node_modules node node_client_test.js \
//     --server=127.0.0.1:PORT --proto_dir=proto --token_dir=DATA_DIR
//
// Run by node_client_test.sh, which starts caitiaod --demo; DATA_DIR is its
// --data_dir (admin.token and demo-tokens/).
'use strict';

const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const DEMO_ROOM_ID = '7c1e0c52-5f0e-4a57-9d0b-3a8a0d2f4201';  // the Wuhan demo joint docking room
const RPC_TIMEOUT_MS = 30000;

function flags() {
  const out = {};
  for (const arg of process.argv.slice(2)) {
    const m = /^--([a-z_]+)=(.*)$/.exec(arg);
    if (!m) throw new Error(`unknown argument ${arg}`);
    out[m[1]] = m[2];
  }
  for (const name of ['server', 'proto_dir', 'token_dir']) {
    if (!out[name]) throw new Error(`--${name} is required`);
  }
  return out;
}

const args = flags();
const token = (file) => fs.readFileSync(path.join(args.token_dir, file), 'utf8').trim();
const ADMIN = token('admin.token');
const STAFF = token('demo-tokens/arbitration_staff.token');  // the Wuhan commission
const ROOM = token('demo-tokens/room_staff.token');          // the Wuhan demo room

// --- The API, from the .proto files.
const v1Dir = path.join(args.proto_dir, 'caitiao', 'v1');
const files = fs.readdirSync(v1Dir).filter((f) => f.endsWith('.proto')).sort()
  .map((f) => path.join('caitiao', 'v1', f));
assert.ok(files.length > 0, `no .proto files in ${v1Dir}`);
const definition = protoLoader.loadSync(files, {
  keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [args.proto_dir],
});
const api = grpc.loadPackageDefinition(definition).caitiao.v1;
const credentials = grpc.credentials.createInsecure();
const cases = new api.CaseService(args.server, credentials);
const docking = new api.DockingService(args.server, credentials);
const rooms = new api.RoomService(args.server, credentials);
const directory = new api.DirectoryService(args.server, credentials);

// The messages of the error trailer, with protobufjs (proto-loader's parser).
const root = new protobuf.Root();
root.resolvePath = (origin, target) => (target.startsWith('google/protobuf/') ? target
  : path.join(args.proto_dir, target));
root.loadSync('caitiao/v1/common.proto', {keepCase: true});
const RpcStatus = root.lookupType('caitiao.v1.RpcStatus');  // wire-compatible with google.rpc.Status
const ErrorDetail = root.lookupType('caitiao.v1.ErrorDetail');

// One unary call with `authorization: Bearer <token>`; resolves to the
// response, rejects with the grpc-js error (code, details, metadata).
function call(client, method, request, bearer) {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${bearer}`);
  return new Promise((resolve, reject) => {
    client[method](request, metadata, {deadline: Date.now() + RPC_TIMEOUT_MS},
      (err, response) => (err ? reject(err) : resolve(response)));
  });
}

// The ErrorDetail inside the error's grpc-status-details-bin trailer.
function errorDetail(err) {
  const raw = err.metadata.get('grpc-status-details-bin');
  assert.equal(raw.length, 1, 'one grpc-status-details-bin trailer');
  const status = RpcStatus.decode(raw[0]);
  assert.equal(status.code, err.code, 'google.rpc.Status.code is the call\'s status');
  assert.equal(status.message, err.details, 'google.rpc.Status.message is the call\'s message');
  const any = status.details.find((d) => d.type_url.split('/').pop() === 'caitiao.v1.ErrorDetail');
  assert.ok(any, `no caitiao.v1.ErrorDetail in ${status.details.map((d) => d.type_url)}`);
  return ErrorDetail.toObject(ErrorDetail.decode(any.value), {defaults: true, arrays: true});
}

// --- Made-up but valid parties (see people.py).
const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function residentId() {  // GB 11643: Jiang'an district, born 1960..1999
  const birth = new Date(Date.UTC(1960 + crypto.randomInt(40), crypto.randomInt(12), 1 + crypto.randomInt(28)));
  const first17 = `420102${birth.toISOString().slice(0, 10).replaceAll('-', '')}` +
    String(crypto.randomInt(1000)).padStart(3, '0');
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * RESIDENT_WEIGHTS[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

function creditCode() {  // GB 32100: a company registered in Wuhan
  let first17 = '91420100';
  while (first17.length < 17) first17 += CREDIT_ALPHABET[crypto.randomInt(CREDIT_ALPHABET.length)];
  const sum = [...first17].reduce((s, c, i) => s + CREDIT_ALPHABET.indexOf(c) * CREDIT_WEIGHTS[i], 0);
  return first17 + CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

function chinaDay(offsetDays = 0) {  // a day in China (UTC+8) as caitiao.v1.Date
  const d = new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86400 * 1000);
  return {year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate()};
}

const dayValue = (d) => d.year * 10000 + d.month * 100 + d.day;

function caseRequest(commissionId) {
  return {
    case: {
      commission_id: commissionId,
      facts_and_reasons: '被申请人拖欠工资两个月。',
      applicants: [{kind: 'PARTY_KIND_WORKER', name: '赵某', resident_id_number: residentId(), phone: '13900001111'}],
      respondents: [{kind: 'PARTY_KIND_EMPLOYER', name: '武汉某科技有限公司', unified_social_credit_code: creditCode()}],
      claims: [{dispute_type: 'DISPUTE_TYPE_REMUNERATION_COMPENSATION', description: '支付拖欠工资',
        amount_fen: '500000'}],
      application_date: chinaDay(-1),
    },
    route_stage: 'ROUTE_STAGE_RECEIVED',
    request_id: crypto.randomUUID(),
  };
}

function step(text) {
  console.log(`node client: ${text}`);
}

async function getCase(id, bearer = STAFF) {
  return call(cases, 'GetCase', {id}, bearer);
}

async function main() {
  // The demo directory: the Wuhan commission and the demo room's mediators.
  const listed = await call(directory, 'ListCommissions', {region_code: '420100', page_size: 100}, ADMIN);
  const wuhan = listed.commissions.find((c) => c.region_code === '420100');
  assert.ok(wuhan, 'the demo directory has a Wuhan commission');
  step(`demo directory read: Wuhan commission ${wuhan.id}`);

  // A bad request: no commission. INVALID_ARGUMENT with the reason and the
  // field in the ErrorDetail, and nothing stored.
  const bad = caseRequest('');
  await assert.rejects(call(cases, 'CreateCase', bad, STAFF), (err) => {
    assert.equal(err.code, grpc.status.INVALID_ARGUMENT, `${err.code}: ${err.details}`);
    const detail = errorDetail(err);
    assert.equal(detail.reason, 'FIELD_INVALID');
    assert.deepEqual(detail.field_violations.map((v) => v.field), ['case.commission_id']);
    assert.ok(detail.field_violations[0].description.length > 0, 'the violation says what is wrong');
    assert.match(detail.request_id, /\S/, 'the ErrorDetail has a request id');
    assert.deepEqual(err.metadata.get('x-request-id'), [detail.request_id], 'the same one as x-request-id');
    return true;
  });
  const none = await call(cases, 'ListCases', {filter: `commission_id = "${wuhan.id}"`, page_size: 100}, STAFF);
  assert.equal(none.cases.length, 0, 'a refused request stores no case');
  step('CreateCase without a commission: INVALID_ARGUMENT (FIELD_INVALID) at case.commission_id');

  // Intake.
  const created = await call(cases, 'CreateCase', caseRequest(wuhan.id), STAFF);
  assert.equal(created.state, 'CASE_STATE_RECEIVED');
  assert.equal(created.etag, 'v1');
  assert.match(created.case_number, /^鄂武劳人仲案字〔\d{4}〕第\d+号$/);
  assert.ok(created.personal_data_masked, 'personal data masked in the answer');
  let c = await getCase(created.id);
  assert.equal(c.id, created.id);
  assert.equal(c.state, 'CASE_STATE_RECEIVED');
  assert.equal(c.etag, 'v1');
  assert.equal(c.region_code, '420100');
  assert.match(c.applicants[0].resident_id_number, /^420102\*{8}[0-9]{3}[0-9X]$/, 'identity number masked');
  step(`CreateCase: ${c.case_number} ${c.id}, RECEIVED, ${c.etag}`);

  // Every party consents; each consent is a change of the case.
  const parties = [['PARTY_SIDE_APPLICANT', c.applicants], ['PARTY_SIDE_RESPONDENT', c.respondents]];
  let consents = 0;
  for (const [side, list] of parties) {
    for (let position = 0; position < list.length; position++) {
      const consent = await call(docking, 'RecordConsent', {
        case_id: c.id, party: {side, position}, form: 'CONSENT_FORM_WRITTEN',
        evidence_ref: `同意书-${position}`, request_id: crypto.randomUUID(),
      }, STAFF);
      assert.equal(consent.case_id, c.id);
      assert.deepEqual(consent.party, {side, position});
      consents++;
      c = await getCase(c.id);
      assert.equal(c.state, 'CASE_STATE_RECEIVED');
      assert.equal(c.etag, `v${1 + consents}`);
      step(`RecordConsent ${side} ${position}: RECEIVED, ${c.etag}`);
    }
  }

  // The eligibility assessment, on the case as read.
  const passed = {passed: true, explanation: '符合'};
  const assessment = await call(docking, 'AssessEligibility', {
    case_id: c.id, etag: c.etag, within_arbitration_scope: passed, acceptance_dispute_type: passed,
    acceptance_clear_claim: passed, acceptance_parties: passed, acceptance_jurisdiction: passed,
    suitable_for_mediation: {passed: true, explanation: '双方均有调解意愿，争议金额明确'},
    respondent_contests_labor_relationship: false, request_id: crypto.randomUUID(),
  }, STAFF);
  assert.equal(assessment.eligible, true, JSON.stringify(assessment.criteria));
  assert.deepEqual(assessment.criteria.map((k) => k.code), [
    'WITHIN_ARBITRATION_SCOPE', 'ACCEPTANCE_DISPUTE_TYPE', 'ACCEPTANCE_CLEAR_CLAIM', 'ACCEPTANCE_PARTIES',
    'ACCEPTANCE_JURISDICTION', 'SUITABLE_FOR_MEDIATION', 'BOTH_PARTIES_CONSENT',
    'NOT_LABOR_RELATIONSHIP_CONFIRMATION']);
  assert.ok(assessment.criteria.every((k) => k.passed));
  assert.equal(assessment.case_etag, c.etag);
  c = await getCase(c.id);
  assert.equal(c.state, 'CASE_STATE_RECEIVED');
  assert.equal(c.etag, assessment.case_etag, 'an assessment does not change the case');
  step(`AssessEligibility: eligible, ${assessment.criteria.length} criteria passed; RECEIVED, ${c.etag}`);

  // Delegation to the demo room, which the server proposes first.
  const proposed = await call(docking, 'ProposeRooms', {case_id: c.id}, STAFF);
  assert.equal(proposed.proposals[0].room_id, DEMO_ROOM_ID);
  const delegation = await call(docking, 'DelegateCase', {
    case_id: c.id, etag: c.etag, room_id: DEMO_ROOM_ID, route: 'DELEGATION_ROUTE_BEFORE_FILING',
    reason: '同区调解室', request_id: crypto.randomUUID(),
  }, STAFF);
  assert.equal(delegation.status, 'DELEGATION_STATUS_PENDING');
  assert.equal(delegation.room_id, DEMO_ROOM_ID);
  assert.match(delegation.letter_number, /^鄂武劳人仲委调字〔\d{4}〕第\d+号$/);
  assert.ok(dayValue(delegation.acceptance_due.due) > dayValue(chinaDay()), 'the room has days to accept');
  c = await getCase(c.id);
  assert.equal(c.state, 'CASE_STATE_DELEGATED');
  assert.equal(c.delegated_room_id, DEMO_ROOM_ID);
  assert.equal(c.etag, delegation.case_etag);
  step(`DelegateCase: letter ${delegation.letter_number}; DELEGATED, ${c.etag}`);

  // The room accepts with one of its mediators who may take a case today.
  const today = dayValue(chinaDay());
  const mediators = (await call(directory, 'ListMediators', {room_id: DEMO_ROOM_ID, page_size: 100}, ADMIN))
    .mediators.filter((m) => m.status === 'MEDIATOR_STATUS_ACTIVE' && dayValue(m.certificate_expiry) >= today &&
      dayValue(m.term_start) <= today && today <= dayValue(m.term_end));
  assert.ok(mediators.length > 0, 'the demo room has a mediator in term');
  const queue = await call(rooms, 'ListRoomQueue', {page_size: 1000}, ROOM);
  assert.equal(queue.entries.filter((e) => e.case.id === c.id).length, 1, 'the case is in the room\'s queue');
  const accepted = await call(rooms, 'AcceptDelegation', {
    case_id: c.id, etag: c.etag, mediator_id: mediators[0].id, request_id: crypto.randomUUID(),
  }, ROOM);
  assert.equal(accepted.status, 'DELEGATION_STATUS_ACCEPTED');
  assert.equal(accepted.mediator_id, mediators[0].id);
  assert.equal(accepted.mediation_due.kind, 'CALENDAR_DAYS');
  c = await getCase(c.id);
  assert.equal(c.state, 'CASE_STATE_IN_MEDIATION');
  assert.equal(c.etag, accepted.case_etag);
  const asRoom = await getCase(c.id, ROOM);
  assert.equal(asRoom.state, 'CASE_STATE_IN_MEDIATION', 'the room reads the case too');
  step(`AcceptDelegation: mediator ${mediators[0].id}; IN_MEDIATION, ${c.etag}`);

  const history = await call(cases, 'ListCaseEvents', {case_id: c.id, page_size: 100}, ADMIN);
  assert.deepEqual(history.events.map((e) => e.kind), ['CASE_CREATED', 'CONSENT_RECORDED', 'CONSENT_RECORDED',
    'ELIGIBILITY_ASSESSED', 'CASE_DELEGATED', 'CASE_DELEGATION_ACCEPTED']);
  step(`ListCaseEvents: ${history.events.length} events, in order`);
}

main().then(() => {
  for (const client of [cases, docking, rooms, directory]) client.close();
  console.log('node client: all checks passed');
}, (err) => {
  console.error(`node client: FAIL: ${err.stack || err}`);
  process.exit(1);
});
