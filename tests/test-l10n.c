/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The app in Spanish and Russian, with the catalogs built in the tree: `test-l10n
 * --language=es` (meson runs es and ru) sets LANGUAGE and the locale before GTK starts.
 * Checks plural forms, amounts, dates and policy texts, then opens the window, the detail
 * page, the editor and Preferences on the demo orders, fails on any text that is still the
 * English of a translated message or cut off, and saves screenshots named after the
 * language to $G_TEST_BUILDDIR/screenshots/. */
#include "config.h"

#include <locale.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ow-demo.h"
#include "ow-money.h"
#include "ow-order-editor.h"
#include "ow-order-list.h"
#include "ow-order.h"
#include "ow-policy-registry.h"
#include "ow-policy.h"
#include "ow-preferences-window.h"
#include "ow-store.h"
#include "ow-test-ui.h"
#include "ow-test-util.h"
#include "ow-time.h"
#include "ow-window.h"

typedef struct
{
  const char *language;
  const char *locale;
  const char *all_tab;             /* _("All") */
  const char *protection;          /* AliExpress's protection_end title, from the policy */
  const char *card;                /* the card policy's name */
  const char *money;               /* 4.99 USD */
  const char *date_time;           /* 2026-11-08T08:00:00Z in UTC */
  const char *days[6];             /* 1, 2, 5, 11, 21, 22 days */
} Language;

static const Language languages[] = {
  { "es", "es_ES.UTF-8", "Todos", "Protección del comprador", "Retrocesión con tarjeta",
    "4,99 USD", "08/11/2026 08:00 UTC",
    { "1 día", "2 días", "5 días", "11 días", "21 días", "22 días" } },
  { "ru", "ru_RU.UTF-8", "Все", "Защита покупателя", "Опротестование платежа по карте",
    "4,99 USD", "08.11.2026 08:00 UTC",
    { "1 день", "2 дня", "5 дней", "11 дней", "21 день", "22 дня" } },
};

static const Language *language;

