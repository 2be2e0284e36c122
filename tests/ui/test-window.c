/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia/fascia-atlas.h"
#include "fascia/fascia-client.h"
#include "fascia/fascia-plan-target.h"
#include "fascia/fascia-plan.h"
#include "fascia/fascia-store.h"

#include "fascia-application.h"
#include "fascia-atlas-page.h"
#include "fascia-clients-page.h"
#include "fascia-diagram-view.h"
#include "fascia-store-private.h"
#include "fascia-study-page.h"
#include "fascia-ui-utils.h"
#include "fascia-window.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"

static FasciaApplication *app;
static char *tmpdir;

static FasciaWindow *
open_window (void)
{
  g_autofree char *db = g_build_filename (tmpdir, "fascia.db", NULL);
  FasciaWindow *window;

  /* Each case works on its own database in its own isolated data folder. */
  fascia_application_set_database_path (app, db);
  window = fascia_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  fascia_test_iterate ();
  return window;
}

static void
close_window (FasciaWindow *window)
{
  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  g_assert_finalize_object (window);
}

static const char *
visible_status_title (FasciaWindow *window,
                      const char   *page)
{
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                       FASCIA_TYPE_WINDOW,
                                                                       "stack"));
  GtkWidget *child = adw_view_stack_get_child_by_name (stack, page);

  g_assert_true (adw_view_stack_get_visible_child (stack) == child);
  g_assert_true (gtk_widget_get_mapped (child));

  if (!ADW_IS_STATUS_PAGE (child))
    return NULL;

  return adw_status_page_get_title (ADW_STATUS_PAGE (child));
}

static void
test_switch_pages (void)
{
  FasciaWindow *window = open_window ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "clients"));
  fascia_test_iterate ();
  g_assert_cmpstr (fascia_window_get_visible_page (window), ==, "clients");
  /* The Clients page, not a placeholder. */
  g_assert_null (visible_status_title (window, "clients"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "study"));
  fascia_test_iterate ();
  g_assert_cmpstr (fascia_window_get_visible_page (window), ==, "study");
  g_assert_null (visible_status_title (window, "study"));
  g_assert_true (FASCIA_IS_STUDY_PAGE (fascia_window_get_study_page (window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "atlas"));
  fascia_test_iterate ();
  g_assert_cmpstr (fascia_window_get_visible_page (window), ==, "atlas");

  close_window (window);
}

static FasciaDiagram *
atlas_diagram (FasciaWindow *window)
{
  GtkWidget *page = GTK_WIDGET (fascia_window_get_atlas_page (window));
  GObject *view = gtk_widget_get_template_child (page, FASCIA_TYPE_ATLAS_PAGE, "diagram_view");

  return fascia_diagram_view_get_diagram (FASCIA_DIAGRAM_VIEW (view));
}

/* A window that starts on the Clients page parses no drawing for the Atlas it does not
 * show; the Atlas, shown, has the view it was left on, and the view can be changed while
 * another page shows. */
static void
test_atlas_built_when_shown (void)
{
  GSettings *settings = fascia_application_get_settings (app);
  FasciaWindow *window;
  GtkWidget *page;

  g_settings_set_string (settings, "last-page", "clients");
  g_settings_set_string (settings, "last-view", "posterior-superficial");
  window = open_window ();
  page = GTK_WIDGET (fascia_window_get_atlas_page (window));
  g_assert_cmpstr (fascia_window_get_visible_page (window), ==, "clients");
  g_assert_null (atlas_diagram (window));
  g_assert_cmpstr (fascia_atlas_page_get_view (FASCIA_ATLAS_PAGE (page)), ==,
                   "posterior-superficial");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "atlas"));
  fascia_test_iterate ();
  g_assert_nonnull (atlas_diagram (window));
  g_assert_cmpstr (fascia_diagram_get_view_id (atlas_diagram (window)), ==,
                   "posterior-superficial");

  /* Once opened, a view changed from another page is opened at once. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "study");
  fascia_test_iterate ();
  fascia_atlas_page_set_view (FASCIA_ATLAS_PAGE (page), "anterior");
  g_assert_cmpstr (fascia_diagram_get_view_id (atlas_diagram (window)), ==, "anterior");
  close_window (window);

  g_settings_reset (settings, "last-page");
  g_settings_reset (settings, "last-view");
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static gboolean
all_progress_rows (gpointer progress)
{
  return count_children (progress)
         == g_list_model_get_n_items (fascia_atlas_get_muscles (fascia_ui_get_atlas ()));
}

/* Opens @window's shortcuts window (Ctrl+?), which is shown. */
static GtkShortcutsWindow *
show_help_overlay (FasciaWindow *window)
{
  GtkShortcutsWindow *overlay;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  fascia_test_iterate ();
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  return overlay;
}

