/* test-records-ui.c — importing, exporting and backing up from the window: the primary menu's
 * records section, the CSV import preview and its choices, the safety copy, the client's
 * export menu.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <glib/gstdio.h>

#include <string.h>

#include "fascia/fascia-fhir.h"
#include "fascia-application.h"
#include "fascia-clients-page.h"
#include "fascia-records-ui.h"
#include "fascia-store-private.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"
#include "fascia-window.h"
#include "../core/pg-server.h"

static FasciaApplication *app;

typedef FasciaUiTestSession Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fascia_ui_test_session_open (f, app, NULL, 1280, 800, "clients");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fascia_ui_test_session_close (f);
}

static GFile *
csv_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "csv", name, NULL);

  return g_file_new_for_path (path);
}

/* Whether a toast whose text matches @pattern shows in @widget's window. */
static gboolean
toast_shown (GtkWidget  *widget,
             const char *pattern)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_pattern_match_simple (pattern, gtk_label_get_text (GTK_LABEL (child))))
        for (GtkWidget *up = child; up != NULL; up = gtk_widget_get_parent (up))
          if (g_str_equal (G_OBJECT_TYPE_NAME (up), "AdwToastWidget"))
            return TRUE;
      if (toast_shown (child, pattern))
        return TRUE;
    }
  return FALSE;
}

static guint
n_clients (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = fascia_store_list_clients (fascia_window_get_store (f->window),
                                                          NULL, FASCIA_STORE_LIST_ARCHIVED,
                                                          &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (list);
}

static AdwMessageDialog *
preview (Fixture    *f,
         const char *name)
{
  g_autoptr(GFile) file = csv_file (name);
  GtkWidget *dialog = fascia_records_preview_clients (GTK_WIDGET (f->window),
                                                      fascia_window_get_store (f->window), file);

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  fascia_test_iterate ();
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  fascia_test_iterate ();
}

/* The preview shown, if any. */
static AdwMessageDialog *
shown_preview (void)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data)
        && GTK_IS_SCROLLED_WINDOW (adw_message_dialog_get_extra_child (l->data)))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
preview_checked (gpointer data)
{
  AdwMessageDialog *dialog = shown_preview ();

  return dialog != NULL && strstr (adw_message_dialog_get_body (dialog),
                                   "Checking the rows") == NULL;
}

/* The preview once a worker has checked its rows again (after a change of mapping or of date
 * order), which may be a new dialog if the choices it offers changed. */
static AdwMessageDialog *
checked_preview (void)
{
  g_assert_true (fascia_test_wait_for (preview_checked, NULL, 60000));
  fascia_test_iterate ();
  return shown_preview ();
}

/* The dialog a worker shows while it runs, if any. */
static AdwMessageDialog *
progress_dialog (void)
{
  AdwMessageDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data)
        && GTK_IS_PROGRESS_BAR (adw_message_dialog_get_extra_child (l->data)))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
worker_done (gpointer data)
{
  return progress_dialog () == NULL;
}

/* Until the import or backup running in a worker is over and its dialog gone. */
static void
wait_for_worker (void)
{
  g_assert_true (fascia_test_wait_for (worker_done, NULL, 60000));
  fascia_test_iterate ();
}

static gboolean
progress_shown (gpointer data)
{
  return progress_dialog () != NULL;
}

static gboolean
progress_moved (gpointer data)
{
  AdwMessageDialog *progress = progress_dialog ();

  return progress != NULL && gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (
                               adw_message_dialog_get_extra_child (progress))) > 0;
}

/* The dialog that work begun in the background shows once it has read its file */
typedef struct
{
  gboolean   done;
  GtkWidget *dialog;
} DialogWait;

static gboolean
dialog_came (gpointer user_data)
{
  return ((DialogWait *) user_data)->done;
}

static void
test_menu (Fixture       *f,
           gconstpointer  data)
{
  static const char * const actions[] = {
    "win.import-clients", "win.import-fhir", "win.export-records", "win.back-up",
    "win.restore",
  };
  GMenuModel *menu = NULL;
  GtkWidget *button = NULL;
  g_autoptr(GString) labels = g_string_new (NULL);

  /* The first section of the primary menu is the records section. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->window)); child != NULL;)
    {
      if (GTK_IS_MENU_BUTTON (child) &&
          g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (child)),
                     "open-menu-symbolic") == 0)
        {
          button = child;
          break;
        }
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != NULL && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          if (child != NULL)
            child = gtk_widget_get_next_sibling (child);
        }
    }
  g_assert_nonnull (button);
  /* Its menu is made when it is first opened. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  fascia_test_iterate ();
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (menu);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  {
    GMenuModel *section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);

    for (int i = 0; i < g_menu_model_get_n_items (section); i++)
      {
        g_autofree char *label = NULL;
        g_autofree char *action = NULL;

        g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
        g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s", &action);
        g_assert_cmpstr (action, ==, actions[i]);
        g_string_append_printf (labels, "%s;", label);
      }
    g_object_unref (section);
  }
  g_assert_cmpstr (labels->str, ==, "_Import Clients…;Import _FHIR…;_Export…;_Back Up Now…;_Restore…;");
}

static void
test_preview_import (Fixture       *f,
                     gconstpointer  data)
{
  AdwMessageDialog *dialog = preview (f, "semicolon.csv");
  const char *body = adw_message_dialog_get_body (dialog);

  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "semicolon.csv · UTF-8 · fields separated by semicolons"));
  g_assert_nonnull (strstr (body, "Given → first name"));
  g_assert_nonnull (strstr (body, "Hélène | Duverger"));
  g_assert_nonnull (strstr (body, "2 clients will be imported."));
  /* Nothing is imported until the user says so. */
  g_assert_cmpuint (n_clients (f), ==, 0);

  respond (dialog, "import");
  wait_for_worker ();
  g_assert_cmpuint (n_clients (f), ==, 2);
}

static void
test_preview_bad_rows (Fixture       *f,
                       gconstpointer  data)
{
  AdwMessageDialog *dialog = preview (f, "bad-rows.csv");
  const char *body = adw_message_dialog_get_body (dialog);

  g_assert_nonnull (strstr (body, "3 rows cannot be imported, so nothing will be until they are "
                                  "fixed:"));
  g_assert_nonnull (strstr (body, "line 5: the row has no name"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "import"));
  respond (dialog, "cancel");
  g_assert_cmpuint (n_clients (f), ==, 0);
}

static void
test_preview_dates_and_duplicates (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backups = fascia_store_get_backup_dir (fascia_window_get_store (f->window));
  g_autoptr(GDir) dir = NULL;
  AdwMessageDialog *dialog = preview (f, "dates-ambiguous.csv");
  AdwMessageDialog *again;
  const char *name;
  guint copies = 0;

  /* 03/04/1980: the user chooses the order and sees the preview again. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "import"));
  adw_message_dialog_response (dialog, "dmy");
  gtk_window_destroy (GTK_WINDOW (dialog));
  fascia_test_iterate ();
  again = checked_preview ();
  g_assert_nonnull (again);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (again), "2 clients will be imported."));
  respond (again, "import");
  wait_for_worker ();
  g_assert_cmpuint (n_clients (f), ==, 2);

  /* The same file again: both rows are clients already here, merged by choice after a safety
   * copy of the database. */
  dialog = preview (f, "dates-ambiguous.csv");
  adw_message_dialog_response (dialog, "dmy");
  gtk_window_destroy (GTK_WINDOW (dialog));
  fascia_test_iterate ();
  again = checked_preview ();
  g_assert_nonnull (again);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (again),
                            "2 rows name clients already here"));
  respond (again, "merge");
  wait_for_worker ();
  g_assert_cmpuint (n_clients (f), ==, 2);

  dir = g_dir_open (backups, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    copies += g_str_has_prefix (name, "before-import-") && g_str_has_suffix (name, ".db");
  g_assert_cmpuint (copies, ==, 1);
}

