-- A complaint's own number, in its stored written form (central/tracking_text.py
-- stored_form, upper case), so that 查询 finds a complaint with one indexed look-up
-- (PlatformStore.complaint_by_number): the number is otherwise only inside the
-- record's sealed body. NULL for every other record; the index holds complaints only.
ALTER TABLE submissions ADD COLUMN complaint_number TEXT;
CREATE INDEX submissions_complaint ON submissions (complaint_number)
    WHERE complaint_number IS NOT NULL;
-- One-off fills of data that SQL cannot compute (sealed bodies: the platform does them
-- in Python at start-up, PlatformStore._backfill): a row once one is done.
CREATE TABLE backfills (
    name TEXT PRIMARY KEY,
    done_at TEXT NOT NULL
);
