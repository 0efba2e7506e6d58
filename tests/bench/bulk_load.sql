-- Bulk-loads past cases straight into the tables until there are :target
-- cases in all (psql -v target=N -f bulk_load.sql). Used by run_bench.sh to
-- measure reads at 10^4, 10^5 and 10^6 cases without a million RPCs.
--
-- The rows have the shape the server writes:
--   * spread evenly over every commission, received in the three calendar
--     years (China time) before the current one, so today's numbering is
--     untouched; case numbers come from each commission's template and
--     continue its per-year sequence, which is advanced to match;
--   * 30% RECEIVED, 10% FILED, 10% WITHDRAWN (with a reason and a second
--     event), 10% RECEIVED after an assessment found them unsuitable for
--     mediation, and 40% with a docking history: assessed eligible,
--     delegated to a room (before filing), accepted by one of its
--     mediators, then for three in four an agreement that took effect, was
--     performed and made the mediation succeed (MEDIATED), for one in four
--     a failure (the party refused) and an award (CLOSED); every event
--     with the context the server records for the docking report's
--     rollups (report_facts), which are marked to be rebuilt;
--   * one or two workers with valid resident identity numbers (GB 11643
--     check character), half of the first ones with a lawyer; one employer
--     with a valid unified social credit code (GB 32100 check character);
--     two or three claims;
--   * a CASE_CREATED event each, and the history's events as above.
-- Values are derived from a hash of the row number, so a load is repeatable
-- apart from the random case ids.
\set ON_ERROR_STOP on
\set QUIET on

SELECT count(*) AS have FROM cases \gset
SELECT greatest(0, :target - :have) AS add, (:target > :have) AS needed \gset
\if :needed
\echo bulk load: :have cases, adding :add
BEGIN;

CREATE TEMP TABLE bulk_comm ON COMMIT DROP AS
  SELECT (row_number() OVER (ORDER BY region_code, id))::int - 1 AS i, id, region_code,
         case_number_template AS tmpl
  FROM commissions;
SELECT count(*) AS ncomm FROM bulk_comm \gset

-- 997 valid resident identity numbers: area, birth date, sequence, check.
CREATE TEMP TABLE bulk_rid ON COMMIT DROP AS
  SELECT i, p || substr('10X98765432',
                        (SELECT sum(substr(p, k, 1)::int * (power(2, 18 - k)::bigint % 11))
                         FROM generate_series(1, 17) k)::int % 11 + 1, 1) AS rid
  FROM (SELECT i, (ARRAY['420102', '420103', '420104', '420106', '420111', '420502', '420602',
                         '421002', '429004'])[1 + i % 9]
                  || to_char(date '1965-01-01' + (i * 37) % 14000, 'YYYYMMDD')
                  || lpad((1 + i % 999)::text, 3, '0') AS p
        FROM generate_series(0, 996) i) s;

-- 991 valid unified social credit codes: "91", area, organisation code, check.
CREATE TEMP TABLE bulk_uscc ON COMMIT DROP AS
  SELECT i, p || substr(a, (31 - (SELECT sum((strpos(a, substr(p, k, 1)) - 1) * (power(3, k - 1)::bigint % 31))
                                  FROM generate_series(1, 17) k)::int % 31) % 31 + 1, 1) AS uscc
  FROM (SELECT i, a, '91' || (ARRAY['420102', '420103', '420106', '420111', '420502', '420602', '421002',
                                    '429004', '420104'])[1 + i % 9]
                     || (SELECT string_agg(substr(a, 1 + ((hashint4(i * 16 + k)::bigint + 2147483648) % 31)::int, 1), '' ORDER BY k)
                         FROM generate_series(1, 9) k) AS p
        FROM generate_series(0, 990) i, (SELECT '0123456789ABCDEFGHJKLMNPQRTUWXY'::text AS a) alphabet) s;

