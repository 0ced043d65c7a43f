"""The kiosk's audit trail: append-only, hash-chained, keyed; shipped through the outbox."""
