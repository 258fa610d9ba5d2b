/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "ow-error.h"
#include "ow-evidence-grid.h"
#include "ow-evidence-locker.h"
#include "ow-evidence.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-store-disputes.h"
#include "ow-store.h"

/* Pictures larger than this get an icon instead of a thumbnail (decoding is synchronous). */
#define THUMBNAIL_MAX_BYTES (G_GINT64_CONSTANT (25) * 1024 * 1024)

struct _OwEvidenceGrid
{
  GtkWidget             parent_instance;

  GtkWidget            *box;
  GtkFlowBox           *flow;
  GtkWidget            *empty_label;
  GtkWidget            *add_button;
  GtkFileChooserNative *chooser;

  OwStore              *store;
  OwPolicyRegistry     *policies;
  gulong                changed_id;
  gint64                order_id;
  char                 *marketplace;
  GPtrArray            *items;       /* OwEvidence */
  gboolean              adding;      /* files are being copied in */
  guint                 n_over_limit;
  char                 *problem;
};

G_DEFINE_FINAL_TYPE (OwEvidenceGrid, ow_evidence_grid, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_N_ITEMS, PROP_N_OVER_LIMIT, PROP_ADDING, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
toast (OwEvidenceGrid *self,
       const char     *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *item;

  if (overlay == NULL)
    {
      g_message ("%s", title);
      return;
    }
  item = adw_toast_new (title);
  adw_toast_set_timeout (item, 5);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), item);
}

static OwPolicy *
policy_of (OwEvidenceGrid *self)
{
  return self->marketplace && self->policies
         ? ow_policy_registry_lookup (self->policies, self->marketplace) : NULL;
}

static const char *
kind_icon (OwEvidenceKind kind)
{
  switch (kind)
    {
    case OW_EVIDENCE_PHOTO:
    case OW_EVIDENCE_SCREENSHOT:
      return "image-x-generic-symbolic";
    case OW_EVIDENCE_VIDEO:
      return "video-x-generic-symbolic";
    case OW_EVIDENCE_MESSAGE:
      return "mail-unread-symbolic";
    case OW_EVIDENCE_DOCUMENT:
    case OW_N_EVIDENCE_KINDS:
    default:
      return "x-office-document-symbolic";
    }
}

static GtkWidget *
make_thumbnail (OwEvidenceGrid *self,
                OwEvidence     *evidence)
{
  const char *type = ow_evidence_get_media_type (evidence);
  g_autofree char *path = ow_evidence_locker_get_path (self->store, evidence);
  GtkWidget *widget;

  if (type != NULL && g_str_has_prefix (type, "image/") &&
      ow_evidence_get_size (evidence) <= THUMBNAIL_MAX_BYTES)
    {
      /* Scaled down once and cut to 4:3, so every tile is the same shape. */
      g_autoptr(GdkPixbuf) scaled = gdk_pixbuf_new_from_file_at_scale (path, 320, 320, TRUE,
                                                                        NULL);

      if (scaled != NULL)
        {
          int width = gdk_pixbuf_get_width (scaled), height = gdk_pixbuf_get_height (scaled);
          int cut_width = MIN (width, height * 4 / 3), cut_height = MIN (height, width * 3 / 4);
          g_autoptr(GdkPixbuf) cut = gdk_pixbuf_new_subpixbuf (scaled, (width - cut_width) / 2,
                                                               (height - cut_height) / 2,
                                                               MAX (cut_width, 1),
                                                               MAX (cut_height, 1));
          g_autoptr(GdkTexture) texture = gdk_texture_new_for_pixbuf (cut);

          widget = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
          gtk_picture_set_content_fit (GTK_PICTURE (widget), GTK_CONTENT_FIT_COVER);
          gtk_picture_set_can_shrink (GTK_PICTURE (widget), TRUE);
          gtk_picture_set_alternative_text (GTK_PICTURE (widget),
                                            ow_evidence_get_original_name (evidence));
          gtk_widget_set_size_request (widget, 128, 96);
          gtk_widget_add_css_class (widget, "evidence-thumbnail");
          return widget;
        }
    }
  widget = gtk_image_new_from_icon_name (kind_icon (ow_evidence_get_kind (evidence)));
  gtk_image_set_pixel_size (GTK_IMAGE (widget), 48);
  gtk_widget_set_size_request (widget, 128, 96);
  gtk_widget_add_css_class (widget, "evidence-thumbnail");
  gtk_widget_add_css_class (widget, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  ow_evidence_get_original_name (evidence), -1);
  return widget;
}

