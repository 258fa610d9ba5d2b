/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The items of a long JSON array written by two threads, in order: `deadlines --json`
 * writes hundreds of thousands of objects, and a second core halves the wait. */
#pragma once

#include "ow-json-writer.h"

G_BEGIN_DECLS

/* Writes item @index of the array into @writer (one value: an object, say). */
typedef void (*OwJsonItemFunc) (OwJsonWriter *writer,
                                guint         index,
                                gpointer      user_data);

/* Items 0 to @n_items - 1 of the array @writer is writing, in order. Runs of them are
 * written on a second thread, into writers of their own, while this thread writes the runs
 * between and hands the text on: @write_item must be safe to call from both at once. A short
 * array, or a writer filling a JsonBuilder, is written on this thread alone. */
void ow_json_write_items (OwJsonWriter   *writer,
                          guint           n_items,
                          OwJsonItemFunc  write_item,
                          gpointer        user_data);

G_END_DECLS
