/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "ow-deadlines.h"
#include "ow-dispute-eligibility.h"
#include "ow-dispute.h"
#include "ow-dossier-files-private.h"
#include "ow-dossier-page-private.h"
#include "ow-dossier-private.h"
#include "ow-dossier.h"
#include "ow-error.h"
#include "ow-evidence.h"
#include "ow-money.h"
#include "ow-order.h"
#include "ow-parcel.h"
#include "ow-policy.h"
#include "ow-store-disputes.h"
#include "ow-store-parcels.h"
#include "ow-store.h"
#include "ow-time.h"
#include "ow-timeline-renderer.h"


static void
dossier_clear (OwDossier *d)
{
  g_clear_object (&d->order);
  g_clear_pointer (&d->parcels, g_ptr_array_unref);
  g_clear_pointer (&d->parcel_events, g_ptr_array_unref);
  g_clear_pointer (&d->disputes, g_ptr_array_unref);
  g_clear_pointer (&d->files, g_ptr_array_unref);
  g_clear_object (&d->timeline);
  g_clear_pointer (&d->title, g_free);
  g_clear_pointer (&d->footer, g_free);
  ow_dispute_windows_clear (d->windows);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OwDossier, dossier_clear)

char *
ow_dossier_format_time (gint64 time)
{
  char *text = time != OW_TIME_UNSET ? ow_time_format_local (time, NULL) : NULL;

  return text != NULL ? text : g_strdup ("—");
}

const char *
ow_dossier_marketplace_name (OwDossier *d)
{
  return d->policy != NULL ? ow_policy_get_name (d->policy)
                           : ow_order_get_marketplace (d->order);
}

static gboolean
load (OwDossier        *d,
      OwStore          *store,
      OwPolicyRegistry *policies,
      gint64            order_id,
      gint64            now,
      GError          **error)
{
  g_autoptr(GPtrArray) evidence = NULL;

  d->store = store;
  d->policies = policies;
  d->now = now;

  /* The store gives the order its marketplace dispute's facts. */
  d->order = ow_store_get_order (store, order_id, error);
  if (d->order == NULL)
    return FALSE;
  d->policy = ow_policy_registry_lookup (policies, ow_order_get_marketplace (d->order));
  if (d->policy != NULL)
    ow_deadlines_compute (d->order, d->policy, now, &d->set);

  d->parcels = ow_store_list_parcels (store, order_id, error);
  if (d->parcels == NULL)
    return FALSE;
  d->parcel_events = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < d->parcels->len; i++)
    {
      OwParcel *parcel = g_ptr_array_index (d->parcels, i);
      GPtrArray *events = ow_store_list_tracking_events (store, ow_parcel_get_id (parcel), error);

      if (events == NULL)
        return FALSE;
      g_ptr_array_add (d->parcel_events, events);
    }

  d->disputes = ow_store_list_disputes (store, order_id, error);
  if (d->disputes == NULL)
    return FALSE;
  ow_dispute_windows_compute (d->order, policies, d->disputes, now, d->windows);

  evidence = ow_store_list_evidence (store, order_id, error);
  if (evidence == NULL)
    return FALSE;
  d->files = ow_dossier_files_new (store, evidence);

  d->title = g_strdup_printf (
    /* Translators: the dossier's running title, e.g. "AliExpress order 8100000000000001" */
    _("%s order %s"), ow_dossier_marketplace_name (d), ow_order_get_order_number (d->order));
  {
    g_autofree char *when = ow_dossier_format_time (now);

    /* Translators: the dossier's footer: the date it was made and the program's version */
    d->footer = g_strdup_printf (_("Prepared on %s with Orderwatch %s"), when, PACKAGE_VERSION);
  }

  d->timeline = ow_timeline_renderer_new ();
  {
    g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans 11");
    OwTimelinePalette palette;

    /* Paper is white: the light palette, with the dossier's own ink. */
    ow_timeline_palette_init (&palette, FALSE);
    palette.foreground = (OwTimelineColor) { 0x1e / 255.f, 0x1e / 255.f, 0x1e / 255.f, 1.f };
    ow_timeline_renderer_set_palette (d->timeline, &palette);
    ow_timeline_renderer_set_font (d->timeline, font);
  }
  ow_timeline_renderer_set_policy (d->timeline, d->policy);
  ow_timeline_renderer_set_order (d->timeline, d->order, d->policy != NULL ? &d->set : NULL, now);
  /* The windows of the disputes on PayPal or the card, which the order's rules do not know. */
  for (guint i = 0; i < d->disputes->len; i++)
    {
      OwDispute *dispute = g_ptr_array_index (d->disputes, i);
      OwDeadlineSet set;

      if (ow_dispute_get_channel (dispute) != OW_CHANNEL_MARKETPLACE &&
          ow_dispute_compute_deadlines (dispute, d->order, policies, now, &set))
        ow_timeline_renderer_add_dispute (d->timeline, &set);
    }
  return TRUE;
}

/* The reserved file name in @evidence_dir: the PDF's own, when it is written there. */
static char *
reserved_name (const char *pdf_path,
               const char *evidence_dir)
{
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(GFile) parent = g_file_get_parent (pdf);
  g_autoptr(GFile) dir = g_file_new_for_path (evidence_dir);

  return parent != NULL && g_file_equal (parent, dir) ? g_file_get_basename (pdf) : NULL;
}

typedef struct
{
  GOutputStream *out;     /* NULL: a first pass that only counts pages */
  GError        *error;
} Sink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  Sink *sink = closure;

  if (sink->out == NULL)
    return CAIRO_STATUS_SUCCESS;
  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->out, data, length, NULL, NULL, &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static guint