static GtkWidget *
make_tile (OwEvidenceGrid *self,
           OwEvidence     *evidence,
           const char     *limit)
{
  const char *name = ow_evidence_get_original_name (evidence);
  const char *note = ow_evidence_get_note (evidence);
  gint64 id = ow_evidence_get_id (evidence);
  GtkWidget *tile = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *label, *note_button;
  g_autofree char *size = g_format_size (ow_evidence_get_size (evidence));
  /* Translators: %s is a file name */
  g_autofree char *remove_name = g_strdup_printf (_("Remove %s"), name);
  /* Translators: %s is a file name */
  g_autofree char *note_name = g_strdup_printf (note ? _("Change the Note on %s")
                                                     : _("Add a Note to %s"), name);

  gtk_widget_add_css_class (tile, "evidence-tile");
  gtk_widget_add_css_class (tile, "card");
  gtk_widget_set_overflow (tile, GTK_OVERFLOW_HIDDEN);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), make_thumbnail (self, evidence));
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_set_valign (remove, GTK_ALIGN_START);
  gtk_widget_set_margin_top (remove, 4);
  gtk_widget_set_margin_end (remove, 4);
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_add_css_class (remove, "osd");
  gtk_widget_set_tooltip_text (remove, remove_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "evidence.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", id);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), remove);
  gtk_box_append (GTK_BOX (tile), overlay);

  label = gtk_label_new (name);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 14);
  gtk_widget_set_tooltip_text (label, name);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_box_append (GTK_BOX (tile), label);

  label = gtk_label_new (size);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (tile), label);

  if (limit != NULL)
    {
      GtkWidget *flag = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_set_halign (flag, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (flag, "evidence-over-limit");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Over the limit"), -1);
      gtk_box_append (GTK_BOX (flag), icon);
      label = gtk_label_new (limit);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (flag), label);
      gtk_box_append (GTK_BOX (tile), flag);
    }

  if (note != NULL)
    {
      label = gtk_label_new (note);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_lines (GTK_LABEL (label), 2);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (tile), label);
    }
  note_button = gtk_button_new_with_label (note ? _("Change Note") : _("Add Note"));
  gtk_widget_add_css_class (note_button, "flat");
  gtk_widget_set_tooltip_text (note_button, note_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (note_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  note_name, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (note_button), "evidence.edit-note");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (note_button), "x", id);
  gtk_box_append (GTK_BOX (tile), note_button);
  return tile;
}

static void
reload (OwEvidenceGrid *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  OwPolicy *policy = policy_of (self);
  guint n_before = self->items ? self->items->len : 0, over_before = self->n_over_limit;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow))) != NULL)
    gtk_flow_box_remove (self->flow, child);
  g_clear_pointer (&self->problem, g_free);
  self->n_over_limit = 0;

  if (self->order_id != 0 && self->store != NULL)
    items = ow_store_list_evidence (self->store, self->order_id, &error);
  if (items == NULL)
    items = g_ptr_array_new_with_free_func (g_object_unref);
  if (error != NULL)
    toast (self, error->message);

  for (guint i = 0; i < items->len; i++)
    {
      OwEvidence *evidence = g_ptr_array_index (items, i);
      g_autofree char *limit = policy ? ow_evidence_check_limits (evidence, policy, i) : NULL;

      gtk_flow_box_append (self->flow, make_tile (self, evidence, limit));
      if (limit != NULL)
        {
          self->n_over_limit++;
          if (self->problem == NULL)
            self->problem = g_strdup_printf ("%s: %s", ow_evidence_get_original_name (evidence),
                                             limit);
        }
    }
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_steal_pointer (&items);
  gtk_widget_set_visible (GTK_WIDGET (self->flow), self->items->len > 0);
  gtk_widget_set_visible (self->empty_label, self->items->len == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evidence.add", self->order_id != 0);

  if (n_before != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (over_before != self->n_over_limit)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_OVER_LIMIT]);
}

