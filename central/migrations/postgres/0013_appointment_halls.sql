-- The hall of each appointment record (a queue ticket's or a booking's payload "hall":
-- where the kiosk that took it stands, its [kiosk] location_zh; "" from kiosks older
-- than the field, which all stand in one hall: the platform's), so the hall page, 叫号
-- and the kiosks' ticket look-ups read one hall's records of a day
-- (PlatformStore.appointments_on(day, hall)), not every hall's: a province platform
-- (~500 halls) holds 100k-200k appointment records a day, and each open hall page
-- reloads every 3 s. NULL for every other record. Set at insert (both insert paths)
-- and back-filled once for older rows, as 0011's days are (seq in the index: in order
-- of arrival without a sort; hall first: the halls are listed by skipping along it).
ALTER TABLE submissions ADD COLUMN hall TEXT;
CREATE INDEX submissions_hall_day ON submissions (hall, booking_day, seq)
    WHERE hall IS NOT NULL;
