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
#include "fascia-pain-scale.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"
#include "fascia-ui-utils.h"
#include "fascia-visit-editor.h"
#include "fascia-window.h"

/*
 * Each note scrolls in a field of its own that grows with the text up to a limit: a note of a
 * megabyte is opened, shown and typed into with the window drawn, the editor keeps its size,
 * and the note is saved whole. A note cannot grow past what the store saves: a paste or key
 * that would take it there is refused with one line, and what was typed before stays.
 */

static FasciaApplication *app;

typedef FasciaUiTestSession Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const int *size = data;

  fascia_ui_test_session_open (f, app, NULL, size != NULL ? size[0] : 1280,
                               size != NULL ? size[1] : 800, "clients");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fascia_ui_test_session_close (f);
}

/* Another program (an older Fascia, a hand-made import) left a note the store would not
 * save: written with SQL beside the store. */
static void
write_note (Fixture    *f,
            const char *column,
            const char *text)
{
  g_autofree char *sql = g_strdup_printf ("UPDATE visits SET %s = ?", column);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static FasciaClientView *
client_view (Fixture *f)
{
  return fascia_clients_page_get_client_view (fascia_window_get_clients_page (f->window));
}

static GtkTextView *
note_view (FasciaVisitEditor *editor,
           const char        *name)
{
  return GTK_TEXT_VIEW (fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR, name));
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
  gtk_editable_set_text (GTK_EDITABLE (fascia_ui_test_child (client_view (f),
                                                             FASCIA_TYPE_CLIENT_VIEW,
                                                             "name_row")), "Ada Byron");
  fascia_client_view_flush (client_view (f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_view (f)), "client.new-visit",
                                             NULL));
  fascia_test_iterate ();
  return fascia_client_view_get_visit_editor (client_view (f));
}

/* A visit of the client @editor's visit is for, two days old (so locked), with these pain
 * scores (-1: not recorded), stored beside the editor. */
static FasciaVisit *
add_old_visit (Fixture           *f,
               FasciaVisitEditor *editor,
               int                pain_before,
               int                pain_after)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) two_days_ago = g_date_time_add_days (now, -2);
  FasciaVisit *visit = fascia_visit_new ();

  fascia_visit_set_client_id (visit,
                              fascia_visit_get_client_id (fascia_visit_editor_get_visit (editor)));
  fascia_visit_set_visited_at (visit, two_days_ago);
  fascia_visit_set_pain_before (visit, pain_before);
  fascia_visit_set_pain_after (visit, pain_after);
  g_assert_true (fascia_store_add_visit (fascia_window_get_store (f->window), visit, &error));
  g_assert_no_error (error);
  return visit;
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
  saved = fascia_ui_test_buffer_text (gtk_text_view_get_buffer (subjective));
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
  saved = fascia_ui_test_query_text (f, "SELECT subjective FROM visits");
  g_assert_cmpuint (strlen (saved), ==, strlen (typed));
  g_assert_true (g_str_equal (saved, typed));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, height);
}

/* What a key press in @view does, with the window hidden: the text goes in at the end. */
static void
type_at_end (GtkTextView *view,
             const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_text_buffer_insert_interactive_at_cursor (buffer, text, -1, TRUE);
  fascia_test_iterate ();
}

typedef struct
{
  GtkWidget   *window;
  const char  *label;  /* NULL: wait for the buffer to change */
  GtkTextView *view;
  int          chars;
} PasteWait;

static gboolean
pasted_cb (gpointer user_data)
{
  PasteWait *w = user_data;

  if (w->label != NULL)
    return fascia_ui_test_count_labels (w->window, w->label) > 0;
  return gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (w->view)) != w->chars;
}

/* Ctrl+V with @text on the clipboard; waits for the paste, or for the toast @refused. */
static void
paste (GtkTextView *view,
       const char  *text,
       const char  *refused)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  PasteWait wait = {
    GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (view))), refused, view,
    gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (view)),
  };

  gdk_clipboard_set_text (clipboard, text);
  fascia_ui_test_keys (GTK_WIDGET (view), "ctrl+v");
  g_assert_true (fascia_test_wait_for (pasted_cb, &wait, 20000));
  fascia_ui_test_wait_idle (200);
}

