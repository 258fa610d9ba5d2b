/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shared by the files of OwOrderEditor (the form, its date pickers) and its tests. */
#pragma once

#include "ow-order-editor.h"
#include "ow-order-paste.h"

G_BEGIN_DECLS

/* The fields the form checks; each shows its own problem. */
typedef enum
{
  OW_EDITOR_FIELD_ORDER_NUMBER,
  OW_EDITOR_FIELD_ITEM,
  OW_EDITOR_FIELD_STORE,
  OW_EDITOR_FIELD_AMOUNT,
  OW_EDITOR_FIELD_PLACED,       /* the four dates follow the OwOrderEvent order */
  OW_EDITOR_FIELD_PAID,
  OW_EDITOR_FIELD_SHIPPED,
  OW_EDITOR_FIELD_DELIVERED,
  OW_EDITOR_FIELD_PROCESSING,
  OW_EDITOR_FIELD_DELIVERY,
  OW_EDITOR_FIELD_TRACKING,
  OW_EDITOR_FIELD_NOTES,
  OW_EDITOR_N_FIELDS
} OwEditorField;

typedef struct
{
  GtkWidget *input;             /* a GtkEditable or a GtkTextView */
  GtkWidget *styled;            /* gets the error or warning style */
  GtkLabel  *message;           /* the group's message label */
  char      *error;             /* what is wrong with the text, or NULL */
  char      *store_error;       /* what the store said on Save, until the field changes */
  gboolean   touched;           /* the user edited it */
  gboolean   missing;           /* a paste did not find it: highlighted until edited */
} OwEditorFieldState;

typedef struct
{
  OwOrderEditor  *editor;
  OwEditorField   field;
  GtkCalendar    *calendar;
  GtkSpinButton  *hour;
  GtkSpinButton  *minute;
  gboolean        syncing;
} OwEditorDatePicker;

struct _OwOrderEditor
{
  AdwWindow           parent_instance;

  AdwWindowTitle     *window_title;
  GtkWidget          *save_button;
  AdwToastOverlay    *toast_overlay;
  GtkScrolledWindow  *scroller;
  GtkWidget          *paste_row;
  GtkImage           *paste_arrow;
  GtkRevealer        *paste_revealer;
  GtkTextView        *paste_view;
  GtkLabel           *paste_status;
  AdwComboRow        *marketplace_row;
  GtkWidget          *order_number_row;
  GtkWidget          *item_row;
  GtkWidget          *store_row;
  GtkWidget          *amount_row;
  GtkDropDown        *currency_dropdown;
  GtkSpinButton      *quantity_spin;
  AdwComboRow        *payment_row;
  GtkWidget          *placed_row;
  GtkWidget          *paid_row;
  GtkWidget          *shipped_row;
  GtkWidget          *delivered_row;
  GtkWidget          *dates_group;
  GtkEntry           *processing_entry;
  GtkEntry           *delivery_entry;
  GtkWidget          *tracking_row;
  GtkTextView        *notes_view;
  GtkLabel           *order_message;
  GtkLabel           *payment_message;
  GtkLabel           *dates_message;
  GtkLabel           *promise_message;
  GtkLabel           *tracking_message;
  GtkLabel           *notes_message;
  GtkLabel           *form_message;

  OwStore            *store;
  OwPolicyRegistry   *policies;
  OwOrder            *original;        /* a copy of the order edited; NULL for a new one */
  GPtrArray          *marketplaces;    /* ids, in the marketplace row's order */
  GtkStringList      *currencies;
  GTimeZone          *zone;            /* dates are typed and shown in the user's zone */
  OwEditorFieldState  fields[OW_EDITOR_N_FIELDS];
  char               *initial_text[OW_EDITOR_N_FIELDS];  /* an unchanged date keeps its fact */
  GtkWidget          *date_unknown[OW_EDITOR_N_FIELDS];  /* "Date unknown" beside an empty date */
  OwEditorDatePicker  pickers[4];
  gboolean            attempted;       /* Save was pressed: empty required fields show too */
  gboolean            filling;         /* the form is being filled, not typed into */
  gboolean            changed;         /* the user changed something: ask before discarding */
  gboolean            saved;
  gboolean            discarding;      /* the user said to discard it */
};

char      *ow_order_editor_get_field_text  (OwOrderEditor  *self,
                                            OwEditorField   field);
void       ow_order_editor_set_field_text  (OwOrderEditor  *self,
                                            OwEditorField   field,
                                            const char     *text);
const char *ow_order_editor_get_currency   (OwOrderEditor  *self);
gboolean   ow_order_editor_parse_date      (OwOrderEditor  *self,
                                            const char     *text,
                                            gint64         *time);
/* The zone a date alone is read in: the chosen marketplace's. */
GTimeZone *ow_order_editor_get_market_zone (OwOrderEditor  *self);
gint64     ow_order_editor_date_to_unix    (OwOrderEditor  *self,
                                            const OwPasteDate *date);
/* (transfer full): the order the form describes; @errors gets a message per bad field and
 * @form_error what ow_order_validate () says. */
OwOrder   *ow_order_editor_read_form       (OwOrderEditor  *self,
                                            char           *errors[OW_EDITOR_N_FIELDS],
                                            char          **form_error);
void       ow_order_editor_update          (OwOrderEditor  *self);
void       ow_order_editor_select_currency (OwOrderEditor *self,
                                            const char     *currency);
/* "2026-11-01 10:00" in the user's zone; "" for OW_TIME_UNSET. */
char      *ow_order_editor_format_time     (OwOrderEditor  *self,
                                            gint64          time);
OwOrderEvent ow_order_editor_field_event   (OwEditorField   field);
/* "Paste Order Details" (ow-order-editor-paste.c). */
void       ow_order_editor_on_paste_row_activated (OwOrderEditor *self);
void       ow_order_editor_fill_action     (GtkWidget      *widget,
                                            const char     *action_name,
                                            GVariant       *parameter);
/* Adds the calendar button to a date field's row (ow-order-editor-dates.c). */
void       ow_order_editor_add_date_picker (OwOrderEditor  *self,
                                            OwEditorField   field);

G_END_DECLS