static void
test_fhir_and_exports (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_path = g_build_filename (f->dir, "demo.db", NULL);
  g_autofree char *bundle_path = g_build_filename (f->dir, "clinic.json", NULL);
  g_autoptr(FasciaStore) demo = NULL;
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(GFile) bundle_file = g_file_new_for_path (bundle_path);
  g_autofree char *kept = NULL;
  FasciaStore *store = fascia_window_get_store (f->window);
  static const struct {
    const char *name;
    const char *start;
  } exports[] = {
    { "clients.csv", "\xef\xbb\xbfid,name,email" },
    { "clients.vcf", "BEGIN:VCARD\r\nVERSION:4.0\r\n" },
    { "clinic.json", "{\n  \"resourceType\" : \"Bundle\"" },
  };

  g_assert_true (fascia_store_create_demo (demo_path, &error));
  demo = fascia_store_open_full (demo_path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  bundle = fascia_fhir_export (demo, fascia_atlas_get_default (NULL), 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (bundle_path, g_bytes_get_data (bundle, NULL),
                                      g_bytes_get_size (bundle), &error));

  g_assert_true (fascia_records_import_fhir_file (GTK_WIDGET (f->window), store, bundle_file,
                                                  FASCIA_FHIR_DUPLICATES_REFUSE,
                                                  &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_clients (f), ==, 12);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, "out", NULL);
      g_autofree char *file_path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autofree char *contents = NULL;

      g_mkdir_with_parents (path, 0700);
      file_path = g_build_filename (path, exports[i].name, NULL);
      file = g_file_new_for_path (file_path);
      g_assert_true (fascia_records_export_file (store, 0, file, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (file_path, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, exports[i].start));
    }
}

/* clinic.json in the test's folder: the demo clinic's records as a FHIR bundle */
static GFile *
demo_bundle_file (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *demo_path = g_build_filename (f->dir, "demo.db", NULL);
  g_autofree char *bundle_path = g_build_filename (f->dir, "clinic.json", NULL);
  g_autoptr(FasciaStore) demo = NULL;
  g_autoptr(GBytes) bundle = NULL;

  g_assert_true (fascia_store_create_demo (demo_path, &error));
  demo = fascia_store_open_full (demo_path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  bundle = fascia_fhir_export (demo, fascia_atlas_get_default (NULL), 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (bundle_path, g_bytes_get_data (bundle, NULL),
                                      g_bytes_get_size (bundle), &error));
  g_assert_no_error (error);
  return g_file_new_for_path (bundle_path);
}

/* Import FHIR… of a bundle whose patients are already clients names them, and imports
 * nothing until the user skips, merges or adds them. */
static void
test_fhir_duplicates (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GFile) bundle_file = demo_bundle_file (f);
  FasciaStore *store = fascia_window_get_store (f->window);
  GtkWidget *dialog;
  const char *body;


  /* No duplicates: imported at once, in a worker, its dialog showing how far it is. */
  dialog = fascia_records_open_fhir (GTK_WIDGET (f->window), store, bundle_file);
  g_assert_nonnull (dialog);
  g_assert_true (dialog == GTK_WIDGET (progress_dialog ()));
  wait_for_worker ();
  g_assert_cmpuint (n_clients (f), ==, 12);
  before = fascia_fhir_export (store, fascia_atlas_get_default (NULL), 0, &error);

  /* Again: the dialog names them; cancel imports nothing. */
  dialog = fascia_records_open_fhir (GTK_WIDGET (f->window), store, bundle_file);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  fascia_test_iterate ();
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "12 patients of this file are already clients"));
  g_assert_nonnull (strstr (body, "and 4 more"));
  /* Dates of birth as every date is shown, not as the database keeps them */
  g_assert_nonnull (strstr (body, "Barnaby Thistlewood, born 19 Feb 1984"));
  g_assert_false (adw_message_dialog_get_body_use_markup (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "cancel");
  respond (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_cmpuint (n_clients (f), ==, 12);

  /* Merge changes nothing here: every plan and visit is there already. */
  dialog = fascia_records_open_fhir (GTK_WIDGET (f->window), store, bundle_file);
  respond (ADW_MESSAGE_DIALOG (dialog), "merge");
  wait_for_worker ();
  g_assert_cmpuint (n_clients (f), ==, 12);
  after = fascia_fhir_export (store, fascia_atlas_get_default (NULL), 0, &error);
  g_assert_true (g_bytes_equal (before, after));

  dialog = fascia_records_open_fhir (GTK_WIDGET (f->window), store, bundle_file);
  respond (ADW_MESSAGE_DIALOG (dialog), "skip");
  wait_for_worker ();
  g_assert_cmpuint (n_clients (f), ==, 12);

  dialog = fascia_records_open_fhir (GTK_WIDGET (f->window), store, bundle_file);
  respond (ADW_MESSAGE_DIALOG (dialog), "add");
  wait_for_worker ();
  g_assert_cmpuint (n_clients (f), ==, 24);
}

static void
fhir_opened_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DialogWait *wait = user_data;

  wait->dialog = fascia_records_open_fhir_finish (GTK_WIDGET (source), result);
  wait->done = TRUE;
}

/* Import FHIR… reads the bundle and looks for the patients already clients in workers (a
 * clinic's bundle, tens of megabytes, takes seconds: it ran on the window's thread, which
 * froze without a word), a dialog saying "Reading clinic.json…" with Cancel meanwhile: Cancel
 * ends it with nothing more said and nothing imported; let run, what comes next shows (here
 * the duplicates' question) and the dialog goes. The window's connection runs no query a
 * patient. */
static void
test_fhir_open_in_worker (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) bundle_file = demo_bundle_file (f);
  FasciaStore *store = fascia_window_get_store (f->window);
  g_autofree char *kept = NULL;
  DialogWait wait = { 0 };
  AdwMessageDialog *progress;
  guint selects;

  g_assert_true (fascia_records_import_fhir_file (GTK_WIDGET (f->window), store, bundle_file,
                                                  FASCIA_FHIR_DUPLICATES_REFUSE, &kept, &error));
  g_assert_no_error (error);
  fascia_test_iterate ();
  g_assert_cmpuint (n_clients (f), ==, 12);

  fascia_records_set_show_after (0);
  fascia_records_open_fhir_async (GTK_WIDGET (f->window), store, bundle_file, fhir_opened_cb,
                                  &wait);
  g_assert_false (wait.done);
  g_assert_true (fascia_test_wait_for (progress_shown, NULL, 10000));
  progress = progress_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (progress), ==, "Import FHIR Records");
  g_assert_cmpstr (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (
                     adw_message_dialog_get_extra_child (progress))), ==, "Reading clinic.json…");
  adw_message_dialog_response (progress, "cancel");
  g_assert_true (fascia_test_wait_for (dialog_came, &wait, 60000));
  g_assert_null (wait.dialog);
  g_assert_null (progress_dialog ());
  g_assert_cmpuint (n_clients (f), ==, 12);

  /* Let run */
  wait = (DialogWait) { 0 };
  selects = fascia_db_get_n_selects (fascia_store_get_db (store));
  fascia_records_open_fhir_async (GTK_WIDGET (f->window), store, bundle_file, fhir_opened_cb,
                                  &wait);
  g_assert_true (fascia_test_wait_for (dialog_came, &wait, 60000));
  fascia_records_set_show_after (G_MAXUINT);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (wait.dialog));
  g_assert_null (progress_dialog ());
  g_assert_cmpuint (fascia_db_get_n_selects (fascia_store_get_db (store)) - selects, <, 12);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (wait.dialog)),
                            "12 patients of this file are already clients"));
  respond (ADW_MESSAGE_DIALOG (wait.dialog), "cancel");
  g_assert_cmpuint (n_clients (f), ==, 12);
}

/* The chart from the window has the handouts' letterhead and paper size. It is made in a
 * worker, with the progress dialog that can cancel it, as the other exports are (it was made
 * on the window's thread: a chart of hundreds of visits, or a silent clinic server, held the
 * window). */