static void
on_orders_changed_cb (OwStore        *store,
                      GArray         *order_ids,
                      OwEvidenceGrid *self)
{
  /* A refresh's batches name other orders: only this one's changes reload the grid. */
  if (self->order_id != 0 && ow_store_ids_contain (order_ids, self->order_id))
    reload (self);
}

typedef struct
{
  OwEvidenceGrid *self;
  guint           n_before;
  char           *not_local;   /* the first file that is not on this computer, told first */
} Adding;

static void
on_files_added_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Adding *adding = user_data;
  g_autoptr(OwEvidenceGrid) self = adding->self;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *problem = NULL;
  guint added;

  records = ow_evidence_locker_add_files_finish (OW_STORE (source), result, &problem);
  self->adding = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evidence.add", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDING]);

  /* The store told of each record at once and the grid reloaded: the same file again keeps
   * the record it had, and adds nothing. */
  added = self->items != NULL && self->items->len > adding->n_before
          ? self->items->len - adding->n_before : 0;

  if (adding->not_local != NULL || problem != NULL)
    toast (self, adding->not_local != NULL ? adding->not_local : problem);
  else if (added > 0)
    {
      /* Translators: a number of files */
      g_autofree char *text = g_strdup_printf (ngettext ("%u file added to the evidence",
                                                         "%u files added to the evidence",
                                                         added), added);
      toast (self, text);
    }
  else if (records != NULL && records->len > 0)
    toast (self, _("Already in the evidence: each file is kept once"));
  g_free (adding->not_local);
  g_free (adding);
}

void
ow_evidence_grid_add_files (OwEvidenceGrid *self,
                            GSList         *files)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  Adding *adding;

  g_return_if_fail (OW_IS_EVIDENCE_GRID (self));
  g_return_if_fail (self->store != NULL);

  if (self->order_id == 0 || files == NULL)
    return;

  adding = g_new0 (Adding, 1);
  for (GSList *l = files; l != NULL; l = l->next)
    {
      char *path = g_file_get_path (l->data);

      if (path != NULL)
        g_ptr_array_add (paths, path);
      else if (adding->not_local == NULL)
        {
          g_autofree char *uri = g_file_get_uri (l->data);

          /* Translators: %s is an address */
          adding->not_local = g_strdup_printf (_("%s is not a file on this computer; save it "
                                                 "first, then add it"), uri);
        }
    }
  if (paths->len == 0)
    {
      toast (self, adding->not_local);
      g_free (adding->not_local);
      g_free (adding);
      return;
    }
  g_ptr_array_add (paths, NULL);

  /* Copying and hashing a video takes a while: in a thread, one batch at a time. */
  adding->self = g_object_ref (self);
  adding->n_before = self->items ? self->items->len : 0;
  self->adding = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evidence.add", FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDING]);
  ow_evidence_locker_add_files_async (self->store, self->order_id,
                                      (const char * const *) paths->pdata, NULL,
                                      on_files_added_cb, adding);
}

gboolean
ow_evidence_grid_is_adding (OwEvidenceGrid *self)
{
  g_return_val_if_fail (OW_IS_EVIDENCE_GRID (self), FALSE);
  return self->adding;
}

/* ---- Actions ---- */

static void
on_chooser_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        OwEvidenceGrid  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) chosen = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      GSList *files = NULL;

      for (guint i = g_list_model_get_n_items (chosen); i > 0; i--)
        files = g_slist_prepend (files, g_list_model_get_item (chosen, i - 1));
      ow_evidence_grid_add_files (self, files);
      g_slist_free_full (files, g_object_unref);
    }
  g_clear_object (&self->chooser);
}

