/* test-privacy.c — while a client can see the screen, no client's name shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fascia-application.h"
#include "fascia-atlas-page.h"
#include "fascia-client-view.h"
#include "fascia-clients-page.h"
#include "fascia-handout-export.h"
#include "fascia-test-utils.h"
#include "fascia-ui-utils.h"
#include "fascia-ui-test-utils.h"
#include "fascia-window.h"

/*
 * Issue 12, "What done looks like": the privacy switch (Ctrl+Shift+H) shows initials in the
 * client list, the client's header, the Atlas's plan bar and everywhere else a name would
 * show, and what was typed in the client search shows as dots; presentation mode (F11)
 * shows no client at all. The window is the real one on a real
 * database; the keys go through the X server; every label and visible text field of the
 * window is read.
 */

static FasciaApplication *app;

static const char *names[] = { "Marguerite Okonkwo", "Tom O'Neil & <Sons>", "Zoë Lindqvist" };
static const char *initials[] = { "M. O.", "T. O. S.", "Z. L." };
static const char *emails[] = { "m.okonkwo@example.org", "tom@oneil-sons.example", "zoe.l@example.net" };

typedef struct
{
  char         *dir;
  char         *db_path;
  FasciaWindow *window;
  gint64        client_ids[G_N_ELEMENTS (names)];
  FasciaPlan   *plan;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FasciaStore *store;

  f->dir = fascia_test_make_tmpdir ();
  f->db_path = g_build_filename (f->dir, "fascia.db", NULL);
  f->window = fascia_ui_test_window_new (app, f->db_path, 1400, 900, NULL);
  store = fascia_window_get_store (f->window);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();

      fascia_client_set_name (client, names[i]);
      fascia_client_set_phone (client, "555 0100");
      fascia_client_set_email (client, emails[i]);
      g_assert_true (fascia_store_add_client (store, client, &error));
      g_assert_no_error (error);
      f->client_ids[i] = fascia_client_get_id (client);
    }
  f->plan = fascia_plan_new ();
  fascia_plan_set_client_id (f->plan, f->client_ids[0]);
  fascia_plan_set_title (f->plan, "Low back");
  g_assert_true (fascia_store_add_plan (store, f->plan, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "clients");
  fascia_ui_test_wait_idle (300);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->plan);
  fascia_ui_test_window_destroy (f->window);

  fascia_test_rm_rf (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/* Every text the window shows under @root: each label (shown or not: a page switched away
 * keeps its text), each text field that is visible, one a line. */
static void
collect_text (GtkWidget *root,
              GString   *text)
{
  if (GTK_IS_LABEL (root))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (root)));
  else if (GTK_IS_EDITABLE (root) && gtk_widget_is_visible (root) &&
           gtk_editable_get_delegate (GTK_EDITABLE (root)) == NULL)
    {
      /* A field that draws its text as dots shows none of it. */
      if (GTK_IS_TEXT (root) && !gtk_text_get_visibility (GTK_TEXT (root)))
        g_string_append (text, "•••\n");
      else
        g_string_append_printf (text, "%s\n", gtk_editable_get_text (GTK_EDITABLE (root)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/* The text of the mapped labels alone: what is on screen now. */
static void
collect_shown_text (GtkWidget *root,
                    GString   *text)
{
  if (!gtk_widget_get_mapped (root))
    return;
  if (GTK_IS_LABEL (root))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (root)));

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shown_text (child, text);
}

static char *
window_text (Fixture *f)
{
  GString *text = g_string_new (gtk_window_get_title (GTK_WINDOW (f->window)));

  g_string_append_c (text, '\n');
  collect_text (GTK_WIDGET (f->window), text);
  return g_string_free (text, FALSE);
}

/* No full name, and no word of one either ("Marguerite"), anywhere in @text. */
static void
assert_no_names (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(GStrv) words = g_strsplit (names[i], " ", -1);

      if (strstr (text, names[i]) != NULL)
        g_error ("“%s” is shown while names are hidden:\n%s", names[i], text);
      for (guint w = 0; words[w] != NULL; w++)
        if (g_utf8_strlen (words[w], -1) > 3 && strstr (text, words[w]) != NULL)
          g_error ("“%s” of “%s” is shown while names are hidden:\n%s", words[w], names[i], text);
    }
}

static gboolean
names_hidden (gpointer user_data)
{
  Fixture *f = user_data;
  FasciaClientsPage *page = fascia_window_get_clients_page (f->window);

  return page != NULL && fascia_clients_page_get_hide_names (page);
}

static gboolean
names_shown (gpointer user_data)
{
  return !names_hidden (user_data);
}

