/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The same 10,000 orders imported twice into a new database file: from an mbox of 10,000
 * AliExpress notices (MIME with GMime, HTML with libxml2) and from an AliExpress exporter's
 * CSV, read, planned and written in one transaction each. Prints wall and CPU time and the
 * ratio (the aim: the mbox within 3 times the CSV); never fails on a slow one. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "ow-import-plan.h"
#include "ow-import.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-store.h"

static guint n_orders = 10000;

static const char *titles[] = {
  "Wireless earbuds with charging case", "USB-C cable 2 m, 3 pack", "Mechanical keyboard 75%",
  "LED strip 5 m, RGB", "Soldering iron kit 60 W", "Camping lantern, rechargeable",
  "Phone tripod with remote", "Stainless steel water bottle", "Écouteurs sans fil",
};

static const char *stores[] = {
  "SoundWave Official Store", "CableWorks Store", "Keyforge Store", "Bright Home Store",
  "Maker Tools Store", "Outdoor Gear Store", "Tech Bits Outlet",
};

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static GBytes *
make_csv (void)
{
  GString *out = g_string_new ("Order Date,Order ID,Title,Qty,Price,Store,Product ID,SKU ID,"
                               "Attributes,Price Info,Currency,Status,Product Url,"
                               "Product Image Url,Store Url,Tags\n");

  for (guint i = 0; i < n_orders; i++)
    g_string_append_printf (out, "2026-%02u-%02u,82119683%08u,\"%s\",1,US $%u.%02u,%s,1005%u,"
                                 "12%u,,,USD,Awaiting delivery,https://www.aliexpress.com/item/"
                                 "1005%u.html,,,\n",
                            1 + i % 12, 1 + i % 28, i, titles[i % G_N_ELEMENTS (titles)],
                            1 + i % 200, i % 100, stores[i % G_N_ELEMENTS (stores)], i, i, i);
  return g_string_free_to_bytes (out);
}

static GBytes *
make_mbox (void)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_orders; i++)
    {
      const char *title = titles[i % G_N_ELEMENTS (titles)];
      const char *store = stores[i % G_N_ELEMENTS (stores)];

      g_string_append_printf (
        out,
        "From transaction@notice.aliexpress.com Thu Nov 12 10:00:00 2026\n"
        "Return-Path: <transaction@notice.aliexpress.com>\n"
        "From: AliExpress <transaction@notice.aliexpress.com>\n"
        "To: buyer@example.org\n"
        "Date: Thu, %02u Nov 2026 10:%02u:00 +0000\n"
        "Subject: Order 82119683%08u: order shipped\n"
        "Message-ID: <%u@notice.aliexpress.com>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: multipart/alternative; boundary=\"b%u\"\n"
        "\n"
        "--b%u\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "\n"
        "Your order has shipped.\n"
        "Order number: 82119683%08u\n"
        "--b%u\n"
        "Content-Type: text/html; charset=utf-8\n"
        "\n"
        "<html><head><style>td { padding: 4px }</style></head><body>\n"
        "<table><tr><td>Your order has shipped.</td></tr></table>\n"
        "<p>Order number: 82119683%08u</p>\n"
        "<p>Store: %s</p>\n<p>Item: %s</p>\n<p>Order total: US $%u.%02u</p>\n"
        "</body></html>\n"
        "--b%u--\n\n",
        1 + i % 28, i % 60, i, i, i, i, i, i, i, store, title, 1 + i % 200, i % 100, i);
    }
  return g_string_free_to_bytes (out);
}

typedef struct
{
  double wall, cpu;
  double read, plan, apply;   /* wall, by phase */
  guint  n;
} Run;

static Run
import_into_new_store (const char       *dir,
                       const char       *name,
                       GBytes           *data,
                       gboolean          email,
                       OwPolicyRegistry *policies)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(OwStore) store = ow_store_open (path, NULL);
  g_autoptr(GPtrArray) orders = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(OwImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  gint64 started = g_get_monotonic_time ();
  gint64 read, planned;
  double cpu = cpu_seconds ();
  Run run;

  if (email)
    orders = ow_import_email (data, name, policies, OW_IMPORT_DEFAULT, &records, NULL, NULL,
                              &error);
  else
    orders = ow_import_exporter_read (data, name, policies, OW_IMPORT_DEFAULT, NULL, &records,
                                      NULL, &error);
  g_assert_no_error (error);
  read = g_get_monotonic_time ();
  plan = ow_import_plan_new (store, orders, records, TRUE, &error);
  g_assert_no_error (error);
  planned = g_get_monotonic_time ();
  g_assert_true (ow_import_plan_apply (plan, &error));
  g_assert_no_error (error);

  run.wall = (g_get_monotonic_time () - started) / 1e6;
  run.read = (read - started) / 1e6;
  run.plan = (planned - read) / 1e6;
  run.apply = (g_get_monotonic_time () - planned) / 1e6;
  run.cpu = cpu_seconds () - cpu;
  run.n = ow_import_plan_count (plan, OW_IMPORT_NEW);
  return run;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new_for_directory (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-import-email-XXXXXX", &error);
  g_autoptr(GBytes) csv = NULL;
  g_autoptr(GBytes) mbox = NULL;
  Run from_csv, from_mbox;

  g_assert_no_error (error);
  if (argc > 1)
    n_orders = MAX (1, atoi (argv[1]));

  csv = make_csv ();
  mbox = make_mbox ();
  /* Warm the page cache, the policies and GMime once, outside the figures. */
  import_into_new_store (dir, "warm.db", mbox, TRUE, policies);

  from_csv = import_into_new_store (dir, "csv.db", csv, FALSE, policies);
  from_mbox = import_into_new_store (dir, "mbox.db", mbox, TRUE, policies);

  printf ("import of %u orders into a new database (read, plan, one transaction)\n", n_orders);
  printf ("  exporter CSV  %8.1f KiB  wall %6.3f s  cpu %6.3f s  %u orders"
          "  (read %.3f, plan %.3f, write %.3f)\n",
          g_bytes_get_size (csv) / 1024.0, from_csv.wall, from_csv.cpu, from_csv.n,
          from_csv.read, from_csv.plan, from_csv.apply);
  printf ("  mbox          %8.1f KiB  wall %6.3f s  cpu %6.3f s  %u orders"
          "  (read %.3f, plan %.3f, write %.3f)\n",
          g_bytes_get_size (mbox) / 1024.0, from_mbox.wall, from_mbox.cpu, from_mbox.n,
          from_mbox.read, from_mbox.plan, from_mbox.apply);
  printf ("  mbox / CSV    wall %.2f×  cpu %.2f×  (aim: at most 3×)\n",
          from_mbox.wall / MAX (from_csv.wall, 1e-6), from_mbox.cpu / MAX (from_csv.cpu, 1e-6));

  /* The scratch databases go with the run. */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
    g_rmdir (dir);
  }
  return 0;
}