/* What a window does not show is not made before it shows: the shortcuts window waits for
 * Ctrl+?, the Study page's row for every muscle waits for the Study page. */
static void
test_hidden_made_when_shown (void)
{
  GSettings *settings = fascia_application_get_settings (app);
  FasciaWindow *window;
  GtkWidget *study, *progress;
  GtkShortcutsWindow *overlay;

  g_settings_set_string (settings, "last-page", "clients");
  window = open_window ();
  study = GTK_WIDGET (fascia_window_get_study_page (window));
  progress = GTK_WIDGET (gtk_widget_get_template_child (study, FASCIA_TYPE_STUDY_PAGE,
                                                        "progress_list"));
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_cmpuint (count_children (progress), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "study"));
  /* The rows its first frame shows, then the rest once it is painted (see the Study page's
   * update_progress_list()): all of them soon, however busy the machine. */
  g_assert_true (fascia_test_wait_for (all_progress_rows, progress, 5000));

  overlay = show_help_overlay (window);
  /* Asked again, the same window. */
  gtk_window_close (GTK_WINDOW (overlay));
  fascia_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  fascia_test_iterate ();
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))
                 == overlay);
  gtk_window_close (GTK_WINDOW (overlay));
  close_window (window);
  g_settings_reset (settings, "last-page");
}

/* The titles of the groups of shortcuts in the order the shortcuts window's file gives them. */
typedef struct
{
  GPtrArray *titles;
  GSList    *classes;
  gboolean   in_title;
} GroupOrder;

static void
group_order_start (GMarkupParseContext  *context,
                   const char           *element,
                   const char          **names,
                   const char          **values,
                   gpointer              user_data,
                   GError              **error)
{
  GroupOrder *order = user_data;
  const char *class = NULL, *name = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], "class"))
        class = values[i];
      else if (g_str_equal (names[i], "name"))
        name = values[i];
    }
  if (g_str_equal (element, "object"))
    order->classes = g_slist_prepend (order->classes, g_strdup (class));
  order->in_title = g_str_equal (element, "property") && g_strcmp0 (name, "title") == 0
                    && order->classes != NULL
                    && g_strcmp0 (order->classes->data, "GtkShortcutsGroup") == 0;
}

static void
group_order_end (GMarkupParseContext  *context,
                 const char           *element,
                 gpointer              user_data,
                 GError              **error)
{
  GroupOrder *order = user_data;

  order->in_title = FALSE;
  if (g_str_equal (element, "object"))
    {
      g_free (order->classes->data);
      order->classes = g_slist_delete_link (order->classes, order->classes);
    }
}

static void
group_order_text (GMarkupParseContext  *context,
                  const char           *text,
                  gsize                 length,
                  gpointer              user_data,
                  GError              **error)
{
  GroupOrder *order = user_data;

  if (order->in_title)
    g_ptr_array_add (order->titles, g_strndup (text, length));
}

static GPtrArray *
help_overlay_group_titles (void)
{
  static const GMarkupParser parser = { group_order_start, group_order_end, group_order_text,
                                        NULL, NULL };
  g_autoptr(GBytes) bytes = g_resources_lookup_data (RESOURCE_BASE "/ui/help-overlay.ui", 0,
                                                     NULL);
  GroupOrder order = { g_ptr_array_new_with_free_func (g_free), NULL, FALSE };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &order, NULL);
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *xml;

  g_assert_nonnull (bytes);
  xml = g_bytes_get_data (bytes, &size);
  g_assert_true (g_markup_parse_context_parse (context, xml, size, &error));
  g_assert_no_error (error);
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_assert_null (order.classes);
  return order.titles;
}