static void
test_note_over_limit (Fixture       *f,
                      gconstpointer  data)
{
  FasciaVisitEditor *editor = new_visit (f);
  gint64 visit_id = fascia_visit_get_id (fascia_visit_editor_get_visit (editor));
  GtkTextView *subjective = note_view (editor, "subjective_view");
  GtkTextView *objective;
  const char *typed = "Sore neck";
  g_autofree char *limit = g_format_size_full (FASCIA_STORE_MAX_NOTE, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *refused = g_strdup_printf ("Not added: the Subjective note would pass %s, "
                                              "the most a note holds", limit);
  g_autofree char *too_much = make_note (FASCIA_STORE_MAX_NOTE - strlen (typed) + 1);
  g_autofree char *fits = NULL;
  g_autofree char *text = NULL;
  g_autofree char *over = NULL;
  g_autofree char *not_saved = NULL;
  g_autofree char *over_size = NULL;

  fascia_ui_test_wait_idle (300);
  focus_end (subjective);
  fascia_ui_test_type (GTK_WIDGET (subjective), typed);
  fascia_ui_test_wait_idle (200);
  fascia_visit_editor_flush (editor);
  text = fascia_ui_test_query_text (f, "SELECT subjective FROM visits");
  g_assert_cmpstr (text, ==, typed);

  /* One byte too many: nothing of it is added, what was typed stays, and one line says why. */
  g_assert_cmpuint (strlen (typed) + strlen (too_much), ==, FASCIA_STORE_MAX_NOTE + 1);
  paste (subjective, too_much, refused);
  g_free (text);
  text = fascia_ui_test_buffer_text (gtk_text_view_get_buffer (subjective));
  g_assert_cmpstr (text, ==, typed);
  g_assert_null (strchr (refused, '\n'));
  g_assert_cmpuint (fascia_ui_test_count_labels (GTK_WIDGET (f->window), refused), ==, 1);
  fascia_visit_editor_flush (editor);
  g_free (text);
  text = fascia_ui_test_query_text (f, "SELECT subjective FROM visits");
  g_assert_cmpstr (text, ==, typed);

  /* Up to the limit exactly, a note takes what is typed, and is saved whole; not a byte
   * more. Notes of 16 MiB are edited with the window hidden: GTK would lay out every line of
   * them to measure them (minutes here), which is not what this is about. */
  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  fascia_test_iterate ();
  fits = make_note (FASCIA_STORE_MAX_NOTE - 1);
  write_note (f, "subjective", fits);
  editor = reopen_visit (f, visit_id);
  subjective = note_view (editor, "subjective_view");
  type_at_end (subjective, "!");
  fascia_visit_editor_flush (editor);
  g_free (text);
  text = fascia_ui_test_query_text (f, "SELECT subjective FROM visits");
  g_assert_cmpuint (strlen (text), ==, FASCIA_STORE_MAX_NOTE);
  g_assert_true (g_str_has_prefix (text, fits));
  g_assert_true (g_str_has_suffix (text, "!"));
  type_at_end (subjective, "?");
  g_free (text);
  text = fascia_ui_test_buffer_text (gtk_text_view_get_buffer (subjective));
  g_assert_cmpuint (strlen (text), ==, FASCIA_STORE_MAX_NOTE);
  g_assert_true (g_str_has_suffix (text, "!"));

  /* A note already longer than the store saves is shown whole; a change to it is not saved
   * over it, with a word, and the store keeps it as it was. */
  over = make_note (FASCIA_STORE_MAX_NOTE + 10);
  write_note (f, "objective", over);
  editor = reopen_visit (f, visit_id);
  objective = note_view (editor, "objective_view");
  g_free (text);
  text = fascia_ui_test_buffer_text (gtk_text_view_get_buffer (objective));
  g_assert_true (g_str_equal (text, over));
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (objective);
    GtkTextIter end;

    /* What Backspace does. */
    gtk_text_buffer_get_end_iter (buffer, &end);
    g_assert_true (gtk_text_buffer_backspace (buffer, &end, TRUE, TRUE));
  }
  fascia_visit_editor_flush (editor);
  over_size = g_format_size_full (strlen (over) - 1, G_FORMAT_SIZE_IEC_UNITS);
  not_saved = g_strdup_printf ("Not saved: the Objective note is %s, more than the %s a note "
                               "holds", over_size, limit);
  g_assert_null (strchr (not_saved, '\n'));
  g_assert_cmpuint (fascia_ui_test_count_labels (GTK_WIDGET (f->window), not_saved), ==, 1);
  g_free (text);
  text = fascia_ui_test_query_text (f, "SELECT objective FROM visits");
  g_assert_true (g_str_equal (text, over));
  g_free (text);
  text = fascia_ui_test_buffer_text (gtk_text_view_get_buffer (objective));
  g_assert_cmpuint (strlen (text), ==, strlen (over) - 1);
}

/* GTK 4.8 warns, now and then on a loaded machine, that it was asked to draw a part of a
 * widget it has not placed yet ("Trying to snapshot GtkGizmo … without a current allocation")
 * while a 1 MiB note's text view lays its lines out in the background and its scrollbar's
 * range changes between two frames: GTK skips that part for the frame, and nothing of the
 * note is lost or shown wrong. Only that warning is let through; every other stays fatal. */
