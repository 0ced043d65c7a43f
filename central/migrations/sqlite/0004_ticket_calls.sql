-- Queue calls (叫号) made on the console's hall page: which ticket (the queue_ticket
-- submission's idempotency key) was called to which counter, by whom, when. The first
-- call of a ticket stands (central/console/accounts.py StaffStore.call_ticket).
CREATE TABLE console_ticket_calls (
    ticket_key TEXT PRIMARY KEY,
    number TEXT NOT NULL,
    counter TEXT NOT NULL,
    username TEXT NOT NULL,
    at TEXT NOT NULL
);
