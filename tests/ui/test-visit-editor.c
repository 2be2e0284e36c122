/* test-visit-editor.c — a visit's SOAP notes at any length, in a window on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "fascia/fascia-store.h"
#include "fascia-application.h"
#include "fascia-client-view.h"
#include "fascia-clients-page.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"
#include "fascia-visit-editor.h"
#include "fascia-window.h"

/*
 * Each note scrolls in a field of its own that grows with the text up to a limit: a note of a
 * megabyte is opened, shown and typed into with the window drawn, the editor keeps its size,
 * and the note is saved whole.
 */

static FasciaApplication *app;

typedef struct
{
  char         *dir;
  char         *db_path;
  FasciaWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = fascia_test_make_tmpdir ();
  f->db_path = g_build_filename (f->dir, "fascia.db", NULL);
  fascia_application_set_database_path (app, f->db_path);

  f->window = fascia_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "clients");
  fascia_test_iterate ();
  g_assert_nonnull (fascia_window_get_store (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_object_ref (f->window);
  gtk_window_destroy (GTK_WINDOW (f->window));
  fascia_test_iterate ();
  g_assert_finalize_object (f->window);

  fascia_test_rm_rf (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

/* One text from the database, read outside the store. */
static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (f->db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static FasciaClientView *
client_view (Fixture *f)
{
  return fascia_clients_page_get_client_view (fascia_window_get_clients_page (f->window));
}

static GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static GtkTextView *
note_view (FasciaVisitEditor *editor,
           const char        *name)
{
  return GTK_TEXT_VIEW (template_child (editor, FASCIA_TYPE_VISIT_EDITOR, name));
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The field a note view is shown in: its frame, with the scroll bar. */
static GtkWidget *
note_field (GtkTextView *view)
{
  return gtk_widget_get_parent (GTK_WIDGET (view));
}

static FasciaVisitEditor *
new_visit (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fascia_window_get_clients_page (f->window)),
                                             "clients.new", NULL));
  fascia_test_iterate ();
  gtk_editable_set_text (GTK_EDITABLE (template_child (client_view (f), FASCIA_TYPE_CLIENT_VIEW,
                                                       "name_row")), "Ada Byron");
  fascia_client_view_flush (client_view (f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_view (f)), "client.new-visit",
                                             NULL));
  fascia_test_iterate ();
  return fascia_client_view_get_visit_editor (client_view (f));
}

/* Opens the visit again from the store, as a click on its row does. */
static FasciaVisitEditor *
reopen_visit (Fixture *f,
              gint64   visit_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaVisit) visit = NULL;
  FasciaVisitEditor *editor = fascia_client_view_get_visit_editor (client_view (f));

  g_signal_emit_by_name (editor, "closed");
  fascia_test_iterate ();
  visit = fascia_store_get_visit (fascia_window_get_store (f->window), visit_id, &error);
  g_assert_no_error (error);
  fascia_client_view_open_visit (client_view (f), visit);
  fascia_test_iterate ();
  return fascia_client_view_get_visit_editor (client_view (f));
}

/* Lines of a note as a therapist writes them, up to @length bytes exactly. */
static char *
make_note (gsize length)
{
  GString *note = g_string_sized_new (length + 80);
  const char *end;

  for (guint line = 0; note->len < length; line++)
    g_string_append_printf (note, "Line %06u: pain < 3 & > 1 \"sharp\" 'at times' 🦴\n", line);
  g_string_truncate (note, length);
  /* Not in the middle of a character. */
  if (!g_utf8_validate (note->str, note->len, &end))
    memset ((char *) end, '.', note->str + note->len - end);
  return g_string_free (note, FALSE);
}

/* Puts the caret at the end of @view, by a click in it and Ctrl+End. */
static void
focus_end (GtkTextView *view)
{
  fascia_ui_test_click (GTK_WIDGET (view), 20, 10);
  fascia_ui_test_keys (GTK_WIDGET (view), "ctrl+End");
  fascia_ui_test_wait_idle (200);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
}

static void
test_long_note_scrolls (Fixture       *f,
                        gconstpointer  data)
{
  FasciaVisitEditor *editor = new_visit (f);
  gint64 visit_id = fascia_visit_get_id (fascia_visit_editor_get_visit (editor));
  g_autofree char *note = make_note (1024 * 1024);
  g_autofree char *typed = g_strconcat (note, " ok", NULL);
  g_autofree char *saved = NULL;
  GtkTextView *subjective, *objective;
  GtkAdjustment *adjustment;
  int width, height, empty, grown, full;

  fascia_ui_test_wait_idle (300);
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  height = gtk_widget_get_height (GTK_WIDGET (f->window));
  objective = note_view (editor, "objective_view");
  empty = gtk_widget_get_height (note_field (objective));
  g_test_message ("An empty note's field: %d px", empty);
  /* Room for a few lines when empty. */
  g_assert_cmpint (empty, >=, 60);

  /* A field grows with its note. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (objective),
                            "Neck\nShoulders\nLow back\nLeft hip\nRight hip\nKnees\nCalves\nFeet",
                            -1);
  fascia_ui_test_wait_idle (300);
  grown = gtk_widget_get_height (note_field (objective));
  g_test_message ("An eight-line note's field: %d px", grown);
  g_assert_cmpint (grown, >, empty);

  /* A megabyte, saved and opened again with the window on screen. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (note_view (editor, "subjective_view")),
                            note, -1);
  fascia_visit_editor_flush (editor);
  editor = reopen_visit (f, visit_id);
  subjective = note_view (editor, "subjective_view");
  fascia_ui_test_wait_idle (500);
  saved = buffer_text (subjective);
  g_assert_cmpstr (saved, ==, note);

  /* Its field stops growing at a few hundred pixels and scrolls the note itself. */
  full = gtk_widget_get_height (note_field (subjective));
  g_test_message ("A 1 MiB note's field: %d px; the text view: %d px", full,
                  gtk_widget_get_height (GTK_WIDGET (subjective)));
  g_assert_cmpint (full, >=, grown);
  g_assert_cmpint (full, <=, 400);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (subjective)), <=, 400);
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (subjective));
  g_assert_nonnull (adjustment);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >,
                     10 * gtk_adjustment_get_page_size (adjustment));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, height);

  /* Typed at its end, and saved whole. */
  focus_end (subjective);
  fascia_ui_test_type (GTK_WIDGET (subjective), " ok");
  fascia_ui_test_wait_idle (200);
  fascia_visit_editor_flush (editor);
  g_free (saved);
  saved = query_text (f, "SELECT subjective FROM visits");
  g_assert_cmpuint (strlen (saved), ==, strlen (typed));
  g_assert_true (g_str_equal (saved, typed));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, height);
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

  g_test_add ("/fascia/ui/visit-editor/long-note-scrolls", Fixture, NULL,
              fixture_set_up, test_long_note_scrolls, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
