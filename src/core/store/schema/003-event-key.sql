-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 3: a tracking event is identified by what its provider identifies it by.
-- event_key is "code:<code>" where the provider has event codes (Cainiao's actionCode), else
-- "text:<description>". A reworded description of the same event is then the same row, while
-- two events of one instant with different codes stay two.

CREATE TABLE tracking_events_v2 (
  id          INTEGER PRIMARY KEY,
  parcel_id   INTEGER NOT NULL REFERENCES parcels (id) ON DELETE CASCADE,
  time        INTEGER NOT NULL,
  status      TEXT,
  raw_code    TEXT,
  event_key   TEXT    NOT NULL,
  description TEXT    NOT NULL,
  location    TEXT,
  UNIQUE (parcel_id, time, event_key)
);

-- Codes in Cainiao's shape (GTMS_SIGNED) identify events; 17TRACK's sub_status
-- (InTransit_PickedUp) only classifies them. Of the copies a rewording made, the newest
-- wording stays.
INSERT OR REPLACE INTO tracking_events_v2
  (id, parcel_id, time, status, raw_code, event_key, description, location)
SELECT id, parcel_id, time, status, raw_code,
       CASE WHEN raw_code GLOB '[A-Z]*' AND raw_code NOT GLOB '*[^A-Z0-9_]*'
            THEN 'code:' || raw_code
            ELSE 'text:' || description END,
       description, location
FROM tracking_events ORDER BY id;

DROP TABLE tracking_events;
ALTER TABLE tracking_events_v2 RENAME TO tracking_events;
