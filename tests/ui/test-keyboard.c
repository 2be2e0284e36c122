/* test-keyboard.c — the window's keys work wherever the focus is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "fascia/fascia-store.h"

#include "fascia-application.h"
#include "fascia-atlas-page.h"
#include "fascia-client-view.h"
#include "fascia-clients-page.h"
#include "fascia-diagram-view.h"
#include "fascia-plan-editor.h"
#include "fascia-visit-editor.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"
#include "fascia-ui-utils.h"
#include "fascia-window.h"

/*
 * Real key presses through the X server, with the focus where a user leaves it: in a card
 * on the Atlas, in the client list. Ctrl+F, Ctrl+1…4 and Alt+1…3 are application
 * accelerators and must reach the page shown; and the text of a card is no Tab stop.
 */

static FasciaApplication *app;

typedef FasciaUiTestSession Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fascia_ui_test_session_open (f, app, NULL, 1400, 900, "atlas");
  fascia_ui_test_wait_idle (300);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fascia_ui_test_session_close (f);
}

static FasciaAtlasPage *
atlas_page (Fixture *f)
{
  return fascia_window_get_atlas_page (f->window);
}

/* The focusable widgets under @root that a Tab press can land on. */
static void
collect_focusable (GtkWidget *root,
                   GType      type,
                   GPtrArray *found)
{
  if (!gtk_widget_get_visible (root))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_focusable (root))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_focusable (child, type, found);
}

static GtkWidget *
open_card (Fixture *f)
{
  GtkWidget *card_stack = fascia_ui_test_child (atlas_page (f), FASCIA_TYPE_ATLAS_PAGE,
                                                "card_stack");
  GtkWidget *card;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (atlas_page (f)), "atlas.open", "s",
                                             "muscle:psoas-major"));
  fascia_ui_test_wait_idle (200);
  card = gtk_stack_get_visible_child (GTK_STACK (card_stack));
  g_assert_nonnull (card);
  return card;
}

static void
test_card_text_no_tab_stop (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *card = open_card (f);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_focusable (card, GTK_TYPE_LABEL, labels);
  collect_focusable (card, GTK_TYPE_BUTTON, buttons);
  g_assert_cmpuint (labels->len, ==, 0);
  /* The links still are. */
  g_assert_cmpuint (buttons->len, >, 0);
}

/* Tab goes on from a card's link through the rest of the card: its text, which is no Tab
 * stop, held Tab where it was (a selectable label that is not focusable takes Tab and cannot
 * take the focus). */
static void
test_tab_through_card (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *card = open_card (f);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *last;

  collect_focusable (card, GTK_TYPE_BUTTON, buttons);
  g_assert_cmpuint (buttons->len, >, 1);
  g_assert_true (gtk_widget_grab_focus (g_ptr_array_index (buttons, 0)));
  fascia_ui_test_wait_idle (100);
  last = gtk_root_get_focus (GTK_ROOT (f->window));
  for (guint step = 0; step < 3; step++)
    {
      GtkWidget *focus;

      fascia_ui_test_keys (card, "Tab");
      fascia_ui_test_wait_idle (100);
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_true (focus != last);
      g_assert_false (GTK_IS_LABEL (focus));
      last = focus;
    }
}

/* A screen reader reads the card by its muscle, not as "FasciaMuscleCard". */
static void
test_card_named (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *card = open_card (f);

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Psoas major");
}

static void
test_keys_from_a_card (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *card = open_card (f);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkSearchBar *search_bar = GTK_SEARCH_BAR (fascia_ui_test_child (atlas_page (f),
                                                                   FASCIA_TYPE_ATLAS_PAGE,
                                                                   "search_bar"));
  g_autofree char *view = NULL;

  /* The focus on a link in the card. */
  collect_focusable (card, GTK_TYPE_BUTTON, buttons);
  g_assert_cmpuint (buttons->len, >, 0);
  g_assert_true (gtk_widget_grab_focus (g_ptr_array_index (buttons, 0)));
  fascia_ui_test_wait_idle (100);

  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+3");
  fascia_ui_test_wait_idle (200);
  g_object_get (atlas_page (f), "view", &view, NULL);
  g_assert_cmpstr (view, ==, "posterior-deep");

  g_assert_true (gtk_widget_grab_focus (g_ptr_array_index (buttons, 0)));
  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+f");
  fascia_ui_test_wait_idle (200);
  g_assert_true (gtk_search_bar_get_search_mode (search_bar));

  /* Alt+2 goes to the Clients page from the search entry. */
  fascia_ui_test_keys (GTK_WIDGET (f->window), "alt+2");
  fascia_ui_test_wait_idle (200);
  g_assert_cmpstr (fascia_window_get_visible_page (f->window), ==, "clients");
}

/* In a small window the Atlas has a compact tool bar, and presentation mode (F11) the whole
 * one: the focus on the View menu goes to the button of the view shown and back, where GTK
 * gave it to "Front" while "Back, Deep" was shown. */
static void
test_presentation_keeps_the_focus (void)
{
  FasciaUiTestSession session = { 0 };
  FasciaAtlasPage *page;
  GtkWidget *view_menu, *focus;

  fascia_ui_test_session_open (&session, app, NULL, 1024, 640, "atlas");
  fascia_ui_test_wait_idle (300);
  page = fascia_window_get_atlas_page (session.window);
  view_menu = fascia_ui_test_child (page, FASCIA_TYPE_ATLAS_PAGE, "view_menu_button");
  g_assert_true (gtk_widget_get_mapped (view_menu));
  g_assert_true (gtk_widget_grab_focus (view_menu));
  fascia_ui_test_keys (GTK_WIDGET (session.window), "ctrl+3");
  fascia_ui_test_wait_idle (300);

  fascia_ui_test_keys (GTK_WIDGET (session.window), "F11");
  fascia_ui_test_wait_idle (600);
  g_assert_true (fascia_atlas_page_get_presentation (page));
  g_assert_false (gtk_widget_get_mapped (view_menu));
  focus = gtk_root_get_focus (GTK_ROOT (session.window));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (focus));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus)), ==, "Back, Deep");
  g_assert_true (gtk_widget_get_mapped (focus));

  fascia_ui_test_keys (GTK_WIDGET (session.window), "F11");
  fascia_ui_test_wait_idle (600);
  g_assert_false (fascia_atlas_page_get_presentation (page));
  focus = gtk_root_get_focus (GTK_ROOT (session.window));
  g_assert_true (focus == view_menu || gtk_widget_is_ancestor (focus, view_menu));

  fascia_ui_test_session_close (&session);
}

/* Ctrl+3 with the keyboard on the Front button: the focus (and its ring) goes along to the
 * button of the view chosen, not left on Front as if it were still the view shown. */
static void
test_view_keys_move_the_focus (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *toolbar = fascia_ui_test_child (atlas_page (f), FASCIA_TYPE_ATLAS_PAGE, "toolbar");
  GtkWidget *front = gtk_widget_get_first_child (gtk_widget_get_first_child (toolbar));
  GtkWidget *focus;

  g_assert_true (GTK_IS_TOGGLE_BUTTON (front));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (front)), ==, "Front");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (atlas_page (f)), "atlas.view", "s",
                                             "anterior"));
  g_assert_true (gtk_widget_grab_focus (front));
  fascia_ui_test_wait_idle (100);

  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+3");
  fascia_ui_test_wait_idle (200);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (focus));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus)), ==, "Back, Deep");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (focus)));

  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+4");
  fascia_ui_test_wait_idle (200);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (focus));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus)), ==, "Side");

  /* The view already shown: the focus goes to its button too. */
  g_assert_true (gtk_widget_grab_focus (front));
  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+4");
  fascia_ui_test_wait_idle (200);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (focus));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus)), ==, "Side");
}

