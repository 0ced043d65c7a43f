-- Failed sign-ins to the console (central/console/accounts.py StaffStore.record_failure),
-- for the audit page and the per-address sign-in throttle. Never the password: the
-- minute (UTC), the address the attempt came from, the name as typed (at most 64
-- characters), why it failed (unknown, wrong_password, locked, throttled) and how many
-- times. Repeats collapse into one row per minute, address, name and reason, so a
-- flood of guesses cannot fill the table (the store caps new rows a minute, too).
CREATE TABLE console_signin_failures (
    minute TEXT NOT NULL,
    source TEXT NOT NULL,
    username TEXT NOT NULL,
    reason TEXT NOT NULL,
    times INTEGER NOT NULL,
    first_at TEXT NOT NULL,
    last_at TEXT NOT NULL,
    PRIMARY KEY (minute, source, username, reason)
);
-- The throttle's question: how many failures from this address in the last minutes.
CREATE INDEX console_signin_failures_source ON console_signin_failures (source, minute);
