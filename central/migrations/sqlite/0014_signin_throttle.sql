-- The console's per-source sign-in throttle, counted apart from the audit page's
-- failed sign-ins (console_signin_failures: its flood cap merges a minute's new rows
-- past 1,000 into address "*", and a throttle reading that table let ~50 addresses fill
-- the cap and then guess unthrottled for the rest of the minute; review10).
-- One row per source and minute (central/console/accounts.py StaffStore.record_failure):
-- the source is an IPv4 address or an IPv6 /64 (one subscriber's network: rotating
-- addresses within it is free). A minute's new rows are capped: past the first cap a new
-- source counts under its network (IPv4 /24, IPv6 /48), past the second under "*", and the
-- throttle sums the source's, its network's and "*"'s rows, so a flood of sources only
-- ever throttles more. Rows older than the throttle's window are deleted as new ones come.
CREATE TABLE console_signin_sources (
    source TEXT NOT NULL,
    minute TEXT NOT NULL,
    failures INTEGER NOT NULL,
    last_at TEXT NOT NULL,
    PRIMARY KEY (source, minute)
);
-- The cap's count of a minute's rows and the pruning of old minutes.
CREATE INDEX console_signin_sources_minute ON console_signin_sources (minute);