/* A view switched from a region's keyboard focus: the focus stays on that region where the
 * new view has it too, or on the same muscle's other side where the view shows one side; it
 * went to the new view's first region (intercostal muscles), whatever it was on before. */
static void
test_view_keys_keep_the_region (Fixture       *f,
                                gconstpointer  data)
{
  FasciaDiagramView *view = FASCIA_DIAGRAM_VIEW (fascia_ui_test_child (atlas_page (f),
                                                                      FASCIA_TYPE_ATLAS_PAGE,
                                                                      "diagram_view"));
  GtkWidget *focus;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (atlas_page (f)), "atlas.view", "s",
                                             "posterior-superficial"));
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, view, 5000));
  g_assert_true (fascia_diagram_view_focus_region (view, "m-gluteus-medius-l"));
  fascia_ui_test_wait_idle (100);

  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+3");
  fascia_ui_test_wait_idle (200);
  g_assert_cmpstr (fascia_atlas_page_get_view (atlas_page (f)), ==, "posterior-deep");
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == fascia_diagram_view_get_region_widget (view, "m-gluteus-medius-l"));
  g_assert_true (gtk_widget_get_parent (focus) == GTK_WIDGET (view));

  /* And back. */
  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+2");
  fascia_ui_test_wait_idle (200);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == fascia_diagram_view_get_region_widget (view, "m-gluteus-medius-l"));

  /* The side view shows the right side only: the keyboard stays on gluteus medius there, on
   * its right side, where it went to the view's first region. */
  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+4");
  fascia_ui_test_wait_idle (200);
  g_assert_cmpstr (fascia_atlas_page_get_view (atlas_page (f)), ==, "lateral");
  g_assert_null (fascia_diagram_view_get_region_widget (view, "m-gluteus-medius-l"));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus == fascia_diagram_view_get_region_widget (view, "m-gluteus-medius-r"));
}

static void
test_keys_from_the_client_list (Fixture       *f,
                                gconstpointer  data)
{
  FasciaClientsPage *page;
  FasciaClientView *view;
  GtkWidget *search;
  GtkStack *sections;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "clients");
  page = fascia_window_get_clients_page (f->window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.new", NULL));
  fascia_ui_test_wait_idle (200);
  view = fascia_clients_page_get_client_view (page);
  g_assert_nonnull (fascia_client_view_get_client (view));
  sections = GTK_STACK (fascia_ui_test_child (view, FASCIA_TYPE_CLIENT_VIEW, "stack"));

  /* The focus in the list's search entry, outside the client view. */
  search = fascia_ui_test_child (page, FASCIA_TYPE_CLIENTS_PAGE, "search_entry");
  g_assert_true (gtk_widget_grab_focus (search));
  fascia_ui_test_wait_idle (100);

  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+3");
  fascia_ui_test_wait_idle (200);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sections), ==, "visits");
  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+2");
  fascia_ui_test_wait_idle (200);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (sections), ==, "plans");

  /* The client's own shortcuts too, which did nothing from the list: a new visit, a new plan
   * (the shortcuts window lists them for the Clients page). */
  g_assert_true (gtk_widget_grab_focus (search));
  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+shift+v");
  fascia_ui_test_wait_idle (200);
  g_assert_nonnull (fascia_visit_editor_get_visit (fascia_client_view_get_visit_editor (view)));
  g_assert_true (gtk_widget_grab_focus (search));
  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+shift+p");
  fascia_ui_test_wait_idle (200);
  g_assert_nonnull (fascia_plan_editor_get_plan (fascia_client_view_get_plan_editor (view)));

  /* From inside the client view, Ctrl+F searches the clients. */
  gtk_widget_child_focus (GTK_WIDGET (view), GTK_DIR_TAB_FORWARD);
  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+f");
  fascia_ui_test_wait_idle (200);
  g_assert_true (gtk_widget_has_focus (search)
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), search));

  /* Ctrl+Delete in the search entry deletes a word there, not the client. */
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+Delete");
  fascia_ui_test_wait_idle (200);
  g_assert_nonnull (fascia_client_view_get_client (view));

  /* With the keyboard on the client's row, Ctrl+Delete deletes the client shown. */
  {
    GtkWidget *list = fascia_ui_test_child (page, FASCIA_TYPE_CLIENTS_PAGE, "client_list");

    g_assert_true (gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD));
    fascia_ui_test_wait_idle (100);
    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), list));
    fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+Delete");
    fascia_ui_test_wait_idle (200);
    g_assert_null (fascia_client_view_get_client (view));
  }

  fascia_ui_test_keys (GTK_WIDGET (f->window), "alt+1");
  fascia_ui_test_wait_idle (200);
  g_assert_cmpstr (fascia_window_get_visible_page (f->window), ==, "atlas");
}

/* The focus on the button of the client's section shown: not on Archive or Delete, where
 * Enter would act, nor elsewhere. */
static void
assert_focus_on_sections (FasciaWindow     *window,
                          FasciaClientView *view)
{
  GtkWidget *archive = fascia_ui_test_child (view, FASCIA_TYPE_CLIENT_VIEW, "archive_button");
  GtkWidget *delete = fascia_ui_test_child (view, FASCIA_TYPE_CLIENT_VIEW, "delete_button");
  GtkWidget *switcher = fascia_ui_test_child (view, FASCIA_TYPE_CLIENT_VIEW, "section_switcher");
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_nonnull (focus);
  g_assert_false (focus == archive || gtk_widget_is_ancestor (focus, archive));
  g_assert_false (focus == delete || gtk_widget_is_ancestor (focus, delete));
  g_assert_true (gtk_widget_is_ancestor (focus, switcher));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (focus));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (focus)));
  g_assert_true (gtk_widget_get_mapped (focus));
}

/* The arrows walk the client list and each client chosen shows beside it, the focus staying
 * in the list; Enter then takes the focus into the client, to its sections, never onto its
 * Archive or Delete button (where a second Enter would act). */
/* A window of @width × @height on the Clients page of a demo clinic made in @dir. */
static FasciaClientsPage *
open_demo_clients (FasciaUiTestSession *session,
                   const char          *dir,
                   int                  width,
                   int                  height)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo = g_build_filename (dir, "demo.db", NULL);

  g_assert_true (fascia_store_create_demo (demo, &error));
  g_assert_no_error (error);
  fascia_ui_test_session_open (session, app, demo, width, height, "clients");
  fascia_ui_test_wait_idle (300);
  return fascia_window_get_clients_page (session->window);
}

