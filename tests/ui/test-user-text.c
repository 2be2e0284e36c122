/* test-user-text.c — what the user types comes back as typed, and bad input is never lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "fascia/fascia-chart.h"
#include "fascia/fascia-date.h"
#include "fascia/fascia-plan-handout.h"
#include "fascia-application.h"
#include "fascia-client-view.h"
#include "fascia-clients-page.h"
#include "fascia-handout-export.h"
#include "fascia-plan-editor.h"
#include "fascia-preferences-window.h"
#include "fascia-records-ui.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"
#include "fascia-ui-utils.h"
#include "fascia-visit-editor.h"
#include "fascia-window.h"

/*
 * Names, titles and notes with the characters Pango markup gives a meaning to (& < > " ')
 * and emoji go through every place they are shown — the client's header and list, the
 * plan list, the plan editor, the toast of a delete and its undo, the handout — and must be
 * shown exactly as typed; any "Failed to set text from markup" warning is fatal here.
 * Dates and email addresses that are not whole stay in their field, marked, and unsaved.
 */

static FasciaApplication *app;

static const char *client_name = "Tom O'Neil & <Sons> \"Ltd\" 💆";
static const char *plan_title = "Left hip & low back pain <L5> 'acute' 💥";
static const char *plan_goals = "Walk 2 km & sleep < 2 wakes > none \"easily\"";

typedef FasciaUiTestSession Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* @data: a database to open a copy of (the demo clinic's) */
  fascia_ui_test_session_open (f, app, data, 1400, 900, "clients");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fascia_ui_test_session_close (f);
}

static FasciaClientView *
client_view (Fixture *f)
{
  return fascia_clients_page_get_client_view (fascia_window_get_clients_page (f->window));
}

static void
new_client (Fixture    *f,
            const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fascia_window_get_clients_page (f->window)),
                                             "clients.new", NULL));
  fascia_test_iterate ();
  gtk_editable_set_text (GTK_EDITABLE (fascia_ui_test_child (client_view (f),
                                                             FASCIA_TYPE_CLIENT_VIEW,
                                                             "name_row")), name);
  fascia_client_view_flush (client_view (f));
  fascia_test_iterate ();
}

static gboolean
name_shown_twice (gpointer data)
{
  Fixture *f = data;

  return fascia_ui_test_count_labels (GTK_WIDGET (f->window), client_name) >= 2;
}

static void
test_markup (Fixture       *f,
             gconstpointer  data)
{
  FasciaPlanEditor *editor;
  GtkWidget *plan_list;
  g_autofree char *stored = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *plan_id = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "handout.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  new_client (f, client_name);
  stored = fascia_ui_test_query_text (f, "SELECT name FROM clients");
  g_assert_cmpstr (stored, ==, client_name);
  /* The header, and the client's row in the list (its labels are set when the list binds
   * the row, in a frame to come on a busy machine). */
  g_assert_true (fascia_test_wait_for (name_shown_twice, f, 10000));
  g_assert_cmpuint (fascia_ui_test_count_labels (GTK_WIDGET (f->window), client_name), >=, 2);

  /* A plan: its title in the editor's heading, then in the list of plans. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_view (f)), "client.new-plan",
                                             NULL));
  fascia_test_iterate ();
  editor = fascia_client_view_get_plan_editor (client_view (f));
  fascia_ui_test_set_text (fascia_ui_test_child (editor, FASCIA_TYPE_PLAN_EDITOR,
                                                 "title_view"), plan_title);
  /* The goals are a multi-line text, one goal per line. */
  gtk_text_buffer_set_text (GTK_TEXT_BUFFER (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                            FASCIA_TYPE_PLAN_EDITOR,
                                                                            "goals_buffer")),
                            plan_goals, -1);
  fascia_client_view_flush (client_view (f));
  fascia_test_iterate ();
  g_assert_cmpuint (fascia_ui_test_count_labels (GTK_WIDGET (editor), plan_title), >=, 1);
  g_signal_emit_by_name (editor, "closed");
  fascia_test_iterate ();
  plan_list = fascia_ui_test_child (client_view (f), FASCIA_TYPE_CLIENT_VIEW, "plan_list");
  g_assert_cmpuint (fascia_ui_test_count_labels (plan_list, plan_title), ==, 1);

  /* The handout prints them as typed. */
  plan_id = fascia_ui_test_query_text (f, "SELECT id FROM plans");
  {
    const char *args[] = { "--database", f->db_path, "--handout", plan_id, "--output", pdf, NULL };

    g_assert_cmpint (fascia_test_run_fascia (args, NULL, NULL, NULL), ==, 0);
  }
  {
    const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  text = g_strdup (out);
  g_assert_nonnull (strstr (text, "Left hip & low back pain <L5> 'acute'"));
  g_assert_nonnull (strstr (text, "Walk 2 km & sleep < 2 wakes > none"));

  /* The toast of a delete names the client as typed; Undo brings the client back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_view (f)), "client.delete", NULL));
  fascia_test_iterate ();
  deleted = g_strdup_printf ("“%s” deleted", client_name);
  g_assert_cmpuint (fascia_ui_test_count_labels (GTK_WIDGET (f->window), deleted), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  fascia_test_iterate ();
  g_free (stored);
  stored = fascia_ui_test_query_text (f, "SELECT count(*) FROM clients WHERE deleted_at IS NULL");
  g_assert_cmpstr (stored, ==, "1");
}

/* Text typed into a visit's notes, the letterhead, a CSV file and a colleague's save. */
static const char *visit_note = "Pain < 3 & > 1 \"sharp\" 'at times' <b>not bold</b> &amp; 🦴";
static const char *clinic_name = "Hands & <Heart> \"Clinic\" 🌿";
static const char *therapist_name = "R. O'Neil & <Co>";
static const char *contact_line = "01234 567890 & <hello@example.org> 'desk'";
static const char *csv_name = "Zoë \"Z\" O'Neil & <Co> 💆";
static const char *their_note = "Theirs: <i>hip</i> & knee > ankle 'ok' 🦵";
static const char *my_note = "Mine: <span>back</span> & neck < 5 \"worse\" 😖";

static const char * const note_views[] = {
  "subjective_view", "objective_view", "assessment_view", "plan_notes_view",
};
static const char * const note_columns[] = {
  "subjective", "objective", "assessment", "plan_notes",
};

static GtkTextBuffer *
note_buffer (FasciaVisitEditor *editor,
             guint              i)
{
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (fascia_ui_test_child (editor,
                                                                        FASCIA_TYPE_VISIT_EDITOR,
                                                                        note_views[i])));
}