typedef struct
{
  OwStore          *store;
  OwPolicyRegistry *policies;
  OwWindow         *window;
  gpointer          weak_window;
} Fixture;

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static char *
shot_name (const char *what)
{
  return g_strdup_printf ("%s-%s", what, language->language);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = ow_test_db_path ("l10n");
  g_autoptr(GError) error = NULL;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  f->store = ow_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (ow_demo_seed (f->store, ow_time_now (), &error));
  g_assert_no_error (error);
  f->policies = ow_policy_registry_new ();
  f->window = ow_window_new_for_store (NULL, f->store, f->policies);
  f->weak_window = f->window;
  g_object_add_weak_pointer (G_OBJECT (f->window), &f->weak_window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->weak_window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_true (ow_test_wait_until (is_null, &f->weak_window, 5000));
  g_assert_finalize_object (f->store);
  g_assert_finalize_object (f->policies);
}

/* The msgids po/LANG.po leaves untranslated (empty or fuzzy): the catalog cannot say
 * which texts it lacks, so they are read from the source. */
static GHashTable *untranslated;

static char *
po_string (const char *line)
{
  const char *start = strchr (line, '"');
  const char *end = strrchr (line, '"');

  g_autofree char *quoted = NULL;

  if (start == NULL || end == start)
    return g_strdup ("");
  quoted = g_strndup (start + 1, end - start - 1);
  return g_strcompress (quoted);
}

static void
read_untranslated (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "po", NULL);
  g_autofree char *po = g_strdup_printf ("%s/%s.po", path, language->language);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GString *msgid = NULL, *msgstr = NULL;
  GString *current = NULL;
  gboolean fuzzy = FALSE;
  g_autoptr(GError) error = NULL;

  untranslated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_assert_true (g_file_get_contents (po, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autofree char *value = NULL;

      if (*line == '\0' || lines[i + 1] == NULL)
        {
          /* The end of an entry. */
          if (msgid != NULL && msgid->len > 0 && (fuzzy || msgstr == NULL || msgstr->len == 0))
            g_hash_table_add (untranslated, g_strdup (msgid->str));
          if (msgid != NULL)
            g_string_free (msgid, TRUE);
          if (msgstr != NULL)
            g_string_free (msgstr, TRUE);
          msgid = msgstr = NULL;
          current = NULL;
          fuzzy = FALSE;
          continue;
        }
      if (g_str_has_prefix (line, "#,") && strstr (line, "fuzzy") != NULL)
        fuzzy = TRUE;
      if (*line == '#')
        continue;
      value = po_string (line);
      if (g_str_has_prefix (line, "msgid "))
        current = msgid = g_string_new (value);
      else if (g_str_has_prefix (line, "msgstr ") || g_str_has_prefix (line, "msgstr[0] "))
        current = msgstr = g_string_new (value);
      else if (g_str_has_prefix (line, "msgid_plural ") || g_str_has_prefix (line, "msgstr["))
        current = NULL;
      else if (*line == '"' && current != NULL)
        g_string_append (current, value);
    }
}

/* A text shown as is that the catalog translates, or that po/LANG.po leaves untranslated,
 * is English left in the window. */
static void
check_text (GString    *problems,
            const char *what,
            const char *text)
{
  if (text == NULL || *text == '\0')
    return;
  if (g_strcmp0 (g_dgettext (GETTEXT_PACKAGE, text), text) != 0 ||
      g_hash_table_contains (untranslated, text))
    g_string_append_printf (problems, "\n  %s left in English: “%s”", what, text);
}

static gboolean
is_shown (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_child_visible (widget);
}

/* Every label, inscription, placeholder and tooltip under @widget that is on screen: none
 * in English, none ellipsized unless it is the user's own data (@data: item titles and
 * store names, which may be long in any language). */
static void
check_widget (GtkWidget  *widget,
              GHashTable *data,
              GString    *problems)
{
  if (!is_shown (widget))
    return;

  check_text (problems, "tooltip", gtk_widget_get_tooltip_text (widget));
  if (GTK_IS_LABEL (widget))
    {
      GtkLabel *label = GTK_LABEL (widget);
      const char *text = gtk_label_get_text (label);

      check_text (problems, "label", gtk_label_get_label (label));
      if (g_strcmp0 (text, gtk_label_get_label (label)) != 0)
        check_text (problems, "label", text);
      if (gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE &&
          pango_layout_is_ellipsized (gtk_label_get_layout (label)) &&
          !g_hash_table_contains (data, text))
        g_string_append_printf (problems, "\n  cut off at %d px: “%s”",
                                gtk_widget_get_width (widget), text);
    }
  else if (GTK_IS_INSCRIPTION (widget))
    check_text (problems, "inscription", gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
  else if (GTK_IS_TEXT (widget))
    check_text (problems, "placeholder", gtk_text_get_placeholder_text (GTK_TEXT (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_widget (child, data, problems);
}

static void
assert_translated (Fixture    *f,
                   GtkWidget  *widget,
                   const char *where)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GHashTable) data = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) orders = ow_store_list_orders (f->store, NULL);

  g_assert_nonnull (orders);
  for (guint i = 0; i < orders->len; i++)
    {
      OwOrder *order = g_ptr_array_index (orders, i);

      if (ow_order_get_item_title (order) != NULL)
        g_hash_table_add (data, (gpointer) ow_order_get_item_title (order));
      if (ow_order_get_store_name (order) != NULL)
        g_hash_table_add (data, (gpointer) ow_order_get_store_name (order));
    }
  ow_test_wait_for_draw (widget);
  check_widget (widget, data, problems);
  if (problems->len > 0)
    g_test_fail_printf ("%s in %s:%s", where, language->language, problems->str);
}

/* The catalogs are the ones built in the tree, with their plural forms. */
static void
test_catalog (void)
{
  const int days[] = { 1, 2, 5, 11, 21, 22 };
  g_autoptr(OwPolicyRegistry) policies = ow_policy_registry_new ();
  OwPolicy *aliexpress = ow_policy_registry_lookup (policies, "aliexpress");
  const OwRule *protection;
  g_autofree char *money = ow_money_format (499, "USD");
  g_autofree char *plain = ow_money_to_decimal (499, "USD");
  g_autofree char *when = ow_time_format_local (1794124800, ow_time_zone_get ("UTC"));

  g_assert_cmpstr (_("All"), ==, language->all_tab);
  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *text = ow_duration_format ((gint64) days[i] * 86400);

      g_assert_cmpstr (text, ==, language->days[i]);
    }
  g_assert_nonnull (aliexpress);
  protection = ow_policy_find_rule (aliexpress, "protection_end");
  g_assert_nonnull (protection);
  g_assert_cmpstr (ow_rule_get_title (protection), ==, language->protection);
  g_assert_cmpstr (ow_policy_get_name (ow_policy_registry_lookup_channel (policies,
                                                                         OW_CHANNEL_CARD,
                                                                         aliexpress)),
                   ==, language->card);
  g_assert_cmpstr (ow_policy_get_name (aliexpress), ==, "AliExpress");
  g_assert_cmpstr (money, ==, language->money);
  g_assert_cmpstr (plain, ==, "4.99");
  g_assert_cmpstr (when, ==, language->date_time);
}

/* The first order of @filter's tab, the most urgent one. */
static OwOrder *
find_order (Fixture       *f,
            OwOrderFilter  filter)
{
  GListModel *visible = ow_window_get_visible_orders (f->window);

  ow_window_set_filter (f->window, filter);
  g_assert_cmpuint (g_list_model_get_n_items (visible), >, 0);
  return g_list_model_get_item (visible, 0);
}

static gboolean
is_folded (gpointer data)
{
  return ow_window_get_folded (data);
}

static void
scroll_detail (Fixture *f,
               double   to)
{
  GtkWidget *scroller = gtk_widget_get_first_child (ow_window_get_detail (f->window));
  GtkAdjustment *adj;

  g_assert_true (GTK_IS_SCROLLED_WINDOW (scroller));
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adj, to < 0 ? gtk_adjustment_get_upper (adj) : to);
  ow_test_wait_for_draw (GTK_WIDGET (f->window));
}