static void
test_chart_paper (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *pdf_path = g_build_filename (f->dir, "chart.pdf", NULL);
  g_autoptr(GFile) pdf = g_file_new_for_path (pdf_path);
  g_autoptr(FasciaClient) client = fascia_client_new ();
  FasciaStore *store = fascia_window_get_store (f->window);
  g_autofree char *contents = NULL;
  const char *letter = "/MediaBox [ 0 0 612 792 ]";
  gsize length = 0;

  fascia_client_set_name (client, "Ana & <Bo>");
  g_assert_true (fascia_store_add_client (store, client, &error));
  g_assert_no_error (error);

  g_settings_set_string (settings, "paper-size", "letter");
  g_assert_nonnull (fascia_records_export_to (GTK_WIDGET (f->window), store,
                                              fascia_client_get_id (client), pdf,
                                              FASCIA_RECORDS_CHART, 0, FASCIA_CSV_EXPORT_NONE));
  g_assert_nonnull (progress_dialog ());
  g_assert_cmpstr (adw_message_dialog_get_heading (progress_dialog ()), ==, "Export Chart");
  wait_for_worker ();
  g_assert_true (g_file_get_contents (pdf_path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_nonnull (memmem (contents, length, letter, strlen (letter)));
  g_clear_pointer (&contents, g_free);

  g_settings_set_string (settings, "paper-size", "a4");
  g_assert_true (fascia_records_export_chart_file (store, fascia_client_get_id (client), pdf,
                                                   &error));
  g_assert_true (g_file_get_contents (pdf_path, &contents, &length, NULL));
  g_assert_null (memmem (contents, length, letter, strlen (letter)));
  g_settings_reset (settings, "paper-size");
}

/* A file of thousands of clients, to import while the window goes on. */
static GFile *
large_csv (Fixture *f,
           guint    n)
{
  g_autoptr(GString) csv = g_string_new ("name,email\n");
  g_autofree char *path = g_build_filename (f->dir, "many.csv", NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "Client Number %05u,client%u@example.org\n", i, i);
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  return g_file_new_for_path (path);
}

/* A large import runs in a worker with a progress bar; Cancel leaves the database as it was,
 * and so does a second import that is let run to the end, but for the new clients. */
static void
test_import_cancel (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = large_csv (f, 5000);
  GtkWidget *dialog;
  AdwMessageDialog *progress;

  dialog = fascia_records_preview_clients (GTK_WIDGET (f->window),
                                           fascia_window_get_store (f->window), file);
  fascia_test_iterate ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "5000 clients will be imported."));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Cancelled at once, before the worker can have got far. */
  progress = progress_dialog ();
  g_assert_nonnull (progress);
  g_assert_true (adw_message_dialog_has_response (progress, "cancel"));
  adw_message_dialog_response (progress, "cancel");
  wait_for_worker ();
  g_assert_cmpuint (n_clients (f), ==, 0);

  /* The same again, let run: every row, and the list shows them. */
  dialog = fascia_records_preview_clients (GTK_WIDGET (f->window),
                                           fascia_window_get_store (f->window), file);
  fascia_test_iterate ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_nonnull (progress_dialog ());
  wait_for_worker ();
  g_assert_cmpuint (n_clients (f), ==, 5000);
}

/* What was so when the window left the application: whether the worker had returned (its
 * dialog gone), and how many clients the file held. */
typedef struct
{
  FasciaUiTestSession *session;
  GtkWindow           *window;
  gboolean             removed;
  gboolean             worker_returned;
  gint64               n_clients;
} Closing;

static void
window_removed_cb (GtkApplication *application,
                   GtkWindow      *window,
                   Closing        *closing)
{
  if (window != closing->window)
    return;

  closing->removed = TRUE;
  closing->worker_returned = progress_dialog () == NULL;
  closing->n_clients = fascia_ui_test_query_int (closing->session,
                                                 "SELECT count(*) FROM clients");
}

static gboolean
window_removed (gpointer user_data)
{
  return ((Closing *) user_data)->removed;
}

/* An import of 20,000 clients running in a worker, and the window asked to close (@data
 * FALSE: its close button, a close request; TRUE: Quit, which closes every window): the import
 * is cancelled as Cancel cancels it, the window stays ("Cancelling…") until the worker has
 * returned, having imported nothing, and then goes at once; the application is not left
 * before. Before, the window went at once and the import ran on to its end for no window
 * (closed) or was cut off by the process ending (Quit). */
static void
test_import_window_closed (Fixture       *f,
                           gconstpointer  data)
{
  gboolean quit = GPOINTER_TO_INT (data);
  g_autoptr(GFile) file = large_csv (f, 20000);
  FasciaWindow *window = f->window;
  Closing closing = { f, GTK_WINDOW (window), FALSE, FALSE, -1 };
  GtkWidget *dialog;
  AdwMessageDialog *progress;
  gulong removed_id;
  gint64 asked;

  g_assert_cmpint (fascia_ui_test_query_int (f, "SELECT count(*) FROM clients"), ==, 0);
  dialog = fascia_records_preview_clients (GTK_WIDGET (window), fascia_window_get_store (window),
                                           file);
  fascia_test_iterate ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "20000 clients will be imported."));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  progress = progress_dialog ();
  g_assert_nonnull (progress);

  g_object_ref (window);
  removed_id = g_signal_connect (app, "window-removed", G_CALLBACK (window_removed_cb), &closing);
  asked = g_get_monotonic_time ();
  if (quit)
    g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  else
    gtk_window_close (GTK_WINDOW (window));

  /* Held open while the worker stops. */
  g_assert_false (closing.removed);
  g_assert_nonnull (g_list_find (gtk_application_get_windows (GTK_APPLICATION (app)), window));
  g_assert_true (progress_dialog () == progress);

  g_assert_true (fascia_test_wait_for (window_removed, &closing, 20000));
  g_test_message ("the window went %.0f ms after it was asked to close",
                  (g_get_monotonic_time () - asked) / 1000.0);
  g_signal_handler_disconnect (app, removed_id);
  g_assert_true (closing.worker_returned);
  g_assert_cmpint (closing.n_clients, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - asked, <, 5 * G_USEC_PER_SEC);

  /* Nothing of the import comes later, and nothing keeps the window. */
  fascia_test_iterate ();
  g_usleep (200 * 1000);
  fascia_test_iterate ();
  g_assert_cmpint (fascia_ui_test_query_int (f, "SELECT count(*) FROM clients"), ==, 0);
  g_assert_finalize_object (window);
  f->window = fascia_ui_test_window_new (app, f->db_path, 1280, 800, "clients");
}

/* The progress dialog asked to close (the window manager's close button, Alt+F4, Escape) is
 * Cancel: it stays, saying "Cancelling…", until the worker has returned, and nothing is
 * imported. Before, the close was refused and the import ran on to its end. And Ctrl+Q in
 * the dialog quits as in the window: the application's "quit" (the window closes once the
 * worker has returned; import-quit tests what follows). */