/* The groups of the shortcuts window's one section as it shows them: page by page (the pages
 * of its stack, numbered 1, 2, 3 below them), column by column, top to bottom; each page's
 * titles joined by ", " and the pages by " | ". */
static char *
shown_group_order (GtkShortcutsWindow *overlay,
                   guint              *n_pages)
{
  GtkWidget *section = fascia_ui_test_find_type (GTK_WIDGET (overlay),
                                                 GTK_TYPE_SHORTCUTS_SECTION);
  GtkWidget *stack = fascia_ui_test_find_type (section, GTK_TYPE_STACK);
  GString *shown = g_string_new (NULL);

  *n_pages = 0;
  for (GtkWidget *page = gtk_widget_get_first_child (stack); page != NULL;
       page = gtk_widget_get_next_sibling (page), (*n_pages)++)
    {
      if (*n_pages > 0)
        g_string_append (shown, " | ");
      for (GtkWidget *column = gtk_widget_get_first_child (page); column != NULL;
           column = gtk_widget_get_next_sibling (column))
        for (GtkWidget *group = gtk_widget_get_first_child (column); group != NULL;
             group = gtk_widget_get_next_sibling (group))
          {
            g_autofree char *title = NULL;

            g_assert_true (GTK_IS_SHORTCUTS_GROUP (group));
            g_object_get (group, "title", &title, NULL);
            if (shown->len > 0 && shown->str[shown->len - 1] != ' ')
              g_string_append (shown, ", ");
            g_string_append (shown, title);
          }
    }
  return g_string_free (shown, FALSE);
}

/* The shortcuts window's pages are reached by tabs under them that show their numbers, and a
 * screen reader read them as "1", "2", "3", nothing said of what is on each: each is read
 * with its number and the groups on its page, "Page 1: General, Pages, Clients". */
static void
test_shortcut_page_tabs (void)
{
  FasciaWindow *window = open_window ();
  GtkShortcutsWindow *overlay;

  for (guint opened = 0; opened < 2; opened++)
    {
      g_autofree char *shown = NULL;
      g_auto(GStrv) pages = NULL;
      GtkWidget *switcher;
      guint n_pages, n_tabs = 0;

      overlay = show_help_overlay (window);
      shown = shown_group_order (overlay, &n_pages);
      pages = g_strsplit (shown, " | ", -1);
      switcher = fascia_ui_test_find_type (fascia_ui_test_find_type (GTK_WIDGET (overlay),
                                                                     GTK_TYPE_SHORTCUTS_SECTION),
                                           GTK_TYPE_STACK_SWITCHER);
      g_assert_nonnull (switcher);
      g_assert_true (gtk_widget_get_mapped (switcher));
      for (GtkWidget *tab = gtk_widget_get_first_child (switcher); tab != NULL;
           tab = gtk_widget_get_next_sibling (tab), n_tabs++)
        {
          g_autofree char *expected = NULL;
          g_autofree char *wrong = NULL;

          g_assert_cmpuint (n_tabs, <, n_pages);
          expected = g_strdup_printf ("Page %u: %s", n_tabs + 1, pages[n_tabs]);
          wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (tab),
                                                      GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
          if (wrong != NULL)
            g_error ("the shortcuts window's tab %u is read as %s, not %s", n_tabs + 1, wrong,
                     expected);
        }
      g_assert_cmpuint (n_tabs, ==, n_pages);
      gtk_window_close (GTK_WINDOW (overlay));
      fascia_test_iterate ();
    }
  close_window (window);
}