static void
test_walk_the_client_list (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  FasciaUiTestSession session = { 0 };
  FasciaClientsPage *page;
  FasciaClientView *view;
  GtkWidget *search, *list, *focus;
  gint64 first, second;

  page = open_demo_clients (&session, dir, 1400, 900);
  search = fascia_ui_test_child (page, FASCIA_TYPE_CLIENTS_PAGE, "search_entry");
  list = fascia_ui_test_child (page, FASCIA_TYPE_CLIENTS_PAGE, "client_list");
  g_assert_true (gtk_widget_grab_focus (search));
  fascia_ui_test_wait_idle (100);

  /* Down from the search goes to the first client; Down again chooses the next. */
  fascia_ui_test_keys (GTK_WIDGET (session.window), "Down");
  fascia_ui_test_wait_idle (300);
  focus = gtk_root_get_focus (GTK_ROOT (session.window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, list));
  fascia_ui_test_keys (GTK_WIDGET (session.window), "Down");
  fascia_ui_test_wait_idle (300);
  view = fascia_clients_page_get_client_view (page);
  g_assert_nonnull (view);
  g_assert_nonnull (fascia_client_view_get_client (view));
  first = fascia_client_get_id (fascia_client_view_get_client (view));
  focus = gtk_root_get_focus (GTK_ROOT (session.window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, list));

  fascia_ui_test_keys (GTK_WIDGET (session.window), "Down");
  fascia_ui_test_wait_idle (300);
  second = fascia_client_get_id (fascia_client_view_get_client (view));
  g_assert_cmpint (second, !=, first);
  focus = gtk_root_get_focus (GTK_ROOT (session.window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, list));

  fascia_ui_test_keys (GTK_WIDGET (session.window), "Return");
  fascia_ui_test_wait_idle (300);
  g_assert_cmpint (fascia_client_get_id (fascia_client_view_get_client (view)), ==, second);
  assert_focus_on_sections (session.window, view);

  /* Ctrl+2 and Ctrl+3 with the keyboard on the sections take it along to the section shown:
   * it stayed on Details, where Space went back to the details. */
  fascia_ui_test_keys (GTK_WIDGET (session.window), "ctrl+2");
  fascia_ui_test_wait_idle (300);
  assert_focus_on_sections (session.window, view);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (fascia_ui_test_child (view, FASCIA_TYPE_CLIENT_VIEW, "stack"))),
                   ==, "plans");
  fascia_ui_test_keys (GTK_WIDGET (session.window), "ctrl+3");
  fascia_ui_test_wait_idle (300);
  assert_focus_on_sections (session.window, view);

  fascia_ui_test_session_close (&session);
  fascia_test_rm_rf (dir);
}

/* Tab leaves @list from the row the focus is on and Shift+Tab comes back to that row, and the
 * same the other way round: a list is one Tab stop, the arrow keys move within it. */
static void
assert_one_tab_stop (FasciaWindow *window,
                     GtkWidget    *list)
{
  GtkWidget *row = gtk_root_get_focus (GTK_ROOT (window));

  g_assert_true (row != NULL && gtk_widget_is_ancestor (row, list));
  for (guint backwards = 0; backwards < 2; backwards++)
    {
      GtkWidget *focus;

      fascia_ui_test_keys (GTK_WIDGET (window), backwards ? "shift+Tab" : "Tab");
      fascia_ui_test_wait_idle (200);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      g_assert_nonnull (focus);
      g_assert_false (gtk_widget_is_ancestor (focus, list));

      fascia_ui_test_keys (GTK_WIDGET (window), backwards ? "Tab" : "shift+Tab");
      fascia_ui_test_wait_idle (200);
      g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == row);
    }
}

/* The client list and a client's visits are each one Tab stop: GTK 4.8's list view took Tab
 * from row to row, so that a screen reader user went through every client to leave the list. */
static void
test_lists_one_tab_stop (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  FasciaUiTestSession session = { 0 };
  FasciaClientsPage *page;
  FasciaClientView *view;
  GtkWidget *search, *list, *visits;

  page = open_demo_clients (&session, dir, 1400, 900);
  search = fascia_ui_test_child (page, FASCIA_TYPE_CLIENTS_PAGE, "search_entry");
  list = fascia_ui_test_child (page, FASCIA_TYPE_CLIENTS_PAGE, "client_list");
  g_assert_true (gtk_widget_grab_focus (search));
  fascia_ui_test_wait_idle (100);
  fascia_ui_test_keys (GTK_WIDGET (session.window), "Down Down");
  fascia_ui_test_wait_idle (300);
  assert_one_tab_stop (session.window, list);

  /* The client with the most visits of the demo, its visits shown. */
  view = fascia_clients_page_get_client_view (page);
  fascia_ui_test_keys (GTK_WIDGET (session.window), "Up Return ctrl+3");
  fascia_ui_test_wait_idle (400);
  visits = fascia_ui_test_child (view, FASCIA_TYPE_CLIENT_VIEW, "visit_list");
  g_assert_cmpuint (g_list_model_get_n_items (
                      G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (visits)))), >=, 3);
  g_assert_true (gtk_widget_grab_focus (visits));
  fascia_ui_test_wait_idle (100);
  fascia_ui_test_keys (GTK_WIDGET (session.window), "Down");
  fascia_ui_test_wait_idle (200);
  assert_one_tab_stop (session.window, visits);

  fascia_ui_test_session_close (&session);
  fascia_test_rm_rf (dir);
}

/* The leaflet has slid the client list out of sight, and the header bar's way back to it is
 * shown (from the frame after the change). */
static gboolean
list_folded_away (gpointer list)
{
  GtkWidget *back = fascia_ui_test_child (gtk_widget_get_root (list), FASCIA_TYPE_WINDOW,
                                          "client_list_button");

  return !gtk_widget_get_mapped (list) && gtk_widget_get_mapped (back);
}

/* The list is back and its way back is gone: the window hides that button at the start of
 * the frame after the leaflet changes (fascia-window.c; test-window way-back-by-next-frame). */
static gboolean
list_back (gpointer list)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_ancestor (list, ADW_TYPE_LEAFLET));
  GtkWidget *back = fascia_ui_test_child (gtk_widget_get_root (list), FASCIA_TYPE_WINDOW,
                                          "client_list_button");

  return gtk_widget_get_mapped (list) && !adw_leaflet_get_child_transition_running (leaflet)
         && !gtk_widget_get_visible (back);
}

/* A window too narrow for the list and a client side by side: the client chosen in the list
 * takes the list's place, and the keyboard goes along to the client's sections, never onto
 * Archive (where the next Enter archived the client) nor the header's way back. Back in the
 * list, Enter on a client does the same. */
static void
test_walk_the_folded_client_list (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  FasciaUiTestSession session = { 0 };
  FasciaClientsPage *page;
  FasciaClientView *view;
  AdwLeaflet *leaflet;
  GtkWidget *search, *list, *back;

  page = open_demo_clients (&session, dir, 720, 640);
  leaflet = ADW_LEAFLET (fascia_ui_test_child (page, FASCIA_TYPE_CLIENTS_PAGE, "leaflet"));
  search = fascia_ui_test_child (page, FASCIA_TYPE_CLIENTS_PAGE, "search_entry");
  list = fascia_ui_test_child (page, FASCIA_TYPE_CLIENTS_PAGE, "client_list");
  back = fascia_ui_test_child (session.window, FASCIA_TYPE_WINDOW, "client_list_button");
  g_assert_true (gtk_widget_grab_focus (search));
  fascia_ui_test_wait_idle (100);

  fascia_ui_test_keys (GTK_WIDGET (session.window), "Down");
  fascia_ui_test_wait_idle (300);
  fascia_ui_test_keys (GTK_WIDGET (session.window), "Down");
  g_assert_true (fascia_test_wait_for (list_folded_away, list, 10000));
  view = fascia_clients_page_get_client_view (page);
  g_assert_nonnull (view);
  g_assert_nonnull (fascia_client_view_get_client (view));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_mapped (back));
  assert_focus_on_sections (session.window, view);

  /* Back to the list, the next client and Enter. */
  fascia_ui_test_keys (GTK_WIDGET (session.window), "ctrl+f");
  g_assert_true (fascia_test_wait_for (list_back, list, 10000));
  /* The list needs no way back to itself. */
  g_assert_false (gtk_widget_get_visible (back));
  fascia_ui_test_keys (GTK_WIDGET (session.window), "Down");
  fascia_ui_test_wait_idle (300);
  fascia_ui_test_keys (GTK_WIDGET (session.window), "Return");
  g_assert_true (fascia_test_wait_for (list_folded_away, list, 10000));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_mapped (back));
  g_assert_nonnull (fascia_client_view_get_client (view));
  assert_focus_on_sections (session.window, view);

  fascia_ui_test_session_close (&session);
  fascia_test_rm_rf (dir);
}