static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, "GLIB_DOMAIN") && fields[i].length < 0)
        domain = fields[i].value;
      else if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
        message = fields[i].value;
    }
  if ((log_level & G_LOG_LEVEL_WARNING) && g_strcmp0 (domain, "Gtk") == 0 && message != NULL
      && g_str_has_prefix (message, "Trying to snapshot GtkGizmo ")
      && g_str_has_suffix (message, " without a current allocation"))
    {
      g_test_message ("GTK: %s", message);
      return G_LOG_WRITER_HANDLED;
    }
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
collect_toggles (GtkWidget *widget,
                 GPtrArray *found)
{
  if (GTK_IS_TOGGLE_BUTTON (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_toggles (child, found);
}

/* A locked visit's amendments are read, not edited: Tab goes from note to note and skips
 * them (each line of them was a Tab stop), and they can still be selected with the pointer. */
static void
test_amendments_not_tab_stops (Fixture       *f,
                               gconstpointer  data)
{
  static const char * const amendments[] = {
    "subjective_amendments", "objective_amendments", "assessment_amendments",
    "plan_notes_amendments",
  };
  static const FasciaVisitField fields[] = {
    FASCIA_VISIT_FIELD_SUBJECTIVE, FASCIA_VISIT_FIELD_OBJECTIVE,
    FASCIA_VISIT_FIELD_ASSESSMENT, FASCIA_VISIT_FIELD_PLAN_NOTES,
  };
  g_autoptr(GError) error = NULL;
  FasciaVisitEditor *editor = new_visit (f);
  g_autoptr(FasciaVisit) visit = add_old_visit (f, editor, -1, -1);
  FasciaStore *store = fascia_window_get_store (f->window);
  GtkWidget *plan_notes;
  gboolean reached_plan_notes = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_assert_true (fascia_store_update_visit_field (store, fascia_visit_get_id (visit),
                                                      fields[i], "First words", &error));
      g_assert_no_error (error);
      g_assert_true (fascia_store_update_visit_field (store, fascia_visit_get_id (visit),
                                                      fields[i], "Second words", &error));
      g_assert_no_error (error);
    }
  editor = reopen_visit (f, fascia_visit_get_id (visit));
  for (guint i = 0; i < G_N_ELEMENTS (amendments); i++)
    {
      GtkWidget *label = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR, amendments[i]);

      g_assert_true (gtk_widget_get_visible (label));
      g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));
    }

  focus_end (note_view (editor, "subjective_view"));
  plan_notes = GTK_WIDGET (note_view (editor, "plan_notes_view"));
  for (guint step = 0; step < 6; step++)
    {
      GtkWidget *focus;

      fascia_ui_test_keys (GTK_WIDGET (editor), "Tab");
      fascia_ui_test_wait_idle (100);
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      for (guint i = 0; i < G_N_ELEMENTS (amendments); i++)
        g_assert_true (focus != fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR,
                                                      amendments[i]));
      reached_plan_notes |= focus == plan_notes;
    }
  /* Subjective, Objective, Assessment, Plan: three Tabs, whatever lies between. */
  g_assert_true (reached_plan_notes);

  /* A drag across an amendment selects its text, to be copied. */
  {
    GtkWidget *label = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR,
                                             "subjective_amendments");
    int start = 0, end = 0;

    fascia_ui_test_button_down (label, 2, 4);
    fascia_ui_test_pointer_move (label, 60, 4);
    fascia_ui_test_button_up_now (label);
    fascia_ui_test_wait_idle (200);
    g_assert_true (gtk_label_get_selection_bounds (GTK_LABEL (label), &start, &end));
    g_assert_cmpint (end, >, start);
  }
}

/* Each of @regions found weak with the body chart's Weak tool, as a click on each does. */
static void
mark_weak (FasciaVisitEditor  *editor,
           const char * const *regions,
           guint               n_regions)
{
  FasciaDiagramView *diagram = fascia_visit_editor_get_diagram_view (editor);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "visit.tool", "s", "weak"));
  for (guint i = 0; i < n_regions; i++)
    {
      GtkWidget *region = fascia_diagram_view_get_region_widget (diagram, regions[i]);

      g_assert_nonnull (region);
      g_signal_emit_by_name (region, "clicked");
      fascia_test_iterate ();
    }
  fascia_ui_test_wait_idle (300);
}

/* Each finding's buttons are named for the muscle as well as the finding: with two muscles
 * found, a screen reader read "Weak" and "Weak", the same for both. */
static void
test_finding_buttons_named (Fixture       *f,
                            gconstpointer  data)
{
  FasciaVisitEditor *editor = new_visit (f);
  GtkWidget *list = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR, "finding_list");
  const char * const regions[] = { "m-gluteus-maximus-l", "m-latissimus-dorsi-r" };
  const char * const names[] = { "Gluteus maximus, left side", "Latissimus dorsi, right side" };

  mark_weak (editor, regions, G_N_ELEMENTS (regions));

  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i);
      g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
      const char * const findings[] = { "Hypertonic", "Trigger point", "Tender", "Short", "Weak" };

      g_assert_nonnull (row);
      collect_toggles (GTK_WIDGET (row), toggles);
      g_assert_cmpuint (toggles->len, ==, G_N_ELEMENTS (findings));
      for (guint t = 0; t < toggles->len; t++)
        {
          g_autofree char *expected = g_strdup_printf ("%s, %s", findings[t], names[i]);

          gtk_test_accessible_assert_property (GTK_ACCESSIBLE (toggles->pdata[t]),
                                               GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
        }
    }
}

/* On a large screen the finding buttons over the body chart keep their own width, centred
 * over the diagram: they were stretched across the pane (~165 px each at 1920×1080, ~360 px
 * at 3840×2160). Nor are the view and comparison drop-downs under them stretched: each is as
 * wide as it asks (they were ~900 px each at 3840×2160). Every control of the rows over and
 * under the diagram lies whole inside its row (a row that flows onto a second line is as high
 * as its lines). The window keeps its size. */