static gboolean
is_menu_item (GtkWidget     *widget,
              gconstpointer  label)
{
  g_autofree char *text = NULL;

  if (!g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkModelButton"))
    return FALSE;
  g_object_get (widget, "text", &text, NULL);
  return g_strcmp0 (text, label) == 0;
}

/* The menu item @label of @widget's menus, a GTK model button. */
static GtkWidget *
find_menu_item (GtkWidget  *widget,
                const char *label)
{
  return fascia_ui_test_find_widget (widget, is_menu_item, label);
}

/* The main menu's Hide Client Names turns a setting on and off: a screen reader reads it as a
 * check menu item, checked or not. GTK 4.8 gave it the role of a plain menu item, so that,
 * off, nothing read said it could be turned on (through AT-SPI: "[menu item] 'Hide Client
 * Names'", with the state "checked" only while on). */
/* A window's actions leave with it: once a window has closed, its "win" actions, the GSettings
 * action of Hide Client Names among them, are gone, and the setting changed afterwards reaches
 * no freed window. They stayed, still tied to the freed window, and a change of the setting
 * reached it ("g_action_group_action_state_changed: assertion 'G_IS_ACTION_GROUP
 * (action_group)' failed", fatal here). */
static void
test_actions_leave_with_window (void)
{
  GSettings *settings = fascia_application_get_settings (app);
  FasciaWindow *window = open_window ();
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (window), "hide-client-names");

  g_assert_nonnull (action);
  g_object_add_weak_pointer (G_OBJECT (action), (gpointer *) &action);
  close_window (window);
  fascia_ui_test_wait_idle (200);
  g_assert_null (action);

  g_settings_set_boolean (settings, "hide-client-names", TRUE);
  fascia_test_iterate ();
  g_settings_reset (settings, "hide-client-names");
  fascia_test_iterate ();
}

static void
test_hide_names_item_checks (void)
{
  GSettings *settings = fascia_application_get_settings (app);
  FasciaWindow *window;
  GtkWidget *button, *item;
  GtkPopover *menu;

  g_settings_set_boolean (settings, "hide-client-names", FALSE);
  window = open_window ();
  button = fascia_ui_test_child (window, FASCIA_TYPE_WINDOW, "primary_menu_button");
  for (guint opened = 0; opened < 2; opened++)
    {
      gtk_menu_button_popup (GTK_MENU_BUTTON (button));
      fascia_ui_test_wait_idle (200);
      menu = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (menu)));
      item = find_menu_item (GTK_WIDGET (menu), "Hide Client Names");
      g_assert_nonnull (item);
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (item),
                                       GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX);
      gtk_test_accessible_assert_state (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_STATE_CHECKED,
                                        opened == 1);
      /* Turned on from its shortcut, it reads checked, and off again not. */
      g_settings_set_boolean (settings, "hide-client-names", opened == 0);
      fascia_test_iterate ();
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (item),
                                       GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX);
      gtk_test_accessible_assert_state (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_STATE_CHECKED,
                                        opened == 0);
      gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
      fascia_ui_test_wait_idle (200);
    }
  close_window (window);
  g_settings_reset (settings, "hide-client-names");
}

/* GTK 4.8's shortcuts window showed its groups of shortcuts out of order: on its first page
 * the Atlas and the diagram, on its last the general ones and the pages ("General, Pages,
 * Clients" come first in its file). The window shows them in the file's order, from its
 * first page to its last, each time it is opened. */