/* @widget has the focus and is in sight in the card pane: inside the pane's scrolled window's
 * visible part, not below it. */
static void
assert_focus_in_sight (FasciaWindow *window,
                       GtkWidget    *pane)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  graphene_rect_t bounds;

  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_get_mapped (focus));
  g_assert_true (gtk_widget_compute_bounds (focus, pane, &bounds));
  g_test_message ("focus %s at %.0f-%.0f of a pane %d high", G_OBJECT_TYPE_NAME (focus),
                  bounds.origin.y, bounds.origin.y + bounds.size.height,
                  gtk_widget_get_height (pane));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (pane));
}

/* A search result opened from the keyboard (Down, Enter) leaves the focus in sight at the top of
 * the pane, and Tab goes on into the card, in sight too: it was left on the card's first link
 * in an order of places not yet laid out, for "Clamshell" its target muscle at the foot of the
 * card, 600 pixels below the pane shown from its top; and a control Tab reached at the foot of
 * a card was scrolled to 6 pixels short of the pane's edge (the card's top margin). */
static void
test_search_result_focus_in_sight (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWidget *card_stack = fascia_ui_test_child (atlas_page (f), FASCIA_TYPE_ATLAS_PAGE,
                                                "card_stack");
  GtkWidget *pane = gtk_widget_get_ancestor (card_stack, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *pane_box = gtk_widget_get_parent (pane);
  const char * const queries[] = { "clamshell", "psoas major", "iliac crest" };

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      GtkWidget *focus;

      fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+f");
      fascia_ui_test_wait_idle (200);
      fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+a");
      fascia_ui_test_type (GTK_WIDGET (f->window), queries[i]);
      fascia_ui_test_wait_idle (400);
      fascia_ui_test_keys (GTK_WIDGET (f->window), "Down");
      fascia_ui_test_wait_idle (200);
      fascia_ui_test_keys (GTK_WIDGET (f->window), "Return");
      fascia_ui_test_wait_idle (500);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (card_stack)), !=, "search");
      assert_focus_in_sight (f->window, pane_box);

      fascia_ui_test_keys (GTK_WIDGET (f->window), "Tab");
      fascia_ui_test_wait_idle (300);
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, card_stack));
      assert_focus_in_sight (f->window, pane_box);
    }
}

/* A search result is read with what it is, as its subtitle says ("Technique", "Muscle ·
 * Musculus psoas major"): Adwaita 1.2 gave the subtitle of a row to no screen reader, and
 * "Psoas and iliacus release" was read alone. So is every row with a subtitle (the client's
 * plans, "Active · from 17 Nov 2026"; the kinds of quiz). */
static void
test_rows_described (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *list = fascia_ui_test_child (atlas_page (f), FASCIA_TYPE_ATLAS_PAGE, "search_list");
  guint n = 0, techniques = 0;

  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+f");
  fascia_ui_test_wait_idle (200);
  fascia_ui_test_type (GTK_WIDGET (f->window), "psoas");
  fascia_ui_test_wait_idle (600);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *subtitle;

      if (!ADW_IS_ACTION_ROW (row))
        continue;
      subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
      g_assert_nonnull (subtitle);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row),
                                           GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle);
      techniques += g_str_equal (subtitle, "Technique");
      n++;
    }
  g_assert_cmpuint (n, >, 2);
  g_assert_cmpuint (techniques, >, 0);
}

/* The entry row's pencil: the image it shows while the row is not edited. */
static gboolean
is_pencil (GtkWidget     *widget,
           gconstpointer  data)
{
  return GTK_IS_IMAGE (widget) && gtk_widget_get_visible (widget)
         && !gtk_widget_get_ancestor (widget, GTK_TYPE_BUTTON);
}

static GtkWidget *
find_image (GtkWidget *widget)
{
  return fascia_ui_test_find_widget (widget, is_pencil, NULL);
}

static void
assert_left_out (GtkWidget *image)
{
  g_autofree char *wrong = NULL;

  g_assert_true (gtk_widget_get_visible (image));
  wrong = gtk_test_accessible_check_state (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_STATE_HIDDEN,
                                           TRUE);
  if (wrong != NULL)
    g_error ("the pencil of an entry row is read: %s", wrong);
}

/* An entry row's pencil, only drawn, is left out of what a screen reader reads, also after the
 * row has been edited: AdwEntryRow's hid while the row was edited, and once shown again it was
 * read as "GtkImage" under Name, Phone and Email. FasciaEntryRow's only fades. */
static void
test_entry_row_pencil_left_out (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *name = fascia_entry_row_new ();
  GtkWidget *phone = fascia_entry_row_new ();
  GtkWidget *pencil;

  fascia_ui_name_controls ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), "Name");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (phone), "Phone");
  gtk_editable_set_text (GTK_EDITABLE (name), "Tom O'Neil");
  gtk_editable_set_text (GTK_EDITABLE (phone), "555-0101");
  gtk_list_box_append (GTK_LIST_BOX (list), name);
  gtk_list_box_append (GTK_LIST_BOX (list), phone);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  fascia_ui_test_wait_idle (300);

  /* Edited, then left. */
  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (gtk_widget_grab_focus (name));
      fascia_ui_test_wait_idle (200);
      pencil = find_image (name);
      g_assert_nonnull (pencil);
      assert_left_out (pencil);
      g_assert_true (gtk_widget_grab_focus (phone));
      fascia_ui_test_wait_idle (200);
      pencil = find_image (name);
      g_assert_nonnull (pencil);
      assert_left_out (pencil);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* An arrow key on a check button alone moves the focus on and changes nothing (GTK 4.8 turned
 * it on: a visit's "Treated" boxes were ticked by Right, Up and Down); in a group of radio
 * buttons the arrows still go to the next and choose it. The application's start-up installs
 * it (fascia_ui_check_buttons_keep_arrows()). */
static void
test_check_button_arrows (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *first = gtk_check_button_new_with_label ("Gluteus medius, both sides");
  GtkWidget *second = gtk_check_button_new_with_label ("Piriformis, left side");
  GtkWidget *spreadsheet = gtk_check_button_new_with_label ("Spreadsheet");
  GtkWidget *fhir = gtk_check_button_new_with_label ("FHIR");

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_list_box_append (GTK_LIST_BOX (list), first);
  gtk_list_box_append (GTK_LIST_BOX (list), second);
  gtk_check_button_set_group (GTK_CHECK_BUTTON (fhir), GTK_CHECK_BUTTON (spreadsheet));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (spreadsheet), TRUE);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), spreadsheet);
  gtk_box_append (GTK_BOX (box), fhir);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  fascia_ui_test_wait_idle (300);

  g_assert_true (gtk_widget_grab_focus (first));
  fascia_ui_test_keys (window, "Right");
  fascia_ui_test_wait_idle (200);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (first)));
  fascia_ui_test_keys (window, "Down");
  fascia_ui_test_wait_idle (200);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (first)));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (second)));
  g_test_message ("focus on %s", G_OBJECT_TYPE_NAME (gtk_root_get_focus (GTK_ROOT (window))));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == second
                 || gtk_root_get_focus (GTK_ROOT (window)) == gtk_widget_get_parent (second));
  fascia_ui_test_keys (window, "Up");
  fascia_ui_test_wait_idle (200);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (first)));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (second)));

  /* Space still ticks one. */
  g_assert_true (gtk_widget_grab_focus (second));
  fascia_ui_test_keys (window, "space");
  fascia_ui_test_wait_idle (200);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (second)));

  /* A group of radio buttons: Down goes to the next and chooses it. */
  g_assert_true (gtk_widget_grab_focus (spreadsheet));
  fascia_ui_test_keys (window, "Down");
  fascia_ui_test_wait_idle (200);
  g_assert_true (gtk_widget_has_focus (fhir));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (fhir)));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (spreadsheet)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_label (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_LABEL (widget);
}