static void
test_tools_compact (Fixture       *f,
                    gconstpointer  data)
{
  const char * const flows[] = { "tool_flow", "dropdown_flow", "legend_flow" };
  const int *size = data;
  FasciaVisitEditor *editor;
  int width, height;
  GtkWidget *diagram;

  /* The screen asked for (one of its own when the test's is smaller), the window filling it
   * (less the frame GTK keeps for its shadow, 10 px at most). */
  {
    GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (f->window));
    GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (f->window));
    GdkRectangle area;

    gdk_monitor_get_geometry (gdk_display_get_monitor_at_surface (display, surface), &area);
    g_test_message ("a %d×%d window on a %d×%d screen", gtk_widget_get_width (GTK_WIDGET (f->window)),
                    gtk_widget_get_height (GTK_WIDGET (f->window)), area.width, area.height);
    g_assert_cmpint (area.width, >=, size[0]);
    g_assert_cmpint (area.height, >=, size[1]);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), >=, size[0] - 10);
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), >=, size[1] - 10);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, size[0]);
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), <=, size[1]);
  }
  editor = new_visit (f);
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  height = gtk_widget_get_height (GTK_WIDGET (f->window));
  diagram = GTK_WIDGET (fascia_visit_editor_get_diagram_view (editor));

  /* A second visit: the drop-down of the earlier visit to compare with, and the legend's
   * key for it, are shown too. */
  gtk_editable_set_text (GTK_EDITABLE (fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR,
                                                             "date_row")), "2026-01-10");
  fascia_visit_editor_flush (editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_view (f)), "client.new-visit",
                                             NULL));
  fascia_test_iterate ();
  fascia_ui_test_wait_idle (300);
  g_assert_true (gtk_widget_get_mapped (diagram));
  g_assert_true (gtk_widget_get_mapped (fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR,
                                                              "compare_dropdown")));
  /* The finding buttons' row no wider than its buttons side by side ask; every control whole
   * and inside its row. */
  for (guint i = 0; i < G_N_ELEMENTS (flows); i++)
    {
      GtkWidget *flow = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR, flows[i]);
      int natural;

      gtk_widget_measure (flow, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      g_test_message ("%s: %d px in a %d px pane, natural %d", flows[i],
                      gtk_widget_get_width (flow), gtk_widget_get_width (diagram), natural);
      g_assert_true (gtk_widget_get_mapped (flow));
      if (i == 0)
        g_assert_cmpint (gtk_widget_get_width (flow), <=, natural);
      for (GtkWidget *child = gtk_widget_get_first_child (flow); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          GtkWidget *control = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
          int minimum, control_natural;
          graphene_rect_t bounds;

          gtk_widget_measure (control, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &control_natural,
                              NULL, NULL);
          if (!gtk_widget_get_visible (child) || !gtk_widget_get_visible (control))
            continue;
          g_assert_true (gtk_widget_compute_bounds (control, control, &bounds));
          g_assert_cmpfloat (bounds.size.width, >=, minimum);
          /* A drop-down as wide as it asks, not stretched across the pane. */
          if (i == 1)
            {
              g_test_message ("%s: %g px, natural %d", gtk_widget_get_name (control),
                              bounds.size.width, control_natural);
              g_assert_cmpfloat (bounds.size.width, <=, control_natural);
            }
          g_assert_true (gtk_widget_compute_bounds (control, flow, &bounds));
          g_assert_cmpfloat (bounds.origin.x, >=, 0);
          g_assert_cmpfloat (bounds.origin.y, >=, 0);
          g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (flow));
          g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (flow));
        }
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (f->window)), ==, height);
}

/* The visit's Delete button is at the end of its heading's line, under the client's own
 * buttons, as the plan's is, whether the notes are locked or not: in a visit not yet locked
 * (a new one) it stood beside the date, the room after it kept by the "Notes locked" line,
 * hidden, and moved to the far end once the visit was locked. */
static void
test_delete_at_end (Fixture       *f,
                    gconstpointer  data)
{
  FasciaVisitEditor *editor = new_visit (f);
  GtkWidget *heading = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR, "heading_label");
  GtkWidget *line = gtk_widget_get_parent (heading);
  GtkWidget *delete;
  graphene_rect_t button, bounds;

  fascia_ui_test_wait_idle (200);
  delete = fascia_ui_test_find_action_button (line, "visit.delete");
  g_assert_nonnull (delete);
  g_assert_false (fascia_visit_is_locked (fascia_visit_editor_get_visit (editor), NULL));

  g_assert_true (gtk_widget_compute_bounds (delete, line, &button));
  g_assert_true (gtk_widget_compute_bounds (line, line, &bounds));
  g_test_message ("Delete at %.0f-%.0f of a line %.0f wide", button.origin.x,
                  button.origin.x + button.size.width, bounds.size.width);
  g_assert_cmpfloat (button.origin.x + button.size.width, >=, bounds.size.width - 1);
}

/* Tab goes on from the body chart's drawing to the visit's date, pain scores and notes, and
 * Shift+Tab comes back: the legend under the drawing, which holds only words and colours, took
 * the focus it could not give to anything, so the drawing held Tab, and the whole side with
 * the date, the pain scores and the SOAP notes was out of the keyboard's reach forward. */
static void
test_tab_out_of_body_chart (Fixture       *f,
                            gconstpointer  data)
{
  FasciaVisitEditor *editor = new_visit (f);
  GtkWidget *diagram = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR, "diagram_view");
  GtkWidget *date_row = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR, "date_row");
  GtkWidget *focus;

  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, diagram, 10000));
  g_assert_true (gtk_widget_grab_focus (diagram));
  fascia_ui_test_wait_idle (100);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, diagram));

  fascia_ui_test_keys (GTK_WIDGET (f->window), "Tab");
  fascia_ui_test_wait_idle (200);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_assert_false (gtk_widget_is_ancestor (focus, diagram));
  g_assert_true (focus == date_row || gtk_widget_is_ancestor (focus, date_row));

  fascia_ui_test_keys (GTK_WIDGET (f->window), "shift+Tab");
  fascia_ui_test_wait_idle (200);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, diagram));
}

/* A first visit has no earlier one to compare with: that drop-down is greyed. Tab from the
 * view's drop-down goes on into the drawing, and back; GTK 4.8's flow box held the keyboard
 * on the view's drop-down, a child of its that could not take the focus being next. */
