/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Adding and editing an order. The form is checked as the user types: each field says
 * what is wrong with it, and Save stays off until everything reads. The order itself is
 * checked by ow_order_validate () and written by the store in one transaction together
 * with its tracking number. */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-order-save.h"
#include "ow-error.h"
#include "ow-money.h"
#include "ow-order-editor.h"
#include "ow-order-editor-private.h"
#include "ow-order-paste.h"
#include "ow-order.h"
#include "ow-policy.h"
#include "ow-store-parcels.h"
#include "ow-store.h"
#include "ow-time.h"
#include "ow-tracking-number.h"

G_DEFINE_FINAL_TYPE (OwOrderEditor, ow_order_editor, ADW_TYPE_WINDOW)

enum { SAVED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The currencies offered first; any other one an order or a paste brings is added. */
static const char * const common_currencies[] = {
  "USD", "EUR", "GBP", "RUB", "AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "HKD",
  "ILS", "INR", "JPY", "KRW", "KZT", "MXN", "NOK", "NZD", "PLN", "SEK", "TRY", "UAH", NULL
};

#define DATE_FORMAT "%Y-%m-%d %H:%M"

/* ---- Reading the fields ---- */

char *
ow_order_editor_get_field_text (OwOrderEditor *self,
                                OwEditorField  field)
{
  GtkWidget *widget = self->fields[field].input;
  g_autofree char *text = NULL;

  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  else
    text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));

  return g_strstrip (g_steal_pointer (&text));
}

void
ow_order_editor_set_field_text (OwOrderEditor *self,
                                OwEditorField  field,
                                const char    *text)
{
  GtkWidget *widget = self->fields[field].input;

  if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)),
                              text ? text : "", -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text ? text : "");
}

const char *
ow_order_editor_get_currency (OwOrderEditor *self)
{
  guint index = gtk_drop_down_get_selected (self->currency_dropdown);

  return gtk_string_list_get_string (self->currencies, index);
}

void
ow_order_editor_select_currency (OwOrderEditor *self,
                 const char    *currency)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->currencies));

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->currencies, i), currency) == 0)
      {
        gtk_drop_down_set_selected (self->currency_dropdown, i);
        return;
      }
  gtk_string_list_append (self->currencies, currency);
  gtk_drop_down_set_selected (self->currency_dropdown, n);
}

char *
ow_order_editor_format_time (OwOrderEditor *self,
             gint64         time)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (time == OW_TIME_UNSET || (utc = g_date_time_new_from_unix_utc (time)) == NULL)
    return g_strdup ("");
  local = g_date_time_to_timezone (utc, self->zone);
  return g_date_time_format (local, DATE_FORMAT);
}

/* The marketplace chosen in the form, or NULL. */
static OwPolicy *
selected_policy (OwOrderEditor *self)
{
  guint index = adw_combo_row_get_selected (self->marketplace_row);

  if (self->marketplaces == NULL || index >= self->marketplaces->len)
    return NULL;
  return ow_policy_registry_lookup (self->policies, g_ptr_array_index (self->marketplaces, index));
}

GTimeZone *
ow_order_editor_get_market_zone (OwOrderEditor *self)
{
  OwPolicy *policy = selected_policy (self);

  return policy != NULL ? ow_policy_get_time_zone (policy) : self->zone;
}

gint64
ow_order_editor_date_to_unix (OwOrderEditor     *self,
                              const OwPasteDate *date)
{
  return ow_paste_date_to_unix_for (date, self->zone, ow_order_editor_get_market_zone (self));
}

/* A date as typed: ISO ("2026-11-01 10:00", "2026-11-01T10:00:00Z") or as order pages print
 * it ("Nov 1, 2026 10:00"): with a time, in the user's zone unless it names one; a date
 * alone, midnight in the marketplace's zone, as on the command line. */
gboolean
ow_order_editor_parse_date (OwOrderEditor *self,
                            const char    *text,
                            gint64        *time)
{
  OwPasteDate date;

  if (!ow_paste_parse_date (text, &date))
    return FALSE;
  *time = ow_order_editor_date_to_unix (self, &date);
  return *time != OW_TIME_UNSET;
}

static gboolean
parse_days (const char *text,
            int        *days)
{
  gint64 value;

  if (*text == '\0')
    {
      *days = 0;
      return TRUE;
    }
  if (!g_ascii_string_to_signed (text, 10, 1, 365, &value, NULL))
    return FALSE;
  *days = (int) value;
  return TRUE;
}

