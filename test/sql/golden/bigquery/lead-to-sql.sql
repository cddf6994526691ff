-- statement 1
WITH reached AS (SELECT st.`lead_id` AS lead_id, st.`step` AS step, MIN(st.`at`) AS event_at FROM `lead_steps` st WHERE st.`at` < TIMESTAMP '2026-04-01 22:00:00.000+00' AND st.`step` IN (CAST(@p1 AS STRING), CAST(@p2 AS STRING), CAST(@p3 AS STRING), CAST(@p4 AS STRING)) GROUP BY st.`lead_id`, st.`step`),
lead_reach AS (SELECT l.`id` AS id, l.`owner` AS owner, COALESCE(l.`team`, r.`team`) AS team, l.`source` AS source, MIN(CASE WHEN rs.step IN (CAST(@p5 AS STRING), CAST(@p6 AS STRING), CAST(@p7 AS STRING), CAST(@p8 AS STRING)) THEN rs.event_at END) AS from_at, MIN(CASE WHEN rs.step IN (CAST(@p9 AS STRING), CAST(@p10 AS STRING), CAST(@p11 AS STRING)) THEN rs.event_at END) AS to_at, MAX(CASE WHEN rs.step = CAST(@p12 AS STRING) THEN 1 ELSE 0 END) AS has_from FROM `leads` l LEFT JOIN `reps` r ON r.`id` = l.`owner` LEFT JOIN reached rs ON rs.lead_id = l.`id` GROUP BY l.`id`, l.`owner`, COALESCE(l.`team`, r.`team`), l.`source`),
flags AS (SELECT COALESCE(lr.team, '(none)') AS group_key, 1 AS entered, CASE WHEN lr.to_at IS NOT NULL AND lr.to_at < days.deadline THEN 1 ELSE 0 END AS converted, CASE WHEN NOT (lr.to_at IS NOT NULL AND lr.to_at < days.deadline) AND days.deadline > TIMESTAMP '2026-04-01 22:00:00.000+00' THEN 1 ELSE 0 END AS still_open, CASE WHEN NOT (lr.to_at IS NOT NULL AND lr.to_at < days.deadline) AND NOT (days.deadline > TIMESTAMP '2026-04-01 22:00:00.000+00') THEN 1 ELSE 0 END AS lapsed, CASE WHEN lr.has_from = 0 THEN 1 ELSE 0 END AS implied FROM lead_reach lr JOIN UNNEST([STRUCT(TIMESTAMP '2026-02-28 23:00:00.000+00' AS start_at, TIMESTAMP '2026-03-01 23:00:00.000+00' AS end_at, TIMESTAMP '2026-03-03 23:00:00.000+00' AS deadline), STRUCT(TIMESTAMP '2026-03-01 23:00:00.000+00', TIMESTAMP '2026-03-02 23:00:00.000+00', TIMESTAMP '2026-03-04 23:00:00.000+00'), STRUCT(TIMESTAMP '2026-03-02 23:00:00.000+00', TIMESTAMP '2026-03-03 23:00:00.000+00', TIMESTAMP '2026-03-05 23:00:00.000+00')]) AS days ON lr.from_at >= days.start_at AND lr.from_at < days.end_at WHERE (lr.from_at >= TIMESTAMP '2026-02-28 23:00:00.000+00' AND lr.from_at < TIMESTAMP '2026-03-03 23:00:00.000+00'))
SELECT group_key, CAST(SUM(entered) AS STRING) AS entered, CAST(SUM(converted) AS STRING) AS converted, CAST(SUM(still_open) AS STRING) AS still_open, CAST(SUM(lapsed) AS STRING) AS lapsed, CAST(SUM(implied) AS STRING) AS implied
FROM flags GROUP BY group_key
ORDER BY group_key;
-- params: ["mql","sql","quote","customer","mql","sql","quote","customer","sql","quote","customer","mql"]

-- statement 2
SELECT CAST(COUNT(*) AS STRING) AS row_count FROM `leads`;
-- params: []

-- statement 3
SELECT `id` AS id, `team` AS team FROM `reps`;
-- params: []