static void
test_shortcuts_in_order (void)
{
  FasciaWindow *window = open_window ();
  g_autoptr(GPtrArray) titles = help_overlay_group_titles ();
  GtkShortcutsWindow *overlay;

  g_assert_cmpuint (titles->len, >=, 4);
  g_assert_cmpstr (titles->pdata[0], ==, "General");
  for (guint opened = 0; opened < 2; opened++)
    {
      g_autofree char *shown = NULL;
      g_autoptr(GString) expected = g_string_new (NULL);
      g_auto(GStrv) pages = NULL;
      guint n_pages;

      overlay = show_help_overlay (window);
      shown = shown_group_order (overlay, &n_pages);
      g_test_message ("shown: %s", shown);
      /* More than one page: the order of pages is what went wrong. */
      g_assert_cmpuint (n_pages, >, 1);
      pages = g_strsplit (shown, " | ", -1);
      for (guint i = 0; pages[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (expected, ", ");
          g_string_append (expected, pages[i]);
        }
      {
        g_autofree char *file_order = NULL;

        g_ptr_array_add (titles, NULL);
        file_order = g_strjoinv (", ", (char **) titles->pdata);
        g_ptr_array_remove_index (titles, titles->len - 1);
        g_assert_cmpstr (expected->str, ==, file_order);
      }
      /* And it opens on the first. */
      {
        GtkWidget *section = fascia_ui_test_find_type (GTK_WIDGET (overlay),
                                                       GTK_TYPE_SHORTCUTS_SECTION);
        GtkWidget *stack = fascia_ui_test_find_type (section, GTK_TYPE_STACK);

        g_assert_true (gtk_stack_get_visible_child (GTK_STACK (stack))
                       == gtk_widget_get_first_child (stack));
      }
      gtk_window_close (GTK_WINDOW (overlay));
      fascia_test_iterate ();
    }
  close_window (window);
}

/* Every page needs the atlas: the application's start-up reads it in a worker while GTK
 * opens the display, so the window finds it ready. Here the application has started (main()
 * registered it), no window exists and this thread never asks for the atlas; it is loaded
 * all the same. In a process of its own, where no earlier case loaded it. */
static void
test_atlas_read_in_worker (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  /* Polled, not timed: the bound only keeps a start-up that never loads it from hanging. */
  for (guint i = 0; i < 600000 && fascia_atlas_peek_default () == NULL; i++)
    g_usleep (100);
  g_assert_nonnull (fascia_atlas_peek_default ());
  g_assert_true (fascia_atlas_get_default (NULL) == fascia_atlas_peek_default ());
}

/* So is what a database file's schema is checked against, built by applying every migration
 * to an empty database: the window opening the store finds it built. In a process of its own,
 * where no store has been opened. */
static void
test_schema_built_in_worker (void)
{
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  /* Polled, not timed: the bound only keeps a start-up that never builds it from hanging. */
  for (guint i = 0; i < 600000 && !fascia_store_peek_reference_schema (); i++)
    g_usleep (100);
  g_assert_true (fascia_store_peek_reference_schema ());
}

static void
test_state_kept (void)
{
  GSettings *settings = fascia_application_get_settings (app);
  FasciaWindow *window = open_window ();
  int width, height;

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "study");
  fascia_test_iterate ();
  close_window (window);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_cmpstr (g_settings_get_string (settings, "last-page"), ==, "study");

  /* The next window opens as the last one closed. */
  window = open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 700);
  g_assert_cmpstr (fascia_window_get_visible_page (window), ==, "study");
  close_window (window);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "last-page");
}

/*
 * A window opened on a screen smaller than the size it was saved at is kept within that
 * screen, but never made smaller than it can be (680x480, ui/fascia-window.ui): it was set
 * to the screen's 640x400, a height the setting cannot hold (less than 480), which GSettings
 * refused with a critical warning. No size out of the setting's range is saved.
 */
static void
test_small_screen (void)
{
  GSettings *settings = fascia_application_get_settings (app);
  g_autofree char *db = g_build_filename (tmpdir, "fascia.db", NULL);
  GdkDisplay *display = fascia_ui_test_screen_new (640, 400);
  FasciaWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 700);
  fascia_application_set_database_path (app, db);
  window = fascia_window_new (app);
  gtk_window_set_display (GTK_WINDOW (window), display);
  gtk_window_present (GTK_WINDOW (window));
  fascia_test_iterate ();

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 680);
  g_assert_cmpint (height, ==, 480);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 680);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 480);

  close_window (window);
  fascia_ui_test_screen_close (display);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_shortcuts (void)
{
  GtkApplication *gtk_app = GTK_APPLICATION (app);
  g_auto(GStrv) quit = gtk_application_get_accels_for_action (gtk_app, "app.quit");
  g_auto(GStrv) close = gtk_application_get_accels_for_action (gtk_app, "window.close");
  g_auto(GStrv) help = gtk_application_get_accels_for_action (gtk_app, "win.show-help-overlay");

  g_assert_true (g_strv_contains ((const char * const *) quit, "<Control>q"));
  g_assert_true (g_strv_contains ((const char * const *) close, "<Control>w"));
  g_assert_true (g_strv_contains ((const char * const *) help, "<Control>question"));
}