CREATE TEMP TABLE bulk ON COMMIT DROP AS
  SELECT s.g, s.h, gen_random_uuid() AS id, c.id AS commission_id, c.region_code, c.tmpl,
         (date_trunc('year', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')
           - interval '1 minute' - (s.h % (3 * 365 * 86400)) * interval '1 second' AS received_at,
         CASE WHEN s.h % 10 IN (0, 1, 2, 9) THEN 'RECEIVED' WHEN s.h % 10 = 3 THEN 'FILED'
              WHEN s.h % 10 = 4 THEN 'WITHDRAWN' WHEN s.h % 10 = 8 THEN 'CLOSED' ELSE 'MEDIATED' END AS state,
         s.h % 10 AS story,
         1 + (s.h / 400) % 2 AS workers,
         2 + (s.h / 1600) % 2 AS claims
  FROM (SELECT g, hashint8(g)::bigint + 2147483648 AS h
        FROM generate_series(:have + 1, :have + :add) g) s
  JOIN bulk_comm c ON c.i = s.g % :ncomm;

-- Case numbers continue each commission's yearly sequence.
CREATE TEMP TABLE bulk_num ON COMMIT DROP AS
  SELECT b.id, b.commission_id, b.y,
         coalesce(s.last_seq, 0) + row_number() OVER (PARTITION BY b.commission_id, b.y
                                                      ORDER BY b.received_at, b.id) AS seq
  FROM (SELECT id, commission_id, received_at,
               extract(year FROM received_at AT TIME ZONE 'Asia/Shanghai')::int AS y FROM bulk) b
  LEFT JOIN case_number_sequences s ON s.commission_id = b.commission_id AND s.year = b.y;
INSERT INTO case_number_sequences (commission_id, year, last_seq)
  SELECT commission_id, y, max(seq) FROM bulk_num GROUP BY 1, 2
  ON CONFLICT (commission_id, year) DO UPDATE SET last_seq = EXCLUDED.last_seq;

INSERT INTO cases (id, case_number, commission_id, region_code, state, facts_and_reasons, application_date,
                   received_at, updated_at, version, withdrawal_reason, created_by, mediation_outcome,
                   closing_manner)
  SELECT b.id, replace(replace(b.tmpl, '{year}', n.y::text), '{seq}', n.seq::text), b.commission_id,
         b.region_code, b.state,
         '申请人于' || (2010 + b.h % 14) || '年入职被申请人，月工资' || (3000 + b.h % 12000)
           || '元。被申请人拖欠工资并口头通知解除劳动合同，未支付经济补偿。'
           || E'\n依据《中华人民共和国劳动合同法》第三十条、第三十八条、第四十六条的规定，特申请仲裁。',
         (b.received_at AT TIME ZONE 'Asia/Shanghai')::date - (b.h % 15)::int,
         b.received_at,
         b.received_at + CASE WHEN b.state = 'WITHDRAWN' THEN interval '9 days' ELSE interval '0' END,
         CASE WHEN b.state = 'WITHDRAWN' THEN 2 ELSE 1 END,
         CASE WHEN b.state = 'WITHDRAWN' THEN '双方已自行和解' ELSE '' END,
         'bulk-load',
         CASE WHEN b.state = 'MEDIATED' THEN 'SUCCEEDED_PERFORMED' ELSE '' END,
         CASE WHEN b.state = 'CLOSED' THEN 'AWARD' ELSE '' END
  FROM bulk b JOIN bulk_num n USING (id);

CREATE TEMP TABLE bulk_names ON COMMIT DROP AS
  SELECT ARRAY['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周',
               '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗'] AS surnames,
         ARRAY['建国', '秀梅', '志强', '丽娟', '明', '海燕', '伟', '芳', '军', '静',
               '磊', '洋', '勇', '艳', '杰', '娜', '涛', '超', '敏', '鹏'] AS given,
         ARRAY['武汉', '宜昌', '襄阳', '荆州', '仙桃', '黄石', '十堰', '孝感'] AS cities,
         ARRAY['华瑞', '长江', '楚天', '东湖', '光谷', '汉江', '荆楚', '鼎盛', '恒通', '金桥'] AS firms,
         ARRAY['精密制造', '建筑工程', '物流', '餐饮管理', '电子科技', '物业服务', '纺织服装',
               '汽车零部件'] AS trades,
         ARRAY['中北路', '珞喻路', '和平大道', '解放大道', '沿江大道', '民主路', '建设大道',
               '关山大道'] AS streets;

-- Workers: position 0 always, position 1 for half the cases. Their identity
-- numbers go into the plaintext column of releases before encryption at rest
-- (the server reads it as a legacy row), so reads of bulk-loaded cases skip
-- the AES-GCM decryption that cases created through the API pay for.
INSERT INTO case_parties (case_id, side, position, kind, name, resident_id_number, phone, address)
  SELECT b.id, 'APPLICANT', w.pos, 'WORKER',
         nm.surnames[1 + (b.h / (1 + w.pos * 7)) % 20] || nm.given[1 + (b.h / (20 + w.pos * 3)) % 20],
         r.rid, '13' || lpad(((b.h + w.pos) % 1000000000)::text, 9, '0'),
         '湖北省' || nm.cities[1 + (b.h + w.pos) % 8] || '市' || nm.streets[1 + (b.h / 8) % 8]
           || (1 + b.h % 999) || '号' || (1 + b.h % 30) || '栋' || (101 + b.h % 3000) || '室'
  FROM bulk b
  CROSS JOIN generate_series(0, 1) w(pos)
  CROSS JOIN bulk_names nm
  JOIN bulk_rid r ON r.i = (b.h / (1 + w.pos * 11)) % 997
  WHERE w.pos < b.workers;

-- A lawyer for half of the first workers.
INSERT INTO case_agents (case_id, side, party_position, position, name, kind, phone)
  SELECT b.id, 'APPLICANT', 0, 0, nm.surnames[1 + (b.h / 13) % 20] || nm.given[1 + (b.h / 17) % 20], '1',
         '139' || lpad((b.h % 100000000)::text, 8, '0')
  FROM bulk b CROSS JOIN bulk_names nm
  WHERE (b.h / 800) % 2 = 0;

-- One employer.
INSERT INTO case_parties (case_id, side, position, kind, name, unified_social_credit_code, phone, address)
  SELECT b.id, 'RESPONDENT', 0, 'EMPLOYER',
         nm.cities[1 + (b.h / 3) % 8] || nm.firms[1 + (b.h / 24) % 10] || nm.trades[1 + (b.h / 240) % 8]
           || '有限公司',
         u.uscc, '027-8' || lpad((b.h % 10000000)::text, 7, '0'),
         '湖北省' || nm.cities[1 + (b.h / 3) % 8] || '市' || nm.streets[1 + (b.h / 64) % 8] || (1 + b.h % 888) || '号'
  FROM bulk b CROSS JOIN bulk_names nm
  JOIN bulk_uscc u ON u.i = (b.h / 5) % 991;

-- Two or three claims.
INSERT INTO case_claims (case_id, position, dispute_type, description, amount_fen)
  SELECT b.id, k, t.dispute_type, t.description,
         CASE WHEN t.money THEN 100 * (500 + (b.h / 7 + k * 9973) % 199500) END
  FROM bulk b
  CROSS JOIN generate_series(0, 2) k
  JOIN (VALUES (0, 'REMUNERATION_COMPENSATION', '请求裁决被申请人支付拖欠的工资', true),
               (1, 'REMUNERATION_COMPENSATION', '请求裁决被申请人支付解除劳动合同的经济补偿', true),
               (2, 'LABOR_CONTRACT', '请求裁决被申请人出具解除劳动合同的证明', false),
               (3, 'LABOR_CONTRACT', '请求裁决被申请人支付未签订书面劳动合同的二倍工资差额', true),
               (4, 'HOURS_LEAVE_INSURANCE_WELFARE', '请求裁决被申请人支付未休年休假工资', true),
               (5, 'REMOVAL_DISMISSAL_RESIGNATION', '请求裁决被申请人支付违法解除劳动合同的赔偿金', true))
       AS t(j, dispute_type, description, money) ON t.j = (b.h % 6 + k) % 6
  WHERE k < b.claims;

-- The history: created, and withdrawn where it was.
INSERT INTO case_events (case_id, kind, from_state, to_state, actor, actor_role, occurred_at, summary, request_id,
                         report_facts)
  SELECT id, 'CASE_CREATED', 'UNSPECIFIED', CASE WHEN state = 'FILED' THEN 'FILED' ELSE 'RECEIVED' END,
         'bulk-load', 'arbitration_staff', received_at,
         'applicants=' || workers || ' respondents=1 claims=' || claims, 'bulk-' || g,
         'claimed_fen=' || (SELECT coalesce(sum(amount_fen), 0) FROM case_claims cl WHERE cl.case_id = bulk.id)
  FROM bulk ORDER BY received_at;
INSERT INTO case_events (case_id, kind, from_state, to_state, actor, actor_role, occurred_at, summary, request_id,
                         report_facts)
  SELECT id, 'CASE_WITHDRAWN', 'RECEIVED', 'WITHDRAWN', 'bulk-load', 'arbitration_staff',
         received_at + interval '9 days', '', 'bulk-w-' || g, 'claimed_fen=0'
  FROM bulk WHERE state = 'WITHDRAWN' ORDER BY received_at;

-- The docking histories (stories 5-8): each case's room and mediator, its
-- claims, and the days of its events in China.
CREATE TEMP TABLE bulk_rm ON COMMIT DROP AS
  SELECT (row_number() OVER (ORDER BY rm.room_id, rm.mediator_id))::int - 1 AS i, rm.room_id, rm.mediator_id
  FROM room_mediators rm;
SELECT count(*) AS nrm FROM bulk_rm \gset
CREATE TEMP TABLE bulk_dock ON COMMIT DROP AS
  SELECT b.id, b.g, b.story, b.received_at, rm.room_id, rm.mediator_id,
         (SELECT coalesce(sum(amount_fen), 0) FROM case_claims cl WHERE cl.case_id = b.id) AS claimed,
         ((b.received_at + interval '2 days') AT TIME ZONE 'Asia/Shanghai')::date AS delegated_on
  FROM bulk b JOIN bulk_rm rm ON rm.i = b.g % greatest(:nrm, 1)
  WHERE b.story BETWEEN 5 AND 8;
INSERT INTO case_events (case_id, kind, from_state, to_state, actor, actor_role, occurred_at, summary, request_id,
                         room_id, report_facts)
  SELECT d.id, e.kind, e.from_state, e.to_state, 'bulk-load', 'arbitration_staff',
         d.received_at + e.after, e.summary, 'bulk-' || e.kind || '-' || d.g,
         CASE WHEN e.in_room THEN d.room_id END,
         CASE WHEN e.in_room THEN 'room=' || d.room_id || CASE WHEN e.assigned THEN ' mediator=' || d.mediator_id ELSE '' END
                                  || ' delegated_on=' || d.delegated_on || ' '
              ELSE '' END || 'claimed_fen=' || d.claimed
  FROM bulk_dock d
  CROSS JOIN LATERAL (VALUES
    ('ELIGIBILITY_ASSESSED', 'RECEIVED', 'RECEIVED', interval '1 day', 'eligible=true', false, false, true),
    ('CASE_DELEGATED', 'RECEIVED', 'DELEGATED', interval '2 days',
     'room=' || d.room_id || ' route=BEFORE_FILING letter=B-' || d.g, true, false, true),
    ('CASE_DELEGATION_ACCEPTED', 'DELEGATED', 'IN_MEDIATION', interval '3 days', 'mediator=' || d.mediator_id,
     true, true, true),
    ('AGREEMENT_EFFECTIVE', 'IN_MEDIATION', 'AGREEMENT_EFFECTIVE', interval '20 days',
     'agreement=A-' || d.g || ' agreed_fen=' || d.claimed * 8 / 10, true, true, d.story < 8),
    ('PERFORMANCE_RECORDED', 'AGREEMENT_EFFECTIVE', 'AGREEMENT_EFFECTIVE', interval '25 days',
     'agreement=A-' || d.g || ' obligation=0 amount_fen=' || d.claimed * 8 / 10, true, true, d.story < 8),
    ('MEDIATION_SUCCEEDED', 'AGREEMENT_EFFECTIVE', 'MEDIATED', interval '25 days 1 second',
     'path=SUCCEEDED_PERFORMED', true, true, d.story < 8),
    ('MEDIATION_FAILED', 'IN_MEDIATION', 'RECEIVED', interval '40 days', 'reason=PARTY_REFUSED reply_letter=R-' || d.g,
     true, true, d.story = 8),
    ('CASE_CLOSED', 'FILED', 'CLOSED', interval '70 days', 'manner=AWARD', false, false, d.story = 8))
    AS e(kind, from_state, to_state, after, summary, in_room, assigned, happens)
  WHERE e.happens
  ORDER BY d.received_at;
INSERT INTO case_events (case_id, kind, from_state, to_state, actor, actor_role, occurred_at, summary, request_id,
                         report_facts)
  SELECT id, 'ELIGIBILITY_ASSESSED', 'RECEIVED', 'RECEIVED', 'bulk-load', 'arbitration_staff',
         received_at + interval '1 day', 'eligible=false unmet=SUITABLE_FOR_MEDIATION', 'bulk-i-' || g,
         'claimed_fen=0'
  FROM bulk WHERE story = 9 ORDER BY received_at;
-- The rollups do not hold these events: the server (or RebuildRollupsIfNeeded)
-- builds them again from every event.
UPDATE report_rollup_state SET built = false;

COMMIT;
-- What autovacuum would have done by the time a real table got this big,
-- and a checkpoint so the load's writes do not land in the next run.
VACUUM ANALYZE cases;
VACUUM ANALYZE case_parties;
VACUUM ANALYZE case_agents;
VACUUM ANALYZE case_claims;
VACUUM ANALYZE case_events;
CHECKPOINT;
\else
\echo bulk load: already :have cases
\endif