/* The texts of the text views under @widget, joined by "|". */
static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      g_autofree char *text = fascia_ui_test_buffer_text (buffer);

      g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "", text);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, out);
}

/* The text pdftotext reads in @pdf, whitespace runs squeezed to one space. */
static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_regex_replace_literal (spaces, out, -1, 0, " ", 0, NULL);
}

/* @text as pdftotext reads it back: emoji are drawn from a colour font, as pictures, which
 * it does not read as text; the space before one goes with it. */
static char *
as_printed (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x1F000)
        {
          if (out->len > 0 && out->str[out->len - 1] == ' ')
            g_string_truncate (out, out->len - 1);
          continue;
        }
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static AdwMessageDialog *
dialog_named (const char *name)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        (name == NULL || g_strcmp0 (gtk_widget_get_name (l->data), name) == 0))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
client_imported (gpointer data)
{
  Fixture *f = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) clients = fascia_store_list_clients (fascia_window_get_store (f->window),
                                                             NULL, 0, &error);

  for (guint i = 0; clients != NULL && i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (clients, i);

      if (g_strcmp0 (fascia_client_get_name (client), csv_name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The import is done: its client is there, and its worker has called back (its progress
 * dialog, which holds the window until then, is gone). The row is committed before the
 * callback reaches the main loop: a window closed in between is still held. */
static gboolean
import_done (gpointer data)
{
  Fixture *f = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (f->window))
        return FALSE;
    }
  return client_imported (data);
}

/* Issue 12, item 7, every place: the letterhead typed in Preferences and printed on the
 * handout and the chart; a visit's notes in the editor, in the database and on the chart;
 * a colleague's save and mine side by side in the conflict dialog; a CSV file's client in
 * the import preview and then in the list. Shown and printed exactly as typed; a markup
 * warning anywhere is fatal. */
static void
test_markup_everywhere (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_auto(FasciaPrintSetup) setup = { 0 };
  g_autoptr(FasciaHandout) chart = NULL;
  g_autoptr(FasciaHandout) handout = NULL;
  g_autoptr(FasciaStore) other = NULL;
  g_autoptr(FasciaVisit) visit = NULL;
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *chart_pdf = g_build_filename (f->dir, "chart.pdf", NULL);
  g_autofree char *handout_pdf = g_build_filename (f->dir, "handout.pdf", NULL);
  g_autofree char *csv = g_build_filename (f->dir, "markup.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  FasciaStore *store = fascia_window_get_store (f->window);
  FasciaAtlas *atlas = fascia_atlas_get_default (&error);
  FasciaLetterhead letterhead;
  FasciaVisitEditor *editor;
  AdwMessageDialog *dialog;
  GtkWidget *preferences;
  gint64 client_id, plan_id, visit_id;

  g_assert_no_error (error);

  /* The letterhead, typed in Preferences: kept and shown as typed. */
  preferences = fascia_preferences_window_new (GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (preferences));
  fascia_test_iterate ();
  {
    const char *rows[] = { "clinic_row", "therapist_row", "contact_row" };
    const char *keys[] = { "clinic-name", "therapist-name", "contact-line" };
    const char *typed[] = { clinic_name, therapist_name, contact_line };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        GtkWidget *row = fascia_ui_test_child (preferences, FASCIA_TYPE_PREFERENCES_WINDOW,
                                               rows[i]);
        g_autofree char *kept = NULL;

        gtk_editable_set_text (GTK_EDITABLE (row), typed[i]);
        fascia_test_iterate ();
        kept = g_settings_get_string (settings, keys[i]);
        g_assert_cmpstr (kept, ==, typed[i]);
        g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, typed[i]);
      }
  }
  gtk_window_destroy (GTK_WINDOW (preferences));
  fascia_test_iterate ();

  /* A visit's four notes: saved, and shown again when the visit is opened again. */
  new_client (f, client_name);
  client_id = fascia_client_get_id (fascia_client_view_get_client (client_view (f)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_view (f)), "client.new-visit",
                                             NULL));
  fascia_test_iterate ();
  editor = fascia_client_view_get_visit_editor (client_view (f));
  visit_id = fascia_visit_get_id (fascia_visit_editor_get_visit (editor));
  for (guint i = 0; i < G_N_ELEMENTS (note_views); i++)
    {
      g_autofree char *note = g_strdup_printf ("%s %s", note_columns[i], visit_note);

      gtk_text_buffer_set_text (note_buffer (editor, i), note, -1);
    }
  fascia_visit_editor_flush (editor);
  fascia_test_iterate ();
  for (guint i = 0; i < G_N_ELEMENTS (note_views); i++)
    {
      g_autofree char *note = g_strdup_printf ("%s %s", note_columns[i], visit_note);
      g_autofree char *sql = g_strdup_printf ("SELECT %s FROM visits", note_columns[i]);
      g_autofree char *saved = fascia_ui_test_query_text (f, sql);

      g_assert_cmpstr (saved, ==, note);
    }
  g_signal_emit_by_name (editor, "closed");
  fascia_test_iterate ();
  visit = fascia_store_get_visit (store, visit_id, &error);
  g_assert_no_error (error);
  fascia_client_view_open_visit (client_view (f), visit);
  fascia_test_iterate ();
  editor = fascia_client_view_get_visit_editor (client_view (f));
  for (guint i = 0; i < G_N_ELEMENTS (note_views); i++)
    {
      g_autofree char *note = g_strdup_printf ("%s %s", note_columns[i], visit_note);
      g_autofree char *back = fascia_ui_test_buffer_text (note_buffer (editor, i));

      g_assert_cmpstr (back, ==, note);
    }

  /* A plan, for the handout. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_view (f)), "client.new-plan",
                                             NULL));
  fascia_test_iterate ();
  fascia_ui_test_set_text (fascia_ui_test_child (fascia_client_view_get_plan_editor (client_view (f)),
                                                 FASCIA_TYPE_PLAN_EDITOR, "title_view"),
                           plan_title);
  fascia_client_view_flush (client_view (f));
  fascia_test_iterate ();
  g_signal_emit_by_name (fascia_client_view_get_plan_editor (client_view (f)), "closed");
  fascia_test_iterate ();
  {
    g_autofree char *id = fascia_ui_test_query_text (f, "SELECT id FROM plans");

    plan_id = g_ascii_strtoll (id, NULL, 10);
  }

  /* The chart and the handout, printed with the letterhead as the window prints them. */
  fascia_print_setup_load (&setup);
  letterhead = fascia_print_setup_get_letterhead (&setup);
  chart = fascia_handout_new_for_chart (store, atlas, client_id, &letterhead, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_handout_write_pdf (chart, chart_pdf, FASCIA_PAPER_A4, &error));
  g_assert_no_error (error);
  handout = fascia_handout_new_for_plan (store, atlas, plan_id, &letterhead, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_handout_write_pdf (handout, handout_pdf, FASCIA_PAPER_A4, &error));
  g_assert_no_error (error);
  text = pdf_text (chart_pdf);
  {
    const char *letterhead_lines[] = { clinic_name, therapist_name, contact_line };

    for (guint i = 0; i < G_N_ELEMENTS (note_views); i++)
      {
        g_autofree char *note = g_strdup_printf ("%s %s", note_columns[i], visit_note);
        g_autofree char *printed = as_printed (note);

        g_assert_nonnull (strstr (text, printed));
      }
    for (guint pdf = 0; pdf < 2; pdf++)
      {
        g_autofree char *printed_name = as_printed (pdf == 0 ? client_name : plan_title);

        g_assert_nonnull (strstr (text, printed_name));
        for (guint i = 0; i < G_N_ELEMENTS (letterhead_lines); i++)
          {
            g_autofree char *printed = as_printed (letterhead_lines[i]);

            g_assert_nonnull (strstr (text, printed));
          }
        g_free (text);
        text = pdf_text (handout_pdf);
      }
  }

  /* A colleague saves the note while I type mine: both shown as typed, mine kept. */
  other = fascia_store_open_full (f->db_path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_clear_object (&visit);
  visit = fascia_store_get_visit (other, visit_id, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_store_save_visit_field (other, visit, FASCIA_VISIT_FIELD_SUBJECTIVE,
                                                their_note, NULL, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (g_steal_pointer (&other));
  gtk_text_buffer_set_text (note_buffer (editor, 0), my_note, -1);
  fascia_visit_editor_flush (editor);
  fascia_test_iterate ();
  dialog = dialog_named ("conflict-dialog");
  g_assert_nonnull (dialog);
  collect_texts (adw_message_dialog_get_extra_child (dialog), shown);
  expected = g_strdup_printf ("%s|%s", their_note, my_note);
  g_assert_cmpstr (shown->str, ==, expected);
  adw_message_dialog_response (dialog, "mine");
  gtk_window_destroy (GTK_WINDOW (dialog));
  fascia_test_iterate ();
  g_free (text);
  text = fascia_ui_test_query_text (f, "SELECT subjective FROM visits");
  g_assert_cmpstr (text, ==, my_note);

  /* A CSV file's client: in the import preview as in the file, then imported as it was. */
  {
    g_autofree char *contents = g_strdup_printf ("Name,Email,Notes\n"
                                                 "\"Zoë \"\"Z\"\" O'Neil & <Co> 💆\",z@example.org,"
                                                 "\"<i>knee</i> & hip\"\n");
    g_autoptr(GFile) file = g_file_new_for_path (csv);
    const char *body;

    g_assert_true (g_file_set_contents (csv, contents, -1, &error));
    g_assert_no_error (error);
    dialog = ADW_MESSAGE_DIALOG (fascia_records_preview_clients (GTK_WIDGET (f->window), store,
                                                                 file));
    fascia_test_iterate ();
    body = adw_message_dialog_get_body (dialog);
    g_test_message ("%s", body);
    g_assert_nonnull (strstr (body, csv_name));
    g_assert_nonnull (strstr (body, "<i>knee</i> & hip"));
    g_assert_cmpuint (fascia_ui_test_count_labels (GTK_WIDGET (dialog), body), ==, 1);
    g_assert_nonnull (strstr (body, "1 client will be imported."));
    adw_message_dialog_response (dialog, "import");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_assert_true (fascia_test_wait_for (import_done, f, 60000));
    fascia_test_iterate ();
  }
}

/* A note of 1 MiB, with markup characters and emoji on every line: saved whole, and shown
 * whole when the visit is opened again — never cut short without a word. */
static void
test_long_note (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) note = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaVisit) visit = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *back = NULL;
  FasciaVisitEditor *editor;
  gint64 visit_id;

  g_string_append (note, "Long note 🦴 & <b>not bold</b>\n");
  for (guint line = 0; note->len < 1024 * 1024; line++)
    g_string_append_printf (note, "Line %06u: pain < 3 & > 1 \"sharp\" 'at times' <b>x</b>\n",
                            line);
  g_string_truncate (note, 1024 * 1024 - 1);
  g_string_append_c (note, '.');
  g_assert_true (g_utf8_validate (note->str, note->len, NULL));

  new_client (f, client_name);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_view (f)), "client.new-visit",
                                             NULL));
  fascia_test_iterate ();
  editor = fascia_client_view_get_visit_editor (client_view (f));
  visit_id = fascia_visit_get_id (fascia_visit_editor_get_visit (editor));
  /* Saving and loading is what this is about: the window is not drawn meanwhile, as GTK
   * would lay out every line of the note to draw it (some 20 s here). */
  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  fascia_test_iterate ();
  gtk_text_buffer_set_text (note_buffer (editor, 0), note->str, note->len);
  fascia_visit_editor_flush (editor);
  fascia_test_iterate ();
  saved = fascia_ui_test_query_text (f, "SELECT subjective FROM visits");
  g_assert_cmpuint (strlen (saved), ==, note->len);
  g_assert_true (g_str_equal (saved, note->str));

  g_signal_emit_by_name (editor, "closed");
  fascia_test_iterate ();
  visit = fascia_store_get_visit (fascia_window_get_store (f->window), visit_id, &error);
  g_assert_no_error (error);
  fascia_client_view_open_visit (client_view (f), visit);
  fascia_test_iterate ();
  editor = fascia_client_view_get_visit_editor (client_view (f));
  back = fascia_ui_test_buffer_text (note_buffer (editor, 0));
  g_assert_cmpuint (strlen (back), ==, note->len);
  g_assert_true (g_str_equal (back, note->str));
}