static void
test_tab_past_compare (Fixture       *f,
                       gconstpointer  data)
{
  FasciaVisitEditor *editor = new_visit (f);
  GtkWidget *diagram = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR, "diagram_view");
  GtkWidget *view = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR, "view_dropdown");
  GtkWidget *compare = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR,
                                             "compare_dropdown");
  GtkWidget *focus;

  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, diagram, 10000));
  g_assert_true (gtk_widget_get_mapped (compare));
  g_assert_false (gtk_widget_is_sensitive (compare));
  g_assert_true (gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD));
  fascia_ui_test_wait_idle (100);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL && (focus == view || gtk_widget_is_ancestor (focus, view)));

  fascia_ui_test_keys (GTK_WIDGET (f->window), "Tab");
  fascia_ui_test_wait_idle (200);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_nonnull (focus);
  g_test_message ("focus after Tab: %s", G_OBJECT_TYPE_NAME (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, diagram));

  fascia_ui_test_keys (GTK_WIDGET (f->window), "shift+Tab");
  fascia_ui_test_wait_idle (200);
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL && (focus == view || gtk_widget_is_ancestor (focus, view)));
}

static gboolean
focus_within (Fixture   *f,
              GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* The score button that has the focus in @scale, or -1. */
static int
focused_score (Fixture         *f,
               FasciaPainScale *scale)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));
  int score = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (scale)); child != NULL;
       child = gtk_widget_get_next_sibling (child), score++)
    if (child == focus)
      return score;
  return -1;
}

/* Each pain scale is one Tab stop, on its score or on 0 when none is chosen, the arrows going
 * from score to score: its eleven buttons were eleven Tab stops each, twenty-two between the
 * date and the body chart. */
static void
test_pain_scale_one_tab_stop (Fixture       *f,
                              gconstpointer  data)
{
  FasciaVisitEditor *editor = new_visit (f);
  FasciaPainScale *before = fascia_visit_editor_get_pain_scale (editor, FALSE);
  FasciaPainScale *after = fascia_visit_editor_get_pain_scale (editor, TRUE);

  fascia_ui_test_wait_idle (200);
  /* A new visit puts the focus on it (fascia_visit_editor_focus_start()). */
  g_assert_cmpint (focused_score (f, before), ==, 0);

  fascia_ui_test_keys (GTK_WIDGET (f->window), "Right Right");
  fascia_ui_test_wait_idle (100);
  g_assert_cmpint (focused_score (f, before), ==, 2);
  g_assert_cmpint (fascia_pain_scale_get_value (before), ==, -1);

  fascia_ui_test_keys (GTK_WIDGET (f->window), "Tab");
  fascia_ui_test_wait_idle (100);
  g_assert_cmpint (focused_score (f, after), ==, 0);

  fascia_ui_test_keys (GTK_WIDGET (f->window), "7");
  fascia_ui_test_wait_idle (100);
  g_assert_cmpint (fascia_pain_scale_get_value (after), ==, 7);
  g_assert_cmpint (focused_score (f, after), ==, 7);

  fascia_ui_test_keys (GTK_WIDGET (f->window), "shift+Tab");
  fascia_ui_test_wait_idle (100);
  g_assert_cmpint (focused_score (f, before), ==, 0);

  fascia_ui_test_keys (GTK_WIDGET (f->window), "Tab");
  fascia_ui_test_wait_idle (100);
  g_assert_cmpint (focused_score (f, after), ==, 7);

  fascia_ui_test_keys (GTK_WIDGET (f->window), "Tab");
  fascia_ui_test_wait_idle (100);
  g_assert_false (focus_within (f, GTK_WIDGET (after)));
  g_assert_false (focus_within (f, GTK_WIDGET (before)));
  g_assert_cmpint (fascia_pain_scale_get_value (before), ==, -1);
  g_assert_cmpint (fascia_pain_scale_get_value (after), ==, 7);
}

/* The focus on @scale, on its score or 0, as Tab brings it there (a visit opened may have
 * put it there already). */
static void
focus_scale (Fixture         *f,
             FasciaPainScale *scale)
{
  if (!focus_within (f, GTK_WIDGET (scale)))
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (scale), GTK_DIR_TAB_FORWARD));
}

/* A change to a locked visit's pain scores shows under the score, as one to its notes does
 * under the note: the store kept it as an amendment, and the editor showed nothing of it, the
 * score recorded at the visit to be read nowhere on screen. */
static void
test_score_amendments_shown (Fixture       *f,
                             gconstpointer  data)
{
  FasciaVisitEditor *editor = new_visit (f);
  g_autoptr(FasciaVisit) visit = add_old_visit (f, editor, 5, -1);
  GtkWidget *before_label, *after_label;
  const char *text;

  editor = reopen_visit (f, fascia_visit_get_id (visit));
  g_assert_true (fascia_visit_is_locked (fascia_visit_editor_get_visit (editor), NULL));
  before_label = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR, "pain_before_amendments");
  after_label = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR, "pain_after_amendments");
  g_assert_false (gtk_widget_get_visible (before_label));

  /* 8 for 5 before, 3 after where there was none, typed on each scale. */
  fascia_ui_test_wait_idle (200);
  focus_scale (f, fascia_visit_editor_get_pain_scale (editor, FALSE));
  fascia_ui_test_wait_idle (100);
  fascia_ui_test_keys (GTK_WIDGET (f->window), "8");
  fascia_ui_test_wait_idle (100);
  focus_scale (f, fascia_visit_editor_get_pain_scale (editor, TRUE));
  fascia_ui_test_wait_idle (100);
  fascia_ui_test_keys (GTK_WIDGET (f->window), "3");
  fascia_ui_test_wait_idle (100);
  fascia_visit_editor_flush (editor);
  fascia_test_iterate ();
  g_assert_cmpint (fascia_ui_test_query_int (f, "SELECT count(*) FROM amendments "
                                                "WHERE field IN ('pain-before', 'pain-after')"),
                   ==, 2);

  g_assert_true (gtk_widget_get_visible (before_label));
  text = gtk_label_get_text (GTK_LABEL (before_label));
  g_test_message ("before: %s", text);
  g_assert_nonnull (strstr (text, "was: “5”"));
  g_assert_true (gtk_widget_get_visible (after_label));
  text = gtk_label_get_text (GTK_LABEL (after_label));
  g_test_message ("after: %s", text);
  g_assert_nonnull (strstr (text, "was: “not recorded”"));

  /* Read again when the visit is opened again. */
  editor = reopen_visit (f, fascia_visit_get_id (visit));
  g_assert_true (gtk_widget_get_visible (before_label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (before_label)), "was: “5”"));
}