static gboolean
parse_amount (const char *text,
              const char *currency,
              gint64     *amount)
{
  g_autofree char *plain = g_strdup (text);
  char *comma;

  if (*text == '\0')
    {
      *amount = 0;
      return TRUE;
    }
  /* "4,99" is how half the world writes 4.99. */
  comma = strchr (plain, ',');
  if (comma != NULL && strchr (plain, '.') == NULL && strchr (comma + 1, ',') == NULL &&
      strlen (comma + 1) <= (gsize) ow_currency_exponent (currency))
    *comma = '.';
  return ow_money_parse (plain, currency, amount, NULL);
}

OwOrderEvent
ow_order_editor_field_event (OwEditorField field)
{
  return OW_EVENT_PLACED + (field - OW_EDITOR_FIELD_PLACED);
}

static void
set_error (char **errors,
           int    field,
           char  *message)
{
  if (errors[field] == NULL)
    errors[field] = message;
  else
    g_free (message);
}

/* The editor's field for a field of the core's validator, or -1 when the form has none. */
static int
editor_field (OwOrderField field)
{
  switch ((int) field)
    {
    case OW_ORDER_FIELD_ORDER_NUMBER: return OW_EDITOR_FIELD_ORDER_NUMBER;
    case OW_ORDER_FIELD_ITEM: return OW_EDITOR_FIELD_ITEM;
    case OW_ORDER_FIELD_STORE: return OW_EDITOR_FIELD_STORE;
    case OW_ORDER_FIELD_AMOUNT: return OW_EDITOR_FIELD_AMOUNT;
    case OW_ORDER_FIELD_PLACED + OW_EVENT_PLACED: return OW_EDITOR_FIELD_PLACED;
    case OW_ORDER_FIELD_PLACED + OW_EVENT_PAID: return OW_EDITOR_FIELD_PAID;
    case OW_ORDER_FIELD_PLACED + OW_EVENT_SHIPPED: return OW_EDITOR_FIELD_SHIPPED;
    case OW_ORDER_FIELD_PLACED + OW_EVENT_DELIVERED: return OW_EDITOR_FIELD_DELIVERED;
    case OW_ORDER_FIELD_PROCESSING_DAYS: return OW_EDITOR_FIELD_PROCESSING;
    case OW_ORDER_FIELD_DELIVERY_DAYS: return OW_EDITOR_FIELD_DELIVERY;
    case OW_ORDER_FIELD_NOTES: return OW_EDITOR_FIELD_NOTES;
    default: return -1;
    }
}

