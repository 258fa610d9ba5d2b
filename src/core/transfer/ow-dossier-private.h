/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What one dossier is drawn from, and its sections (ow-dossier-sections.c, and the evidence in
 * ow-dossier-evidence.c). */
#pragma once

#include "ow-deadlines.h"
#include "ow-dispute-eligibility.h"
#include "ow-dossier-page-private.h"
#include "ow-timeline-renderer.h"
#include "ow-types.h"

G_BEGIN_DECLS

/* The box a thumbnail is drawn in, in points. */
#define OW_DOSSIER_THUMB_PT 72

typedef struct
{
  OwStore            *store;
  OwPolicyRegistry   *policies;
  gint64              now;
  OwOrder            *order;
  OwPolicy           *policy;          /* NULL for a marketplace no policy knows */
  OwDeadlineSet       set;             /* the order's, when there is a policy */
  GPtrArray          *parcels;         /* (element-type OwParcel) */
  GPtrArray          *parcel_events;   /* (element-type GPtrArray of OwTrackingEvent), one each */
  GPtrArray          *disputes;        /* (element-type OwDispute), oldest first */
  GPtrArray          *files;           /* (element-type OwDossierFile) */
  OwDisputeWindow     windows[OW_N_CHANNELS];
  OwTimelineRenderer *timeline;
  char               *title;           /* "AliExpress order 8100…" */
  char               *footer;
} OwDossier;

/* An instant in the user's zone, unambiguous on paper ("2026-11-08 13:00 CET"), or a dash. */
char       *ow_dossier_format_time        (gint64          time);
const char *ow_dossier_marketplace_name   (OwDossier      *d);

/* Page 1: who, what, how much, what is asked; the order's facts; the timeline. */
void        ow_dossier_write_summary      (OwDossier      *d,
                                           OwDossierPage  *page);
/* The order's deadlines with their sources, and where a dispute can still be opened. */
void        ow_dossier_write_deadlines    (OwDossier      *d,
                                           OwDossierPage  *page);
void        ow_dossier_write_tracking     (OwDossier      *d,
                                           OwDossierPage  *page);
void        ow_dossier_write_dispute      (OwDossier      *d,
                                           OwDossierPage  *page,
                                           OwDispute      *dispute);
void        ow_dossier_write_evidence     (OwDossier      *d,
                                           OwDossierPage  *page);

G_END_DECLS
