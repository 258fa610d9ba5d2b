-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 2: disputes on a channel with a history, and an evidence locker per order.
-- Version 1's disputes and evidence tables were never written by any release: replaced.

DROP TABLE evidence;
DROP TABLE disputes;

CREATE TABLE disputes (
  id          INTEGER PRIMARY KEY,
  order_id    INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  channel     TEXT    NOT NULL CHECK (channel IN ('marketplace', 'paypal', 'card')),
  reason      TEXT    NOT NULL,
  solution    TEXT    NOT NULL CHECK (solution IN ('refund_only', 'return_goods')),
  amount      INTEGER NOT NULL CHECK (amount > 0),
  description TEXT,
  open        INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL
);
CREATE INDEX disputes_order ON disputes (order_id);
-- One open dispute per channel.
CREATE UNIQUE INDEX disputes_one_open ON disputes (order_id, channel) WHERE open = 1;

-- What happened, in order: opened, seller_accepted, …, closed (see OwDisputeStepKind).
CREATE TABLE dispute_steps (
  id         INTEGER PRIMARY KEY,
  dispute_id INTEGER NOT NULL REFERENCES disputes (id) ON DELETE CASCADE,
  kind       TEXT    NOT NULL,
  at         INTEGER NOT NULL,
  amount     INTEGER,
  text       TEXT
);
CREATE INDEX dispute_steps_dispute ON dispute_steps (dispute_id);

-- The locker's records; the files are named by their SHA-256 in the evidence folder.
CREATE TABLE evidence (
  id            INTEGER PRIMARY KEY,
  order_id      INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  kind          TEXT    NOT NULL,
  original_name TEXT    NOT NULL,
  media_type    TEXT    NOT NULL,
  size          INTEGER NOT NULL CHECK (size >= 0),
  sha256        TEXT    NOT NULL,
  note          TEXT,
  added_at      INTEGER NOT NULL,
  UNIQUE (order_id, sha256)
);
CREATE INDEX evidence_sha256 ON evidence (sha256);
