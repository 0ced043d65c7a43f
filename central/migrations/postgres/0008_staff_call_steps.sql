-- A hall's steps on a staff call after 确认收到 (try-out 9, K1): "coming" (正在前往:
-- only then does the kiosk say 工作人员正在赶来) and "done" (已处理: the call closes,
-- the kiosk's chip goes). Who and when; the first press of a step stands.
CREATE TABLE console_staff_call_steps (
    call_id TEXT NOT NULL,
    step TEXT NOT NULL,
    username TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (call_id, step)
);
-- What staff did on the console, for the searchable audit page (try-out 9, K3):
-- sign-ins and the steps taken on staff calls.
CREATE TABLE console_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    kiosk_id TEXT
);
CREATE INDEX console_events_at ON console_events (at);