static void
test_import_dialog_closed (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) file = large_csv (f, 5000);
  GtkWidget *dialog;
  AdwMessageDialog *progress;
  GtkShortcutAction *quit = NULL;
  FasciaWindow *window = f->window;
  Closing closing = { f, GTK_WINDOW (window), FALSE, FALSE, -1 };
  gulong removed_id;

  dialog = fascia_records_preview_clients (GTK_WIDGET (f->window),
                                           fascia_window_get_store (f->window), file);
  fascia_test_iterate ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  gtk_window_destroy (GTK_WINDOW (dialog));

  progress = progress_dialog ();
  g_assert_nonnull (progress);
  gtk_window_close (GTK_WINDOW (progress));
  g_assert_true (progress_dialog () == progress);
  g_assert_cmpstr (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (
                     adw_message_dialog_get_extra_child (progress))), ==, "Cancelling…");
  wait_for_worker ();
  g_assert_cmpuint (n_clients (f), ==, 0);

  /* Ctrl+Q: a shortcut of the dialog's whose action is the application's quit */
  dialog = fascia_records_preview_clients (GTK_WIDGET (f->window),
                                           fascia_window_get_store (f->window), file);
  fascia_test_iterate ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  progress = progress_dialog ();
  g_assert_nonnull (progress);
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (progress));
    g_autoptr(GtkShortcutTrigger) ctrl_q = gtk_keyval_trigger_new (GDK_KEY_q, GDK_CONTROL_MASK);

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && quit == NULL; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;
        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

            if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), ctrl_q))
              quit = gtk_shortcut_get_action (shortcut);
          }
      }
  }
  g_assert_nonnull (quit);
  g_object_ref (window);
  removed_id = g_signal_connect (app, "window-removed", G_CALLBACK (window_removed_cb), &closing);
  g_assert_true (gtk_shortcut_action_activate (quit, 0, GTK_WIDGET (progress), NULL));
  g_assert_cmpstr (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (
                     adw_message_dialog_get_extra_child (progress))), ==, "Cancelling…");
  g_assert_true (fascia_test_wait_for (window_removed, &closing, 20000));
  g_signal_handler_disconnect (app, removed_id);
  g_assert_true (closing.worker_returned);
  g_assert_cmpint (closing.n_clients, ==, 0);
  g_assert_finalize_object (window);
  f->window = fascia_ui_test_window_new (app, f->db_path, 1280, 800, "clients");
}

static gboolean
only_ours (gpointer object)
{
  return G_OBJECT (object)->ref_count == 1;
}

/* The window asked to close while an import's worker waits for the database's write lock,
 * which another connection holds: Cancel reaches the worker in its wait (SQLite's busy
 * timeout, 5 s), and the worker returns at once, having imported nothing; the window goes
 * with it, well before its bound (1 s here), saying nothing of a worker left running. Before,
 * the worker saw the cancel only when the busy timeout ended, and the window went at its
 * bound, warning that the worker still ran. */
static void
test_import_window_close_locked (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GFile) file = large_csv (f, 50);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) other = NULL;
  FasciaWindow *window = f->window;
  Closing closing = { f, GTK_WINDOW (window), FALSE, FALSE, -1 };
  GtkWidget *dialog;
  gulong removed_id;
  gint64 asked;
  double went;

  dialog = fascia_records_preview_clients (GTK_WIDGET (window), fascia_window_get_store (window),
                                           file);
  fascia_test_iterate ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                            "50 clients will be imported."));
  other = fascia_store_open_full (f->db_path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_store_begin (other, &error));
  g_assert_no_error (error);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_nonnull (progress_dialog ());
  /* The worker is in its wait for the lock. */
  g_usleep (300 * 1000);

  fascia_records_set_close_wait (1000);
  g_object_ref (window);
  removed_id = g_signal_connect (app, "window-removed", G_CALLBACK (window_removed_cb), &closing);
  asked = g_get_monotonic_time ();
  gtk_window_close (GTK_WINDOW (window));
  g_assert_false (closing.removed);

  g_assert_true (fascia_test_wait_for (window_removed, &closing, 10000));
  went = (g_get_monotonic_time () - asked) / 1e6;
  g_test_message ("the window went %.2f s after it was asked to close", went);
  g_signal_handler_disconnect (app, removed_id);
  fascia_records_set_close_wait (0);
  g_assert_true (closing.worker_returned);
  g_assert_cmpint (closing.n_clients, ==, 0);
  g_assert_cmpfloat (went, <, 0.8);

  fascia_store_rollback (other);
  fascia_store_close (other);
  g_assert_true (fascia_test_wait_for (only_ours, window, 10000));
  g_assert_cmpint (fascia_ui_test_query_int (f, "SELECT count(*) FROM clients"), ==, 0);
  g_assert_finalize_object (window);
  f->window = fascia_ui_test_window_new (app, f->db_path, 1280, 800, "clients");
}

/* Whether the server holds a COMMIT in its trigger (pg_server_slow_commit()). */
static gboolean
commit_held (gpointer conninfo)
{
  return pg_server_count (conninfo, "SELECT count(*) FROM pg_stat_activity "
                                    "WHERE wait_event = 'PgSleep'") > 0;
}

static gboolean
will_import_50 (gpointer dialog)
{
  return strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)),
                 "50 clients will be imported.") != NULL;
}

/* The window asked to close while an import's worker cannot stop: a clinic server holds the
 * import's COMMIT (3 s), which Cancel comes too late for. The window waits for the worker no
 * longer than its bound (65 s; 1 s here), then goes with the worker still running, and says
 * so; the worker, returning later for no window when the server answers, has imported every
 * client, the server having committed the import whole. */
static void
test_import_window_close_bound (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GFile) file = large_csv (f, 50);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) schema = NULL;
  g_autofree char *server = pg_server_new_database ();
  FasciaWindow *window;
  Closing closing = { f, NULL, FALSE, FALSE, -1 };
  GtkWidget *dialog;
  gulong removed_id;
  gint64 asked;
  double went;

  /* The clinic server's schema, made as a first connection makes it. */
  schema = fascia_store_open_full (server, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  fascia_store_close (schema);
  pg_server_slow_commit (server, 3.0, TRUE);

  window = fascia_ui_test_window_new (app, server, 1280, 800, "clients");
  closing.window = GTK_WINDOW (window);
  dialog = fascia_records_preview_clients (GTK_WIDGET (window), fascia_window_get_store (window),
                                           file);
  g_assert_true (fascia_test_wait_for (will_import_50, dialog, 10000));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_nonnull (progress_dialog ());
  g_assert_true (fascia_test_wait_for (commit_held, server, 10000));

  fascia_records_set_close_wait (1000);
  g_object_ref (window);
  removed_id = g_signal_connect (app, "window-removed", G_CALLBACK (window_removed_cb), &closing);
  g_test_expect_message ("fascia-records", G_LOG_LEVEL_WARNING,
                         "A worker still runs 1 s after its window was closed; the window goes");
  asked = g_get_monotonic_time ();
  gtk_window_close (GTK_WINDOW (window));
  g_assert_false (closing.removed);

  g_assert_true (fascia_test_wait_for (window_removed, &closing, 10000));
  went = (g_get_monotonic_time () - asked) / 1e6;
  g_test_message ("the window went %.2f s after it was asked to close", went);
  g_signal_handler_disconnect (app, removed_id);
  fascia_records_set_close_wait (0);
  g_test_assert_expected_messages ();
  /* At its bound, with the worker still waiting for the server's answer. */
  g_assert_cmpfloat (went, >=, 1.0);
  g_assert_cmpfloat (went, <, 2.5);
  g_assert_false (only_ours (window));
  g_assert_cmpint (pg_server_count (server, "SELECT count(*) FROM fascia.clients"), ==, 0);

  /* The server answers, the worker returns and lets the window go: every client is there. */
  g_assert_true (fascia_test_wait_for (only_ours, window, 15000));
  g_test_message ("the worker returned %.2f s after the window was asked to close",
                  (g_get_monotonic_time () - asked) / 1e6);
  g_assert_cmpint (pg_server_count (server, "SELECT count(*) FROM fascia.clients"), ==, 50);
  g_assert_finalize_object (window);
}

static gboolean
shows_50 (gpointer page)
{
  return fascia_clients_page_get_n_shown (page) == 50;
}

/* An import whose COMMIT a clinic server leaves unanswered longer than the job's answer time
 * (300 ms here, the server holding it 3 s), while the server still cannot tell whether it was
 * done: the window says it is not confirmed and may have been saved, not "Could not import
 * the records", which said it was not; the server then commits it whole. */