/* A screen reader is told what Enter does on the body chart: it was told the Atlas's "Enter
 * opens a part's card", where Enter marks pain or a finding. */
static const char * const tools[] = {
  "pain", "hypertonic", "trigger-point", "tender", "short", "weak",
};

static gboolean
is_tool (GtkWidget     *widget,
         gconstpointer  tool)
{
  return GTK_IS_TOGGLE_BUTTON (widget) && fascia_ui_test_action_target_is (widget, tool);
}

/* The tool bar's button that chooses @tool. */
static GtkWidget *
tool_button (FasciaVisitEditor *editor,
             const char        *tool)
{
  GtkWidget *button = fascia_ui_test_find_widget (fascia_ui_test_child (editor,
                                                                        FASCIA_TYPE_VISIT_EDITOR,
                                                                        "tool_flow"),
                                                  is_tool, tool);

  g_assert_nonnull (button);
  return button;
}

static char *
editor_tool (FasciaVisitEditor *editor)
{
  char *tool = NULL;

  g_object_get (editor, "tool", &tool, NULL);
  return tool;
}

/* The focus is on the button of @tool, which is the tool chosen, read as a checked radio
 * button. */
static void
assert_tool_focused (Fixture           *f,
                     FasciaVisitEditor *editor,
                     const char        *tool)
{
  g_autofree char *chosen = editor_tool (editor);

  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == tool_button (editor, tool));
  g_assert_cmpstr (chosen, ==, tool);
  for (guint i = 0; i < G_N_ELEMENTS (tools); i++)
    {
      GtkWidget *button = tool_button (editor, tools[i]);

      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_ROLE_RADIO);
      gtk_test_accessible_assert_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_CHECKED,
                                        g_str_equal (tools[i], tool));
    }
}

/* Types @keys, then the focus is on @tool, chosen (assert_tool_focused()). */
static void
keys_then_tool (Fixture           *f,
                FasciaVisitEditor *editor,
                const char        *keys,
                const char        *tool)
{
  fascia_ui_test_keys (GTK_WIDGET (f->window), keys);
  fascia_ui_test_wait_idle (100);
  assert_tool_focused (f, editor, tool);
}

/* The body chart's tools are one Tab stop, entered on the tool chosen, the arrows going from
 * tool to tool and choosing it as in a radio group, Home and End to the first and last; each
 * is read as a radio button, checked when chosen. The six tools were six Tab stops. */
static void
test_tools_one_tab_stop (Fixture       *f,
                         gconstpointer  data)
{
  FasciaVisitEditor *editor = new_visit (f);
  GtkWidget *view = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR, "view_dropdown");
  GtkWidget *tool_flow = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR, "tool_flow");

  fascia_ui_test_wait_idle (200);
  g_assert_true (gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD));
  keys_then_tool (f, editor, "shift+Tab", "pain");

  keys_then_tool (f, editor, "Right", "hypertonic");
  keys_then_tool (f, editor, "End", "weak");
  keys_then_tool (f, editor, "Right", "pain");
  keys_then_tool (f, editor, "Left Left", "short");
  keys_then_tool (f, editor, "Home", "pain");

  /* Out with one Tab either way, and back on the tool chosen, also with its Alt key. */
  fascia_ui_test_keys (GTK_WIDGET (f->window), "Tab");
  fascia_ui_test_wait_idle (100);
  g_assert_true (focus_within (f, view));
  fascia_ui_test_keys (GTK_WIDGET (f->window), "alt+t");
  fascia_ui_test_wait_idle (100);
  keys_then_tool (f, editor, "shift+Tab", "trigger-point");
  fascia_ui_test_keys (GTK_WIDGET (f->window), "shift+Tab");
  fascia_ui_test_wait_idle (100);
  g_assert_false (focus_within (f, tool_flow));
  keys_then_tool (f, editor, "Tab", "trigger-point");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (tool_flow), GTK_ACCESSIBLE_ROLE_RADIO_GROUP);
}

/* The finding button that has the focus: its accessible name, whether it is on. */
static const char *
focused_finding (Fixture  *f,
                 gboolean *active)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  g_assert_true (GTK_IS_TOGGLE_BUTTON (focus));
  *active = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (focus));
  return g_object_get_data (G_OBJECT (focus), "test-name");
}

static void
name_toggles (GtkWidget *list)
{
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  static const char * const findings[] = { "Hypertonic", "Trigger point", "Tender", "Short",
                                           "Weak" };

  collect_toggles (list, toggles);
  for (guint t = 0; t < toggles->len; t++)
    g_object_set_data (toggles->pdata[t], "test-name", (gpointer) findings[t % 5]);
}

/* Each finding's row is one Tab stop: Left and Right go from button to button, Up and Down to
 * the same finding of the muscle above or below, Space turns the finding on or off and the
 * focus stays on its button while the rows are made again. A row and its five buttons were
 * six Tab stops, and a button pressed lost the focus. */