static void
test_hide_names (Fixture       *f,
                 gconstpointer  data)
{
  FasciaClientsPage *page = fascia_window_get_clients_page (f->window);
  FasciaClientView *view = fascia_clients_page_get_client_view (page);
  FasciaAtlasPage *atlas = fascia_window_get_atlas_page (f->window);
  g_autofree char *before = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GString) presenting = g_string_new (NULL);
  GObject *search;

  /* The first client, with her plan open: the list, the header, the name field and the
   * Atlas's plan bar all name her. */
  fascia_clients_page_select_client (page, f->client_ids[0]);
  fascia_ui_test_wait_idle (200);
  fascia_client_view_open_plan (view, f->plan);
  fascia_ui_test_wait_idle (300);
  g_assert_nonnull (strstr (fascia_atlas_page_get_plan_label (atlas), names[0]));
  before = window_text (f);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (strstr (before, names[i]));
  g_assert_nonnull (strstr (before, emails[0]));
  {
    g_autofree char *file = fascia_handout_export_file_name (fascia_window_get_store (f->window),
                                                             fascia_plan_get_id (f->plan));

    g_assert_nonnull (strstr (file, names[0]));
  }

  /* Her name typed in the search, as the therapist looked her up. */
  search = gtk_widget_get_template_child (GTK_WIDGET (page), FASCIA_TYPE_CLIENTS_PAGE,
                                          "search_entry");
  g_assert_true (GTK_IS_EDITABLE (search));
  gtk_editable_set_text (GTK_EDITABLE (search), "Marguerite");
  fascia_ui_test_wait_idle (300);

  /* Ctrl+Shift+H, as the therapist turns the screen. */
  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+shift+h");
  g_assert_true (fascia_test_wait_for (names_hidden, f, 5000));
  fascia_ui_test_wait_idle (300);
  hidden = window_text (f);
  assert_no_names (hidden);
  /* The whole list again, in initials. */
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  fascia_ui_test_wait_idle (300);
  g_free (hidden);
  hidden = window_text (f);
  assert_no_names (hidden);
  /* Nor the email address, which is most often the name again. */
  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    if (strstr (hidden, emails[i]) != NULL)
      g_error ("“%s” is shown while names are hidden:\n%s", emails[i], hidden);
  /* The file names offered for exports give the client's number, not even initials. */
  {
    FasciaStore *store = fascia_window_get_store (f->window);
    g_autofree char *file = fascia_handout_export_file_name (store, fascia_plan_get_id (f->plan));
    g_autofree char *number = g_strdup_printf ("client %" G_GINT64_FORMAT, f->client_ids[0]);
    g_autoptr(FasciaClient) client = fascia_store_get_client (store, f->client_ids[1], NULL);
    g_autofree char *records = fascia_ui_client_file_name (client, fascia_ui_names_hidden ());

    assert_no_names (file);
    g_assert_null (strstr (file, initials[0]));
    g_assert_nonnull (strstr (file, number));
    assert_no_names (records);
    g_assert_null (strstr (records, initials[1]));
  }
  assert_no_names (fascia_atlas_page_get_plan_label (atlas));
  /* The rows and the header give initials instead. */
  for (guint i = 0; i < G_N_ELEMENTS (initials); i++)
    if (strstr (hidden, initials[i]) == NULL)
      g_error ("no “%s” in the list:\n%s", initials[i], hidden);

  /* Presentation shows no client at all, not even initials. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "atlas");
  fascia_ui_test_wait_idle (200);
  fascia_atlas_page_set_presentation (atlas, TRUE);
  fascia_ui_test_wait_idle (300);
  collect_shown_text (GTK_WIDGET (f->window), presenting);
  assert_no_names (presenting->str);
  for (guint i = 0; i < G_N_ELEMENTS (initials); i++)
    g_assert_null (strstr (presenting->str, initials[i]));
  fascia_atlas_page_set_presentation (atlas, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "clients");
  fascia_ui_test_wait_idle (200);

  /* Off again, the names come back: nothing was lost or saved as initials; the search
   * shows what was typed. */
  gtk_editable_set_text (GTK_EDITABLE (search), "Marguerite");
  fascia_ui_test_wait_idle (300);
  fascia_ui_test_keys (GTK_WIDGET (f->window), "ctrl+shift+h");
  g_assert_true (fascia_test_wait_for (names_shown, f, 5000));
  fascia_ui_test_wait_idle (300);
  {
    g_autoptr(GString) shown = g_string_new (NULL);

    collect_text (GTK_WIDGET (search), shown);
    g_assert_nonnull (strstr (shown->str, "Marguerite"));
  }
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  fascia_ui_test_wait_idle (300);
  again = window_text (f);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strstr (again, names[i]) == NULL)
      g_error ("“%s” did not come back:\n%s", names[i], again);
  {
    g_autoptr(FasciaClient) stored = fascia_store_get_client (fascia_window_get_store (f->window),
                                                              f->client_ids[1], NULL);

    g_assert_cmpstr (fascia_client_get_name (stored), ==, names[1]);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  app = fascia_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/fascia/ui/privacy/hide-names", Fixture, NULL,
              fixture_set_up, test_hide_names, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