/* The shortcuts window drew two labels of its page switcher at a negative width. */
static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  GtkWindow *overlay;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay",
                                             NULL));
  fascia_test_iterate ();
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window))
            ? GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)))
            : NULL;
  g_assert_nonnull (overlay);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (overlay)));
  fascia_ui_test_wait_idle (200);
  gtk_window_close (overlay);
  fascia_test_iterate ();
}

typedef struct
{
  const char        *text;
  FasciaUiDateOrder  order;
  const char        *iso;  /* NULL: not a date */
} DateCase;

static const DateCase date_cases[] = {
  { "14/02/1985", FASCIA_UI_DATE_ORDER_DMY, "1985-02-14" },
  { "14/02/1985", FASCIA_UI_DATE_ORDER_MDY, NULL },
  { "02/14/1985", FASCIA_UI_DATE_ORDER_MDY, "1985-02-14" },
  { "14.2.85", FASCIA_UI_DATE_ORDER_DMY, "1985-02-14" },
  { "1985-02-14", FASCIA_UI_DATE_ORDER_DMY, "1985-02-14" },
  { "1985-02-14", FASCIA_UI_DATE_ORDER_MDY, "1985-02-14" },
  { "1985/02/14", FASCIA_UI_DATE_ORDER_YMD, "1985-02-14" },
  { "14 Feb 1985", FASCIA_UI_DATE_ORDER_MDY, "1985-02-14" },
  { "February 14, 1985", FASCIA_UI_DATE_ORDER_DMY, "1985-02-14" },
  { "14 february 1985", FASCIA_UI_DATE_ORDER_YMD, "1985-02-14" },
  { "31/02/1985", FASCIA_UI_DATE_ORDER_DMY, NULL },
  { "29/02/2024", FASCIA_UI_DATE_ORDER_DMY, "2024-02-29" },
  { "29/02/2023", FASCIA_UI_DATE_ORDER_DMY, NULL },
  { "14/02", FASCIA_UI_DATE_ORDER_DMY, NULL },
  { "14/02/1985/1", FASCIA_UI_DATE_ORDER_DMY, NULL },
  { "1700-01-01", FASCIA_UI_DATE_ORDER_DMY, NULL },
  { "14 Fib 1985", FASCIA_UI_DATE_ORDER_DMY, NULL },
  { "", FASCIA_UI_DATE_ORDER_DMY, NULL },
  { "1985-02-14x", FASCIA_UI_DATE_ORDER_DMY, NULL },
  { "\xff\xfe", FASCIA_UI_DATE_ORDER_DMY, NULL },
};