render (OwDossier *d,
        Sink      *sink,
        guint      n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (write_cb, sink,
                                                                  OW_DOSSIER_PAGE_WIDTH,
                                                                  OW_DOSSIER_PAGE_HEIGHT);
  g_autofree char *title = NULL;
  g_autofree char *created = ow_time_format_iso_utc (d->now);
  g_autofree char *creator = g_strdup_printf ("Orderwatch %s", PACKAGE_VERSION);
  g_autoptr(OwDossierPage) page = NULL;
  guint pages;

  /* Translators: the PDF's title, e.g. "Dispute dossier: AliExpress order 8100000000000001" */
  title = g_strdup_printf (_("Dispute dossier: %s"), d->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  if (created != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);

  page = ow_dossier_page_new (surface, d->title, d->footer, n_pages);
  /* Points at 72 per inch, unhinted, like the rest of the page. */
  ow_timeline_renderer_set_context (d->timeline, ow_dossier_page_get_pango (page));

  ow_dossier_write_summary (d, page);
  ow_dossier_write_deadlines (d, page);
  ow_dossier_write_tracking (d, page);
  for (guint i = 0; i < d->disputes->len; i++)
    ow_dossier_write_dispute (d, page, g_ptr_array_index (d->disputes, i));
  ow_dossier_write_evidence (d, page);

  pages = ow_dossier_page_finish (page);
  ow_timeline_renderer_set_context (d->timeline, NULL);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    pages = 0;
  cairo_surface_destroy (surface);
  return pages;
}

gboolean
ow_dossier_write (OwStore          *store,
                  OwPolicyRegistry *policies,
                  gint64            order_id,
                  const char       *pdf_path,
                  const char       *evidence_dir,
                  gint64            now,
                  guint            *n_damaged,
                  GError          **error)
{
  g_auto(OwDossier) d = { 0 };
  g_autoptr(GOutputStream) out = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree char *reserved = NULL;
  Sink counting = { NULL, NULL };
  Sink sink = { NULL, NULL };
  guint n_pages;

  g_return_val_if_fail (OW_IS_STORE (store), FALSE);
  g_return_val_if_fail (OW_IS_POLICY_REGISTRY (policies), FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!load (&d, store, policies, order_id, now, error))
    return FALSE;

  /* Every stored copy is read once: checked, and copied out when asked. */
  if (evidence_dir != NULL)
    reserved = reserved_name (pdf_path, evidence_dir);
  if (!ow_dossier_files_check (d.files, evidence_dir, reserved, error))
    return FALSE;
  if (n_damaged != NULL)
    {
      *n_damaged = 0;
      for (guint i = 0; i < d.files->len; i++)
        if (((OwDossierFile *) g_ptr_array_index (d.files, i))->state != OW_DOSSIER_FILE_OK)
          (*n_damaged)++;
    }
  /* Twice the points they are drawn at, for print. */
  ow_dossier_files_load_thumbnails (d.files, 2 * OW_DOSSIER_THUMB_PT);

  /* "Page 2 of 5" needs the 5: a first pass counts, the second writes. */
  n_pages = render (&d, &counting, 0);
  if (n_pages == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the dossier. Please report this as a bug."));
      return FALSE;
    }

  out = ow_dossier_output_open (pdf_path, &tmp_path, error);
  if (out == NULL)
    return FALSE;
  sink.out = out;
  if (render (&d, &sink, n_pages) != n_pages || sink.error != NULL)
    {
      g_autofree char *display = g_filename_display_name (pdf_path);

      if (sink.error != NULL)
        g_set_error (error, sink.error->domain, sink.error->code,
                     _("Could not write “%s”: %s. Check the space left on the disk."), display,
                     sink.error->message);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     _("Could not write “%s”. Please report this as a bug."), display);
      g_clear_error (&sink.error);
      ow_dossier_output_finish (out, tmp_path, pdf_path, FALSE, NULL);
      return FALSE;
    }
  return ow_dossier_output_finish (out, tmp_path, pdf_path, TRUE, error);
}

typedef struct
{
  char             *store_path;
  OwPolicyRegistry *policies;
  gint64            order_id;
  char             *pdf_path;
  char             *evidence_dir;
  gint64            now;
  guint             n_damaged;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_free (job->store_path);
  g_object_unref (job->policies);
  g_free (job->pdf_path);
  g_free (job->evidence_dir);
  g_free (job);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  WriteJob *job = data;
  g_autoptr(OwStore) store = NULL;
  GError *error = NULL;

  /* A connection of the thread's own: the main loop's stays free for the window. */
  store = ow_store_open (job->store_path, &error);
  if (store == NULL ||
      !ow_dossier_write (store, job->policies, job->order_id, job->pdf_path, job->evidence_dir,
                         job->now, &job->n_damaged, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
ow_dossier_write_async (OwStore             *store,
                        OwPolicyRegistry    *policies,
                        gint64               order_id,
                        const char          *pdf_path,
                        const char          *evidence_dir,
                        gint64               now,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (OW_IS_STORE (store));
  g_return_if_fail (OW_IS_POLICY_REGISTRY (policies));
  g_return_if_fail (pdf_path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ow_dossier_write_async);
  job = g_new0 (WriteJob, 1);
  job->store_path = g_strdup (ow_store_get_path (store));
  job->policies = g_object_ref (policies);
  job->order_id = order_id;
  job->pdf_path = g_strdup (pdf_path);
  job->evidence_dir = g_strdup (evidence_dir);
  job->now = now;
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_in_thread);
}

gboolean
ow_dossier_write_finish (GAsyncResult  *result,
                         guint         *n_damaged,
                         GError       **error)
{
  WriteJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ow_dossier_write_async, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (n_damaged != NULL)
    *n_damaged = job->n_damaged;
  return g_task_propagate_boolean (G_TASK (result), error);
}
