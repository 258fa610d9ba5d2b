-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 5: an order's parcels found without reading every parcel (an order's
-- page, and the reminders planned again for the orders a refresh changed).
CREATE INDEX parcels_order ON parcels (order_id);
