-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 4: facts known without their instant, and where imported facts came from.

-- Bit (1 << OwOrderEvent) set when that fact is known to have happened but not when (a
-- status "Completed" proves receipt, not its date); its *_at column stays NULL.
ALTER TABLE orders ADD COLUMN undated_facts INTEGER NOT NULL DEFAULT 0;
-- Bit (1 << OwOrderEvent) set when that fact came from an exporter's file or an email.
ALTER TABLE orders ADD COLUMN imported_facts INTEGER NOT NULL DEFAULT 0;
-- Where imported facts came from: one "event<TAB>origin" line per fact, origins such as
-- "email 1763000000" (the mail's Date) or "file orders.csv"; NULL when none.
ALTER TABLE orders ADD COLUMN fact_origins TEXT;