static void
test_import_unsettled (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = large_csv (f, 50);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) schema = NULL;
  g_autofree char *server = pg_server_new_database ();
  FasciaWindow *window;
  GtkWidget *dialog;

  schema = fascia_store_open_full (server, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  fascia_store_close (schema);
  pg_server_slow_commit (server, 3.0, TRUE);

  g_setenv ("FASCIA_JOB_ANSWER_TIMEOUT", "300", TRUE);
  window = fascia_ui_test_window_new (app, server, 1280, 800, "clients");
  g_unsetenv ("FASCIA_JOB_ANSWER_TIMEOUT");
  dialog = fascia_records_preview_clients (GTK_WIDGET (window), fascia_window_get_store (window),
                                           file);
  g_assert_true (fascia_test_wait_for (will_import_50, dialog, 10000));
  g_test_expect_message ("fascia-ui", G_LOG_LEVEL_WARNING,
                         "Not confirmed by the clinic server: *may have been saved*");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for_worker ();
  g_test_assert_expected_messages ();

  /* The server answers in its time: the import was committed whole, and the window's list,
   * which had shown nobody, shows the 50 without being asked (the server announces the
   * change to the window's connection once it is committed). */
  for (int i = 0; i < 100 && pg_server_count (server, "SELECT count(*) FROM fascia.clients") < 50;
       i++)
    g_usleep (100 * 1000);
  g_assert_cmpint (pg_server_count (server, "SELECT count(*) FROM fascia.clients"), ==, 50);
  g_assert_true (fascia_test_wait_for (shows_50, fascia_window_get_clients_page (window), 10000));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Back Up Now runs in a worker: a whole copy; cancelled, no file at all. */
static void
test_back_up (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GFile) csv = large_csv (f, 3000);
  g_autofree char *dir = g_build_filename (f->dir, "copies", NULL);
  g_autofree char *path = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GDir) d = NULL;
  GtkWidget *dialog;
  AdwMessageDialog *progress;

  dialog = fascia_records_preview_clients (GTK_WIDGET (f->window),
                                           fascia_window_get_store (f->window), csv);
  fascia_test_iterate ();
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "import");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_for_worker ();
  g_assert_cmpuint (n_clients (f), ==, 3000);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);

  /* Cancelled at once: nothing written, not even a temporary file. */
  dialog = fascia_records_back_up_file (GTK_WIDGET (f->window),
                                        fascia_window_get_store (f->window), file);
  progress = progress_dialog ();
  g_assert_true (progress == ADW_MESSAGE_DIALOG (dialog));
  adw_message_dialog_response (progress, "cancel");
  wait_for_worker ();
  d = g_dir_open (dir, 0, NULL);
  g_assert_null (g_dir_read_name (d));

  /* Let run: a whole copy, with every client. */
  g_assert_nonnull (fascia_records_back_up_file (GTK_WIDGET (f->window),
                                                 fascia_window_get_store (f->window), file));
  wait_for_worker ();
  g_assert_true (exists (path));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FasciaStore) copy = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP,
                                                          &error);
    g_autoptr(GListModel) list = NULL;

    g_assert_no_error (error);
    list = fascia_store_list_clients (copy, NULL, FASCIA_STORE_LIST_ARCHIVED, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 3000);
  }
}

/* A client with a visit and a pain mark, their text looking like spreadsheet formulas. */
static void
add_visit_with_mark (FasciaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) client = fascia_client_new ();
  g_autoptr(FasciaVisit) visit = fascia_visit_new ();
  g_autoptr(FasciaPainMark) mark = fascia_pain_mark_new ();
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 3, 14, 9, 30, 0);

  fascia_client_set_name (client, "Perpetua Windlesham");
  g_assert_true (fascia_store_add_client (store, client, &error));
  g_assert_no_error (error);
  fascia_visit_set_client_id (visit, fascia_client_get_id (client));
  fascia_visit_set_visited_at (visit, when);
  fascia_visit_set_subjective (visit, "=HYPERLINK(\"http://example.org\")");
  fascia_visit_set_pain_before (visit, 7);
  fascia_visit_set_pain_after (visit, 2);
  g_assert_true (fascia_store_add_visit (store, visit, &error));
  g_assert_no_error (error);
  fascia_pain_mark_set_visit_id (mark, fascia_visit_get_id (visit));
  fascia_pain_mark_set_view_id (mark, "posterior-superficial");
  fascia_pain_mark_set_x (mark, 412.5);
  fascia_pain_mark_set_y (mark, 630.25);
  fascia_pain_mark_set_intensity (mark, 4);
  fascia_pain_mark_set_note (mark, "@SUM(1)");
  g_assert_true (fascia_store_add_pain_mark (store, mark, &error));
  g_assert_no_error (error);
}

/* Export… writes the visits and the pain marks as CSV too, in a worker, with or without the
 * byte order mark, formula-looking cells neutralised. */
static void
test_export_tables (Fixture       *f,
                    gconstpointer  data)
{
  FasciaStore *store = fascia_window_get_store (f->window);
  g_autofree char *visits_path = g_build_filename (f->dir, "visits.csv", NULL);
  g_autofree char *marks_path = g_build_filename (f->dir, "marks.csv", NULL);
  g_autoptr(GFile) visits = g_file_new_for_path (visits_path);
  g_autoptr(GFile) marks = g_file_new_for_path (marks_path);
  g_autofree char *contents = NULL;

  add_visit_with_mark (store);

  /* The dialog: a named choice per export, keyboard-reachable; the byte order mark only for
   * a spreadsheet file. */
  {
    GtkWidget *dialog = fascia_records_export_dialog (GTK_WIDGET (f->window), store);
    GtkWidget *box = adw_message_dialog_get_extra_child (ADW_MESSAGE_DIALOG (dialog));
    g_autoptr(GString) names = g_string_new (NULL);
    GtkWidget *buttons[6];
    guint n = 0;

    for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      {
        g_assert_true (GTK_IS_CHECK_BUTTON (child));
        g_assert_true (gtk_widget_get_focusable (child));
        g_assert_cmpuint (n, <, G_N_ELEMENTS (buttons));
        buttons[n++] = child;
        g_string_append_printf (names, "%s;", gtk_check_button_get_label (GTK_CHECK_BUTTON (child)));
      }
    g_assert_cmpuint (n, ==, 6);
    g_assert_nonnull (strstr (names->str, "Visits, with pain scores and treated muscles, for a "
                                          "spreadsheet;Pain marks of the body charts, for a "
                                          "spreadsheet;"));
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (buttons[0])));
    g_assert_false (gtk_widget_get_sensitive (buttons[5]));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (buttons[2]), TRUE);
    g_assert_true (gtk_widget_get_sensitive (buttons[5]));
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (buttons[5])));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (buttons[4]), TRUE);
    g_assert_false (gtk_widget_get_sensitive (buttons[5]));
    respond (ADW_MESSAGE_DIALOG (dialog), "cancel");
  }

  g_assert_nonnull (fascia_records_export_to (GTK_WIDGET (f->window), store, 0, visits,
                                              FASCIA_RECORDS_CSV,
                                              FASCIA_CSV_EXPORT_VISITS, FASCIA_CSV_EXPORT_BOM));
  g_assert_nonnull (progress_dialog ());
  wait_for_worker ();
  g_assert_true (g_file_get_contents (visits_path, &contents, NULL, NULL));
  g_test_message ("%s", contents);
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf" "client id,client,visit id,date,"
                                             "pain before,pain after,treated,"));
  g_assert_nonnull (strstr (contents, ",Perpetua Windlesham,"));
  g_assert_nonnull (strstr (contents, " 09:30,7,2,,\"'=HYPERLINK(\"\"http://example.org\"\")\""));
  g_clear_pointer (&contents, g_free);

  g_assert_nonnull (fascia_records_export_to (GTK_WIDGET (f->window), store, 0, marks,
                                              FASCIA_RECORDS_CSV,
                                              FASCIA_CSV_EXPORT_PAIN_MARKS,
                                              FASCIA_CSV_EXPORT_NONE));
  wait_for_worker ();
  g_assert_true (g_file_get_contents (marks_path, &contents, NULL, NULL));
  g_test_message ("%s", contents);
  g_assert_true (g_str_has_prefix (contents,
                                   "client id,client,visit id,date,view,region,x,y,drawing,"));
  /* The point on the back view as it is drawn now, its drawing 3. */
  g_assert_nonnull (strstr (contents, ",posterior-superficial,,412.5,630.2,3,4,"));
  g_assert_nonnull (strstr (contents, ",'@SUM(1)\r\n"));
}