static void
test_store_knows_the_atlas (void)
{
  FasciaWindow *window = open_window ();
  FasciaStore *store = fascia_window_get_store (window);
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(FasciaPlan) plan = fascia_plan_new ();
  g_autoptr(FasciaPlanTarget) known = fascia_plan_target_new ();
  g_autoptr(FasciaPlanTarget) unknown = fascia_plan_target_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (store);
  fascia_client_set_name (client, "Ada");
  g_assert_true (fascia_store_add_client (store, client, &error));
  fascia_plan_set_client_id (plan, fascia_client_get_id (client));
  fascia_plan_set_title (plan, "Hip");
  g_assert_true (fascia_store_add_plan (store, plan, &error));
  g_assert_no_error (error);

  /* The window's store checks ids against the atlas, not only their spelling. */
  fascia_plan_target_set_plan_id (known, fascia_plan_get_id (plan));
  fascia_plan_target_set_muscle_id (known, "piriformis");
  g_assert_true (fascia_store_add_plan_target (store, known, &error));
  g_assert_no_error (error);

  fascia_plan_target_set_plan_id (unknown, fascia_plan_get_id (plan));
  fascia_plan_target_set_muscle_id (unknown, "gluteus-quartus");
  g_assert_false (fascia_store_add_plan_target (store, unknown, &error));
  g_assert_error (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_INVALID);

  close_window (window);
}

static gboolean
focus_in_page (gpointer user_data)
{
  FasciaWindow *window = user_data;
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                       FASCIA_TYPE_WINDOW,
                                                                       "stack"));
  GtkWidget *page = adw_view_stack_get_visible_child (stack);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_is_ancestor (focus, page);
}

/* A page's shortcuts work while the focus is inside it, so the page shown has the focus:
 * after the first frame, and after switching pages. */
static void
test_page_has_focus (void)
{
  FasciaWindow *window = open_window ();

  g_assert_true (fascia_test_wait_for (focus_in_page, window, 5000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "study"));
  fascia_test_iterate ();
  g_assert_true (focus_in_page (window));

  close_window (window);
}

/* A click on any button of the window is not lost when the window is laid out between its
 * press and its release, and the X server has the button up already when the next frame
 * asks it where the pointer is (GDK's own motion after a layout, see
 * fascia_ui_keep_clicks_over_layout()): the view switcher's Study button still shows the
 * Study page. And the watch does not stay: a hover after the click is still followed. */

static gboolean
flag_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static void
flag_cb (gpointer  instance,
         gboolean *flag)
{
  *flag = TRUE;
}

static void
find_toggle_buttons (GtkWidget *widget,
                     GPtrArray *found)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child) && gtk_widget_get_mapped (child))
        g_ptr_array_add (found, child);
      else
        find_toggle_buttons (child, found);
    }
}

static gboolean
page_is_study (gpointer user_data)
{
  AdwViewStack *stack = user_data;

  return g_strcmp0 (adw_view_stack_get_visible_child_name (stack), "study") == 0;
}

static void
test_click_survives_layout (void)
{
  FasciaWindow *window = open_window ();
  GtkWidget *switcher = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                   FASCIA_TYPE_WINDOW,
                                                                   "switcher_title"));
  AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                       FASCIA_TYPE_WINDOW,
                                                                       "stack"));
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  gboolean clicked = FALSE, entered = FALSE;
  GtkEventController *motion;
  GtkWidget *study;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "atlas"));
  fascia_ui_test_wait_idle (200);

  /* The switcher's buttons, in the order of the pages: Atlas, Clients, Study. */
  find_toggle_buttons (switcher, buttons);
  g_assert_cmpuint (buttons->len, ==, 3);
  study = g_ptr_array_index (buttons, 2);
  g_signal_connect (study, "clicked", G_CALLBACK (flag_cb), &clicked);
  g_assert_false (page_is_study (stack));

  fascia_ui_test_pointer_move (study, 10, 10);
  fascia_ui_test_wait_idle (200);
  /* Laid out again while the button is down. */
  fascia_ui_test_press_and_lay_out (study, 10, 10, GTK_WIDGET (window));

  /* The button goes up just before the next frame asks where the pointer is. */
  fascia_ui_test_release_before_next_frame (study);

  g_assert_true (fascia_test_wait_for (flag_set, &clicked, 5000));
  g_assert_true (fascia_test_wait_for (page_is_study, stack, 5000));

  /* A hover after a layout, with no button down, is followed. */
  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (flag_cb), &entered);
  gtk_widget_add_controller (g_ptr_array_index (buttons, 0), motion);
  gtk_widget_queue_resize (GTK_WIDGET (window));
  fascia_ui_test_wait_idle (200);
  fascia_ui_test_pointer_move (g_ptr_array_index (buttons, 0), 10, 10);
  g_assert_true (fascia_test_wait_for (flag_set, &entered, 5000));

  close_window (window);
}

