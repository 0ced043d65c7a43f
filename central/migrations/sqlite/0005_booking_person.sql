-- Who holds a booking, as a keyed hash of their document (central/crypto.py
-- FieldCipher.person_key; never the number): the platform refuses a second booking
-- by the same person at the same counter on the same day (store.AlreadyBooked).
-- Bookings made before this migration have none and are not matched.
ALTER TABLE bookings ADD COLUMN person_key TEXT;
CREATE INDEX bookings_person ON bookings (department_id, person_key);