static void
test_parse_date (gconstpointer data)
{
  const DateCase *c = data;
  g_autoptr(GDateTime) date = fascia_ui_parse_date_in_order (c->text, c->order);
  g_autofree char *iso = date != NULL ? fascia_ui_format_iso_date (date) : NULL;

  g_assert_cmpstr (iso, ==, c->iso);
}

static void
test_format_date (void)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (2026, 12, 2, 9, 30, 0);
  g_autofree char *shown = fascia_ui_format_date (date);
  g_autofree char *stored = fascia_ui_format_stored_date ("2026-12-02");
  g_autofree char *kept = fascia_ui_format_stored_date ("sometime");
  g_autoptr(GDateTime) back = fascia_ui_parse_date (shown);

  g_assert_cmpstr (shown, ==, "2 Dec 2026");
  g_assert_cmpstr (stored, ==, "2 Dec 2026");
  g_assert_cmpstr (kept, ==, "sometime");
  /* What is shown reads back as the same day. */
  g_assert_nonnull (back);
  g_assert_cmpint (g_date_time_get_day_of_month (back), ==, 2);
  g_assert_cmpint (g_date_time_get_month (back), ==, 12);
}

/* Leaving a field is what marks what it holds; moving the focus to another field does it. */
static void
leave_field (Fixture   *f,
             GtkWidget *field)
{
  GtkWidget *other = fascia_ui_test_child (client_view (f), FASCIA_TYPE_CLIENT_VIEW, "phone_row");

  gtk_widget_grab_focus (field);
  fascia_test_iterate ();
  g_signal_emit_by_name (field, "entry-activated");
  gtk_widget_grab_focus (other);
  fascia_test_iterate ();
}

