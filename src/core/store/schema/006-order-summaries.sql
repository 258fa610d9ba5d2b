-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 6: what the order list last computed for each order (its place, its tab),
-- so a window can show its first screen without reading and computing every order again.
-- A cache: every order has a row, and any change to what the rules read about an order
-- (the order, its extensions, its disputes and their steps) clears the row's computation
-- and moves its revision on, which stops a computation read before the change from being
-- saved over it (see ow-store-summaries.c).
CREATE TABLE order_summaries (
  order_id     INTEGER PRIMARY KEY REFERENCES orders (id) ON DELETE CASCADE,
  revision     INTEGER NOT NULL DEFAULT 0,
  computed_at  INTEGER,           -- NULL: to be computed
  changes_at   INTEGER,
  urgency      INTEGER,
  date         INTEGER,
  status       INTEGER,           -- an OwOrderStatus
  needs_action INTEGER,
  archived     INTEGER
);

-- The rules the saved computations were made with (ow_policy_registry_get_fingerprint):
-- under other rules, every row is to be computed again.
CREATE TABLE order_summaries_rules (
  fingerprint TEXT NOT NULL
);

INSERT INTO order_summaries (order_id) SELECT id FROM orders;

CREATE TRIGGER order_summaries_insert AFTER INSERT ON orders BEGIN
  INSERT OR IGNORE INTO order_summaries (order_id) VALUES (NEW.id);
END;
CREATE TRIGGER order_summaries_update AFTER UPDATE ON orders BEGIN
  UPDATE order_summaries SET revision = revision + 1, computed_at = NULL
   WHERE order_id IN (OLD.id, NEW.id);
END;

CREATE TRIGGER order_summaries_extension_insert AFTER INSERT ON extensions BEGIN
  UPDATE order_summaries SET revision = revision + 1, computed_at = NULL
   WHERE order_id = NEW.order_id;
END;
CREATE TRIGGER order_summaries_extension_update AFTER UPDATE ON extensions BEGIN
  UPDATE order_summaries SET revision = revision + 1, computed_at = NULL
   WHERE order_id IN (OLD.order_id, NEW.order_id);
END;
CREATE TRIGGER order_summaries_extension_delete AFTER DELETE ON extensions BEGIN
  UPDATE order_summaries SET revision = revision + 1, computed_at = NULL
   WHERE order_id = OLD.order_id;
END;

CREATE TRIGGER order_summaries_dispute_insert AFTER INSERT ON disputes BEGIN
  UPDATE order_summaries SET revision = revision + 1, computed_at = NULL
   WHERE order_id = NEW.order_id;
END;
CREATE TRIGGER order_summaries_dispute_update AFTER UPDATE ON disputes BEGIN
  UPDATE order_summaries SET revision = revision + 1, computed_at = NULL
   WHERE order_id IN (OLD.order_id, NEW.order_id);
END;
CREATE TRIGGER order_summaries_dispute_delete AFTER DELETE ON disputes BEGIN
  UPDATE order_summaries SET revision = revision + 1, computed_at = NULL
   WHERE order_id = OLD.order_id;
END;

CREATE TRIGGER order_summaries_step_insert AFTER INSERT ON dispute_steps BEGIN
  UPDATE order_summaries SET revision = revision + 1, computed_at = NULL
   WHERE order_id = (SELECT order_id FROM disputes WHERE id = NEW.dispute_id);
END;
CREATE TRIGGER order_summaries_step_update AFTER UPDATE ON dispute_steps BEGIN
  UPDATE order_summaries SET revision = revision + 1, computed_at = NULL
   WHERE order_id IN (SELECT order_id FROM disputes WHERE id IN (OLD.dispute_id, NEW.dispute_id));
END;
CREATE TRIGGER order_summaries_step_delete AFTER DELETE ON dispute_steps BEGIN
  UPDATE order_summaries SET revision = revision + 1, computed_at = NULL
   WHERE order_id = (SELECT order_id FROM disputes WHERE id = OLD.dispute_id);
END;