static guint
count_prefixed (const char *dir,
                const char *prefix)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    n += g_str_has_prefix (name, prefix);
  return n;
}

static gboolean
has_client (FasciaStore *store,
            const char  *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = fascia_store_list_clients (store, name, FASCIA_STORE_LIST_ARCHIVED,
                                                          &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (list) > 0;
}

/* A backup made by Fascia of another set of records: three clients, one visit. */
static char *
make_backup (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *other_dir = g_build_filename (f->dir, "other", NULL);
  g_autofree char *other = g_build_filename (other_dir, "fascia.db", NULL);
  char *backup = g_build_filename (f->dir, "good.db", NULL);
  g_autoptr(FasciaStore) store = NULL;

  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  store = fascia_store_open_full (other, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  add_visit_with_mark (store);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(FasciaClient) client = fascia_client_new ();
      g_autofree char *name = g_strdup_printf ("Restored Client %u", i);

      fascia_client_set_name (client, name);
      g_assert_true (fascia_store_add_client (store, client, &error));
      g_assert_no_error (error);
    }
  g_assert_true (fascia_store_backup (store, backup, &error));
  g_assert_no_error (error);
  return backup;
}

/* Restore… refuses a file that is not a whole Fascia backup, naming it and why, and changes
 * nothing; a real backup is described, confirmed, restored in a worker after a safety copy,
 * and the window shows it. */
static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FasciaStore *store = fascia_window_get_store (f->window);
  g_autofree char *backups = fascia_store_get_backup_dir (store);
  g_autofree char *good = make_backup (f);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(FasciaClient) client = fascia_client_new ();
  static const struct {
    const char *name;
    const char *reason;
  } crafted[] = {
    { "text.db", "is not a Fascia database" },
    { "truncated.db", "" },
    { "scribbled.db", "" },
    { "foreign.db", "is not a Fascia database" },
  };
  GtkWidget *dialog;
  const char *body;

  fascia_client_set_name (client, "Here Before Restore");
  g_assert_true (fascia_store_add_client (store, client, &error));
  g_assert_no_error (error);

  /* Crafted files: text; the backup cut short; its pages scribbled on; another program's
   * SQLite file (the header right, the application id not). */
  g_assert_true (g_file_get_contents (good, &contents, &length, &error));
  g_assert_cmpuint (length, >, 8192);
  for (guint i = 0; i < G_N_ELEMENTS (crafted); i++)
    {
      g_autofree char *path = g_build_filename (f->dir, crafted[i].name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *copy = g_memdup2 (contents, length);
      g_autofree char *pattern = NULL;

      if (i == 0)
        g_assert_true (g_file_set_contents (path, "id,name\n1,Mallory\n", -1, NULL));
      else if (i == 1)
        g_assert_true (g_file_set_contents (path, copy, length / 2 + 100, NULL));
      else if (i == 2)
        {
          memset (copy + 2 * 4096 + 8, 0x5a, 2048);  /* the clients table's first page */
          g_assert_true (g_file_set_contents (path, copy, length, NULL));
        }
      else
        {
          memset (copy + 68, 0, 4);  /* the application id in the header */
          g_assert_true (g_file_set_contents (path, copy, length, NULL));
        }

      pattern = g_strdup_printf ("Could not restore the records: *%s*%s*", crafted[i].name,
                                 crafted[i].reason);
      g_test_message ("crafted: %s", crafted[i].name);
      g_test_expect_message ("fascia-ui", G_LOG_LEVEL_WARNING, pattern);
      g_assert_null (fascia_records_restore_file (GTK_WIDGET (f->window), store, file));
      g_test_assert_expected_messages ();
      fascia_test_iterate ();
      /* Said in the window, not only in the log: the main menu's Restore… speaks for the
       * window, which lies in no toast overlay of its own, and its refusals showed nowhere. */
      if (!toast_shown (GTK_WIDGET (f->window), pattern))
        g_error ("the refusal of %s is not shown in the window", crafted[i].name);
      g_assert_true (fascia_window_get_store (f->window) == store);
      g_assert_cmpuint (n_clients (f), ==, 1);
      g_assert_true (has_client (store, "Here Before Restore"));
      g_assert_cmpuint (count_prefixed (backups, "fascia-before-restore-"), ==, 0);
    }

  /* The real backup: what it holds, then a question; Cancel changes nothing. */
  dialog = fascia_records_restore_file (GTK_WIDGET (f->window), store, good_file);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_test_message ("%s", body);
  g_assert_nonnull (strstr (body, "“good.db” holds 3 clients and 1 visit, the last on 14 Mar "
                                  "2026. It was saved on "));
  g_assert_cmpstr (adw_message_dialog_get_default_response (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "cancel");
  respond (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_cmpuint (n_clients (f), ==, 1);

  dialog = fascia_records_restore_file (GTK_WIDGET (f->window), store, good_file);
  respond (ADW_MESSAGE_DIALOG (dialog), "restore");
  wait_for_worker ();

  /* The window shows the backup's records, through a store opened afresh. */
  g_assert_true (fascia_window_get_store (f->window) != NULL);
  g_assert_cmpuint (n_clients (f), ==, 3);
  g_assert_true (has_client (fascia_window_get_store (f->window), "Perpetua Windlesham"));
  g_assert_false (has_client (fascia_window_get_store (f->window), "Here Before Restore"));

  /* What was there is kept. */
  g_assert_cmpuint (count_prefixed (backups, "fascia-before-restore-"), ==, 1);
  {
    g_autoptr(GDir) d = g_dir_open (backups, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      if (g_str_has_prefix (name, "fascia-before-restore-"))
        {
          g_autofree char *path = g_build_filename (backups, name, NULL);
          g_autoptr(FasciaStore) kept = fascia_store_open_full (path, FASCIA_STORE_OPEN_NO_BACKUP,
                                                                &error);

          g_assert_no_error (error);
          g_assert_true (has_client (kept, "Here Before Restore"));
          g_assert_false (has_client (kept, "Perpetua Windlesham"));
        }
  }
}

/* The drop-downs choosing what each column of the file is imported as. */
static GPtrArray *
column_choices (AdwMessageDialog *dialog)
{
  GPtrArray *choices = g_ptr_array_new ();
  GtkWidget *top = adw_message_dialog_get_extra_child (dialog);

  g_assert_nonnull (top);
  for (GtkWidget *child = top; child != NULL;)
    {
      if (GTK_IS_DROP_DOWN (child))
        g_ptr_array_add (choices, child);
      if (gtk_widget_get_first_child (child) != NULL && !GTK_IS_DROP_DOWN (child))
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != top && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child != top ? gtk_widget_get_next_sibling (child) : NULL;
        }
    }
  return choices;
}

static void
test_preview_mapping (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog = preview (f, "aliases.csv");
  g_autoptr(GPtrArray) choices = column_choices (dialog);
  g_autoptr(GListModel) list = NULL;
  g_autofree char *wrong = NULL;
  gboolean found = FALSE;

  /* A choice per column, each named for the column, its header and its field, and focusable. */
  g_assert_cmpuint (choices->len, ==, 6);
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (choices->pdata[3]),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "Column 4, “Mobile”: maps to Phone");
  g_assert_null (wrong);
  g_assert_true (gtk_widget_get_focusable (choices->pdata[3]) ||
                 gtk_widget_get_focusable (gtk_widget_get_first_child (choices->pdata[3])));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Address → not imported"));

  /* The phone column ignored, the address imported as notes: the preview follows. */
  gtk_drop_down_set_selected (choices->pdata[3], FASCIA_CSV_FIELD_IGNORE);
  gtk_drop_down_set_selected (choices->pdata[5], FASCIA_CSV_FIELD_NOTES);
  fascia_test_iterate ();
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (choices->pdata[3]),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL,
                                              "Column 4, “Mobile”: maps to Ignore");
  g_assert_null (wrong);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Mobile → not imported"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Address → notes"));

  /* Both name columns ignored: no row has a name, and nothing can be imported. */
  gtk_drop_down_set_selected (choices->pdata[0], FASCIA_CSV_FIELD_IGNORE);
  gtk_drop_down_set_selected (choices->pdata[1], FASCIA_CSV_FIELD_IGNORE);
  fascia_test_iterate ();
  g_assert_true (checked_preview () == dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "import"));
  gtk_drop_down_set_selected (choices->pdata[0], FASCIA_CSV_FIELD_FIRST_NAME);
  gtk_drop_down_set_selected (choices->pdata[1], FASCIA_CSV_FIELD_LAST_NAME);
  fascia_test_iterate ();
  g_assert_true (checked_preview () == dialog);

  respond (dialog, "import");
  wait_for_worker ();
  list = fascia_store_list_clients (fascia_window_get_store (f->window), NULL,
                                    FASCIA_STORE_LIST_ARCHIVED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(FasciaClient) client = g_list_model_get_item (list, i);

      g_assert_true (fascia_client_get_phone (client) == NULL ||
                     fascia_client_get_phone (client)[0] == '\0');
      if (g_strcmp0 (fascia_client_get_name (client), "Marguerite Oakhollow") == 0)
        {
          found = TRUE;
          g_assert_nonnull (strstr (fascia_client_get_notes (client), "1 Mill Lane"));
        }
    }
  g_assert_true (found);
}

