-- statement 1
WITH reached AS (SELECT st."lead_id" AS lead_id, st."step" AS step, MIN(st."at") AS event_at FROM "lead_steps" st WHERE st."at" < TIMESTAMPTZ '2026-04-01 22:00:00.000+00' AND st."step" IN (CAST($1 AS TEXT), CAST($2 AS TEXT), CAST($3 AS TEXT), CAST($4 AS TEXT)) GROUP BY st."lead_id", st."step"),
lead_reach AS (SELECT l."id" AS id, l."owner" AS owner, COALESCE(l."team", r."team") AS team, l."source" AS source, MIN(CASE WHEN rs.step IN (CAST($5 AS TEXT), CAST($6 AS TEXT), CAST($7 AS TEXT), CAST($8 AS TEXT)) THEN rs.event_at END) AS from_at, MIN(CASE WHEN rs.step IN (CAST($9 AS TEXT), CAST($10 AS TEXT), CAST($11 AS TEXT)) THEN rs.event_at END) AS to_at, MAX(CASE WHEN rs.step = CAST($12 AS TEXT) THEN 1 ELSE 0 END) AS has_from FROM "leads" l LEFT JOIN "reps" r ON r."id" = l."owner" LEFT JOIN reached rs ON rs.lead_id = l."id" GROUP BY l."id", l."owner", COALESCE(l."team", r."team"), l."source"),
flags AS (SELECT COALESCE(lr.team, '(none)') AS group_key, 1 AS entered, CASE WHEN lr.to_at IS NOT NULL AND lr.to_at < days.deadline THEN 1 ELSE 0 END AS converted, CASE WHEN NOT (lr.to_at IS NOT NULL AND lr.to_at < days.deadline) AND days.deadline > TIMESTAMPTZ '2026-04-01 22:00:00.000+00' THEN 1 ELSE 0 END AS still_open, CASE WHEN NOT (lr.to_at IS NOT NULL AND lr.to_at < days.deadline) AND NOT (days.deadline > TIMESTAMPTZ '2026-04-01 22:00:00.000+00') THEN 1 ELSE 0 END AS lapsed, CASE WHEN lr.has_from = 0 THEN 1 ELSE 0 END AS implied FROM lead_reach lr JOIN (VALUES (TIMESTAMPTZ '2026-02-28 23:00:00.000+00', TIMESTAMPTZ '2026-03-01 23:00:00.000+00', TIMESTAMPTZ '2026-03-03 23:00:00.000+00'), (TIMESTAMPTZ '2026-03-01 23:00:00.000+00', TIMESTAMPTZ '2026-03-02 23:00:00.000+00', TIMESTAMPTZ '2026-03-04 23:00:00.000+00'), (TIMESTAMPTZ '2026-03-02 23:00:00.000+00', TIMESTAMPTZ '2026-03-03 23:00:00.000+00', TIMESTAMPTZ '2026-03-05 23:00:00.000+00')) AS days(start_at, end_at, deadline) ON lr.from_at >= days.start_at AND lr.from_at < days.end_at WHERE (lr.from_at >= TIMESTAMPTZ '2026-02-28 23:00:00.000+00' AND lr.from_at < TIMESTAMPTZ '2026-03-03 23:00:00.000+00'))
SELECT group_key, CAST(SUM(entered) AS TEXT) AS entered, CAST(SUM(converted) AS TEXT) AS converted, CAST(SUM(still_open) AS TEXT) AS still_open, CAST(SUM(lapsed) AS TEXT) AS lapsed, CAST(SUM(implied) AS TEXT) AS implied
FROM flags GROUP BY group_key
ORDER BY group_key;
-- params: ["mql","sql","quote","customer","mql","sql","quote","customer","sql","quote","customer","mql"]

-- statement 2
SELECT CAST(COUNT(*) AS TEXT) AS row_count FROM "leads";
-- params: []

-- statement 3
SELECT "id" AS id, "team" AS team FROM "reps";
-- params: []