static void
test_finding_row_one_tab_stop (Fixture       *f,
                               gconstpointer  data)
{
  FasciaVisitEditor *editor = new_visit (f);
  GtkWidget *list = fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR, "finding_list");
  const char * const regions[] = { "m-gluteus-maximus-l", "m-latissimus-dorsi-r" };
  GtkWidget *rows[2];
  gboolean active;

  mark_weak (editor, regions, G_N_ELEMENTS (regions));
  name_toggles (list);
  for (guint i = 0; i < 2; i++)
    rows[i] = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i));

  g_assert_true (gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD));
  fascia_ui_test_wait_idle (100);
  g_assert_true (focus_within (f, rows[0]));
  g_assert_cmpstr (focused_finding (f, &active), ==, "Hypertonic");
  fascia_ui_test_keys (GTK_WIDGET (f->window), "Right Right Right Right");
  fascia_ui_test_wait_idle (100);
  g_assert_cmpstr (focused_finding (f, &active), ==, "Weak");
  g_assert_true (active);

  /* Tab: the next muscle's row; Tab again: out of the findings; Shift+Tab: back where it was. */
  fascia_ui_test_keys (GTK_WIDGET (f->window), "Tab");
  fascia_ui_test_wait_idle (100);
  g_assert_true (focus_within (f, rows[1]));
  fascia_ui_test_keys (GTK_WIDGET (f->window), "End");
  fascia_ui_test_wait_idle (100);
  g_assert_cmpstr (focused_finding (f, &active), ==, "Weak");
  fascia_ui_test_keys (GTK_WIDGET (f->window), "Tab");
  fascia_ui_test_wait_idle (100);
  g_assert_false (focus_within (f, list));
  fascia_ui_test_keys (GTK_WIDGET (f->window), "shift+Tab");
  fascia_ui_test_wait_idle (100);
  g_assert_true (focus_within (f, rows[1]));
  g_assert_cmpstr (focused_finding (f, &active), ==, "Weak");

  /* Up, to the same finding of the row above; Left, and Space turns on a trigger point
   * there: the focus stays on that button. */
  fascia_ui_test_keys (GTK_WIDGET (f->window), "Up Left Left Left space");
  fascia_ui_test_wait_idle (300);
  name_toggles (list);
  g_assert_true (focus_within (f, GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list),
                                                                             0))));
  g_assert_cmpstr (focused_finding (f, &active), ==, "Trigger point");
  g_assert_true (active);
  g_assert_cmpint (fascia_ui_test_query_int (f, "SELECT 10 * trigger_point + weak FROM findings "
                                                "WHERE muscle_id = 'gluteus-maximus'"), ==, 11);

  /* Down to the row below, where Space takes its only finding away: the row goes, and the
   * focus goes to the same button of the row above. */
  fascia_ui_test_keys (GTK_WIDGET (f->window), "Down End space");
  fascia_ui_test_wait_idle (300);
  name_toggles (list);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  g_assert_true (focus_within (f, list));
  g_assert_cmpstr (focused_finding (f, &active), ==, "Weak");
  g_assert_true (active);
}

/* A point mark, off the muscles and bones, is placed from the keyboard: Add Point puts one where
 * the keyboard was in the drawing, and the arrow keys on its "Place on the drawing" row move it
 * (Shift five times as far), saved and drawn as they go, the row saying what lies under it. A
 * point could be placed only with a click. */
static void
test_point_from_keyboard (Fixture       *f,
                          gconstpointer  data)
{
  FasciaVisitEditor *editor = new_visit (f);
  FasciaDiagramView *view = fascia_visit_editor_get_diagram_view (editor);
  GtkWidget *add, *place;
  const FasciaRegion *under;
  gint64 x, y;
  GString *keys = g_string_new (NULL);
  GtkDropDown *dropdown;
  g_autofree char *shown = NULL;

  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, view, 10000));
  g_assert_true (fascia_diagram_view_focus_region (view, "m-gluteus-maximus-l"));
  fascia_ui_test_wait_idle (100);
  add = fascia_ui_test_find_action_button (GTK_WIDGET (editor), "visit.add-point");
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_get_mapped (add));
  g_assert_true (gtk_widget_grab_focus (add));
  fascia_ui_test_keys (GTK_WIDGET (f->window), "space");
  fascia_ui_test_wait_idle (300);

  g_assert_cmpint (fascia_ui_test_query_int (f, "SELECT count(*) FROM pain_marks "
                                                "WHERE region_id IS NULL"), ==, 1);
  x = fascia_ui_test_query_int (f, "SELECT round(x) FROM pain_marks");
  y = fascia_ui_test_query_int (f, "SELECT round(y) FROM pain_marks");
  under = fascia_diagram_hit_test (fascia_diagram_view_get_diagram (view), x, y);
  g_assert_nonnull (under);
  g_assert_cmpstr (under->id, ==, "m-gluteus-maximus-l");
  g_assert_cmpuint (fascia_diagram_view_get_n_markers (view), ==, 1);
  place = gtk_root_get_focus (GTK_ROOT (f->window));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (place), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Place on the drawing: the arrow keys move the point");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (place),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Over Gluteus maximus, left side");

  fascia_ui_test_keys (GTK_WIDGET (f->window), "Right Right Right shift+Down");
  fascia_ui_test_wait_idle (200);
  fascia_visit_editor_flush (editor);
  g_assert_cmpint (fascia_ui_test_query_int (f, "SELECT round(x) FROM pain_marks"), ==, x + 30);
  g_assert_cmpint (fascia_ui_test_query_int (f, "SELECT round(y) FROM pain_marks"), ==, y + 50);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == place);

  /* To the left edge of the drawing, beside the body. */
  for (guint i = 0; i < 30; i++)
    g_string_append (keys, "shift+Left ");
  fascia_ui_test_keys (GTK_WIDGET (f->window), keys->str);
  fascia_ui_test_wait_idle (200);
  fascia_visit_editor_flush (editor);
  g_assert_cmpint (fascia_ui_test_query_int (f, "SELECT round(x) FROM pain_marks"), ==, 0);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (place),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Off the muscles and bones");
  g_assert_cmpuint (fascia_diagram_view_get_n_markers (view), ==, 1);

  /* With another view shown, the point's own comes back as it moves: it moved unseen. */
  dropdown = GTK_DROP_DOWN (fascia_ui_test_child (editor, FASCIA_TYPE_VISIT_EDITOR,
                                                  "view_dropdown"));
  shown = g_strdup (fascia_ui_get_dropdown_view (dropdown));
  gtk_drop_down_set_selected (dropdown, gtk_drop_down_get_selected (dropdown) == 0 ? 1 : 0);
  fascia_ui_test_wait_idle (200);
  g_assert_cmpstr (fascia_ui_get_dropdown_view (dropdown), !=, shown);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (place),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "On another view of the diagram");
  g_assert_true (gtk_widget_grab_focus (place));
  fascia_ui_test_keys (GTK_WIDGET (f->window), "Right");
  fascia_ui_test_wait_idle (300);
  fascia_visit_editor_flush (editor);
  g_assert_cmpstr (fascia_ui_get_dropdown_view (dropdown), ==, shown);
  g_assert_cmpstr (fascia_diagram_get_view_id (fascia_diagram_view_get_diagram (view)), ==, shown);
  g_assert_cmpint (fascia_ui_test_query_int (f, "SELECT round(x) FROM pain_marks"), ==, 10);
  g_assert_cmpuint (fascia_diagram_view_get_n_markers (view), ==, 1);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (place),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Off the muscles and bones");
  g_string_free (keys, TRUE);
}