/* The first label under @widget, or NULL. */
static GtkWidget *
find_label (GtkWidget *widget)
{
  return fascia_ui_test_find_widget (widget, is_label, NULL);
}

/* An entry row's title is read once, as the name of its text: the label it is drawn in, made
 * hidden from screen readers, was shown to them again when the title was set (GTK shows a
 * widget made visible), and a screen reader walking the form read "Name, Name text". */
static void
test_entry_row_title_left_out (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *name = fascia_entry_row_new ();
  GtkWidget *entry = fascia_entry_row_get_entry (FASCIA_ENTRY_ROW (name));
  GtkWidget *title;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), "Name");
  gtk_list_box_append (GTK_LIST_BOX (list), name);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  fascia_ui_test_wait_idle (300);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *wrong = NULL;
      const char *text = i == 0 ? "Name" : "Full name";

      title = find_label (name);
      g_assert_nonnull (title);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==, text);
      g_assert_true (gtk_widget_get_visible (title));
      wrong = gtk_test_accessible_check_state (GTK_ACCESSIBLE (title),
                                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);
      if (wrong != NULL)
        g_error ("the title of an entry row is read apart from its text: %s", wrong);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           text);

      /* Its title changed, after an empty one that hid it. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), "Full name");
      fascia_ui_test_wait_idle (50);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The labels under @widget that are drawn and read @text. */
static void
collect_shown_labels (GtkWidget  *widget,
                      const char *text,
                      GPtrArray  *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown_labels (child, text, found);
}

/* The one label of @row that shows its title @text, and where it is drawn in the row. */
static GtkWidget *
shown_title (GtkWidget       *row,
             const char      *text,
             graphene_rect_t *bounds)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  GtkWidget *label;

  collect_shown_labels (row, text, found);
  g_assert_cmpuint (found->len, ==, 1);
  label = g_ptr_array_index (found, 0);
  g_assert_true (gtk_widget_compute_bounds (label, row, bounds));
  return label;
}

/* How far the middle of @bounds is from the middle of @row, up or down. */
static double
off_middle (GtkWidget             *row,
            const graphene_rect_t *bounds)
{
  return fabs (bounds->origin.y + bounds->size.height / 2 - gtk_widget_get_height (row) / 2.0);
}

/* An empty field that is not being edited shows its title alone, in the middle of the row at
 * the size of text, as AdwEntryRow does; edited or filled, the title is the small caption over
 * the text. FasciaEntryRow always showed the caption over an empty line, a form left half
 * made. The row keeps its height through the changes, so nothing under it moves, and the
 * title shown alone is no more read than the caption is. */
static void
test_entry_row_empty_title (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *name = fascia_entry_row_new ();
  GtkWidget *phone = fascia_entry_row_new ();
  GtkWidget *entry = fascia_entry_row_get_entry (FASCIA_ENTRY_ROW (name));
  GtkWidget *alone, *caption, *label;
  graphene_rect_t bounds, caption_bounds, entry_bounds, phone_bounds;
  graphene_point_t at, point;
  g_autofree char *wrong = NULL;
  int height;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), "Name");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (phone), "Phone");
  gtk_editable_set_text (GTK_EDITABLE (phone), "555-0101");
  gtk_list_box_append (GTK_LIST_BOX (list), name);
  gtk_list_box_append (GTK_LIST_BOX (list), phone);
  /* The window's first focus on a button before the form, not in the name. */
  gtk_box_append (GTK_BOX (box), gtk_button_new_with_label ("Back"));
  gtk_box_append (GTK_BOX (box), list);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 200);
  gtk_window_present (GTK_WINDOW (window));
  fascia_ui_test_wait_idle (400);
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), name));

  /* Empty, not edited: the title alone, in the middle, larger than a caption. */
  height = gtk_widget_get_height (name);
  g_assert_cmpint (height, ==, gtk_widget_get_height (phone));
  g_assert_true (gtk_widget_compute_bounds (phone, list, &phone_bounds));
  g_assert_true (gtk_widget_has_css_class (name, "empty"));
  g_assert_false (gtk_widget_has_css_class (phone, "empty"));
  alone = shown_title (name, "Name", &bounds);
  g_assert_cmpfloat (off_middle (name, &bounds), <=, 1.5);
  caption = shown_title (phone, "Phone", &caption_bounds);
  g_assert_true (alone != find_label (name));
  g_assert_true (caption == find_label (phone));
  g_assert_cmpfloat (bounds.size.height, >, caption_bounds.size.height);
  g_assert_cmpfloat (off_middle (phone, &caption_bounds), >, 6);
  g_assert_true (gtk_widget_compute_bounds (fascia_entry_row_get_entry (FASCIA_ENTRY_ROW (phone)),
                                            phone, &entry_bounds));
  g_assert_cmpfloat (caption_bounds.origin.y + caption_bounds.size.height, <=,
                     entry_bounds.origin.y + 1);
  wrong = gtk_test_accessible_check_state (GTK_ACCESSIBLE (alone), GTK_ACCESSIBLE_STATE_HIDDEN,
                                           TRUE);
  if (wrong != NULL)
    g_error ("the title of an empty entry row is read apart from its text: %s", wrong);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Name");

  /* A click on the title puts the caret in the text, which shows the caption. */
  at = GRAPHENE_POINT_INIT (bounds.origin.x + 8, bounds.origin.y + bounds.size.height / 2);
  g_assert_true (gtk_widget_compute_point (name, window, &at, &point));
  fascia_ui_test_click (window, point.x, point.y);
  fascia_ui_test_wait_idle (400);
  g_assert_true (gtk_widget_get_parent (gtk_root_get_focus (GTK_ROOT (window))) == entry);
  g_assert_false (gtk_widget_has_css_class (name, "empty"));
  label = shown_title (name, "Name", &bounds);
  g_assert_true (label == find_label (name));
  g_assert_cmpfloat (bounds.size.height, ==, caption_bounds.size.height);
  g_assert_cmpfloat (bounds.origin.y, ==, caption_bounds.origin.y);
  g_assert_cmpint (gtk_widget_get_height (name), ==, height);

  /* Typed in and left: the caption over the text. */
  fascia_ui_test_keys (window, "T o m Tab");
  fascia_ui_test_wait_idle (400);
  g_assert_true (gtk_widget_get_parent (gtk_root_get_focus (GTK_ROOT (window))) ==
                 fascia_entry_row_get_entry (FASCIA_ENTRY_ROW (phone)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Tom");
  g_assert_false (gtk_widget_has_css_class (name, "empty"));
  label = shown_title (name, "Name", &bounds);
  g_assert_true (label == find_label (name));
  g_assert_cmpfloat (bounds.origin.y, ==, caption_bounds.origin.y);

  /* Emptied, the one not edited and the one edited: each as it is now. */
  gtk_editable_set_text (GTK_EDITABLE (name), "");
  gtk_editable_set_text (GTK_EDITABLE (phone), "");
  fascia_ui_test_wait_idle (400);
  g_assert_true (gtk_widget_has_css_class (name, "empty"));
  g_assert_false (gtk_widget_has_css_class (phone, "empty"));
  label = shown_title (name, "Name", &bounds);
  g_assert_true (label == alone);
  g_assert_cmpfloat (off_middle (name, &bounds), <=, 1.5);

  /* A title given later is the one shown alone. */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), "Full name");
  fascia_ui_test_wait_idle (100);
  g_assert_true (shown_title (name, "Full name", &bounds) == alone);

  /* Nothing under the row moved, and it kept its height. */
  g_assert_cmpint (gtk_widget_get_height (name), ==, height);
  g_assert_true (gtk_widget_compute_bounds (phone, list, &bounds));
  g_assert_cmpfloat (bounds.origin.y, ==, phone_bounds.origin.y);
  g_assert_cmpfloat (bounds.size.height, ==, phone_bounds.size.height);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_cb (int *count)
{
  (*count)++;
}