/* The same for a button of a dialog the window opens (a confirmation, the Export dialog): the
 * guard is on every window of the application, not only on the main one. */

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
message_dialog_shown (gpointer user_data)
{
  return find_message_dialog () != NULL;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget)
         && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  return fascia_ui_test_find_widget (widget, is_button_labelled, label);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             char            **answered)
{
  g_free (*answered);
  *answered = g_strdup (response);
}

static gboolean
string_set (gpointer user_data)
{
  return *(char **) user_data != NULL;
}

static void
test_dialog_click_survives_layout (void)
{
  FasciaWindow *window = open_window ();
  g_autofree char *answered = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *cancel;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-records", NULL));
  g_assert_true (fascia_test_wait_for (message_dialog_shown, NULL, 5000));
  dialog = find_message_dialog ();
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), &answered);
  cancel = find_button_labelled (GTK_WIDGET (dialog), "_Cancel");
  g_assert_nonnull (cancel);
  fascia_ui_test_wait_idle (200);

  fascia_ui_test_pointer_move (cancel, 10, 10);
  fascia_ui_test_wait_idle (200);
  /* The dialog is laid out again while the button is down, and the button goes up just
   * before the next frame asks where the pointer is. */
  fascia_ui_test_press_and_lay_out (cancel, 10, 10, GTK_WIDGET (dialog));
  fascia_ui_test_release_before_next_frame (cancel);

  g_assert_true (fascia_test_wait_for (string_set, &answered, 5000));
  g_assert_cmpstr (answered, ==, "cancel");
  g_assert_false (message_dialog_shown (NULL));

  close_window (window);
}

/* The header bar's way back to the client list follows the leaflet by the next frame, even
 * on a busy machine where the main loop always has work waiting above a default idle
 * (frames that take longer than their interval, replies from the store). */

typedef struct
{
  GdkFrameClock *clock;
  gint64         changed_in;     /* the frame counter when the leaflet changed */
  gboolean       next_painted;   /* a frame after that one has been painted */
  gboolean       shown_then;     /* whether the way back was visible in that frame */
  GtkWidget     *back;
} NextFrame;

static gboolean
busy_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
next_frame_painted_cb (GdkFrameClock *clock,
                       NextFrame     *next)
{
  if (next->next_painted)
    return;
  if (gdk_frame_clock_get_frame_counter (clock) <= next->changed_in)
    {
      /* The frame the change came in: ask for the one after. */
      gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
      return;
    }
  next->next_painted = TRUE;
  next->shown_then = gtk_widget_get_visible (next->back) && gtk_widget_get_child_visible (next->back);
}

static gboolean
way_back_shown (gpointer back)
{
  return gtk_widget_get_mapped (back);
}

static void
navigate_and_wait_next_frame (AdwLeaflet             *leaflet,
                              AdwNavigationDirection  direction,
                              NextFrame              *next)
{
  gulong painted_id = g_signal_connect (next->clock, "after-paint",
                                        G_CALLBACK (next_frame_painted_cb), next);

  next->next_painted = FALSE;
  next->changed_in = gdk_frame_clock_get_frame_counter (next->clock);
  g_assert_true (adw_leaflet_navigate (leaflet, direction));
  gdk_frame_clock_request_phase (next->clock, GDK_FRAME_CLOCK_PHASE_PAINT);
  g_assert_true (fascia_test_wait_for (flag_set, &next->next_painted, 10000));
  g_signal_handler_disconnect (next->clock, painted_id);
}

