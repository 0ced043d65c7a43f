-- The day a booking is for (its slot's date as the kiosk wrote the slot, the hall's
-- local date: "2026-12-07"), so the console's hall page lists every booking of the day
-- it shows with one indexed query however many bookings the platform holds
-- (PlatformStore.bookings_on); before, it read the newest 2,000 appointment records
-- and a busy hall booked a week ahead lost some. Queue tickets have their day of issue
-- here too (since after this migration: the hall's tickets, 叫号 and the kiosks'
-- ticket look-ups read a day by it; back-filled as "appointment_days"); NULL for every
-- other record. Set at insert and back-filled once for older rows (the bodies are
-- sealed), as 0007's complaint numbers are (seq in the index: in order of arrival
-- without a sort).
ALTER TABLE submissions ADD COLUMN booking_day TEXT;
CREATE INDEX submissions_booking_day ON submissions (booking_day, seq)
    WHERE booking_day IS NOT NULL;
