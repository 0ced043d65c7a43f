-- Proof-of-possession lookups find an application by the hash of its receipt code.
ALTER TABLE submissions ADD COLUMN receipt_sha256 TEXT;
CREATE INDEX submissions_receipt ON submissions (receipt_sha256);
