-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 1. Instants are Unix seconds (UTC); NULL means unknown.

CREATE TABLE orders (
  id                  INTEGER PRIMARY KEY,
  marketplace         TEXT    NOT NULL,
  order_number        TEXT    NOT NULL,
  store_name          TEXT,
  item_title          TEXT,
  quantity            INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
  amount              INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),
  currency            TEXT    NOT NULL DEFAULT 'USD',
  payment_method      TEXT    NOT NULL DEFAULT 'card',
  placed_at           INTEGER,
  paid_at             INTEGER,
  shipped_at          INTEGER,
  delivered_at        INTEGER,
  received_at         INTEGER,
  cancel_requested_at INTEGER,
  dispute_opened_at   INTEGER,
  return_agreed_at    INTEGER,
  closed_at           INTEGER,
  refunded_at         INTEGER,
  -- Bit (1 << OwOrderEvent) set when that instant was inferred from tracking.
  inferred_facts      INTEGER NOT NULL DEFAULT 0,
  close_reason        TEXT,
  processing_days     INTEGER,
  delivery_days       INTEGER,
  notes               TEXT,
  archived            INTEGER NOT NULL DEFAULT 0,
  created_at          INTEGER NOT NULL,
  modified_at         INTEGER NOT NULL,
  UNIQUE (marketplace, order_number)
);

CREATE TABLE extensions (
  id           INTEGER PRIMARY KEY,
  order_id     INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  requested_at INTEGER,
  days         INTEGER NOT NULL CHECK (days > 0),
  state        TEXT    NOT NULL DEFAULT 'pending'
);
CREATE INDEX extensions_order ON extensions (order_id);

CREATE TABLE parcels (
  id                  INTEGER PRIMARY KEY,
  order_id            INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  tracking_number     TEXT    NOT NULL,
  provider            TEXT,
  provider_overridden INTEGER NOT NULL DEFAULT 0,
  -- A last-mile number continues an earlier parcel of the same order.
  follows_parcel_id   INTEGER REFERENCES parcels (id) ON DELETE SET NULL,
  status              TEXT    NOT NULL DEFAULT 'NotFound',
  raw_status          TEXT,
  carrier             TEXT,
  last_check          INTEGER,
  next_check          INTEGER,
  last_movement       INTEGER,
  delivered_at        INTEGER,
  failures            INTEGER NOT NULL DEFAULT 0,
  last_error          TEXT,
  created_at          INTEGER NOT NULL,
  UNIQUE (order_id, tracking_number)
);
CREATE INDEX parcels_next_check ON parcels (next_check);
CREATE INDEX parcels_number ON parcels (tracking_number);

CREATE TABLE tracking_events (
  id          INTEGER PRIMARY KEY,
  parcel_id   INTEGER NOT NULL REFERENCES parcels (id) ON DELETE CASCADE,
  time        INTEGER NOT NULL,
  status      TEXT,
  raw_code    TEXT,
  description TEXT    NOT NULL,
  location    TEXT,
  UNIQUE (parcel_id, time, description)
);

-- Provider-wide state: blocked by a captcha, rate limited.
CREATE TABLE providers (
  name          TEXT PRIMARY KEY,
  blocked_until INTEGER,
  backoff       INTEGER NOT NULL DEFAULT 0,
  message       TEXT
);

CREATE TABLE disputes (
  id         INTEGER PRIMARY KEY,
  order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  kind       TEXT    NOT NULL,
  reason     TEXT    NOT NULL,
  state      TEXT    NOT NULL DEFAULT 'draft',
  refund_amount INTEGER,
  opened_at  INTEGER,
  closed_at  INTEGER,
  notes      TEXT
);
CREATE INDEX disputes_order ON disputes (order_id);

CREATE TABLE evidence (
  id         INTEGER PRIMARY KEY,
  dispute_id INTEGER NOT NULL REFERENCES disputes (id) ON DELETE CASCADE,
  kind       TEXT    NOT NULL,
  path       TEXT,
  note       TEXT,
  added_at   INTEGER NOT NULL
);

-- One row per reminder sent, so none is sent twice, even across restarts.
CREATE TABLE reminders_sent (
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  kind     TEXT    NOT NULL,
  due      INTEGER NOT NULL,
  before   INTEGER NOT NULL,
  sent_at  INTEGER NOT NULL,
  PRIMARY KEY (order_id, kind, due, before)
);

-- "Remind me tomorrow": nothing for this deadline until @until.
CREATE TABLE snoozes (
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  kind     TEXT    NOT NULL,
  until    INTEGER NOT NULL,
  PRIMARY KEY (order_id, kind)
);