static void
test_bad_date_and_email (Fixture       *f,
                         gconstpointer  data)
{
  FasciaEntryRow *birth;
  FasciaEntryRow *email;
  GtkWidget *name;
  GtkWidget *calendar_button;
  GtkCalendar *calendar;
  g_autofree char *message = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GDateTime) picked = NULL;

  new_client (f, "Dana Dates");
  birth = FASCIA_ENTRY_ROW (fascia_ui_test_child (client_view (f), FASCIA_TYPE_CLIENT_VIEW,
                                                  "birth_row"));
  email = FASCIA_ENTRY_ROW (fascia_ui_test_child (client_view (f), FASCIA_TYPE_CLIENT_VIEW,
                                                  "email_row"));
  name = fascia_ui_test_child (client_view (f), FASCIA_TYPE_CLIENT_VIEW, "name_row");

  /* Not a date in this locale's order: kept in the field, marked, not saved — while the
   * name typed next is saved. */
  g_assert_cmpint (fascia_ui_get_locale_date_order (), ==, FASCIA_UI_DATE_ORDER_MDY);
  gtk_editable_set_text (GTK_EDITABLE (birth), "14/02/1985");
  gtk_editable_set_text (GTK_EDITABLE (name), "Dana Dates-Smith");
  leave_field (f, GTK_WIDGET (birth));
  fascia_client_view_flush (client_view (f));
  saved = fascia_ui_test_query_text (f, "SELECT name || '|' || coalesce(date_of_birth, '') FROM "
                                        "clients");
  g_assert_cmpstr (saved, ==, "Dana Dates-Smith|");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (birth)), ==, "14/02/1985");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (birth), "error"));
  message = fascia_ui_describe_date_format ();
  g_assert_cmpstr (fascia_ui_field_get_error (GTK_WIDGET (birth)), ==, message);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (birth), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       message);
  /* The message is shown under the field. */
  g_assert_cmpuint (fascia_ui_test_count_labels (GTK_WIDGET (client_view (f)), message), ==, 1);

  /* In the locale's order it is saved, the mark goes, and leaving shows it the one way. */
  gtk_editable_set_text (GTK_EDITABLE (birth), "02/14/1985");
  fascia_client_view_flush (client_view (f));
  g_free (saved);
  saved = fascia_ui_test_query_text (f, "SELECT date_of_birth FROM clients");
  g_assert_cmpstr (saved, ==, "1985-02-14");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (birth), "error"));
  g_assert_null (fascia_ui_field_get_error (GTK_WIDGET (birth)));
  leave_field (f, GTK_WIDGET (birth));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (birth)), ==, "14 Feb 1985");

  /* ISO, and the calendar beside the field. */
  gtk_editable_set_text (GTK_EDITABLE (birth), "1990-07-01");
  fascia_client_view_flush (client_view (f));
  g_free (saved);
  saved = fascia_ui_test_query_text (f, "SELECT date_of_birth FROM clients");
  g_assert_cmpstr (saved, ==, "1990-07-01");

  calendar_button = fascia_ui_test_find_type (GTK_WIDGET (birth), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (calendar_button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (calendar_button),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Pick “Date of birth” from a calendar");
  gtk_menu_button_popup (GTK_MENU_BUTTON (calendar_button));
  fascia_test_iterate ();
  calendar = GTK_CALENDAR (gtk_popover_get_child (gtk_menu_button_get_popover (GTK_MENU_BUTTON (calendar_button))));
  picked = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_year (picked), ==, 1990);  /* opens on the field's date */
  g_clear_pointer (&picked, g_date_time_unref);
  picked = g_date_time_new_local (1984, 3, 9, 0, 0, 0);
  gtk_calendar_select_day (calendar, picked);
  g_signal_emit_by_name (calendar, "day-selected");
  fascia_test_iterate ();
  fascia_client_view_flush (client_view (f));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (birth)), ==, "9 Mar 1984");
  g_free (saved);
  saved = fascia_ui_test_query_text (f, "SELECT date_of_birth FROM clients");
  g_assert_cmpstr (saved, ==, "1984-03-09");

  /* An email address that is not one stays, marked, and the last good one stays saved. */
  gtk_editable_set_text (GTK_EDITABLE (email), "dana@example.org");
  fascia_client_view_flush (client_view (f));
  g_free (saved);
  saved = fascia_ui_test_query_text (f, "SELECT coalesce(email, '') FROM clients");
  g_assert_cmpstr (saved, ==, "dana@example.org");
  {
    int end = -1;

    /* Typed on at the end, as a person would. */
    gtk_editable_insert_text (GTK_EDITABLE (email), " or dana at home", -1, &end);
  }
  gtk_editable_set_text (GTK_EDITABLE (name), "Dana Smith");
  leave_field (f, GTK_WIDGET (email));
  fascia_client_view_flush (client_view (f));
  g_free (saved);
  saved = fascia_ui_test_query_text (f, "SELECT name || '|' || coalesce(email, '') FROM clients");
  g_assert_cmpstr (saved, ==, "Dana Smith|dana@example.org");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email)), ==,
                   "dana@example.org or dana at home");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (email), "error"));
  g_assert_nonnull (fascia_ui_field_get_error (GTK_WIDGET (email)));

  gtk_editable_set_text (GTK_EDITABLE (email), "dana@example.com");
  fascia_client_view_flush (client_view (f));
  g_free (saved);
  saved = fascia_ui_test_query_text (f, "SELECT email FROM clients");
  g_assert_cmpstr (saved, ==, "dana@example.com");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (email), "error"));
}