static void
previewed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  DialogWait *wait = user_data;

  wait->dialog = fascia_records_preview_clients_finish (GTK_WIDGET (source), result);
  wait->done = TRUE;
}

/* Import Clients… reads and parses the file, and checks every row for duplicates, in a
 * worker: the call returns at once, and the preview shows when the rows are checked; the
 * window's connection runs no query per row meanwhile; a file that cannot be read gives no
 * preview. */
static void
test_preview_in_worker (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) file = large_csv (f, 3000);
  g_autofree char *missing_path = g_build_filename (f->dir, "missing.csv", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) already = fascia_client_new ();
  FasciaStore *store = fascia_window_get_store (f->window);
  DialogWait wait = { 0 };
  guint selects;

  fascia_client_set_name (already, "Client Number 00007");
  fascia_client_set_email (already, "client7@example.org");
  g_assert_true (fascia_store_add_client (store, already, &error));
  g_assert_no_error (error);
  fascia_test_iterate ();

  selects = fascia_db_get_n_selects (fascia_store_get_db (store));
  fascia_records_preview_clients_async (GTK_WIDGET (f->window), store, file, previewed_cb,
                                        &wait);
  g_assert_false (wait.done);
  g_assert_true (fascia_test_wait_for (dialog_came, &wait, 60000));
  g_assert_true (ADW_IS_MESSAGE_DIALOG (wait.dialog));
  fascia_test_iterate ();
  /* The duplicate check looks up each row: 3000 queries, none of them on this connection
   * (the few left are the window's own). */
  g_assert_cmpuint (fascia_db_get_n_selects (fascia_store_get_db (store)) - selects, <, 100);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (wait.dialog)),
                            "2999 clients will be imported. 1 row names a client already"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (wait.dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (wait.dialog));
  fascia_test_iterate ();

  wait = (DialogWait) { 0 };
  g_test_expect_message ("fascia-ui", G_LOG_LEVEL_WARNING, "Could not read the file*");
  fascia_records_preview_clients_async (GTK_WIDGET (f->window),
                                        fascia_window_get_store (f->window), missing,
                                        previewed_cb, &wait);
  g_assert_true (fascia_test_wait_for (dialog_came, &wait, 60000));
  g_test_assert_expected_messages ();
  g_assert_null (wait.dialog);
  g_assert_cmpuint (n_clients (f), ==, 1);
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Between the file chosen and its preview, a large file's rows are checked for seconds (60,000
 * rows: ten seconds and more on a busy machine): a dialog says the file is being read, shows
 * how far the check is, and has Cancel, which ends the reading with no preview and no error,
 * nothing changed. Before, the window showed nothing meanwhile, and nothing could stop it.
 * Let run, the preview comes and the dialog goes. */
static void
test_preview_progress (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = large_csv (f, 20000);
  FasciaStore *store = fascia_window_get_store (f->window);
  DialogWait wait = { 0 };
  AdwMessageDialog *progress;

  fascia_records_preview_clients_async (GTK_WIDGET (f->window), store, file, previewed_cb,
                                        &wait);
  g_assert_true (fascia_test_wait_for (progress_shown, NULL, 10000));
  progress = progress_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (progress), ==, "Import Clients");
  g_assert_cmpstr (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (
                     adw_message_dialog_get_extra_child (progress))), ==, "Reading many.csv…");
  g_assert_true (fascia_test_wait_for (progress_moved, NULL, 30000));
  g_assert_false (wait.done);
  adw_message_dialog_response (progress, "cancel");
  g_assert_true (fascia_test_wait_for (dialog_came, &wait, 60000));
  g_assert_null (wait.dialog);
  g_assert_null (progress_dialog ());
  g_assert_cmpuint (n_clients (f), ==, 0);

  /* Let run */
  wait = (DialogWait) { 0 };
  g_object_unref (file);
  file = large_csv (f, 3000);
  fascia_records_preview_clients_async (GTK_WIDGET (f->window), store, file, previewed_cb,
                                        &wait);
  g_assert_true (fascia_test_wait_for (dialog_came, &wait, 60000));
  g_assert_true (ADW_IS_MESSAGE_DIALOG (wait.dialog));
  g_assert_null (progress_dialog ());
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (wait.dialog)),
                            "3000 clients will be imported."));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (wait.dialog), "cancel");
  gtk_window_destroy (GTK_WINDOW (wait.dialog));
  fascia_test_iterate ();
}


/* A change of a column's mapping checks the rows again in a worker, on a copy of the mapping:
 * the window's connection runs no query per row, the dialog says it is checking (Import
 * waits), and a change made meanwhile overtakes the check before it. */
static void
test_mapping_in_worker (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) file = large_csv (f, 3000);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaClient) already = fascia_client_new ();
  g_autoptr(GPtrArray) choices = NULL;
  FasciaStore *store = fascia_window_get_store (f->window);
  AdwMessageDialog *dialog;
  guint selects;

  fascia_client_set_name (already, "Client Number 00007");
  fascia_client_set_email (already, "client7@example.org");
  g_assert_true (fascia_store_add_client (store, already, &error));
  g_assert_no_error (error);
  fascia_test_iterate ();

  dialog = ADW_MESSAGE_DIALOG (fascia_records_preview_clients (GTK_WIDGET (f->window), store,
                                                               file));
  fascia_test_iterate ();
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "2999 clients will be imported. 1 row names a client already"));
  choices = column_choices (dialog);
  g_assert_cmpuint (choices->len, ==, 2);

  selects = fascia_db_get_n_selects (fascia_store_get_db (store));
  /* The email column ignored, then mapped again before the first check can end. */
  gtk_drop_down_set_selected (choices->pdata[1], FASCIA_CSV_FIELD_IGNORE);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "email → not imported"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Checking the rows"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "import"));
  gtk_drop_down_set_selected (choices->pdata[1], FASCIA_CSV_FIELD_EMAIL);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "email → email"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Checking the rows"));

  dialog = checked_preview ();
  g_assert_nonnull (dialog);
  /* 3000 lookups a check, none of them on the window's connection. */
  g_assert_cmpuint (fascia_db_get_n_selects (fascia_store_get_db (store)) - selects, <, 100);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "2999 clients will be imported. 1 row names a client already"));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "import"));

  /* Closed while a check runs: the check's end finds no preview to show. */
  choices = (g_ptr_array_unref (choices), column_choices (dialog));
  gtk_drop_down_set_selected (choices->pdata[1], FASCIA_CSV_FIELD_IGNORE);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* Let the worker end (with the sanitizer build, a preview used after it was freed fails
   * here); nothing waited for is asserted. */
  fascia_test_wait_for (never, NULL, 1000);
  g_assert_null (shown_preview ());
  g_assert_cmpuint (n_clients (f), ==, 1);
}

