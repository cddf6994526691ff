-- statement 1
WITH activity_rows AS (SELECT a.`owner` AS owner, COALESCE(a.`team`, r.`team`) AS team, a.`type` AS type, a.`at` AS event_at, a.`quantity` AS quantity FROM `activities` a LEFT JOIN `reps` r ON r.`id` = a.`owner`),
bucketed AS (SELECT periods.idx AS idx, f.owner AS group_key, CAST(NULL AS String) AS group_key2, NULL AS currency_key, NULL AS skip_reason, f.quantity AS quantity FROM activity_rows f JOIN (SELECT 0 AS idx, toDateTime64('2025-12-31 23:00:00.000', 3, 'UTC') AS start_at, toDateTime64('2026-01-31 23:00:00.000', 3, 'UTC') AS end_at UNION ALL SELECT 1, toDateTime64('2026-01-31 23:00:00.000', 3, 'UTC'), toDateTime64('2026-02-28 23:00:00.000', 3, 'UTC') UNION ALL SELECT 2, toDateTime64('2026-02-28 23:00:00.000', 3, 'UTC'), toDateTime64('2026-03-31 22:00:00.000', 3, 'UTC')) AS periods ON f.event_at >= periods.start_at AND f.event_at < periods.end_at WHERE f.type = CAST({p1:String} AS String))
SELECT toString(b.idx) AS period_index, b.group_key AS group_key, b.group_key2 AS group_key2, b.currency_key AS currency_key, b.skip_reason AS skip_reason, toString(COUNT(*)) AS row_count, toString(SUM(b.quantity)) AS measure_value
FROM bucketed b GROUP BY b.idx, b.group_key, b.group_key2, b.currency_key, b.skip_reason
ORDER BY 1, 2, 3, 4, 5;
-- params: ["call"]

-- statement 2
SELECT toString(toUnixTimestamp64Milli(MIN(`at`))) AS data_start_ms FROM `activities` WHERE `at` < toDateTime64('2026-03-31 22:00:00.000', 3, 'UTC');
-- params: []

-- statement 3
SELECT `id` AS id, `team` AS team FROM `reps`;
-- params: []