/* The order the form describes, and what is wrong with each field (NULL when fine). */
OwOrder *
ow_order_editor_read_form (OwOrderEditor *self,
                           char          *errors[OW_EDITOR_N_FIELDS],
                           char         **form_error)
{
  g_autoptr(OwOrder) order = self->original ? ow_order_copy (self->original) : ow_order_new ();
  g_autoptr(GError) error = NULL;
  char *text[OW_EDITOR_N_FIELDS];
  char *problems[OW_ORDER_N_FIELDS];
  gint64 times[4];
  gint64 amount = 0;
  gint64 now = ow_time_now ();
  const char *currency = ow_order_editor_get_currency (self);
  guint market = adw_combo_row_get_selected (self->marketplace_row);
  int days;

  for (int f = 0; f < OW_EDITOR_N_FIELDS; f++)
    text[f] = ow_order_editor_get_field_text (self, f);

  if (market < self->marketplaces->len)
    ow_order_set_marketplace (order, g_ptr_array_index (self->marketplaces, market));

  if (text[OW_EDITOR_FIELD_ORDER_NUMBER][0] == '\0')
    set_error (errors, OW_EDITOR_FIELD_ORDER_NUMBER,
               g_strdup (_("Order number: type the number shown on the order page")));
  ow_order_set_order_number (order, text[OW_EDITOR_FIELD_ORDER_NUMBER]);

  ow_order_set_item_title (order, *text[OW_EDITOR_FIELD_ITEM] ? text[OW_EDITOR_FIELD_ITEM]
                                                               : NULL);
  ow_order_set_store_name (order, *text[OW_EDITOR_FIELD_STORE] ? text[OW_EDITOR_FIELD_STORE]
                                                                : NULL);

  if (!parse_amount (text[OW_EDITOR_FIELD_AMOUNT], currency, &amount))
    {
      int exponent = ow_currency_exponent (currency);

      if (g_regex_match_simple ("^[0-9]+([.,][0-9]+)?$", text[OW_EDITOR_FIELD_AMOUNT], 0, 0))
        set_error (errors, OW_EDITOR_FIELD_AMOUNT,
                   exponent == 0
                   /* Translators: %s is a currency code such as JPY */
                   ? g_strdup_printf (_("Amount: %s has no decimals"), currency)
                   : g_strdup_printf (ngettext ("Amount: %s takes at most %d decimal",
                                                "Amount: %s takes at most %d decimals", exponent),
                                      currency, exponent));
      else
        set_error (errors, OW_EDITOR_FIELD_AMOUNT,
                   g_strdup_printf (_("Amount: “%s” is not an amount; type digits with an "
                                      "optional decimal point, such as 4.99"),
                                    text[OW_EDITOR_FIELD_AMOUNT]));
    }
  ow_order_set_amount (order, amount);
  ow_order_set_currency (order, currency);
  ow_order_set_quantity (order, gtk_spin_button_get_value_as_int (self->quantity_spin));
  ow_order_set_payment_method (order,
                               (OwPaymentMethod) adw_combo_row_get_selected (self->payment_row));

  for (int f = OW_EDITOR_FIELD_PLACED; f <= OW_EDITOR_FIELD_DELIVERED; f++)
    {
      OwOrderEvent event = ow_order_editor_field_event (f);
      const char *label = ow_order_event_label (event);

      times[f - OW_EDITOR_FIELD_PLACED] = OW_TIME_UNSET;
      /* Unchanged: keep the fact as it was, inferred or typed, to the second. */
      if (g_strcmp0 (text[f], self->initial_text[f]) == 0)
        {
          times[f - OW_EDITOR_FIELD_PLACED] = ow_order_get_time (order, event);
          continue;
        }
      if (*text[f] == '\0')
        {
          ow_order_set_time (order, event, OW_TIME_UNSET, OW_FACT_UNKNOWN);
          continue;
        }
      if (!ow_order_editor_parse_date (self, text[f], &times[f - OW_EDITOR_FIELD_PLACED]))
        {
          /* Translators: %s is a date field such as "Paid" */
          set_error (errors, f, g_strdup_printf (_("%s: “%s” is not a date; type it like "
                                                   "2026-11-01 10:00 or pick it from the "
                                                   "calendar"), label, text[f]));
          continue;
        }
      ow_order_set_time (order, event, times[f - OW_EDITOR_FIELD_PLACED], OW_FACT_USER);
    }
  if (!parse_days (text[OW_EDITOR_FIELD_PROCESSING], &days))
    set_error (errors, OW_EDITOR_FIELD_PROCESSING,
               g_strdup (_("Processing time: type a number of days from 1 to 365")));
  else
    ow_order_set_processing_days (order, days);
  if (!parse_days (text[OW_EDITOR_FIELD_DELIVERY], &days))
    set_error (errors, OW_EDITOR_FIELD_DELIVERY,
               g_strdup (_("Delivery time: type a number of days from 1 to 365")));
  else
    ow_order_set_delivery_days (order, days);

  if (*text[OW_EDITOR_FIELD_TRACKING] != '\0')
    {
      g_autofree char *number = ow_tracking_number_normalize (text[OW_EDITOR_FIELD_TRACKING]);

      if (!ow_tracking_number_validate (number, &error))
        {
          set_error (errors, OW_EDITOR_FIELD_TRACKING, g_strdup (error->message));
          g_clear_error (&error);
        }
    }

  ow_order_set_notes (order, *text[OW_EDITOR_FIELD_NOTES] ? text[OW_EDITOR_FIELD_NOTES] : NULL);

  /* The core's one validator: its message goes beside the field it is about, or under the
   * form when the form has no such field. A field whose text did not parse keeps that. */
  ow_policy_registry_check_order (self->policies, order, now, problems);
  for (int f = 0; f < OW_ORDER_N_FIELDS; f++)
    {
      int field = editor_field (f);

      if (problems[f] == NULL)
        continue;
      if (field >= 0)
        set_error (errors, field, g_steal_pointer (&problems[f]));
      else if (form_error != NULL && *form_error == NULL)
        *form_error = g_steal_pointer (&problems[f]);
      g_free (problems[f]);
    }

  for (int f = 0; f < OW_EDITOR_N_FIELDS; f++)
    g_free (text[f]);

  return g_steal_pointer (&order);
}