/* A restore from a backup of 20,000 clients running in a worker, and the window asked to
 * close: the restore is cancelled, the window stays until the worker has returned and then
 * goes; the database holds what it held, and no copy of it is left in its backups folder.
 * Before, the window went at once and the restore ran on for no window. */
static void
test_restore_window_closed (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) csv = large_csv (f, 20000);
  g_autofree char *big = g_build_filename (f->dir, "big.db", NULL);
  g_autoptr(GFile) big_file = g_file_new_for_path (big);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(FasciaStore) source = NULL;
  g_autoptr(FasciaClient) client = fascia_client_new ();
  FasciaWindow *window = f->window;
  FasciaStore *store = fascia_window_get_store (window);
  g_autofree char *backups = fascia_store_get_backup_dir (store);
  Closing closing = { f, GTK_WINDOW (window), FALSE, FALSE, -1 };
  GtkWidget *dialog;
  AdwMessageDialog *progress;
  gulong removed_id;
  guint n_imported = 0;

  bytes = g_file_load_bytes (csv, NULL, NULL, &error);
  g_assert_no_error (error);
  source = fascia_store_open_full (big, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  g_assert_no_error (error);
  g_assert_true (fascia_store_import_clients (source, bytes, &n_imported, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_imported, ==, 20000);
  fascia_store_close (source);
  fascia_client_set_name (client, "Here Before Restore");
  g_assert_true (fascia_store_add_client (store, client, &error));
  g_assert_no_error (error);

  dialog = fascia_records_restore_file (GTK_WIDGET (window), store, big_file);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  gtk_window_destroy (GTK_WINDOW (dialog));
  progress = progress_dialog ();
  g_assert_nonnull (progress);

  g_object_ref (window);
  removed_id = g_signal_connect (app, "window-removed", G_CALLBACK (window_removed_cb), &closing);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_false (closing.removed);
  g_assert_true (progress_dialog () == progress);

  g_assert_true (fascia_test_wait_for (window_removed, &closing, 20000));
  g_signal_handler_disconnect (app, removed_id);
  g_assert_true (closing.worker_returned);
  g_assert_cmpint (closing.n_clients, ==, 1);
  fascia_test_iterate ();
  g_assert_finalize_object (window);
  g_assert_cmpint (fascia_ui_test_query_int (f, "SELECT count(*) FROM clients"), ==, 1);
  g_assert_cmpuint (count_prefixed (backups, "fascia-before-restore-"), ==, 0);
  f->window = fascia_ui_test_window_new (app, f->db_path, 1280, 800, "clients");
}

/* Import FHIR… running in its worker, and the window asked to close: the import is cancelled,
 * the window stays until the worker has returned and then goes, nothing imported. Before,
 * the import ran on the window's thread: the window could not even be asked. */
static void
test_fhir_window_closed (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) bundle_file = demo_bundle_file (f);
  FasciaWindow *window = f->window;
  Closing closing = { f, GTK_WINDOW (window), FALSE, FALSE, -1 };
  GtkWidget *progress;
  gulong removed_id;


  progress = fascia_records_open_fhir (GTK_WIDGET (window), fascia_window_get_store (window),
                                       bundle_file);
  g_assert_nonnull (progress);
  g_assert_true (progress == GTK_WIDGET (progress_dialog ()));

  g_object_ref (window);
  removed_id = g_signal_connect (app, "window-removed", G_CALLBACK (window_removed_cb), &closing);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_false (closing.removed);
  g_assert_true (fascia_test_wait_for (window_removed, &closing, 20000));
  g_signal_handler_disconnect (app, removed_id);
  g_assert_true (closing.worker_returned);
  g_assert_cmpint (closing.n_clients, ==, 0);
  fascia_test_iterate ();
  g_assert_finalize_object (window);
  g_assert_cmpint (fascia_ui_test_query_int (f, "SELECT count(*) FROM clients"), ==, 0);
  f->window = fascia_ui_test_window_new (app, f->db_path, 1280, 800, "clients");
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

  g_test_add ("/fascia/ui/records/menu", Fixture, NULL, fixture_set_up, test_menu,
              fixture_tear_down);
  g_test_add ("/fascia/ui/records/preview-import", Fixture, NULL, fixture_set_up,
              test_preview_import, fixture_tear_down);
  g_test_add ("/fascia/ui/records/preview-mapping", Fixture, NULL, fixture_set_up,
              test_preview_mapping, fixture_tear_down);
  g_test_add ("/fascia/ui/records/preview-bad-rows", Fixture, NULL, fixture_set_up,
              test_preview_bad_rows, fixture_tear_down);
  g_test_add ("/fascia/ui/records/preview-dates-and-duplicates", Fixture, NULL, fixture_set_up,
              test_preview_dates_and_duplicates, fixture_tear_down);
  g_test_add ("/fascia/ui/records/fhir-and-exports", Fixture, NULL, fixture_set_up,
              test_fhir_and_exports, fixture_tear_down);
  g_test_add ("/fascia/ui/records/fhir-duplicates", Fixture, NULL, fixture_set_up,
              test_fhir_duplicates, fixture_tear_down);
  g_test_add ("/fascia/ui/records/fhir-open-in-worker", Fixture, NULL, fixture_set_up,
              test_fhir_open_in_worker, fixture_tear_down);
  g_test_add ("/fascia/ui/records/fhir-window-closed", Fixture, NULL, fixture_set_up,
              test_fhir_window_closed, fixture_tear_down);
  g_test_add ("/fascia/ui/records/chart-paper", Fixture, NULL, fixture_set_up,
              test_chart_paper, fixture_tear_down);
  g_test_add ("/fascia/ui/records/preview-in-worker", Fixture, NULL, fixture_set_up,
              test_preview_in_worker, fixture_tear_down);
  g_test_add ("/fascia/ui/records/preview-progress", Fixture, NULL, fixture_set_up,
              test_preview_progress, fixture_tear_down);
  g_test_add ("/fascia/ui/records/mapping-in-worker", Fixture, NULL, fixture_set_up,
              test_mapping_in_worker, fixture_tear_down);
  g_test_add ("/fascia/ui/records/import-cancel", Fixture, NULL, fixture_set_up,
              test_import_cancel, fixture_tear_down);
  g_test_add ("/fascia/ui/records/import-dialog-closed", Fixture, NULL, fixture_set_up,
              test_import_dialog_closed, fixture_tear_down);
  g_test_add ("/fascia/ui/records/import-window-closed", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_import_window_closed, fixture_tear_down);
  g_test_add ("/fascia/ui/records/import-quit", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_import_window_closed, fixture_tear_down);
  g_test_add ("/fascia/ui/records/import-window-close-locked", Fixture, NULL, fixture_set_up,
              test_import_window_close_locked, fixture_tear_down);
  g_test_add ("/fascia/ui/records/import-window-close-bound", Fixture, NULL, fixture_set_up,
              test_import_window_close_bound, fixture_tear_down);
  g_test_add ("/fascia/ui/records/import-unsettled", Fixture, NULL, fixture_set_up,
              test_import_unsettled, fixture_tear_down);
  g_test_add ("/fascia/ui/records/restore-window-closed", Fixture, NULL, fixture_set_up,
              test_restore_window_closed, fixture_tear_down);
  g_test_add ("/fascia/ui/records/back-up", Fixture, NULL, fixture_set_up,
              test_back_up, fixture_tear_down);
  g_test_add ("/fascia/ui/records/export-tables", Fixture, NULL, fixture_set_up,
              test_export_tables, fixture_tear_down);
  g_test_add ("/fascia/ui/records/restore", Fixture, NULL, fixture_set_up,
              test_restore, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  fascia_test_rm_rf (cache);
  return status;
}
