/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Paste Order Details": the order editor fills itself from text copied from an order page
 * and highlights the fields the text did not have. */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-money.h"
#include "ow-order-editor-private.h"
#include "ow-order-paste.h"

static const char *
field_name (OwEditorField field)
{
  switch (field)
    {
    case OW_EDITOR_FIELD_ORDER_NUMBER: return _("order number");
    case OW_EDITOR_FIELD_ITEM: return _("item");
    case OW_EDITOR_FIELD_STORE: return _("store");
    case OW_EDITOR_FIELD_AMOUNT: return _("amount");
    case OW_EDITOR_FIELD_PLACED: return _("placed date");
    case OW_EDITOR_FIELD_PAID: return _("paid date");
    case OW_EDITOR_FIELD_SHIPPED: return _("shipped date");
    case OW_EDITOR_FIELD_DELIVERED: return _("delivered date");
    case OW_EDITOR_FIELD_PROCESSING: return _("processing time");
    case OW_EDITOR_FIELD_DELIVERY: return _("delivery time");
    case OW_EDITOR_FIELD_TRACKING: return _("tracking number");
    case OW_EDITOR_FIELD_NOTES: return _("notes");
    case OW_EDITOR_N_FIELDS:
    default: g_assert_not_reached ();
    }
}

void
ow_order_editor_on_paste_row_activated (OwOrderEditor *self)
{
  gboolean open = !gtk_revealer_get_reveal_child (self->paste_revealer);

  gtk_revealer_set_reveal_child (self->paste_revealer, open);
  gtk_image_set_from_icon_name (self->paste_arrow, open ? "pan-up-symbolic" : "pan-down-symbolic");
  if (open)
    gtk_widget_grab_focus (GTK_WIDGET (self->paste_view));
}