/* A field of a boxed list (a client's name, a visit's date) takes the focus into an entry of
 * its own, the text's direct parent, which GTK 4.8 lets answer for the text's focus: the entry
 * is what a screen reader is told has the focus, called by the row's title (tests a11y-tree
 * hears it through AT-SPI). Into AdwEntryRow, whose text sits in an inner box, a screen reader
 * heard nothing. The row is an editable of its own (text, "changed"), Enter is its
 * "entry-activated", and a click on its title puts the caret in it. */
static void
test_entry_row_focus_named (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *name = fascia_entry_row_new ();
  GtkWidget *phone = fascia_entry_row_new ();
  GtkWidget *entry = fascia_entry_row_get_entry (FASCIA_ENTRY_ROW (name));
  GtkWidget *focus;
  graphene_point_t point;
  int changed = 0;
  int activated = 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), "Name");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (phone), "Phone");
  g_signal_connect_swapped (name, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect_swapped (name, "entry-activated", G_CALLBACK (count_cb), &activated);
  gtk_list_box_append (GTK_LIST_BOX (list), name);
  gtk_list_box_append (GTK_LIST_BOX (list), phone);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 200);
  gtk_window_present (GTK_WINDOW (window));
  fascia_ui_test_wait_idle (300);

  g_assert_true (GTK_IS_ENTRY (entry));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Name");
  g_assert_true (gtk_widget_grab_focus (name));
  fascia_ui_test_wait_idle (100);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_TEXT (focus));
  g_assert_true (gtk_widget_get_parent (focus) == entry);

  fascia_ui_test_keys (window, "T o m Return");
  fascia_ui_test_wait_idle (100);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Tom");
  g_assert_cmpint (changed, ==, 3);
  g_assert_cmpint (activated, ==, 1);

  /* Tab goes on to the next field's entry. */
  fascia_ui_test_keys (window, "Tab");
  fascia_ui_test_wait_idle (100);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_get_parent (focus) ==
                 fascia_entry_row_get_entry (FASCIA_ENTRY_ROW (phone)));

  /* And Shift+Tab back (GtkListBoxRow's way held it in the field). */
  fascia_ui_test_keys (window, "shift+Tab");
  fascia_ui_test_wait_idle (100);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_get_parent (focus) == entry);
  fascia_ui_test_keys (window, "Tab");
  fascia_ui_test_wait_idle (100);

  /* A click on the title, not on the text, edits the field too. */
  g_assert_true (gtk_widget_compute_point (name, window, &GRAPHENE_POINT_INIT (14, 8), &point));
  fascia_ui_test_click (window, point.x, point.y);
  fascia_ui_test_wait_idle (100);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (gtk_widget_get_parent (focus) == entry);

  /* Its name follows what the caller gives, and its title when given nothing. */
  fascia_entry_row_set_accessible_label (FASCIA_ENTRY_ROW (name), "Notes, Psoas major");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Notes, Psoas major");
  fascia_entry_row_set_accessible_label (FASCIA_ENTRY_ROW (name), NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Name");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Tab out of a date typed wrong marks it at once, though the focus goes on to the field's own
 * calendar button: the field was checked when the focus left the row, and the message came
 * only with a second Tab, out of the row. An email address, with no button, is checked on the
 * one Tab to the next field, as before. */
static void
test_entry_row_date_tab_marks (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *birth = fascia_entry_row_new ();
  GtkWidget *email = fascia_entry_row_new ();
  GtkWidget *phone = fascia_entry_row_new ();
  GtkWidget *button;
  GtkWidget *focus;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (birth), "Date of birth");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (email), "Email");
  fascia_ui_date_row_init (FASCIA_ENTRY_ROW (birth));
  fascia_ui_email_row_init (FASCIA_ENTRY_ROW (email));
  gtk_list_box_append (GTK_LIST_BOX (list), birth);
  gtk_list_box_append (GTK_LIST_BOX (list), email);
  gtk_list_box_append (GTK_LIST_BOX (list), phone);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);
  gtk_window_present (GTK_WINDOW (window));
  fascia_ui_test_wait_idle (300);

  g_assert_true (gtk_widget_grab_focus (birth));
  fascia_ui_test_keys (window, "1 2 x");
  fascia_ui_test_wait_idle (100);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (birth)), ==, "12x");
  g_assert_null (fascia_ui_field_get_error (birth));  /* not while typing */

  fascia_ui_test_keys (window, "Tab");
  fascia_ui_test_wait_idle (100);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  button = gtk_widget_get_ancestor (focus, GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_ancestor (button, birth));
  g_assert_nonnull (fascia_ui_field_get_error (birth));
  g_assert_true (gtk_widget_has_css_class (birth, "error"));

  /* Back in it and put right, the mark goes as it is typed. */
  fascia_ui_test_keys (window, "shift+Tab");
  fascia_ui_test_wait_idle (100);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), birth));
  gtk_editable_set_text (GTK_EDITABLE (birth), "1984-02-19");
  fascia_ui_test_wait_idle (50);
  g_assert_null (fascia_ui_field_get_error (birth));

  /* The email on its one Tab out. */
  g_assert_true (gtk_widget_grab_focus (email));
  fascia_ui_test_keys (window, "b a d Tab");
  fascia_ui_test_wait_idle (100);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), phone));
  g_assert_nonnull (fascia_ui_field_get_error (email));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A window holding a date field ("End"), shown. */
static GtkWidget *
date_field_window (GtkWidget **row)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  *row = fascia_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (*row), "End");
  fascia_ui_date_row_init (FASCIA_ENTRY_ROW (*row));
  gtk_list_box_append (GTK_LIST_BOX (list), *row);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 400);
  gtk_window_present (GTK_WINDOW (window));
  fascia_ui_test_wait_idle (300);
  return window;
}

/* Types @date into the field @row and opens its calendar from the keyboard, as a user does:
 * Tab from the field to its calendar button, Enter. Returns the calendar's popover, shown. */