static void
test_diagram_says_enter (Fixture       *f,
                         gconstpointer  data)
{
  FasciaVisitEditor *editor = new_visit (f);

  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (fascia_visit_editor_get_diagram_view (editor)),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Tab moves into the drawing, the arrow keys from one part "
                                       "to the next, Enter marks pain there or the finding chosen "
                                       "above");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_log_set_writer_func (log_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);

  app = fascia_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add ("/fascia/ui/visit-editor/amendments-not-tab-stops", Fixture, NULL,
              fixture_set_up, test_amendments_not_tab_stops, fixture_tear_down);
  g_test_add ("/fascia/ui/visit-editor/delete-at-end", Fixture, NULL,
              fixture_set_up, test_delete_at_end, fixture_tear_down);
  g_test_add ("/fascia/ui/visit-editor/finding-buttons-named", Fixture, NULL,
              fixture_set_up, test_finding_buttons_named, fixture_tear_down);
  g_test_add ("/fascia/ui/visit-editor/long-note-scrolls", Fixture, NULL,
              fixture_set_up, test_long_note_scrolls, fixture_tear_down);
  g_test_add ("/fascia/ui/visit-editor/note-over-limit", Fixture, NULL,
              fixture_set_up, test_note_over_limit, fixture_tear_down);
  g_test_add ("/fascia/ui/visit-editor/tab-out-of-body-chart", Fixture, NULL,
              fixture_set_up, test_tab_out_of_body_chart, fixture_tear_down);
  g_test_add ("/fascia/ui/visit-editor/tab-past-compare", Fixture, NULL,
              fixture_set_up, test_tab_past_compare, fixture_tear_down);
  g_test_add ("/fascia/ui/visit-editor/pain-scale-one-tab-stop", Fixture, NULL,
              fixture_set_up, test_pain_scale_one_tab_stop, fixture_tear_down);
  g_test_add ("/fascia/ui/visit-editor/score-amendments-shown", Fixture, NULL,
              fixture_set_up, test_score_amendments_shown, fixture_tear_down);
  g_test_add ("/fascia/ui/visit-editor/tools-one-tab-stop", Fixture, NULL,
              fixture_set_up, test_tools_one_tab_stop, fixture_tear_down);
  g_test_add ("/fascia/ui/visit-editor/finding-row-one-tab-stop", Fixture, NULL,
              fixture_set_up, test_finding_row_one_tab_stop, fixture_tear_down);
  g_test_add ("/fascia/ui/visit-editor/point-from-keyboard", Fixture, NULL,
              fixture_set_up, test_point_from_keyboard, fixture_tear_down);
  g_test_add ("/fascia/ui/visit-editor/diagram-says-enter", Fixture, NULL,
              fixture_set_up, test_diagram_says_enter, fixture_tear_down);

  {
    static const int hd[] = { 1920, 1080 };
    static const int laptop[] = { 1024, 640 };
    static const int uhd[] = { 3840, 2160 };

    g_test_add ("/fascia/ui/visit-editor/tools-compact-1920x1080", Fixture, hd,
                fixture_set_up, test_tools_compact, fixture_tear_down);
    g_test_add ("/fascia/ui/visit-editor/tools-compact-1024x640", Fixture, laptop,
                fixture_set_up, test_tools_compact, fixture_tear_down);
    g_test_add ("/fascia/ui/visit-editor/tools-compact-3840x2160", Fixture, uhd,
                fixture_set_up, test_tools_compact, fixture_tear_down);
  }

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