/* ---- Showing what is wrong ---- */

static void
set_style (GtkWidget  *widget,
           const char *style,
           gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, style);
  else
    gtk_widget_remove_css_class (widget, style);
}

/* Checks the form, shows each field's problem next to it and enables Save when it reads. */
void
ow_order_editor_update (OwOrderEditor *self)
{
  char *errors[OW_EDITOR_N_FIELDS] = { NULL };
  g_autofree char *form_error = NULL;
  g_autoptr(OwOrder) order = ow_order_editor_read_form (self, errors, &form_error);
  GHashTable *messages = g_hash_table_new_full (NULL, NULL, NULL, NULL);
  gboolean valid = form_error == NULL;
  GtkLabel *labels[] = { self->order_message, self->payment_message, self->dates_message,
                         self->promise_message, self->tracking_message, self->notes_message };

  for (int f = 0; f < OW_EDITOR_N_FIELDS; f++)
    {
      OwEditorFieldState *state = &self->fields[f];
      const char *shown;
      GString *group_text;

      if (errors[f] != NULL)
        valid = FALSE;
      /* A required field left empty only turns red once the user has been there. */
      if (errors[f] != NULL && f == OW_EDITOR_FIELD_ORDER_NUMBER && !state->touched &&
          !self->attempted)
        g_clear_pointer (&errors[f], g_free);

      g_free (state->error);
      state->error = g_steal_pointer (&errors[f]);
      shown = state->error ? state->error : state->store_error;

      set_style (state->styled, "error", shown != NULL);
      set_style (state->styled, "warning", shown == NULL && state->missing);
      gtk_widget_set_tooltip_text (state->styled, shown);

      group_text = g_hash_table_lookup (messages, state->message);
      if (group_text == NULL)
        g_hash_table_insert (messages, state->message, group_text = g_string_new (NULL));
      if (shown != NULL)
        g_string_append_printf (group_text, "%s%s", group_text->len ? "\n" : "", shown);
      if (state->store_error != NULL)
        valid = FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      GString *group_text = g_hash_table_lookup (messages, labels[i]);

      gtk_label_set_text (labels[i], group_text ? group_text->str : "");
      gtk_widget_set_visible (GTK_WIDGET (labels[i]), group_text && group_text->len > 0);
      if (group_text)
        g_string_free (group_text, TRUE);
    }
  g_hash_table_unref (messages);

  /* The core's complaint only when no field explains the problem already. */
  gtk_label_set_text (self->form_message, form_error ? form_error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->form_message),
                          form_error != NULL && valid == FALSE && self->attempted &&
                          !self->fields[OW_EDITOR_FIELD_ORDER_NUMBER].error);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
}

static void
on_field_changed_cb (OwOrderEditor *self,
                     GObject       *input)
{
  for (int f = 0; f < OW_EDITOR_N_FIELDS; f++)
    if (self->fields[f].input == (GtkWidget *) input ||
        (GTK_IS_TEXT_VIEW (self->fields[f].input) &&
         gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->fields[f].input)) ==
         (GtkTextBuffer *) input))
      {
        if (!self->filling)
          {
            self->fields[f].touched = TRUE;
            self->fields[f].missing = FALSE;
            self->changed = TRUE;
          }
        g_clear_pointer (&self->fields[f].store_error, g_free);
      }
  ow_order_editor_update (self);
}

static void
on_choice_changed_cb (OwOrderEditor *self)
{
  if (!self->filling)
    self->changed = TRUE;
  ow_order_editor_update (self);
}

/* The dates group says in which zone a typed date is read. */
static void
update_dates_description (OwOrderEditor *self)
{
  OwPolicy *policy = selected_policy (self);
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now (self->zone);
  g_autofree char *here = g_date_time_format (now, "%Z");

  if (policy != NULL)
    /* Translators: the user's time zone (such as "CET"), a marketplace, and its time zone
     * (such as "America/Los_Angeles") */
    text = g_strdup_printf (_("Leave a date empty until it happens. Type it as on the order "
                              "page, such as 2026-11-01 10:00 (your time, %s), or pick it "
                              "from the calendar. A date without a time means midnight in "
                              "%s’s time zone, %s, as %s counts its days."),
                            here, ow_policy_get_name (policy),
                            g_time_zone_get_identifier (ow_policy_get_time_zone (policy)),
                            ow_policy_get_name (policy));
  else
    text = g_strdup_printf (_("Leave a date empty until it happens. Type it as on the order "
                              "page, such as 2026-11-01 10:00 (your time, %s), or pick it "
                              "from the calendar."), here);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->dates_group), text);
}