static GtkPopover *
open_calendar_on (GtkWidget  *window,
                  GtkWidget  *row,
                  const char *date)
{
  GtkWidget *button;
  GtkPopover *popover;

  gtk_editable_set_text (GTK_EDITABLE (row), date);
  g_assert_true (gtk_widget_grab_focus (row));
  fascia_ui_test_keys (window, "Tab");
  fascia_ui_test_wait_idle (100);
  button = gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (button);
  fascia_ui_test_keys (window, "Return");
  fascia_ui_test_wait_idle (300);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  return popover;
}

/* Enter in a date field's calendar picks the day the keyboard is on, as Space does, and
 * closes it: GTK 4.8's calendar takes Space alone, and Enter, which a user presses to choose,
 * did nothing, the calendar left open and the field as it was. */
static void
test_calendar_enter_picks (void)
{
  GtkWidget *end;
  GtkWidget *window = date_field_window (&end);
  GtkPopover *popover = open_calendar_on (window, end, "2026-03-10");
  g_autoptr(GDateTime) picked = NULL;
  g_autofree char *shown = g_strdup (gtk_editable_get_text (GTK_EDITABLE (end)));

  /* The arrows move the keyboard's day, Enter picks it. */
  fascia_ui_test_keys (GTK_WIDGET (popover), "Right Right");
  fascia_ui_test_wait_idle (100);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end)), ==, shown);
  fascia_ui_test_keys (GTK_WIDGET (popover), "Return");
  fascia_ui_test_wait_idle (300);
  g_test_message ("picked: %s", gtk_editable_get_text (GTK_EDITABLE (end)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end)), !=, shown);
  picked = fascia_ui_parse_date (gtk_editable_get_text (GTK_EDITABLE (end)));
  g_assert_nonnull (picked);
  /* The keyboard starts on the date in the field: two days on from 10 March. The first
   * arrow went to the grid's first cell (23 February was picked). */
  g_assert_cmpint (g_date_time_get_year (picked), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (picked), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (picked), ==, 12);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));

  /* Opened again on a date of another month, it starts there, not where the keyboard was:
   * a week on from 30 January is 6 February. */
  g_assert_true (open_calendar_on (window, end, "2026-01-30") == popover);
  fascia_ui_test_keys (GTK_WIDGET (popover), "Down Return");
  fascia_ui_test_wait_idle (300);
  g_clear_pointer (&picked, g_date_time_unref);
  picked = fascia_ui_parse_date (gtk_editable_get_text (GTK_EDITABLE (end)));
  g_assert_nonnull (picked);
  g_assert_cmpint (g_date_time_get_month (picked), ==, 2);
  g_assert_cmpint (g_date_time_get_day_of_month (picked), ==, 6);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Right to left as left to right, a date field's calendar starts its keyboard on the date the
 * field holds: two days on in the direction the days run (Left, right to left) and Enter pick
 * 12 March from 10 March. Right to left, the grid's first cell is on its right and Left moves
 * on: brought there with the keys of left to right, the keyboard started on 19 March and
 * picked 21 March. */
static void
test_calendar_starts_on_date (void)
{
  for (guint rtl = 0; rtl < 2; rtl++)
    {
      GtkWidget *end, *window;
      GtkPopover *popover;
      g_autoptr(GDateTime) picked = NULL;

      gtk_widget_set_default_direction (rtl ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
      window = date_field_window (&end);
      popover = open_calendar_on (window, end, "2026-03-10");
      /* Two days on, in the direction the days run, then Enter. */
      fascia_ui_test_keys (GTK_WIDGET (popover), rtl ? "Left Left Return" : "Right Right Return");
      fascia_ui_test_wait_idle (300);
      g_test_message ("%s: picked %s", rtl ? "right to left" : "left to right",
                      gtk_editable_get_text (GTK_EDITABLE (end)));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
      picked = fascia_ui_parse_date (gtk_editable_get_text (GTK_EDITABLE (end)));
      g_assert_nonnull (picked);
      g_assert_cmpint (g_date_time_get_month (picked), ==, 3);
      g_assert_cmpint (g_date_time_get_day_of_month (picked), ==, 12);

      gtk_window_destroy (GTK_WINDOW (window));
    }
  gtk_widget_set_default_direction (GTK_TEXT_DIR_LTR);
}

/* The widgets Tab lands on, from the focus where it is, over @n presses of @key. */
static GPtrArray *
tab_stops (FasciaWindow *window,
           const char   *key,
           guint         n)
{
  GPtrArray *stops = g_ptr_array_new ();

  for (guint step = 0; step < n; step++)
    {
      fascia_ui_test_keys (GTK_WIDGET (window), key);
      fascia_ui_test_wait_idle (60);
      g_ptr_array_add (stops, gtk_root_get_focus (GTK_ROOT (window)));
    }
  return stops;
}

/* With the search open over the tool bar, Tab goes from the search to the drawing and the
 * card, and round the window back to the search, never onto the tool bar's buttons hidden
 * under it (fifteen presses went to them: a ring nowhere to be seen, and buttons a screen
 * reader named but no one saw). Closed, the tool bar takes Tab again. */
static void
test_tab_skips_tools_under_search (Fixture       *f,
                                   gconstpointer  data)
{
  GtkWidget *toolbar = fascia_ui_test_child (atlas_page (f), FASCIA_TYPE_ATLAS_PAGE, "toolbar");
  GtkWidget *tools = gtk_widget_get_ancestor (toolbar, ADW_TYPE_SQUEEZER);
  GtkWidget *entry = fascia_ui_test_child (atlas_page (f), FASCIA_TYPE_ATLAS_PAGE,
                                           "search_entry");
  g_autoptr(GPtrArray) stops = NULL;
  gboolean reached_tools = FALSE;
  guint back_to_entry = 0;

  g_assert_nonnull (tools);
  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+f");
  fascia_ui_test_wait_idle (200);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), entry));

  stops = tab_stops (f->window, "Tab", 30);
  for (guint i = 0; i < stops->len; i++)
    {
      GtkWidget *focus = g_ptr_array_index (stops, i);

      g_assert_nonnull (focus);
      g_assert_false (gtk_widget_is_ancestor (focus, tools));
      back_to_entry += gtk_widget_is_ancestor (focus, entry);
    }
  /* Round the window and back, more than once in thirty presses. */
  g_assert_cmpuint (back_to_entry, >=, 2);
  g_clear_pointer (&stops, g_ptr_array_unref);

  g_assert_true (gtk_widget_grab_focus (entry));
  fascia_ui_test_keys (GTK_WIDGET (f->window), "Escape");
  fascia_ui_test_wait_idle (200);
  stops = tab_stops (f->window, "Tab", 30);
  for (guint i = 0; i < stops->len; i++)
    reached_tools |= gtk_widget_is_ancestor (g_ptr_array_index (stops, i), tools);
  g_assert_true (reached_tools);
}

/* What only says there is nothing here yet ("Choose a Muscle", "No Client Chosen", "No
 * Matching Clients"), a status page, is no Tab stop, nor is the pane around it: each took Tab
 * with its scrolled window, a part with no name that a screen reader read as "scroll pane"
 * and that did nothing. */
static void
assert_no_status_page_stop (FasciaWindow *window)
{
  g_autoptr(GPtrArray) stops = tab_stops (window, "Tab", 40);
  gboolean round = FALSE;

  for (guint i = 0; i < stops->len; i++)
    {
      GtkWidget *focus = g_ptr_array_index (stops, i);

      g_assert_nonnull (focus);
      g_assert_false (GTK_IS_SCROLLED_WINDOW (focus));
      round |= gtk_widget_get_ancestor (focus, ADW_TYPE_VIEW_SWITCHER) != NULL;
    }
  /* And Tab goes on round the window, to the pages' switcher, held nowhere. */
  g_assert_true (round);
}

