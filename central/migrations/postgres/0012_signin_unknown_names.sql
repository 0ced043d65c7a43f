-- Failed sign-ins under names no console account has, counted as an account's are
-- (console_staff.failed and locked_until; central/console/accounts.py
-- StaffStore.sign_in): after MAX_FAILURES such tries the name is answered "locked"
-- for the lockout, as an account would be, so the lock message no longer tells which
-- names exist (5 tries did). Apart from console_staff on purpose: tries at unknown
-- names never lock a real account, nor one made later under such a name. The name is
-- kept as its SHA-256 only (the audit page has it as typed). A row goes a week after
-- its last failure (an account in use starts afresh at each sign-in, too), so a flood
-- of names leaves at most a week of the per-address throttle's rate.
CREATE TABLE console_signin_unknown (
    name_sha256 TEXT PRIMARY KEY,
    failed INTEGER NOT NULL,
    locked_until TEXT,
    last_at TEXT NOT NULL
);
CREATE INDEX console_signin_unknown_last ON console_signin_unknown (last_at);