static void
on_marketplace_changed_cb (OwOrderEditor *self)
{
  OwPolicy *policy = selected_policy (self);
  g_autofree char *processing = NULL;
  g_autofree char *delivery = NULL;

  if (!self->filling)
    self->changed = TRUE;
  update_dates_description (self);
  /* The policy's usual times as hints: a typed value is never replaced. */
  if (policy != NULL)
    {
      processing = g_strdup_printf ("%d", ow_policy_get_default_processing_days (policy));
      delivery = g_strdup_printf ("%d", ow_policy_get_default_delivery_days (policy));
    }
  gtk_entry_set_placeholder_text (self->processing_entry, processing);
  gtk_entry_set_placeholder_text (self->delivery_entry, delivery);
  /* A different marketplace can make the order number unique again. */
  g_clear_pointer (&self->fields[OW_EDITOR_FIELD_ORDER_NUMBER].store_error, g_free);
  ow_order_editor_update (self);
}

/* ---- Saving ---- */

/* Saves through the core: a new order with its tracking number, or what the form changed
 * written onto the order as it is now (a tracking refresh meanwhile is kept). On failure,
 * @field is the field the error is about (or -1). Returns the order's id, or 0. */
static gint64
write_order (OwOrderEditor  *self,
             OwOrder        *order,
             int            *field,
             GError        **error)
{
  g_autofree char *tracking = ow_order_editor_get_field_text (self, OW_EDITOR_FIELD_TRACKING);
  g_autoptr(GPtrArray) numbers = g_ptr_array_new ();
  g_autoptr(OwOrder) saved = NULL;
  gint64 now = ow_time_now ();

  *field = -1;
  if (*tracking != '\0')
    g_ptr_array_add (numbers, tracking);

  if (self->original == NULL
      ? ow_order_save_new (self->store, self->policies, order, numbers, NULL, now, error)
      : (saved = ow_order_save_changes (self->store, self->policies, self->original, order,
                                        numbers, NULL, now, error)) != NULL)
    return ow_order_get_id (order);

  if (g_error_matches (*error, OW_STORE_ERROR, OW_STORE_ERROR_DUPLICATE))
    *field = OW_EDITOR_FIELD_ORDER_NUMBER;
  else if ((*error)->domain == OW_INPUT_ERROR && numbers->len > 0)
    /* The form checked the order already: what is left is the number. */
    *field = OW_EDITOR_FIELD_TRACKING;
  return 0;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OwOrderEditor *self = OW_ORDER_EDITOR (widget);
  char *errors[OW_EDITOR_N_FIELDS] = { NULL };
  g_autofree char *form_error = NULL;
  g_autoptr(OwOrder) order = NULL;
  g_autoptr(GError) error = NULL;
  gboolean valid = TRUE;
  int field;

  self->attempted = TRUE;
  order = ow_order_editor_read_form (self, errors, &form_error);
  for (int f = 0; f < OW_EDITOR_N_FIELDS; f++)
    {
      valid &= errors[f] == NULL && self->fields[f].store_error == NULL;
      g_free (errors[f]);
    }
  if (!valid || form_error != NULL)
    {
      ow_order_editor_update (self);
      return;
    }

  if (!write_order (self, order, &field, &error))
    {
      if (field >= 0)
        {
          g_free (self->fields[field].store_error);
          if (field == OW_EDITOR_FIELD_ORDER_NUMBER)
            {
              GObject *market = adw_combo_row_get_selected_item (self->marketplace_row);

              /* Translators: an order number, then a marketplace such as "AliExpress" */
              self->fields[field].store_error =
                g_strdup_printf (_("Order number: %s is already saved for %s; open that "
                                   "order to change it"),
                                 ow_order_get_order_number (order),
                                 gtk_string_object_get_string (GTK_STRING_OBJECT (market)));
            }
          else
            self->fields[field].store_error = g_strdup (error->message);
          gtk_widget_grab_focus (self->fields[field].input);
        }
      else
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      ow_order_editor_update (self);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, ow_order_get_id (order));
  self->saved = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- Closing ---- */

static gboolean
close_discarded_cb (gpointer data)
{
  g_autoptr(OwOrderEditor) self = data;

  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        OwOrderEditor    *self)
{
  if (!g_str_equal (response, "discard"))
    return;
  self->discarding = TRUE;
  /* Once the dialog, which sits on the editor, has closed itself. */
  g_idle_add (close_discarded_cb, g_object_ref (self));
}

/* Escape, Cancel or the window's close button on a form the user filled in: ask first. */
static gboolean
ow_order_editor_close_request (GtkWindow *window)
{
  OwOrderEditor *self = OW_ORDER_EDITOR (window);
  GtkWidget *dialog;

  if (self->saved || self->discarding || !self->changed)
    return GTK_WINDOW_CLASS (ow_order_editor_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window,
                                   self->original ? _("Discard Changes?") : _("Discard Order?"),
                                   self->original ? _("The changes to this order are not saved. "
                                                      "Discard them, or keep editing and save.")
                                                  : _("The order is not saved. Discard what "
                                                      "you typed, or keep editing and save."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- Filling the form from an order ---- */

static void
load_marketplaces (OwOrderEditor *self,
                   const char    *current)
{
  g_autoptr(GPtrArray) policies = ow_policy_registry_list (self->policies);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;
  gboolean have_current = FALSE;

  for (guint i = 0; i < policies->len; i++)
    {
      OwPolicy *policy = g_ptr_array_index (policies, i);

      g_ptr_array_add (self->marketplaces, g_strdup (ow_policy_get_id (policy)));
      gtk_string_list_append (names, ow_policy_get_name (policy));
      if (g_strcmp0 (ow_policy_get_id (policy), current) == 0)
        selected = i, have_current = TRUE;
    }
  /* An order of a marketplace without a policy keeps its marketplace. */
  if (!have_current && current != NULL)
    {
      selected = self->marketplaces->len;
      g_ptr_array_add (self->marketplaces, g_strdup (current));
      gtk_string_list_append (names, current);
    }

  adw_combo_row_set_model (self->marketplace_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->marketplace_row, selected);
}

static void
load_order (OwOrderEditor *self,
            OwOrder       *order)
{
  g_autoptr(GPtrArray) parcels = NULL;
  g_autofree char *amount = NULL;

  ow_order_editor_select_currency (self, ow_order_get_currency (order));
  adw_combo_row_set_selected (self->payment_row, ow_order_get_payment_method (order));
  gtk_spin_button_set_value (self->quantity_spin, ow_order_get_quantity (order));

  if (self->original == NULL)
    return;

  ow_order_editor_set_field_text (self, OW_EDITOR_FIELD_ORDER_NUMBER,
                                  ow_order_get_order_number (order));
  ow_order_editor_set_field_text (self, OW_EDITOR_FIELD_ITEM, ow_order_get_item_title (order));
  ow_order_editor_set_field_text (self, OW_EDITOR_FIELD_STORE, ow_order_get_store_name (order));
  if (ow_order_get_amount (order) != 0)
    amount = ow_money_to_locale_decimal (ow_order_get_amount (order),
                                         ow_order_get_currency (order));
  ow_order_editor_set_field_text (self, OW_EDITOR_FIELD_AMOUNT, amount);
  for (int f = OW_EDITOR_FIELD_PLACED; f <= OW_EDITOR_FIELD_DELIVERED; f++)
    {
      g_free (self->initial_text[f]);
      gint64 time = ow_order_get_time (order, ow_order_editor_field_event (f));
      GtkWidget *row = self->fields[f].input;

      /* Known to have happened (an import said so), when is not: typing the date fills it. */
      if (self->date_unknown[f] == NULL && ADW_IS_ENTRY_ROW (row))
        {
          self->date_unknown[f] = gtk_label_new (_("Date unknown"));
          gtk_widget_add_css_class (self->date_unknown[f], "dim-label");
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), self->date_unknown[f]);
        }
      if (self->date_unknown[f] != NULL)
        gtk_widget_set_visible (self->date_unknown[f],
                                ow_order_get_time_undated (order, ow_order_editor_field_event (f)));

      self->initial_text[f] = ow_order_editor_format_time (self, time);
      ow_order_editor_set_field_text (self, f, self->initial_text[f]);
    }
  if (ow_order_get_processing_days (order) > 0)
    {
      g_autofree char *days = g_strdup_printf ("%d", ow_order_get_processing_days (order));

      ow_order_editor_set_field_text (self, OW_EDITOR_FIELD_PROCESSING, days);
    }
  if (ow_order_get_delivery_days (order) > 0)
    {
      g_autofree char *days = g_strdup_printf ("%d", ow_order_get_delivery_days (order));

      ow_order_editor_set_field_text (self, OW_EDITOR_FIELD_DELIVERY, days);
    }
  ow_order_editor_set_field_text (self, OW_EDITOR_FIELD_NOTES, ow_order_get_notes (order));

  /* The first parcel's number; a new number is added as another parcel. */
  parcels = ow_store_list_parcels (self->store, ow_order_get_id (order), NULL);
  if (parcels != NULL && parcels->len > 0)
    ow_order_editor_set_field_text (self, OW_EDITOR_FIELD_TRACKING,
                                    ow_parcel_get_tracking_number (parcels->pdata[0]));
}

/* ---- GObject ---- */

static void
ow_order_editor_dispose (GObject *object)
{
  OwOrderEditor *self = OW_ORDER_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), OW_TYPE_ORDER_EDITOR);
  g_clear_object (&self->store);
  g_clear_object (&self->policies);
  g_clear_object (&self->original);
  g_clear_object (&self->currencies);

  G_OBJECT_CLASS (ow_order_editor_parent_class)->dispose (object);
}