static void
test_status_pages_no_tab_stops (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *demo = g_build_filename (dir, "demo.db", NULL);
  FasciaUiTestSession session = { 0 };
  GtkWidget *search;

  g_assert_true (fascia_store_create_demo (demo, &error));
  g_assert_no_error (error);
  fascia_ui_test_session_open (&session, app, demo, 1280, 800, "atlas");
  fascia_ui_test_wait_idle (300);
  assert_no_status_page_stop (session.window);

  fascia_ui_test_keys (GTK_WIDGET (session.window), "alt+2");
  fascia_ui_test_wait_idle (300);
  assert_no_status_page_stop (session.window);

  search = fascia_ui_test_child (fascia_window_get_clients_page (session.window),
                                 FASCIA_TYPE_CLIENTS_PAGE, "search_entry");
  g_assert_true (gtk_widget_grab_focus (search));
  fascia_ui_test_type (GTK_WIDGET (session.window), "zzqx");
  fascia_ui_test_wait_idle (500);
  assert_no_status_page_stop (session.window);

  fascia_ui_test_session_close (&session);
  fascia_test_rm_rf (dir);
}

/* A client deleted with the keyboard (Enter on Delete) leaves the keyboard in the client
 * list, on the client now in its place, not on the toast's Undo, where the next Enter undid
 * the delete, and from where the focus went, once the toast had gone, to the window's first
 * control. */
static void
test_focus_after_delete (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *demo = g_build_filename (dir, "demo.db", NULL);
  FasciaUiTestSession session = { 0 };
  FasciaClientsPage *page;
  FasciaClientView *view;
  GtkWidget *search, *list, *delete, *focus;
  gint64 before, after;

  g_assert_true (fascia_store_create_demo (demo, &error));
  g_assert_no_error (error);
  fascia_ui_test_session_open (&session, app, demo, 1280, 800, "clients");
  fascia_ui_test_wait_idle (300);
  page = fascia_window_get_clients_page (session.window);
  search = fascia_ui_test_child (page, FASCIA_TYPE_CLIENTS_PAGE, "search_entry");
  list = fascia_ui_test_child (page, FASCIA_TYPE_CLIENTS_PAGE, "client_list");
  g_assert_true (gtk_widget_grab_focus (search));
  fascia_ui_test_wait_idle (100);
  fascia_ui_test_keys (GTK_WIDGET (session.window), "Down");
  fascia_ui_test_wait_idle (300);
  fascia_ui_test_keys (GTK_WIDGET (session.window), "Down");
  fascia_ui_test_wait_idle (300);
  view = fascia_clients_page_get_client_view (page);
  g_assert_nonnull (fascia_client_view_get_client (view));
  before = fascia_ui_test_query_int (&session, "SELECT count(*) FROM clients "
                                               "WHERE deleted_at IS NULL");

  delete = fascia_ui_test_child (view, FASCIA_TYPE_CLIENT_VIEW, "delete_button");
  g_assert_true (gtk_widget_grab_focus (delete));
  fascia_ui_test_wait_idle (100);
  fascia_ui_test_keys (GTK_WIDGET (session.window), "Return");
  fascia_ui_test_wait_idle (500);
  after = fascia_ui_test_query_int (&session, "SELECT count(*) FROM clients "
                                              "WHERE deleted_at IS NULL");
  g_assert_cmpint (after, ==, before - 1);

  focus = gtk_root_get_focus (GTK_ROOT (session.window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, list));
  g_assert_true (gtk_widget_get_mapped (focus));

  fascia_ui_test_session_close (&session);
  fascia_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = fascia_test_make_tmpdir ();
  int status;

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (&argc, &argv, NULL);

  app = fascia_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/fascia/ui/keyboard/card-text-no-tab-stop", Fixture, NULL,
              fixture_set_up, test_card_text_no_tab_stop, fixture_tear_down);
  g_test_add ("/fascia/ui/keyboard/card-named", Fixture, NULL,
              fixture_set_up, test_card_named, fixture_tear_down);
  g_test_add ("/fascia/ui/keyboard/tab-through-card", Fixture, NULL,
              fixture_set_up, test_tab_through_card, fixture_tear_down);
  g_test_add_func ("/fascia/ui/keyboard/check-button-arrows", test_check_button_arrows);
  g_test_add_func ("/fascia/ui/keyboard/entry-row-pencil-left-out",
                   test_entry_row_pencil_left_out);
  g_test_add_func ("/fascia/ui/keyboard/entry-row-focus-named", test_entry_row_focus_named);
  g_test_add_func ("/fascia/ui/keyboard/entry-row-title-left-out",
                   test_entry_row_title_left_out);
  g_test_add_func ("/fascia/ui/keyboard/entry-row-empty-title", test_entry_row_empty_title);
  g_test_add_func ("/fascia/ui/keyboard/entry-row-date-tab-marks",
                   test_entry_row_date_tab_marks);
  g_test_add ("/fascia/ui/keyboard/rows-described", Fixture, NULL,
              fixture_set_up, test_rows_described, fixture_tear_down);
  g_test_add ("/fascia/ui/keyboard/keys-from-a-card", Fixture, NULL,
              fixture_set_up, test_keys_from_a_card, fixture_tear_down);
  g_test_add ("/fascia/ui/keyboard/view-keys-move-the-focus", Fixture, NULL,
              fixture_set_up, test_view_keys_move_the_focus, fixture_tear_down);
  g_test_add ("/fascia/ui/keyboard/view-keys-keep-the-region", Fixture, NULL,
              fixture_set_up, test_view_keys_keep_the_region, fixture_tear_down);
  g_test_add ("/fascia/ui/keyboard/keys-from-the-client-list", Fixture, NULL,
              fixture_set_up, test_keys_from_the_client_list, fixture_tear_down);
  g_test_add ("/fascia/ui/keyboard/tab-skips-tools-under-search", Fixture, NULL,
              fixture_set_up, test_tab_skips_tools_under_search, fixture_tear_down);
  g_test_add ("/fascia/ui/keyboard/search-result-focus-in-sight", Fixture, NULL,
              fixture_set_up, test_search_result_focus_in_sight, fixture_tear_down);
  g_test_add_func ("/fascia/ui/keyboard/status-pages-no-tab-stops",
                   test_status_pages_no_tab_stops);
  g_test_add_func ("/fascia/ui/keyboard/focus-after-delete", test_focus_after_delete);
  g_test_add_func ("/fascia/ui/keyboard/calendar-enter-picks", test_calendar_enter_picks);
  g_test_add_func ("/fascia/ui/keyboard/calendar-starts-on-date", test_calendar_starts_on_date);
  g_test_add_func ("/fascia/ui/keyboard/walk-the-client-list", test_walk_the_client_list);
  g_test_add_func ("/fascia/ui/keyboard/lists-one-tab-stop", test_lists_one_tab_stop);
  g_test_add_func ("/fascia/ui/keyboard/presentation-keeps-the-focus",
                   test_presentation_keeps_the_focus);
  g_test_add_func ("/fascia/ui/keyboard/walk-the-folded-client-list",
                   test_walk_the_folded_client_list);

  status = g_test_run ();
  g_clear_object (&app);
  fascia_test_rm_rf (cache);
  return status;
}