static void
test_window (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(OwOrder) delivery = NULL;
  g_autoptr(OwOrder) urgent = NULL;
  g_autofree char *list = shot_name ("window");
  g_autofree char *detail = shot_name ("window-detail");
  g_autofree char *deadlines = shot_name ("window-deadlines");
  g_autofree char *bottom = shot_name ("window-tracking");
  g_autofree char *narrow = shot_name ("window-narrow");
  g_autofree char *narrow_detail = shot_name ("window-narrow-detail");

  urgent = find_order (f, OW_FILTER_NEEDS_ACTION);
  ow_window_show_order (f->window, ow_order_get_id (urgent));
  assert_translated (f, GTK_WIDGET (f->window), "the list of orders needing action");
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), list));

  delivery = find_order (f, OW_FILTER_AWAITING_DELIVERY);
  ow_window_show_order (f->window, ow_order_get_id (delivery));
  assert_translated (f, GTK_WIDGET (f->window), "an order awaiting delivery");
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), detail));
  scroll_detail (f, 560);
  assert_translated (f, GTK_WIDGET (f->window), "the deadlines of an order");
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), deadlines));
  scroll_detail (f, -1);
  assert_translated (f, GTK_WIDGET (f->window), "the tracking of an order");
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), bottom));

  /* The narrowest window GNOME Circle asks for: the list, then the order's page. */
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 720);
  g_assert_true (ow_test_wait_until (is_folded, f->window, 5000));
  ow_window_set_filter (f->window, OW_FILTER_ALL);
  if (g_str_equal (ow_window_get_visible_page (f->window), "detail"))
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.back", NULL));
  ow_test_iterate (200);
  g_assert_cmpstr (ow_window_get_visible_page (f->window), ==, "list");
  assert_translated (f, GTK_WIDGET (f->window), "the narrow list");
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), narrow));

  ow_window_show_order (f->window, ow_order_get_id (delivery));
  ow_test_iterate (200);
  g_assert_cmpstr (ow_window_get_visible_page (f->window), ==, "detail");
  scroll_detail (f, 0);
  assert_translated (f, GTK_WIDGET (f->window), "the narrow order page");
  g_free (ow_test_screenshot (GTK_WIDGET (f->window), narrow_detail));
}

static gboolean
find_toplevel (GType    type,
               gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      {
        *(gpointer *) data = l->data;
        return TRUE;
      }
  return FALSE;
}

static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
find_editor_cb (gpointer data)
{
  return find_toplevel (OW_TYPE_ORDER_EDITOR, data);
}