/* @field holds @text, marked with @message under it and for screen readers. */
static void
assert_marked (GtkWidget  *field,
               const char *text,
               const char *message)
{
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field)), ==, text);
  g_assert_true (gtk_widget_has_css_class (field, "error"));
  g_assert_cmpstr (fascia_ui_field_get_error (field), ==, message);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       message);
  g_assert_cmpuint (fascia_ui_test_count_labels (gtk_widget_get_parent (field), message), >=, 1);
}

static void
assert_unmarked (GtkWidget *field)
{
  g_assert_false (gtk_widget_has_css_class (field, "error"));
  g_assert_null (fascia_ui_field_get_error (field));
}

/* Typed into @field, then the field left (Enter, and the focus on @other). */
static void
type_and_leave (Fixture    *f,
                GtkWidget  *field,
                GtkWidget  *other,
                const char *text)
{
  gtk_widget_grab_focus (field);
  gtk_editable_set_text (GTK_EDITABLE (field), text);
  fascia_test_iterate ();
  g_signal_emit_by_name (field, "entry-activated");
  gtk_widget_grab_focus (other);
  fascia_test_iterate ();
  fascia_client_view_flush (client_view (f));
  fascia_test_iterate ();
}

/* Issue 12, item 6: every field that takes a date — a plan's start and end, a visit's day
 * (the birth date is in bad-date-and-email) — keeps what is not a date, marks it with the
 * message under it, and saves nothing of it; a whole date is saved and the mark goes. A
 * visit's date cannot be emptied: the empty field is marked too, and the date stays. */