static void
add_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OwEvidenceGrid *self = OW_EVIDENCE_GRID (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) usual = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) any = gtk_file_filter_new ();

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
      return;
    }
  self->chooser = gtk_file_chooser_native_new (_("Add Evidence"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Add"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (usual, _("Photos, Videos and Documents"));
  gtk_file_filter_add_mime_type (usual, "image/*");
  gtk_file_filter_add_mime_type (usual, "video/*");
  gtk_file_filter_add_mime_type (usual, "application/pdf");
  gtk_file_filter_add_mime_type (usual, "text/plain");
  gtk_file_filter_add_mime_type (usual, "message/rfc822");
  gtk_file_filter_set_name (any, _("All Files"));
  gtk_file_filter_add_pattern (any, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), usual);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), any);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static OwEvidence *
find_item (OwEvidenceGrid *self,
           gint64          id)
{
  for (guint i = 0; self->items != NULL && i < self->items->len; i++)
    if (ow_evidence_get_id (g_ptr_array_index (self->items, i)) == id)
      return g_ptr_array_index (self->items, i);
  return NULL;
}

static void
remove_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OwEvidenceGrid *self = OW_EVIDENCE_GRID (widget);
  OwEvidence *evidence = find_item (self, g_variant_get_int64 (parameter));
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (evidence == NULL)
    return;
  name = g_strdup (ow_evidence_get_original_name (evidence));
  if (!ow_evidence_locker_remove (self->store, self->order_id, ow_evidence_get_id (evidence),
                                  &error))
    {
      toast (self, error->message);
      return;
    }
  /* Translators: %s is a file name */
  text = g_strdup_printf (_("%s removed; the original file is untouched"), name);
  toast (self, text);
}

static void
set_note_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  OwEvidenceGrid *self = OW_EVIDENCE_GRID (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = NULL;
  const char *note;
  gint64 id;

  g_variant_get (parameter, "(x&s)", &id, &note);
  stripped = g_strstrip (g_strdup (note));
  if (!ow_evidence_locker_set_note (self->store, self->order_id, id, stripped, &error))
    toast (self, error->message);
}

static void
on_note_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     OwEvidenceGrid   *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  const gint64 *id = g_object_get_data (G_OBJECT (dialog), "evidence-id");

  if (g_str_equal (response, "save"))
    gtk_widget_activate_action (GTK_WIDGET (self), "evidence.set-note", "(xs)", *id,
                                gtk_editable_get_text (entry));
}