static void
ow_order_editor_finalize (GObject *object)
{
  OwOrderEditor *self = OW_ORDER_EDITOR (object);

  for (int f = 0; f < OW_EDITOR_N_FIELDS; f++)
    {
      g_free (self->fields[f].error);
      g_free (self->fields[f].store_error);
      g_free (self->initial_text[f]);
    }
  g_clear_pointer (&self->marketplaces, g_ptr_array_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (ow_order_editor_parent_class)->finalize (object);
}

static void
ow_order_editor_class_init (OwOrderEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ow_order_editor_dispose;
  object_class->finalize = ow_order_editor_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = ow_order_editor_close_request;

  /**
   * OwOrderEditor::saved:
   * @order_id: the order's id in the store
   *
   * The order was written; the window closes next.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ow-order-editor.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, OwOrderEditor, name)
  BIND (window_title);
  BIND (save_button);
  BIND (toast_overlay);
  BIND (scroller);
  BIND (paste_row);
  BIND (paste_arrow);
  BIND (paste_revealer);
  BIND (paste_view);
  BIND (paste_status);
  BIND (marketplace_row);
  BIND (order_number_row);
  BIND (item_row);
  BIND (store_row);
  BIND (amount_row);
  BIND (currency_dropdown);
  BIND (quantity_spin);
  BIND (payment_row);
  BIND (placed_row);
  BIND (paid_row);
  BIND (shipped_row);
  BIND (delivered_row);
  BIND (dates_group);
  BIND (processing_entry);
  BIND (delivery_entry);
  BIND (tracking_row);
  BIND (notes_view);
  BIND (order_message);
  BIND (payment_message);
  BIND (dates_message);
  BIND (promise_message);
  BIND (tracking_message);
  BIND (notes_message);
  BIND (form_message);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, ow_order_editor_on_paste_row_activated);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.fill", NULL, ow_order_editor_fill_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ow_order_editor_init (OwOrderEditor *self)
{
  struct { GtkWidget *input; GtkWidget *styled; GtkLabel *message; } fields[OW_EDITOR_N_FIELDS];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->zone = g_time_zone_new_local ();
  self->marketplaces = g_ptr_array_new_with_free_func (g_free);
  self->currencies = gtk_string_list_new ((const char * const *) common_currencies);
  gtk_drop_down_set_model (self->currency_dropdown, G_LIST_MODEL (self->currencies));

#define FIELD(f, in, st, msg) \
  fields[f].input = GTK_WIDGET (in), fields[f].styled = GTK_WIDGET (st), fields[f].message = msg
  FIELD (OW_EDITOR_FIELD_ORDER_NUMBER, self->order_number_row, self->order_number_row,
         self->order_message);
  FIELD (OW_EDITOR_FIELD_ITEM, self->item_row, self->item_row, self->order_message);
  FIELD (OW_EDITOR_FIELD_STORE, self->store_row, self->store_row, self->order_message);
  FIELD (OW_EDITOR_FIELD_AMOUNT, self->amount_row, self->amount_row, self->payment_message);
  FIELD (OW_EDITOR_FIELD_PLACED, self->placed_row, self->placed_row, self->dates_message);
  FIELD (OW_EDITOR_FIELD_PAID, self->paid_row, self->paid_row, self->dates_message);
  FIELD (OW_EDITOR_FIELD_SHIPPED, self->shipped_row, self->shipped_row, self->dates_message);
  FIELD (OW_EDITOR_FIELD_DELIVERED, self->delivered_row, self->delivered_row,
         self->dates_message);
  FIELD (OW_EDITOR_FIELD_PROCESSING, self->processing_entry, self->processing_entry,
         self->promise_message);
  FIELD (OW_EDITOR_FIELD_DELIVERY, self->delivery_entry, self->delivery_entry,
         self->promise_message);
  FIELD (OW_EDITOR_FIELD_TRACKING, self->tracking_row, self->tracking_row,
         self->tracking_message);
  FIELD (OW_EDITOR_FIELD_NOTES, self->notes_view, self->notes_view, self->notes_message);
#undef FIELD

  for (int f = 0; f < OW_EDITOR_N_FIELDS; f++)
    {
      self->fields[f].input = fields[f].input;
      self->fields[f].styled = fields[f].styled;
      self->fields[f].message = fields[f].message;
    }

  for (int f = OW_EDITOR_FIELD_PLACED; f <= OW_EDITOR_FIELD_DELIVERED; f++)
    ow_order_editor_add_date_picker (self, f);
}

static void
connect_fields (OwOrderEditor *self)
{
  for (int f = 0; f < OW_EDITOR_N_FIELDS; f++)
    {
      GtkWidget *input = self->fields[f].input;

      if (GTK_IS_TEXT_VIEW (input))
        g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), "changed",
                                 G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
      else
        g_signal_connect_object (input, "changed", G_CALLBACK (on_field_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->currency_dropdown, "notify::selected",
                           G_CALLBACK (on_choice_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quantity_spin, "value-changed",
                           G_CALLBACK (on_choice_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->payment_row, "notify::selected",
                           G_CALLBACK (on_choice_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->marketplace_row, "notify::selected",
                           G_CALLBACK (on_marketplace_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWindow *
ow_order_editor_new (GtkWindow        *parent,
                     OwStore          *store,
                     OwPolicyRegistry *policies,
                     OwOrder          *order_or_null)
{
  OwOrderEditor *self;
  g_autoptr(OwOrder) blank = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (OW_IS_STORE (store), NULL);
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (policies), NULL);
  g_return_val_if_fail (order_or_null == NULL || OW_IS_ORDER (order_or_null), NULL);

  self = g_object_new (OW_TYPE_ORDER_EDITOR, "transient-for", parent, NULL);
  if (parent != NULL)
    {
      int width = 0, height = 0, own_width = 0, own_height = 0;

      gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
      /* Over a narrow window (a phone, a tiled half screen) it is no wider or taller. */
      gtk_window_get_default_size (GTK_WINDOW (self), &own_width, &own_height);
      width = gtk_widget_get_width (GTK_WIDGET (parent));
      height = gtk_widget_get_height (GTK_WIDGET (parent));
      if (width > 0 && height > 0)
        gtk_window_set_default_size (GTK_WINDOW (self), MIN (own_width, MAX (width, 360)),
                                     MIN (own_height, MAX (height, 294)));
    }
  self->store = g_object_ref (store);
  self->policies = g_object_ref (policies);

  if (order_or_null != NULL)
    {
      self->original = ow_order_copy (order_or_null);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Order"));
      adw_window_title_set_title (self->window_title, _("Edit Order"));
      adw_window_title_set_subtitle (self->window_title,
                                     ow_order_get_order_number (order_or_null));
    }
  else
    blank = ow_order_new ();

  self->filling = TRUE;
  load_marketplaces (self, ow_order_get_marketplace (self->original ? self->original : blank));
  load_order (self, self->original ? self->original : blank);
  self->filling = FALSE;

  connect_fields (self);
  self->filling = TRUE;
  on_marketplace_changed_cb (self);
  self->filling = FALSE;
  /* Typing starts with the order number: the paste row and the marketplace are one click. */
  gtk_window_set_focus (GTK_WINDOW (self), self->order_number_row);

  return GTK_WINDOW (self);
}