static void
test_bad_dates_every_field (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *message = fascia_ui_describe_date_format ();
  FasciaPlanEditor *plan_editor;
  FasciaVisitEditor *visit_editor;
  GtkWidget *start, *end, *title, *day, *note;
  g_autofree char *saved = NULL;
  g_autofree char *visited = NULL;

  new_client (f, "Dora Dates");

  /* The client's birth date and email address, replaced (select all, type) by what is not
   * one: the field passes through empty on the way, which must not be what is saved. */
  {
    GtkWidget *birth = fascia_ui_test_child (client_view (f), FASCIA_TYPE_CLIENT_VIEW, "birth_row");
    GtkWidget *email = fascia_ui_test_child (client_view (f), FASCIA_TYPE_CLIENT_VIEW, "email_row");
    GtkWidget *phone = fascia_ui_test_child (client_view (f), FASCIA_TYPE_CLIENT_VIEW, "phone_row");
    g_autofree char *email_message = NULL;

    type_and_leave (f, birth, phone, "1984-03-09");
    type_and_leave (f, email, phone, "dora@example.org");
    saved = fascia_ui_test_query_text (f, "SELECT date_of_birth || '|' || email FROM clients");
    g_assert_cmpstr (saved, ==, "1984-03-09|dora@example.org");

    type_and_leave (f, birth, phone, "31/12/1984");
    type_and_leave (f, email, phone, "dora at example.org");
    assert_marked (birth, "31/12/1984", message);
    email_message = g_strdup (fascia_ui_field_get_error (email));
    g_assert_nonnull (email_message);
    assert_marked (email, "dora at example.org", email_message);
    g_free (saved);
    saved = fascia_ui_test_query_text (f, "SELECT date_of_birth || '|' || email FROM clients");
    g_assert_cmpstr (saved, ==, "1984-03-09|dora@example.org");
    g_clear_pointer (&saved, g_free);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_view (f)), "client.new-plan",
                                             NULL));
  fascia_test_iterate ();
  plan_editor = fascia_client_view_get_plan_editor (client_view (f));
  start = fascia_ui_test_child (plan_editor, FASCIA_TYPE_PLAN_EDITOR, "start_row");
  end = fascia_ui_test_child (plan_editor, FASCIA_TYPE_PLAN_EDITOR, "end_row");
  title = fascia_ui_test_child (plan_editor, FASCIA_TYPE_PLAN_EDITOR, "title_view");

  type_and_leave (f, start, title, "2027-01-04");
  type_and_leave (f, end, title, "2027-03-01");
  saved = fascia_ui_test_query_text (f, "SELECT start_date || '|' || end_date FROM plans");
  g_assert_cmpstr (saved, ==, "2027-01-04|2027-03-01");

  /* Day first in a month-first locale; a 30th of February. */
  type_and_leave (f, start, title, "31/12/2027");
  type_and_leave (f, end, title, "2027-02-30");
  assert_marked (start, "31/12/2027", message);
  assert_marked (end, "2027-02-30", message);
  g_free (saved);
  saved = fascia_ui_test_query_text (f, "SELECT start_date || '|' || end_date FROM plans");
  g_assert_cmpstr (saved, ==, "2027-01-04|2027-03-01");

  type_and_leave (f, end, title, "4 Apr 2027");
  assert_unmarked (end);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end)), ==, "4 Apr 2027");
  g_free (saved);
  saved = fascia_ui_test_query_text (f, "SELECT start_date || '|' || end_date FROM plans");
  g_assert_cmpstr (saved, ==, "2027-01-04|2027-04-04");

  /* An end before the start: kept, marked, the end saved before stays. */
  type_and_leave (f, end, title, "2026-12-24");
  g_assert_true (gtk_widget_has_css_class (end, "error"));
  g_assert_cmpstr (fascia_ui_field_get_error (end), ==,
                   "Before the plan’s start (4 Jan 2027), not saved.");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (end)), ==, "24 Dec 2026");
  g_free (saved);
  saved = fascia_ui_test_query_text (f, "SELECT start_date || '|' || end_date FROM plans");
  g_assert_cmpstr (saved, ==, "2027-01-04|2027-04-04");
  /* Mended by moving the start back before it. */
  type_and_leave (f, start, title, "2026-12-01");
  assert_unmarked (end);
  g_free (saved);
  saved = fascia_ui_test_query_text (f, "SELECT start_date || '|' || end_date FROM plans");
  g_assert_cmpstr (saved, ==, "2026-12-01|2026-12-24");
  g_signal_emit_by_name (plan_editor, "closed");
  fascia_test_iterate ();

  /* A visit's day. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_view (f)), "client.new-visit",
                                             NULL));
  fascia_test_iterate ();
  visit_editor = fascia_client_view_get_visit_editor (client_view (f));
  day = fascia_ui_test_child (visit_editor, FASCIA_TYPE_VISIT_EDITOR, "date_row");
  note = fascia_ui_test_child (visit_editor, FASCIA_TYPE_VISIT_EDITOR, "subjective_view");
  visited = fascia_ui_test_query_text (f, "SELECT visited_at FROM visits");

  type_and_leave (f, day, note, "13/13/2026");
  assert_marked (day, "13/13/2026", message);
  g_free (saved);
  saved = fascia_ui_test_query_text (f, "SELECT visited_at FROM visits");
  g_assert_cmpstr (saved, ==, visited);

  type_and_leave (f, day, note, "");
  g_assert_nonnull (fascia_ui_field_get_error (day));
  assert_marked (day, "", fascia_ui_field_get_error (day));
  g_assert_nonnull (strstr (fascia_ui_field_get_error (day), "not saved"));
  g_free (saved);
  saved = fascia_ui_test_query_text (f, "SELECT visited_at FROM visits");
  g_assert_cmpstr (saved, ==, visited);

  type_and_leave (f, day, note, "2026-11-30");
  assert_unmarked (day);
  g_free (saved);
  saved = fascia_ui_test_query_text (f, "SELECT visited_at FROM visits");
  g_assert_cmpstr (saved, !=, visited);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FasciaVisit) stored = fascia_store_get_visit (fascia_window_get_store (f->window),
                                                           fascia_visit_get_id (fascia_visit_editor_get_visit (visit_editor)),
                                                           &error);
    g_autoptr(GDateTime) local = NULL;

    g_assert_no_error (error);
    local = g_date_time_to_local (fascia_visit_get_visited_at (stored));
    g_assert_cmpint (g_date_time_get_year (local), ==, 2026);
    g_assert_cmpint (g_date_time_get_month (local), ==, 11);
    g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 30);
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (day)), ==, "30 Nov 2026");
}

/* A plan's dates are shown as every other date is. */
static void
test_plan_dates (Fixture       *f,
                 gconstpointer  data)
{
  FasciaPlanEditor *editor;
  FasciaEntryRow *start;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = fascia_ui_format_date (now);
  g_autofree char *subtitle = NULL;
  g_autofree char *saved = NULL;

  new_client (f, "Pat Plans");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (client_view (f)), "client.new-plan",
                                             NULL));
  fascia_test_iterate ();
  editor = fascia_client_view_get_plan_editor (client_view (f));
  start = FASCIA_ENTRY_ROW (fascia_ui_test_child (editor, FASCIA_TYPE_PLAN_EDITOR, "start_row"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (start)), ==, today);

  gtk_editable_set_text (GTK_EDITABLE (start), "31/12/2026");
  fascia_client_view_flush (client_view (f));
  saved = fascia_ui_test_query_text (f, "SELECT start_date FROM plans");
  g_assert_cmpstr (saved, !=, "31/12/2026");
  gtk_editable_set_text (GTK_EDITABLE (start), "2027-01-04");
  fascia_client_view_flush (client_view (f));
  g_free (saved);
  saved = fascia_ui_test_query_text (f, "SELECT start_date FROM plans");
  g_assert_cmpstr (saved, ==, "2027-01-04");

  g_signal_emit_by_name (editor, "closed");
  fascia_test_iterate ();
  subtitle = g_strdup_printf ("Draft · from %s", "4 Jan 2027");
  g_assert_cmpuint (fascia_ui_test_count_labels (fascia_ui_test_child (client_view (f),
                                                          FASCIA_TYPE_CLIENT_VIEW, "plan_list"),
                                          subtitle), ==, 1);
}

/* The demo clinic in the database the window opens. */
static void
fixture_set_up_demo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fascia.db", NULL);

  g_assert_true (fascia_store_create_demo (path, &error));
  g_assert_no_error (error);
  fixture_set_up (f, path);
  fascia_test_rm_rf (dir);
}

/* Every text shown under @root — labels, row titles and subtitles, fields — with a date
 * written the one way; returns how many texts held a date written that way. */