static void
edit_note_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  OwEvidenceGrid *self = OW_EVIDENCE_GRID (widget);
  gint64 id = g_variant_get_int64 (parameter);
  OwEvidence *evidence = find_item (self, id);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *entry;

  if (evidence == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Note"), ow_evidence_get_original_name (evidence));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), ow_evidence_get_note (evidence)
                                               ? ow_evidence_get_note (evidence) : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("What it shows, such as “the size label”"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Note"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_object_set_data_full (G_OBJECT (dialog), "evidence-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_note_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- Dropping files ---- */

static gboolean
on_drop_cb (GtkDropTarget  *target,
            const GValue   *value,
            double          x,
            double          y,
            OwEvidenceGrid *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  ow_evidence_grid_add_files (self, files);
  g_slist_free (files);
  return TRUE;
}

/* ---- The widget ---- */

static void
ow_evidence_grid_dispose (GObject *object)
{
  OwEvidenceGrid *self = OW_EVIDENCE_GRID (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_object (&self->policies);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (ow_evidence_grid_parent_class)->dispose (object);
}

static void
ow_evidence_grid_finalize (GObject *object)
{
  OwEvidenceGrid *self = OW_EVIDENCE_GRID (object);

  g_free (self->marketplace);
  g_free (self->problem);

  G_OBJECT_CLASS (ow_evidence_grid_parent_class)->finalize (object);
}

static void
ow_evidence_grid_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OwEvidenceGrid *self = OW_EVIDENCE_GRID (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, ow_evidence_grid_get_n_items (self));
      break;
    case PROP_N_OVER_LIMIT:
      g_value_set_uint (value, self->n_over_limit);
      break;
    case PROP_ADDING:
      g_value_set_boolean (value, self->adding);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ow_evidence_grid_class_init (OwEvidenceGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ow_evidence_grid_dispose;
  object_class->finalize = ow_evidence_grid_finalize;
  object_class->get_property = ow_evidence_grid_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_OVER_LIMIT] =
    g_param_spec_uint ("n-over-limit", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADDING] =
    g_param_spec_boolean ("adding", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "evidence.add", NULL, add_activated);
  gtk_widget_class_install_action (widget_class, "evidence.remove", "x", remove_activated);
  gtk_widget_class_install_action (widget_class, "evidence.edit-note", "x", edit_note_activated);
  gtk_widget_class_install_action (widget_class, "evidence.set-note", "(xs)", set_note_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "evidencegrid");
}

static void
ow_evidence_grid_init (OwEvidenceGrid *self)
{
  GtkWidget *actions;
  GtkDropTarget *drop;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->flow = GTK_FLOW_BOX (gtk_flow_box_new ());
  gtk_flow_box_set_selection_mode (self->flow, GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (self->flow, TRUE);
  gtk_flow_box_set_min_children_per_line (self->flow, 2);
  gtk_flow_box_set_max_children_per_line (self->flow, 6);
  gtk_flow_box_set_column_spacing (self->flow, 12);
  gtk_flow_box_set_row_spacing (self->flow, 12);
  gtk_widget_set_visible (GTK_WIDGET (self->flow), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->flow));

  self->empty_label = gtk_label_new (_("No files yet. Add photos, videos or screenshots, or "
                                       "drop them here."));
  gtk_label_set_wrap (GTK_LABEL (self->empty_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->empty_label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_add_css_class (self->empty_label, "evidence-empty");
  gtk_box_append (GTK_BOX (self->box), self->empty_label);

  actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (actions, GTK_ALIGN_CENTER);
  self->add_button = gtk_button_new_with_mnemonic (_("_Add Files…"));
  gtk_widget_add_css_class (self->add_button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), "evidence.add");
  gtk_box_append (GTK_BOX (actions), self->add_button);
  gtk_box_append (GTK_BOX (self->box), actions);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evidence.add", FALSE);
}

GtkWidget *
ow_evidence_grid_new (void)
{
  return g_object_new (OW_TYPE_EVIDENCE_GRID, NULL);
}

void
ow_evidence_grid_set_context (OwEvidenceGrid   *self,
                              OwStore          *store,
                              OwPolicyRegistry *policies)
{
  g_return_if_fail (OW_IS_EVIDENCE_GRID (self));
  g_return_if_fail (OW_IS_STORE (store));
  g_return_if_fail (OW_IS_POLICY_REGISTRY (policies));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->policies = g_object_ref (policies);
  self->changed_id = g_signal_connect (store, "orders-changed", G_CALLBACK (on_orders_changed_cb),
                                       self);
}

void
ow_evidence_grid_set_order_id (OwEvidenceGrid *self,
                               gint64          order_id)
{
  g_autoptr(OwOrder) order = NULL;

  g_return_if_fail (OW_IS_EVIDENCE_GRID (self));
  g_return_if_fail (self->store != NULL);

  self->order_id = order_id;
  g_clear_pointer (&self->marketplace, g_free);
  if (order_id != 0 && (order = ow_store_get_order (self->store, order_id, NULL)) != NULL)
    self->marketplace = g_strdup (ow_order_get_marketplace (order));
  reload (self);
}

guint
ow_evidence_grid_get_n_items (OwEvidenceGrid *self)
{
  g_return_val_if_fail (OW_IS_EVIDENCE_GRID (self), 0);
  return self->items != NULL ? self->items->len : 0;
}

guint
ow_evidence_grid_get_n_over_limit (OwEvidenceGrid *self)
{
  g_return_val_if_fail (OW_IS_EVIDENCE_GRID (self), 0);
  return self->n_over_limit;
}

const char *
ow_evidence_grid_get_limit_problem (OwEvidenceGrid *self)
{
  g_return_val_if_fail (OW_IS_EVIDENCE_GRID (self), NULL);
  return self->problem;
}