guint
ow_order_editor_fill_from_text (OwOrderEditor *self,
                                const char    *text)
{
  g_autoptr(OwPasteResult) result = NULL;
  g_autoptr(GString) missing = g_string_new (NULL);
  static const struct { OwPasteFields found; OwEditorField field; } map[] = {
    { OW_PASTE_ORDER_NUMBER, OW_EDITOR_FIELD_ORDER_NUMBER },
    { OW_PASTE_ITEM, OW_EDITOR_FIELD_ITEM },
    { OW_PASTE_STORE, OW_EDITOR_FIELD_STORE },
    { OW_PASTE_AMOUNT, OW_EDITOR_FIELD_AMOUNT },
    { OW_PASTE_PLACED, OW_EDITOR_FIELD_PLACED },
    { OW_PASTE_PAID, OW_EDITOR_FIELD_PAID },
    { OW_PASTE_SHIPPED, OW_EDITOR_FIELD_SHIPPED },
    { OW_PASTE_DELIVERED, OW_EDITOR_FIELD_DELIVERED },
    { OW_PASTE_TRACKING, OW_EDITOR_FIELD_TRACKING },
    { OW_PASTE_PROCESSING, OW_EDITOR_FIELD_PROCESSING },
  };
  OwPasteFields found, expected;
  guint n_found = 0, n_missing = 0;
  gint64 amount;
  const char *currency;

  g_return_val_if_fail (OW_IS_ORDER_EDITOR (self), 0);
  g_return_val_if_fail (text != NULL, 0);

  result = ow_order_paste_parse (text);
  found = ow_paste_result_get_found (result);
  /* The parser knows what a page like this shows: an order not shipped has no shipment
   * date, and no order page is missing a delivery date it has not had yet. */
  expected = ow_paste_result_get_expected (result);

  self->filling = TRUE;
  if (found & OW_PASTE_ORDER_NUMBER)
    ow_order_editor_set_field_text (self, OW_EDITOR_FIELD_ORDER_NUMBER,
                                    ow_paste_result_get_order_number (result));
  if (found & OW_PASTE_ITEM)
    ow_order_editor_set_field_text (self, OW_EDITOR_FIELD_ITEM,
                                    ow_paste_result_get_item_title (result));
  if (found & OW_PASTE_STORE)
    ow_order_editor_set_field_text (self, OW_EDITOR_FIELD_STORE,
                                    ow_paste_result_get_store_name (result));
  if (found & OW_PASTE_PROCESSING)
    {
      g_autofree char *days = g_strdup_printf ("%d",
                                               ow_paste_result_get_processing_days (result));

      ow_order_editor_set_field_text (self, OW_EDITOR_FIELD_PROCESSING, days);
    }
  if (ow_paste_result_get_amount (result, &amount, &currency))
    {
      g_autofree char *decimal = ow_money_to_locale_decimal (amount, currency);

      ow_order_editor_select_currency (self, currency);
      ow_order_editor_set_field_text (self, OW_EDITOR_FIELD_AMOUNT, decimal);
    }
  for (int f = OW_EDITOR_FIELD_PLACED; f <= OW_EDITOR_FIELD_DELIVERED; f++)
    {
      g_autofree char *formatted = NULL;
      OwPasteDate date;
      gint64 time;

      /* Read as a typed date is: a date alone is midnight in the marketplace's zone. */
      if (!ow_paste_result_get_date (result, ow_order_editor_field_event (f), &date) ||
          (time = ow_order_editor_date_to_unix (self, &date)) == OW_TIME_UNSET)
        continue;
      formatted = ow_order_editor_format_time (self, time);
      ow_order_editor_set_field_text (self, f, formatted);
    }
  if (found & OW_PASTE_TRACKING)
    ow_order_editor_set_field_text (self, OW_EDITOR_FIELD_TRACKING,
                                    ow_paste_result_get_tracking_number (result));
  self->filling = FALSE;
  if (found != 0)
    self->changed = TRUE;

  /* Highlight what the text did not have and the form does not have either. */
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      OwEditorFieldState *state = &self->fields[map[i].field];
      g_autofree char *current = ow_order_editor_get_field_text (self, map[i].field);

      if (found & map[i].found)
        {
          n_found++;
          state->missing = FALSE;
          continue;
        }
      state->missing = (expected & map[i].found) && *current == '\0';
      if (state->missing)
        {
          g_string_append_printf (missing, "%s%s", missing->len ? _(", ") : "",
                                  field_name (map[i].field));
          n_missing++;
        }
    }

  if (ow_paste_result_get_problem (result) != NULL)
    gtk_label_set_text (self->paste_status, ow_paste_result_get_problem (result));
  else if (n_found == 0)
    gtk_label_set_text (self->paste_status,
                        _("Nothing in the text looks like order details. Copy the whole order "
                          "page and try again."));
  else
    {
      g_autofree char *status = NULL;

      if (missing->len == 0)
        status = g_strdup_printf (ngettext ("Filled in %u detail. Check it before saving.",
                                            "Filled in %u details. Check them before saving.",
                                            n_found), n_found);
      else
        {
          g_autofree char *filled = g_strdup_printf (ngettext ("Filled in %u detail.",
                                                               "Filled in %u details.", n_found),
                                                     n_found);
          /* Translators: %s is a list of fields such as "store, tracking number" */
          g_autofree char *lacking = g_strdup_printf (ngettext ("Not found in the text: %s; "
                                                                "that field is highlighted.",
                                                                "Not found in the text: %s; "
                                                                "those fields are highlighted.",
                                                                n_missing),
                                                      missing->str);

          /* Translators: the two sentences above, in order */
          status = g_strdup_printf (_("%s %s"), filled, lacking);
        }
      gtk_label_set_text (self->paste_status, status);
    }
  if (n_found > 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->paste_status), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->paste_status), "warning");
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->paste_status), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->paste_status), "dim-label");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->paste_status), TRUE);

  if (n_found > 0)
    {
      gtk_revealer_set_reveal_child (self->paste_revealer, FALSE);
      gtk_image_set_from_icon_name (self->paste_arrow, "pan-down-symbolic");
    }
  ow_order_editor_update (self);
  return found;
}

void
ow_order_editor_fill_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OwOrderEditor *self = OW_ORDER_EDITOR (widget);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->paste_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  ow_order_editor_fill_from_text (self, text);
}