static guint
assert_dates_one_way (GtkWidget  *root,
                      const char *where)
{
  const char *text = NULL;
  guint n = 0;

  if (GTK_IS_LABEL (root))
    text = gtk_label_get_text (GTK_LABEL (root));
  else if (GTK_IS_EDITABLE (root) && gtk_editable_get_delegate (GTK_EDITABLE (root)) == NULL)
    text = gtk_editable_get_text (GTK_EDITABLE (root));

  if (text != NULL && *text != '\0')
    {
      g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
      g_autofree char *flat = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
      g_autofree char *wrong = fascia_test_find_misformatted_date (flat, fascia_format_date);
      g_autoptr(GRegex) shown = g_regex_new ("\\b\\d{1,2} [A-Z][a-z]{2} \\d{4}\\b", 0, 0, NULL);

      if (wrong != NULL)
        g_error ("%s shows a date as “%s” (in “%s”), not as every date is shown", where, wrong,
                 flat);
      n += g_regex_match (shown, flat, 0, NULL);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += assert_dates_one_way (child, where);

  return n;
}

/* Issue 12, item 6: dates shown one way everywhere. The demo clinic's clients, their
 * visits (with amendments) and plans, and the study page: every date shown in the window
 * is written as fascia_format_date() writes it ("2 Dec 2026"), as the printed ones are. */
static void
test_dates_one_way (Fixture       *f,
                    gconstpointer  data)
{
  FasciaStore *store = fascia_window_get_store (f->window);
  FasciaClientsPage *clients_page = fascia_window_get_clients_page (f->window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) clients = fascia_store_list_clients (store, NULL, 0, &error);
  guint n_dates = 0, n_amended = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (clients), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (clients); i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (clients, i);
      g_autoptr(GListModel) visits = fascia_store_list_visits (store, fascia_client_get_id (client),
                                                               &error);
      g_autoptr(GListModel) plans = fascia_store_list_plans (store, fascia_client_get_id (client),
                                                             &error);

      g_assert_no_error (error);
      fascia_clients_page_select_client (clients_page, fascia_client_get_id (client));
      fascia_test_iterate ();
      n_dates += assert_dates_one_way (GTK_WIDGET (f->window), "the client view");

      /* A client's first plan, and the visits whose notes were amended after they locked
       * (the editor shows when), or else the first. */
      if (g_list_model_get_n_items (plans) > 0)
        {
          g_autoptr(FasciaPlan) plan = g_list_model_get_item (plans, 0);

          fascia_client_view_open_plan (client_view (f), plan);
          fascia_test_iterate ();
          n_dates += assert_dates_one_way (GTK_WIDGET (fascia_client_view_get_plan_editor (client_view (f))),
                                           "the plan editor");
          g_signal_emit_by_name (fascia_client_view_get_plan_editor (client_view (f)), "closed");
          fascia_test_iterate ();
        }
      for (guint j = 0; j < g_list_model_get_n_items (visits); j++)
        {
          g_autoptr(FasciaVisit) visit = g_list_model_get_item (visits, j);
          g_autoptr(GListModel) amendments = fascia_store_list_amendments (store,
                                                                           fascia_visit_get_id (visit),
                                                                           &error);

          if (j > 0 && g_list_model_get_n_items (amendments) == 0)
            continue;
          n_amended += g_list_model_get_n_items (amendments) > 0;
          fascia_client_view_open_visit (client_view (f), visit);
          fascia_test_iterate ();
          n_dates += assert_dates_one_way (GTK_WIDGET (fascia_client_view_get_visit_editor (client_view (f))),
                                           "the visit editor");
          g_signal_emit_by_name (fascia_client_view_get_visit_editor (client_view (f)), "closed");
          fascia_test_iterate ();
        }
    }
  g_assert_cmpuint (n_amended, >, 0);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-page", "s", "study");
  fascia_test_iterate ();
  n_dates += assert_dates_one_way (GTK_WIDGET (f->window), "the study page");
  /* Dates were found, so the walk looked where they are. */
  g_test_message ("%u texts with a date", n_dates);
  g_assert_cmpuint (n_dates, >, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = fascia_test_make_tmpdir ();
  int status;

  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  /* The tests read dates in the C locale's order (month first) and its month names. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);
  /* A label that fails to parse its text as markup logs a warning: that is a failure. */
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  app = fascia_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fascia/ui/user-text/parse-date/%u", i);

      g_test_add_data_func (path, &date_cases[i], test_parse_date);
    }
  g_test_add_func ("/fascia/ui/user-text/format-date", test_format_date);
  g_test_add ("/fascia/ui/user-text/markup", Fixture, NULL,
              fixture_set_up, test_markup, fixture_tear_down);
  g_test_add ("/fascia/ui/user-text/markup-everywhere", Fixture, NULL,
              fixture_set_up, test_markup_everywhere, fixture_tear_down);
  g_test_add ("/fascia/ui/user-text/long-note", Fixture, NULL,
              fixture_set_up, test_long_note, fixture_tear_down);
  g_test_add ("/fascia/ui/user-text/shortcuts-window", Fixture, NULL,
              fixture_set_up, test_shortcuts_window, fixture_tear_down);
  g_test_add ("/fascia/ui/user-text/bad-date-and-email", Fixture, NULL,
              fixture_set_up, test_bad_date_and_email, fixture_tear_down);
  g_test_add ("/fascia/ui/user-text/bad-dates-every-field", Fixture, NULL,
              fixture_set_up, test_bad_dates_every_field, fixture_tear_down);
  g_test_add ("/fascia/ui/user-text/plan-dates", Fixture, NULL,
              fixture_set_up, test_plan_dates, fixture_tear_down);
  g_test_add ("/fascia/ui/user-text/dates-one-way", Fixture, NULL,
              fixture_set_up_demo, test_dates_one_way, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  fascia_test_rm_rf (cache);
  return status;
}
