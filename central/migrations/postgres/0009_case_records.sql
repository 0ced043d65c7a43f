-- Which records are cases needing a 整改回访 (central/console/cases.py): 'rating' for a
-- 不满意/非常不满意 rating, 'complaint' for feedback of the complaint category, NULL for
-- every other record. Set at insert (PlatformStore) and back-filled once for older rows
-- (the bodies are sealed), so the console lists every open case however many records
-- came after it (PlatformStore.case_records) without unsealing all ratings and feedback
-- (seq in the index: newest first without a sort).
ALTER TABLE submissions ADD COLUMN case_kind TEXT;
CREATE INDEX submissions_case ON submissions (seq) WHERE case_kind IS NOT NULL;