static void
test_way_back_by_next_frame (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *demo = g_build_filename (dir, "demo.db", NULL);
  FasciaUiTestSession session = { 0 };
  FasciaClientsPage *page;
  AdwLeaflet *leaflet;
  NextFrame next = { 0 };
  guint busy_id;

  g_assert_true (fascia_store_create_demo (demo, &error));
  g_assert_no_error (error);
  /* Too narrow for the list and a client side by side. */
  fascia_ui_test_session_open (&session, app, demo, 720, 640, "clients");
  fascia_ui_test_wait_idle (300);
  page = fascia_window_get_clients_page (session.window);
  leaflet = ADW_LEAFLET (fascia_ui_test_child (page, FASCIA_TYPE_CLIENTS_PAGE, "leaflet"));
  next.back = fascia_ui_test_child (session.window, FASCIA_TYPE_WINDOW, "client_list_button");
  next.clock = gtk_widget_get_frame_clock (GTK_WIDGET (session.window));
  fascia_clients_page_select_client (page, fascia_ui_test_query_int (&session,
                                                                    "SELECT min(id) FROM clients"));
  g_assert_true (fascia_test_wait_for (way_back_shown, next.back, 10000));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  fascia_ui_test_wait_idle (300);

  busy_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE - 1, busy_cb, NULL, NULL);

  /* Back to the list: the list needs no way back to itself. */
  navigate_and_wait_next_frame (leaflet, ADW_NAVIGATION_DIRECTION_BACK, &next);
  g_assert_false (next.shown_then);

  /* On to the client again: the way back is there. */
  navigate_and_wait_next_frame (leaflet, ADW_NAVIGATION_DIRECTION_FORWARD, &next);
  g_assert_true (next.shown_then);

  g_source_remove (busy_id);
  fascia_ui_test_session_close (&session);
  fascia_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  int status;

  /* The window opens the default database; keep it out of the real home. */
  data_home = fascia_test_make_tmpdir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  app = fascia_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/fascia/ui/window/switch-pages", test_switch_pages);
  g_test_add_func ("/fascia/ui/window/state-kept", test_state_kept);
  g_test_add_func ("/fascia/ui/window/small-screen", test_small_screen);
  g_test_add_func ("/fascia/ui/window/atlas-built-when-shown", test_atlas_built_when_shown);
  g_test_add_func ("/fascia/ui/window/atlas-read-in-worker", test_atlas_read_in_worker);
  g_test_add_func ("/fascia/ui/window/schema-built-in-worker", test_schema_built_in_worker);
  g_test_add_func ("/fascia/ui/window/shortcuts", test_shortcuts);
  g_test_add_func ("/fascia/ui/window/hidden-made-when-shown", test_hidden_made_when_shown);
  g_test_add_func ("/fascia/ui/window/shortcuts-in-order", test_shortcuts_in_order);
  g_test_add_func ("/fascia/ui/window/shortcut-page-tabs", test_shortcut_page_tabs);
  g_test_add_func ("/fascia/ui/window/page-has-focus", test_page_has_focus);
  g_test_add_func ("/fascia/ui/window/store-knows-the-atlas", test_store_knows_the_atlas);
  g_test_add_func ("/fascia/ui/window/click-survives-layout", test_click_survives_layout);
  g_test_add_func ("/fascia/ui/window/dialog-click-survives-layout",
                   test_dialog_click_survives_layout);
  g_test_add_func ("/fascia/ui/window/way-back-by-next-frame", test_way_back_by_next_frame);
  g_test_add_func ("/fascia/ui/window/hide-names-item-checks", test_hide_names_item_checks);
  g_test_add_func ("/fascia/ui/window/actions-leave-with-window", test_actions_leave_with_window);

  tmpdir = fascia_test_make_tmpdir ();
  status = g_test_run ();
  fascia_test_rm_rf (tmpdir);
  g_free (tmpdir);
  g_clear_object (&app);
  fascia_test_rm_rf (data_home);
  return status;
}