static void
test_editor (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *editor = NULL;
  gpointer weak;
  g_autofree char *name = shot_name ("dialog-add-order");
  g_autofree char *bottom = shot_name ("dialog-add-order-end");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-order", NULL));
  g_assert_true (ow_test_wait_until (find_editor_cb, &editor, 5000));
  weak = editor;
  g_object_add_weak_pointer (G_OBJECT (editor), &weak);
  assert_translated (f, editor, "the new order dialog");
  g_free (ow_test_screenshot (editor, name));
  {
    GtkWidget *scroller = ow_test_find_widget (editor, is_of_type,
                                               GSIZE_TO_POINTER (GTK_TYPE_SCROLLED_WINDOW));
    GtkAdjustment *adj;

    g_assert_nonnull (scroller);
    adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
    gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    assert_translated (f, editor, "the end of the new order dialog");
    g_free (ow_test_screenshot (editor, bottom));
  }
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_true (ow_test_wait_until (is_null, &weak, 5000));
}

static void
collect_pages (GtkWidget *widget,
               GPtrArray *pages)
{
  /* The app's pages have names; libadwaita's own search page has none. */
  if (ADW_IS_PREFERENCES_PAGE (widget))
    {
      if (adw_preferences_page_get_name (ADW_PREFERENCES_PAGE (widget)) != NULL)
        g_ptr_array_add (pages, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_pages (child, pages);
}

/* Every page of Preferences, each photographed. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  GtkWindow *preferences = ow_preferences_window_new (GTK_WINDOW (f->window));
  gpointer weak = preferences;
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  g_object_add_weak_pointer (G_OBJECT (preferences), &weak);
  gtk_window_set_default_size (preferences, 640, 780);
  gtk_window_present (preferences);
  ow_test_wait_for_draw (GTK_WIDGET (preferences));
  collect_pages (GTK_WIDGET (preferences), pages);
  g_assert_cmpuint (pages->len, >=, 3);
  for (guint i = 0; i < pages->len; i++)
    {
      AdwPreferencesPage *page = g_ptr_array_index (pages, i);
      g_autofree char *what = g_strdup_printf ("preferences-%u", i + 1);
      g_autofree char *name = shot_name (what);

      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences),
                                                    adw_preferences_page_get_name (page));
      assert_translated (f, GTK_WIDGET (preferences), adw_preferences_page_get_title (page));
      g_free (ow_test_screenshot (GTK_WIDGET (preferences), name));
    }
  gtk_window_destroy (preferences);
  g_assert_true (ow_test_wait_until (is_null, &weak, 5000));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("ORDERWATCH_LOCALEDIR");
  const char *current;

  /* --language=es or --language=ru, read before anything looks at the locale. */
  for (int i = 1; i < argc && language == NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (languages); j++)
      if (g_str_has_prefix (argv[i], "--language=") &&
          g_str_equal (argv[i] + strlen ("--language="), languages[j].language))
        {
          language = &languages[j];
          memmove (&argv[i], &argv[i + 1], (argc - i) * sizeof (char *));
          argc--;
          break;
        }
  if (language == NULL)
    g_error ("Usage: test-l10n --language=es|ru [GTEST OPTIONS]");
  if (localedir == NULL)
    g_error ("ORDERWATCH_LOCALEDIR must name the build tree's po/ folder");

  g_setenv ("LANGUAGE", language->language, TRUE);
  g_setenv ("LC_ALL", language->locale, TRUE);
  /* gtk_init () calls setlocale (LC_ALL, ""), as the app does in main (). */
  ow_test_ui_init (&argc, &argv);
  current = setlocale (LC_ALL, NULL);
  if (current == NULL || !g_str_equal (current, language->locale))
    g_error ("The locale %s is missing (got %s); build-aux/dev test generates it",
             language->locale, current ? current : "none");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  read_untranslated ();

  g_test_add_func ("/ui/l10n/catalog", test_catalog);
  g_test_add ("/ui/l10n/window", Fixture, NULL, fixture_set_up, test_window, fixture_tear_down);
  g_test_add ("/ui/l10n/editor", Fixture, NULL, fixture_set_up, test_editor, fixture_tear_down);
  g_test_add ("/ui/l10n/preferences", Fixture, NULL, fixture_set_up, test_preferences,
              fixture_tear_down);

  return g_test_run ();
}
