-- statement 1
WITH reached AS (SELECT st.`lead_id` AS lead_id, st.`step` AS step, MIN(st.`at`) AS event_at FROM `lead_steps` st WHERE st.`at` < toDateTime64('2026-04-01 22:00:00.000', 3, 'UTC') AND st.`step` IN (CAST({p1:String} AS String), CAST({p2:String} AS String), CAST({p3:String} AS String), CAST({p4:String} AS String)) GROUP BY st.`lead_id`, st.`step`),
lead_reach AS (SELECT l.`id` AS id, l.`owner` AS owner, COALESCE(l.`team`, r.`team`) AS team, l.`source` AS source, MIN(CASE WHEN rs.step IN (CAST({p5:String} AS String), CAST({p6:String} AS String), CAST({p7:String} AS String), CAST({p8:String} AS String)) THEN rs.event_at END) AS from_at, MIN(CASE WHEN rs.step IN (CAST({p9:String} AS String), CAST({p10:String} AS String), CAST({p11:String} AS String)) THEN rs.event_at END) AS to_at, MAX(CASE WHEN rs.step = CAST({p12:String} AS String) THEN 1 ELSE 0 END) AS has_from FROM `leads` l LEFT JOIN `reps` r ON r.`id` = l.`owner` LEFT JOIN reached rs ON rs.lead_id = l.`id` GROUP BY l.`id`, l.`owner`, COALESCE(l.`team`, r.`team`), l.`source`),
flags AS (SELECT COALESCE(lr.team, '(none)') AS group_key, 1 AS entered, CASE WHEN lr.to_at IS NOT NULL AND lr.to_at < days.deadline THEN 1 ELSE 0 END AS converted, CASE WHEN NOT (lr.to_at IS NOT NULL AND lr.to_at < days.deadline) AND days.deadline > toDateTime64('2026-04-01 22:00:00.000', 3, 'UTC') THEN 1 ELSE 0 END AS still_open, CASE WHEN NOT (lr.to_at IS NOT NULL AND lr.to_at < days.deadline) AND NOT (days.deadline > toDateTime64('2026-04-01 22:00:00.000', 3, 'UTC')) THEN 1 ELSE 0 END AS lapsed, CASE WHEN lr.has_from = 0 THEN 1 ELSE 0 END AS implied FROM lead_reach lr JOIN (SELECT toDateTime64('2026-02-28 23:00:00.000', 3, 'UTC') AS start_at, toDateTime64('2026-03-01 23:00:00.000', 3, 'UTC') AS end_at, toDateTime64('2026-03-03 23:00:00.000', 3, 'UTC') AS deadline UNION ALL SELECT toDateTime64('2026-03-01 23:00:00.000', 3, 'UTC'), toDateTime64('2026-03-02 23:00:00.000', 3, 'UTC'), toDateTime64('2026-03-04 23:00:00.000', 3, 'UTC') UNION ALL SELECT toDateTime64('2026-03-02 23:00:00.000', 3, 'UTC'), toDateTime64('2026-03-03 23:00:00.000', 3, 'UTC'), toDateTime64('2026-03-05 23:00:00.000', 3, 'UTC')) AS days ON lr.from_at >= days.start_at AND lr.from_at < days.end_at WHERE (lr.from_at >= toDateTime64('2026-02-28 23:00:00.000', 3, 'UTC') AND lr.from_at < toDateTime64('2026-03-03 23:00:00.000', 3, 'UTC')))
SELECT group_key, toString(SUM(entered)) AS entered, toString(SUM(converted)) AS converted, toString(SUM(still_open)) AS still_open, toString(SUM(lapsed)) AS lapsed, toString(SUM(implied)) AS implied
FROM flags GROUP BY group_key
ORDER BY group_key;
-- params: ["mql","sql","quote","customer","mql","sql","quote","customer","sql","quote","customer","mql"]

-- statement 2
SELECT toString(COUNT(*)) AS row_count FROM `leads`;
-- params: []

-- statement 3
SELECT `id` AS id, `team` AS team FROM `reps`;
-- params: []
