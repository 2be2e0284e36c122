/* fascia-records-ui.c — importing, exporting and backing up records from the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-records"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fascia/fascia-chart.h"
#include "fascia/fascia-csv-import.h"
#include "fascia/fascia-fhir.h"
#include "fascia/fascia-file-utils.h"
#include "fascia/fascia-records-export.h"

#include "fascia-application.h"
#include "fascia-records-ui.h"
#include "fascia-handout-export.h"
#include "fascia-ui-utils.h"
#include "fascia-window.h"

/*
 * Each command asks for a file with a native file chooser, then does its work with the same
 * core functions as the command line. An import that changes clients already there (a merge,
 * a FHIR import) first writes a safety copy of the database into its backups folder, named in
 * the toast, so nothing is lost if the result is not what the therapist wanted.
 */

#define MAX_IMPORT_SIZE (256 * 1024 * 1024)
#define PREVIEW_ROWS 3

typedef void (*ChosenFunc) (GtkWidget      *widget,
                            FasciaStore    *store,
                            gint64          client_id,
                            GFile          *file,
                            GtkFileChooser *chooser);

typedef struct
{
  GtkWidget   *widget;
  FasciaStore *store;
  gint64       client_id;
  ChosenFunc   func;
} Choice;

static void
choice_free (Choice *choice)
{
  g_clear_object (&choice->widget);
  g_clear_object (&choice->store);
  g_free (choice);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     Choice          *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      choice->func (choice->widget, choice->store, choice->client_id, file,
                    GTK_FILE_CHOOSER (dialog));
    }

  choice_free (choice);
  g_object_unref (dialog);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static GtkFileChooser *
choose_file (GtkWidget            *widget,
             FasciaStore          *store,
             gint64                client_id,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept,
             const char           *suggested_name,
             ChosenFunc            func)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  Choice *choice = g_new0 (Choice, 1);

  choice->widget = g_object_ref (widget);
  choice->store = g_object_ref (store);
  choice->client_id = client_id;
  choice->func = func;

  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        action, accept, NULL);
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (chooser_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
  return GTK_FILE_CHOOSER (dialog);
}

static char *
local_path (GFile   *file,
            GError **error)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("Only files in a local folder can be used."));
  return path;
}

/* Where a safety copy goes: its backups folder, made if need be. */
static char *
safety_copy_path (FasciaStore  *store,
                  GError      **error)
{
  g_autofree char *dir = fascia_store_get_backup_dir (store);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *name = g_strdup_printf ("before-import-%s.db", stamp);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not make the folder %s"), dir);
      return NULL;
    }
  return g_build_filename (dir, name, NULL);
}

/* A copy of the whole database in its backups folder, before a change to many records. */
static char *
safety_copy (FasciaStore  *store,
             GError      **error)
{
  g_autofree char *path = safety_copy_path (store, error);

  if (path == NULL || !fascia_store_backup (store, path, error))
    return NULL;

  return g_steal_pointer (&path);
}

/* Work in a worker: a dialog with a progress bar and Cancel while it runs. */

struct _ExportJob;
static void export_job_free (struct _ExportJob *job);

typedef struct _Work
{
  GtkWidget       *widget;
  FasciaStore     *store;
  GtkWidget       *dialog;
  GtkProgressBar  *bar;
  GCancellable    *cancellable;
  /* Import Clients… */
  FasciaCsvImport *import;
  FasciaDuplicates duplicates;
  /* An import that may change clients already there: a safety copy first (start_safety_copy()),
   * then the import */
  char            *kept;         /* the copy */
  void           (*after_copy) (struct _Work *work);
  const char      *failure;      /* what the user is told if the copy fails */
  /* Import FHIR… */
  GBytes          *bundle;
  FasciaFhirDuplicates fhir_duplicates;
  gint             permille;     /* how far, written by the worker */
  /* Export… */
  struct _ExportJob *export;
  guint            poll_id;
  /* Work that writes (work_hold_window()) */
  GtkWindow       *window;       /* kept open until the worker has returned */
  GApplication    *application;  /* held as long */
  gboolean         closing;      /* the window was asked to close: it does once the work ends */
  guint            wait_id;      /* the bound on that wait */
  guint            show_id;      /* work_show_later(): the dialog's showing, until then */
  guint            pulse_id;     /* work_pulse(): work that cannot say how far it is */
} Work;

static void work_let_window_go (Work *work);
static void work_close_dialog  (Work *work);

static void
work_free (Work *work)
{
  work_let_window_go (work);
  if (work->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (work->dialog));
  g_clear_object (&work->dialog);
  g_clear_object (&work->widget);
  g_clear_object (&work->store);
  g_clear_object (&work->cancellable);
  g_clear_object (&work->import);
  g_clear_pointer (&work->bundle, g_bytes_unref);
  g_free (work->kept);
  g_clear_handle_id (&work->poll_id, g_source_remove);
  g_clear_handle_id (&work->show_id, g_source_remove);
  g_clear_handle_id (&work->pulse_id, g_source_remove);
  g_clear_pointer (&work->export, export_job_free);
  g_free (work);
}

static void
work_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  Work             *work)
{
  /* The worker stops at its next step and changes nothing; its callback closes the dialog. */
  g_cancellable_cancel (work->cancellable);
  gtk_progress_bar_set_text (work->bar, _("Cancelling…"));
}

/* The dialog asked to close (the window manager's close, Alt+F4 or Escape) is Cancel: it
 * stays, saying "Cancelling…", until the worker has returned. It kept the work running and
 * did nothing, so that the only way out of a long import was its button. */
static gboolean
work_dialog_close_cb (GtkWindow *dialog,
                      Work      *work)
{
  if (!g_cancellable_is_cancelled (work->cancellable))
    work_response_cb (ADW_MESSAGE_DIALOG (dialog), "cancel", work);
  return TRUE;
}

/* Ctrl+Q in the dialog quits as it does in the window (which cancels work that writes and
 * waits for it, fascia_application's quit): the dialog is no window of the application, and
 * the application's keys did not reach it. */
static gboolean
work_dialog_quit_cb (GtkWidget *dialog,
                     GVariant  *args,
                     gpointer   user_data)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));
  GtkApplication *application = parent != NULL ? gtk_window_get_application (parent) : NULL;

  if (application == NULL)
    return FALSE;
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  return TRUE;
}

static void
work_progress_cb (double   fraction,
                  gpointer user_data)
{
  Work *work = user_data;

  /* A dialog gone before its worker (work_wait_over_cb()) took its bar with it. */
  if (work->dialog != NULL)
    gtk_progress_bar_set_fraction (work->bar, fraction);
}

static Work *
work_new_unshown (GtkWidget   *widget,
                  FasciaStore *store,
                  const char  *title,
                  const char  *what)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  Work *work = g_new0 (Work, 1);
  AdwMessageDialog *dialog;

  work->widget = g_object_ref (widget);
  work->store = g_object_ref (store);
  work->cancellable = g_cancellable_new ();

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       title, NULL));
  work->dialog = g_object_ref_sink (GTK_WIDGET (dialog));
  work->bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (work->bar, TRUE);
  gtk_progress_bar_set_text (work->bar, what);
  gtk_accessible_update_property (GTK_ACCESSIBLE (work->bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (work->bar));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (dialog, "cancel");
  /* The dialog stays until the worker is done, cancelled or not. */
  g_signal_connect (dialog, "response", G_CALLBACK (work_response_cb), work);
  g_signal_connect (dialog, "close-request", G_CALLBACK (work_dialog_close_cb), work);
  {
    GtkEventController *keys = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (keys), GTK_SHORTCUT_SCOPE_GLOBAL);
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (keys),
      gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_q, GDK_CONTROL_MASK),
                        gtk_callback_action_new (work_dialog_quit_cb, NULL, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (dialog), keys);
  }
  return work;
}

static Work *
work_new (GtkWidget   *widget,
          FasciaStore *store,
          const char  *title,
          const char  *what)
{
  Work *work = work_new_unshown (widget, store, title, what);

  gtk_window_present (GTK_WINDOW (work->dialog));
  return work;
}

static gboolean
work_show_cb (gpointer user_data)
{
  Work *work = user_data;

  work->show_id = 0;
  if (work->dialog != NULL)
    gtk_window_present (GTK_WINDOW (work->dialog));
  return G_SOURCE_REMOVE;
}

/* Work that is mostly over at once (a preview of a small file): its dialog shows only if it
 * runs longer than a glance, rather than flashing by. */
#define WORK_SHOW_AFTER_MS 250

static guint work_show_after_ms = WORK_SHOW_AFTER_MS;

/**
 * fascia_records_set_show_after:
 * @milliseconds: how long; G_MAXUINT for the application's own (250 ms)
 *
 * For tests: how long work that is mostly over at once (reading a file to import) runs before
 * its dialog shows.
 */
void
fascia_records_set_show_after (guint milliseconds)
{
  work_show_after_ms = milliseconds != G_MAXUINT ? milliseconds : WORK_SHOW_AFTER_MS;
}

static void
work_show_later (Work *work)
{
  work->show_id = g_timeout_add (work_show_after_ms, work_show_cb, work);
}

static gboolean
work_pulse_cb (gpointer user_data)
{
  Work *work = user_data;

  gtk_progress_bar_pulse (work->bar);
  return G_SOURCE_CONTINUE;
}

/* The bar of work that cannot say how far it is moves to and fro while it runs. */
static void
work_pulse (Work *work)
{
  gtk_progress_bar_set_pulse_step (work->bar, 0.05);
  work->pulse_id = g_timeout_add (100, work_pulse_cb, work);
}

static void work_stop_with_window (Work *work);

/* Reading @file before anything else can be asked (an import's preview): a dialog saying so,
 * shown once it takes longer than a glance, that stops it with the window. */
static Work *
work_new_reading (GtkWidget   *widget,
                  FasciaStore *store,
                  const char  *title,
                  GFile       *file)
{
  g_autofree char *name = g_file_get_basename (file);
  /* Translators: the progress of reading a file to import; %s is the file's name */
  g_autofree char *reading = g_strdup_printf (_("Reading %s…"), name);
  Work *work = work_new_unshown (widget, store, title, reading);

  work_stop_with_window (work);
  work_show_later (work);
  return work;
}

/* Reading over: its dialog goes. Whether it was cancelled (then nothing more is said: nothing
 * was changed, and the user knows). */
static gboolean
work_reading_over (Work         *work,
                   const GError *error)
{
  work_close_dialog (work);
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         || g_cancellable_is_cancelled (work->cancellable);
}

/* Work that only reads (a backup, an export) stops as Cancel stops it (one waiting for a
 * clinic server, at once) when its window closes — gtk_window_destroy() unrealizes it; it is
 * not disposed while the work holds it — rather than running on, or waiting for the server,
 * for a window that is gone. */
static void
work_stop_with_window (Work *work)
{
  GtkRoot *root = gtk_widget_get_root (work->widget);

  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "unrealize", G_CALLBACK (g_cancellable_cancel),
                             work->cancellable, G_CONNECT_SWAPPED);
}

/*
 * Work that writes (an import, a restore, a move to a clinic server) is one transaction that a
 * cancel rolls back, and the process must not end in its middle. The window asked to close
 * (Quit closes every window) cancels it as Cancel does and stays, saying "Cancelling…", until
 * the worker has returned — at its next step, having changed nothing — and then closes; a
 * window destroyed outright cancels it too, and the application is held until the worker has
 * returned. The wait has a bound: a clinic server silent at the COMMIT is waited for its
 * answer time (30 s), and as long again, no longer, to learn whether it was saved
 * (fascia_store_check_commit()); past the bound the window goes and the application is let
 * go, as if the worker were not there — the server commits the transaction whole or not at
 * all, and a SQLite file is whole at every moment.
 * The tests shorten the bound (fascia_records_set_close_wait()).
 */
#define WORK_CLOSE_WAIT_SECONDS 65

static guint work_close_wait_ms = WORK_CLOSE_WAIT_SECONDS * 1000;

/**
 * fascia_records_set_close_wait:
 * @milliseconds: the bound; 0 for the application's own (65 s)
 *
 * For tests: how long a window asked to close waits for work that writes to end.
 */
void
fascia_records_set_close_wait (guint milliseconds)
{
  work_close_wait_ms = milliseconds != 0 ? milliseconds : WORK_CLOSE_WAIT_SECONDS * 1000;
}

static void
work_let_window_go (Work *work)
{
  GtkWindow *window = g_steal_pointer (&work->window);
  GApplication *application = g_steal_pointer (&work->application);

  g_clear_handle_id (&work->wait_id, g_source_remove);
  if (window == NULL)
    return;

  g_signal_handlers_disconnect_by_data (window, work);
  if (work->closing)
    gtk_window_close (window);
  g_object_unref (window);
  if (application != NULL)
    {
      g_application_release (application);
      g_object_unref (application);
    }
}

static gboolean
work_wait_over_cb (gpointer user_data)
{
  Work *work = user_data;

  work->wait_id = 0;
  g_warning ("A worker still runs %g s after its window was closed; the window goes",
             work_close_wait_ms / 1000.0);
  work_close_dialog (work);
  work_let_window_go (work);
  return G_SOURCE_REMOVE;
}

static void
work_stop (Work *work)
{
  if (!g_cancellable_is_cancelled (work->cancellable))
    {
      g_cancellable_cancel (work->cancellable);
      if (work->dialog != NULL)
        gtk_progress_bar_set_text (work->bar, _("Cancelling…"));
    }
  if (work->wait_id == 0)
    work->wait_id = g_timeout_add (work_close_wait_ms, work_wait_over_cb, work);
}

static gboolean
work_close_request_cb (GtkWindow *window,
                       Work      *work)
{
  work->closing = TRUE;
  work_stop (work);
  return TRUE;
}

static void
work_hold_window (Work *work)
{
  GtkRoot *root = gtk_widget_get_root (work->widget);
  GtkApplication *application;

  if (!GTK_IS_WINDOW (root))
    return;

  work->window = g_object_ref (GTK_WINDOW (root));
  g_signal_connect (root, "close-request", G_CALLBACK (work_close_request_cb), work);
  g_signal_connect_swapped (root, "unrealize", G_CALLBACK (work_stop), work);
  application = gtk_window_get_application (GTK_WINDOW (root));
  if (application != NULL)
    {
      work->application = g_object_ref (G_APPLICATION (application));
      g_application_hold (work->application);
    }
}

static void
work_close_dialog (Work *work)
{
  g_clear_handle_id (&work->show_id, g_source_remove);
  g_clear_handle_id (&work->pulse_id, g_source_remove);
  if (work->dialog == NULL)
    return;

  g_signal_handlers_disconnect_by_data (work->dialog, work);
  gtk_window_destroy (GTK_WINDOW (work->dialog));
  g_clear_object (&work->dialog);
}

/* Done: the dialog goes; an error other than a cancel is shown, unless the window is closing
 * (it goes now, the work having ended either way). */
static gboolean
work_done (Work       *work,
           GError     *error,
           const char *failed)
{
  work_close_dialog (work);

  if (work->closing)
    return FALSE;

  if (error == NULL)
    return TRUE;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    fascia_ui_toast (work->widget, _("Cancelled; nothing was changed"));
  else if (g_error_matches (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_UNSETTLED))
    /* A clinic server left the COMMIT unanswered and cannot tell yet whether it was done: the
     * message says it may have been saved, which "Could not import the records" before it
     * contradicted. */
    fascia_ui_show_error (work->widget, _("Not confirmed by the clinic server"), error);
  else
    fascia_ui_show_error (work->widget, failed, error);
  return FALSE;
}

/* Import Clients… */

typedef struct
{
  GtkWidget       *widget;
  FasciaStore     *store;
  FasciaCsvImport *import;
  char            *name;
  AdwMessageDialog *dialog;     /* the dialog showing the preview, while it is shown */
  guint            shape;       /* which responses the dialog has (see preview_shape) */
  /* The rows checked in a worker for the mapping shown (see start_check) */
  gboolean              checked;
  gboolean              check_ok;
  FasciaCsvImportCounts check_counts;
  char                **check_problems;
  GError               *check_error;
  GCancellable         *checking;    /* the check of the mapping shown, while it runs */
  guint                 column;      /* the column whose field was changed last, + 1 */
} Preview;

static void
clear_check (Preview *preview)
{
  preview->checked = FALSE;
  g_clear_pointer (&preview->check_problems, g_strfreev);
  g_clear_error (&preview->check_error);
}

static void
preview_free (Preview *preview)
{
  if (preview->checking != NULL)
    g_cancellable_cancel (preview->checking);
  g_clear_object (&preview->checking);
  g_clear_object (&preview->widget);
  g_clear_object (&preview->store);
  g_clear_object (&preview->import);
  g_strfreev (preview->check_problems);
  g_clear_error (&preview->check_error);
  g_free (preview->name);
  g_free (preview);
}

static GtkWidget *show_preview (Preview *preview);
static void       start_check  (Preview *preview);

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Work *work = user_data;
  g_autoptr(GError) error = NULL;
  FasciaCsvImportCounts counts = { 0 };

  fascia_store_import_csv_finish (FASCIA_STORE (source), result, &counts, &error);
  if (work_done (work, error, _("Could not import the clients")))
    {
      /* Translators: after an import; %u is a number of clients */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Imported %u client",
                                                            "Imported %u clients",
                                                            counts.n_added),
                                               counts.n_added);

      fascia_ui_toast (work->widget, text);
    }
  work_free (work);
}

static void
start_import (Work *work)
{
  gtk_progress_bar_set_fraction (work->bar, 0);
  gtk_progress_bar_set_text (work->bar, _("Importing…"));
  fascia_store_import_csv_async (work->store, work->import, work->duplicates,
                                 work->cancellable, work_progress_cb, work, import_done_cb,
                                 work);
}

/* Merging changes clients already there: first a copy of the database as it was, then the
 * import (work->after_copy). */
static void
safety_copy_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Work *work = user_data;
  g_autoptr(GError) error = NULL;

  work->kept = fascia_store_backup_finish (FASCIA_STORE (source), result, &error);
  if (work->kept == NULL)
    {
      work_done (work, error, work->failure);
      work_free (work);
      return;
    }
  work->after_copy (work);
}

static void
start_safety_copy (Work *work)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = safety_copy_path (work->store, &error);

  if (path == NULL)
    {
      work_done (work, error, work->failure);
      work_free (work);
      return;
    }
  gtk_progress_bar_set_text (work->bar, _("Keeping a copy of the database…"));
  fascia_store_backup_async (work->store, path, work->cancellable, work_progress_cb, work,
                             safety_copy_done_cb, work);
}


static void
preview_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Preview          *preview)
{
  if (g_str_equal (response, "dmy") || g_str_equal (response, "mdy"))
    {
      fascia_csv_import_set_date_order (preview->import, g_str_equal (response, "dmy")
                                                         ? FASCIA_DATE_ORDER_DMY
                                                         : FASCIA_DATE_ORDER_MDY);
      start_check (preview);
      show_preview (preview);
      return;
    }

  if (g_str_equal (response, "import") || g_str_equal (response, "merge"))
    {
      Work *work = work_new (preview->widget, preview->store, _("Import Clients"),
                             _("Importing…"));

      work_hold_window (work);
      work->import = g_object_ref (preview->import);
      work->duplicates = g_str_equal (response, "merge") ? FASCIA_DUPLICATES_MERGE
                                                         : FASCIA_DUPLICATES_SKIP;
      work->after_copy = start_import;
      work->failure = _("Could not import the clients");
      if (work->duplicates == FASCIA_DUPLICATES_MERGE)
        start_safety_copy (work);
      else
        start_import (work);
    }

  preview_free (preview);
}

/* What the preview says, and which responses it offers. */
typedef struct
{
  GString              *body;
  gboolean              columns_ok;
  gboolean              ambiguous;
  gboolean              pending;     /* the rows are being checked */
  FasciaCsvImportCounts counts;
} PreviewText;

/* The responses a preview with @text offers, as bits: the date order, merge. */
static guint
preview_shape (const PreviewText *text)
{
  return (text->ambiguous ? 1 : 0) |
         (text->columns_ok && text->counts.n_bad == 0 && text->counts.n_skipped > 0 ? 2 : 0);
}

static void
preview_text (Preview     *preview,
              PreviewText *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_auto(GStrv) problems = NULL;
  FasciaCsvImport *import = preview->import;
  FasciaCsvImportCounts counts = { 0 };
  guint n_columns = fascia_csv_import_get_n_columns (import);
  guint n_rows = fascia_csv_import_get_n_rows (import);
  gboolean columns_ok;
  gboolean ambiguous = FALSE;
  char separator = fascia_csv_import_get_separator (import);

  gboolean pending = FALSE;

  if (preview->checked)
    {
      /* Checked in a worker, for the mapping shown. */
      columns_ok = preview->check_ok;
      counts = preview->check_counts;
      problems = g_strdupv (preview->check_problems);
      error = preview->check_error != NULL ? g_error_copy (preview->check_error) : NULL;
    }
  else
    {
      /* Columns that name no client need no look at the rows; the rest waits for the worker. */
      columns_ok = fascia_csv_import_check_columns (import, &error);
      pending = columns_ok;
    }

  /* Translators: the first line of the import preview: the file, its encoding, its separator */
  g_string_append_printf (body, _("%s · %s · fields separated by %s"), preview->name,
                          fascia_csv_import_get_encoding (import),
                          separator == ',' ? _("commas") : separator == ';' ? _("semicolons")
                                                                             : _("tabs"));
  g_string_append (body, "\n\n");
  g_string_append (body, _("Columns:"));
  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (body, "\n  %s → %s", fascia_csv_import_get_header (import, c),
                            fascia_csv_field_get_label (fascia_csv_import_get_field (import, c)));

  g_string_append_printf (body, "\n\n%s", _("First rows:"));
  for (guint r = 0; r < n_rows && r < PREVIEW_ROWS; r++)
    {
      g_string_append (body, "\n ");
      for (guint c = 0; c < n_columns; c++)
        {
          const char *value = fascia_csv_import_get_value (import, r, c);
          g_autofree char *excerpt = fascia_text_excerpt (value != NULL ? value : "", -1, 24);

          g_string_append_printf (body, "%s%s", c > 0 ? " | " : " ", excerpt);
        }
    }
  g_string_append (body, "\n\n");

  if (!columns_ok)
    g_string_append (body, error->message);
  else if (pending)
    g_string_append (body, _("Checking the rows for clients already here…"));
  else
    {
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u client will be imported.",
                                                 "%u clients will be imported.",
                                                 counts.n_added), counts.n_added);
      if (counts.n_skipped > 0)
        {
          g_string_append_c (body, ' ');
          g_string_append_printf (body,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u row names a client already here (same "
                                               "email, or same name and date of birth).",
                                               "%u rows name clients already here (same email, "
                                               "or same name and date of birth).",
                                               counts.n_skipped), counts.n_skipped);
        }
      if (counts.n_bad > 0)
        {
          g_string_append (body, "\n\n");
          g_string_append_printf (body,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u row cannot be imported, so nothing will be "
                                               "until it is fixed:",
                                               "%u rows cannot be imported, so nothing will be "
                                               "until they are fixed:", counts.n_bad),
                                  counts.n_bad);
          for (guint i = 0; problems[i] != NULL && i < 8; i++)
            {
              g_string_append_printf (body, "\n  %s", problems[i]);
              ambiguous |= strstr (problems[i], "could be day first") != NULL;
            }
        }
    }

  text->body = g_steal_pointer (&body);
  text->columns_ok = columns_ok;
  text->ambiguous = ambiguous;
  text->pending = pending;
  text->counts = counts;
}

/* The field names offered for a column, in FasciaCsvField order. */
static const char *
field_choice_label (FasciaCsvField field)
{
  static const char * const labels[FASCIA_CSV_N_FIELDS] = {
    [FASCIA_CSV_FIELD_IGNORE] = N_("Ignore"),
    [FASCIA_CSV_FIELD_NAME] = N_("Name"),
    [FASCIA_CSV_FIELD_FIRST_NAME] = N_("First Name"),
    [FASCIA_CSV_FIELD_LAST_NAME] = N_("Last Name"),
    [FASCIA_CSV_FIELD_EMAIL] = N_("Email"),
    [FASCIA_CSV_FIELD_PHONE] = N_("Phone"),
    [FASCIA_CSV_FIELD_DATE_OF_BIRTH] = N_("Date of Birth"),
    [FASCIA_CSV_FIELD_NOTES] = N_("Notes"),
    [FASCIA_CSV_FIELD_HEALTH_NOTES] = N_("Health Notes"),
    [FASCIA_CSV_FIELD_PREGNANCY] = N_("Pregnancy"),
    [FASCIA_CSV_FIELD_ANTICOAGULANTS] = N_("Anticoagulants"),
    [FASCIA_CSV_FIELD_OSTEOPOROSIS] = N_("Osteoporosis"),
    [FASCIA_CSV_FIELD_RECENT_SURGERY] = N_("Recent Surgery"),
    [FASCIA_CSV_FIELD_RED_FLAGS] = N_("Red Flags"),
    [FASCIA_CSV_FIELD_PREGNANCY_TRIMESTER] = N_("Pregnancy Trimester"),
    [FASCIA_CSV_FIELD_HIP_REPLACEMENT_ANTERIOR] = N_("Hip Replacement, Anterior"),
    [FASCIA_CSV_FIELD_HIP_REPLACEMENT_POSTERIOR] = N_("Hip Replacement, Posterior"),
    [FASCIA_CSV_FIELD_ABDOMINAL_HERNIA] = N_("Abdominal Hernia"),
    [FASCIA_CSV_FIELD_SMOKER] = N_("Smoker"),
    [FASCIA_CSV_FIELD_VASCULAR_DISEASE] = N_("Vascular Disease"),
    [FASCIA_CSV_FIELD_CANCER] = N_("Cancer"),
    [FASCIA_CSV_FIELD_STOMA] = N_("Stoma"),
    [FASCIA_CSV_FIELD_ENDOMETRIOSIS] = N_("Endometriosis"),
  };

  return _(labels[field]);
}

static void
name_column_choice (GtkWidget *drop_down,
                    guint      column,
                    const char *header)
{
  /* Translators: the accessible name of a column's field choice in the import preview:
   * the column's number, its header in the file, the field it is imported as */
  g_autofree char *label = g_strdup_printf (_("Column %u, “%s”: maps to %s"), column + 1, header,
                                            field_choice_label (gtk_drop_down_get_selected (
                                              GTK_DROP_DOWN (drop_down))));

  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
}

/* The preview shown again for what is known now: the same dialog when it offers the same
 * responses (and while the rows are checked), else a new one with the focus on the column
 * changed last. */
static void
refresh_preview (Preview *preview)
{
  PreviewText text = { 0 };
  AdwMessageDialog *old = preview->dialog;

  preview_text (preview, &text);
  if (text.pending || preview_shape (&text) == preview->shape)
    {
      adw_message_dialog_set_body (old, text.body->str);
      adw_message_dialog_set_response_enabled (old, "import", !text.pending && text.columns_ok
                                                              && text.counts.n_bad == 0);
      if (adw_message_dialog_has_response (old, "merge"))
        adw_message_dialog_set_response_enabled (old, "merge", !text.pending);
      g_string_free (text.body, TRUE);
      return;
    }
  g_string_free (text.body, TRUE);

  /* Other responses: a new dialog, keeping the focus on this column's choice. */
  g_signal_handlers_disconnect_by_data (old, preview);
  show_preview (preview);
  if (preview->column > 0)
    {
      GtkWidget *grid = adw_message_dialog_get_extra_child (preview->dialog);
      GtkWidget *grid_child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (grid));
      GtkWidget *again = gtk_grid_get_child_at (GTK_GRID (gtk_viewport_get_child (
                                                  GTK_VIEWPORT (grid_child))), 1,
                                                (int) preview->column - 1);

      if (again != NULL)
        gtk_widget_grab_focus (again);
    }
  gtk_window_destroy (GTK_WINDOW (old));
}

typedef struct
{
  Preview      *preview;      /* valid unless cancelled */
  GCancellable *cancellable;
} Check;

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Check *check = user_data;
  Preview *preview = check->preview;
  g_autoptr(GError) error = NULL;
  FasciaCsvImportCounts counts = { 0 };
  g_auto(GStrv) problems = NULL;
  gboolean ok;

  ok = fascia_store_check_csv_import_finish (FASCIA_STORE (source), result, &counts, &problems,
                                             &error);
  /* A check overtaken by another change, or by the dialog closing, shows nothing. */
  if (g_cancellable_is_cancelled (check->cancellable))
    {
      g_object_unref (check->cancellable);
      g_free (check);
      return;
    }
  g_clear_object (&preview->checking);
  g_object_unref (check->cancellable);
  g_free (check);

  clear_check (preview);
  preview->checked = TRUE;
  preview->check_ok = ok;
  preview->check_counts = counts;
  preview->check_problems = g_steal_pointer (&problems);
  preview->check_error = g_steal_pointer (&error);
  if (preview->dialog != NULL)
    refresh_preview (preview);
}

/* The rows checked again for the mapping now shown, in a worker on a connection of its own
 * (a lookup a row: seconds for a large file), on a copy of the mapping that the user may go
 * on changing meanwhile. */
static void
start_check (Preview *preview)
{
  g_autoptr(FasciaCsvImport) copy = fascia_csv_import_copy (preview->import);
  Check *check = g_new0 (Check, 1);

  if (preview->checking != NULL)
    g_cancellable_cancel (preview->checking);
  g_clear_object (&preview->checking);
  clear_check (preview);

  preview->checking = g_cancellable_new ();
  check->preview = preview;
  check->cancellable = g_object_ref (preview->checking);
  fascia_store_check_csv_import_async (preview->store, copy, FASCIA_DUPLICATES_SKIP,
                                       preview->checking, NULL, NULL, check_done_cb, check);
}

static void
column_field_changed_cb (GtkDropDown *drop_down,
                         GParamSpec  *pspec,
                         Preview     *preview)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (drop_down), "column"));
  guint field = gtk_drop_down_get_selected (drop_down);

  if (field >= FASCIA_CSV_N_FIELDS ||
      field == (guint) fascia_csv_import_get_field (preview->import, column))
    return;

  fascia_csv_import_set_field (preview->import, column, (FasciaCsvField) field);
  name_column_choice (GTK_WIDGET (drop_down), column,
                      fascia_csv_import_get_header (preview->import, column));
  preview->column = column + 1;
  start_check (preview);
  refresh_preview (preview);
}

/* A row per column of the file: its header, and the field it is imported as. */
static GtkWidget *
column_choices (Preview *preview)
{
  FasciaCsvImport *import = preview->import;
  guint n_columns = fascia_csv_import_get_n_columns (import);
  const char *labels[FASCIA_CSV_N_FIELDS + 1];
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  for (guint f = 0; f < FASCIA_CSV_N_FIELDS; f++)
    labels[f] = field_choice_label ((FasciaCsvField) f);
  labels[FASCIA_CSV_N_FIELDS] = NULL;

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  for (guint c = 0; c < n_columns; c++)
    {
      const char *header = fascia_csv_import_get_header (import, c);
      GtkWidget *label = gtk_label_new (NULL);
      GtkWidget *drop_down = gtk_drop_down_new_from_strings (labels);

      /* The header is the file's text: plain text, never markup. */
      gtk_label_set_text (GTK_LABEL (label), header);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (GTK_GRID (grid), label, 0, (int) c, 1, 1);

      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down),
                                  fascia_csv_import_get_field (import, c));
      g_object_set_data (G_OBJECT (drop_down), "column", GUINT_TO_POINTER (c));
      name_column_choice (drop_down, c, header);
      g_signal_connect (drop_down, "notify::selected", G_CALLBACK (column_field_changed_cb),
                        preview);
      gtk_grid_attach (GTK_GRID (grid), drop_down, 1, (int) c, 1, 1);
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), grid);
  gtk_accessible_update_property (GTK_ACCESSIBLE (scrolled), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Columns of the file"), -1);
  return scrolled;
}

static GtkWidget *
show_preview (Preview *preview)
{
  PreviewText text = { 0 };
  GtkRoot *root = gtk_widget_get_root (preview->widget);
  AdwMessageDialog *dialog;
  gboolean columns_ok;
  gboolean ambiguous;
  FasciaCsvImportCounts counts;

  preview_text (preview, &text);
  columns_ok = text.columns_ok;
  ambiguous = text.ambiguous;
  counts = text.counts;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Import Clients"), NULL));
  adw_message_dialog_set_body (dialog, text.body->str);
  g_string_free (text.body, TRUE);
  adw_message_dialog_set_extra_child (dialog, column_choices (preview));
  preview->dialog = dialog;
  preview->shape = preview_shape (&text);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (ambiguous)
    {
      adw_message_dialog_add_response (dialog, "dmy", _("Dates _Day First"));
      adw_message_dialog_add_response (dialog, "mdy", _("Dates _Month First"));
    }
  if (columns_ok && counts.n_bad == 0 && counts.n_skipped > 0)
    adw_message_dialog_add_response (dialog, "merge", _("_Merge Duplicates"));
  adw_message_dialog_add_response (dialog, "import",
                                   counts.n_skipped > 0 ? _("_Skip Duplicates") : _("_Import"));
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "import", !text.pending && columns_ok
                                                             && counts.n_bad == 0);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (preview_response_cb), preview);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

/**
 * fascia_records_preview_clients:
 *
 * Reads @file and shows what importing it would do: its columns and how they map, its first
 * rows, how many clients will be imported, the duplicates, and each row that cannot be
 * imported and why; the user imports, merges duplicates, or cancels.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL if the file could not be read
 *   (an error dialog says why)
 */
GtkWidget *
fascia_records_preview_clients (GtkWidget   *widget,
                                FasciaStore *store,
                                GFile       *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(FasciaCsvImport) import = NULL;
  Preview *preview;

  if ((path = local_path (file, &error)) == NULL ||
      (bytes = fascia_file_read_bounded (path, MAX_IMPORT_SIZE, &error)) == NULL ||
      (import = fascia_csv_import_new (bytes, &error)) == NULL)
    {
      fascia_ui_show_error (widget, _("Could not read the file"), error);
      return NULL;
    }

  preview = g_new0 (Preview, 1);
  preview->widget = g_object_ref (widget);
  preview->store = g_object_ref (store);
  preview->import = g_steal_pointer (&import);
  preview->name = g_file_get_basename (file);
  /* The caller asked for the preview at once: its rows checked here, once. */
  preview->check_ok = fascia_store_check_csv_import (store, preview->import,
                                                     FASCIA_DUPLICATES_SKIP,
                                                     &preview->check_counts,
                                                     &preview->check_problems,
                                                     &preview->check_error);
  preview->checked = TRUE;
  return show_preview (preview);
}

/* The file read and its rows parsed in a worker (then checked in another, preview_checked_cb):
 * a file of 100,000 rows takes seconds, and the window goes on answering meanwhile. A dialog
 * says so, with how far the check is and Cancel (shown once it has taken longer than a
 * glance): the window showed nothing between the file chosen and its preview, ten seconds
 * and more for 60,000 rows, as if the file had not been taken. */
static void
preview_read_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  FasciaCsvImport *import = NULL;

  if ((bytes = fascia_file_read_bounded (path, MAX_IMPORT_SIZE, &error)) == NULL ||
      (import = fascia_csv_import_new (bytes, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, import, g_object_unref);
}

static gboolean
preview_reading_over (GTask        *task,
                      const GError *error)
{
  return work_reading_over (g_object_get_data (G_OBJECT (task), "work"), error);
}

/* The rows checked for duplicates and bad values, on a connection of the worker's own: the
 * import's own work done and rolled back, seconds for a large file, and the window goes on
 * answering. */
static void
preview_checked_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Preview *preview = g_object_get_data (G_OBJECT (task), "preview");

  preview->check_ok = fascia_store_check_csv_import_finish (FASCIA_STORE (source), result,
                                                            &preview->check_counts,
                                                            &preview->check_problems,
                                                            &preview->check_error);
  preview->checked = TRUE;
  if (preview_reading_over (task, preview->check_error))
    {
      preview_free (preview);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  g_task_return_pointer (task, show_preview (preview), NULL);
}

static void
preview_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkWidget *widget = g_task_get_source_object (task);
  Work *work = g_object_get_data (G_OBJECT (task), "work");
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaCsvImport) import = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr(FasciaCsvImport) copy = NULL;
  Preview *preview;

  if (import == NULL || g_cancellable_is_cancelled (work->cancellable))
    {
      if (!preview_reading_over (task, error))
        fascia_ui_show_error (widget, _("Could not read the file"), error);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  preview = g_new0 (Preview, 1);
  preview->widget = g_object_ref (widget);
  preview->store = g_object_ref (g_task_get_task_data (task));
  preview->import = g_steal_pointer (&import);
  preview->name = g_strdup (g_object_get_data (G_OBJECT (task), "name"));
  g_object_set_data (G_OBJECT (task), "preview", preview);
  /* On a copy, as every check: the worker detects the date order, the window may go on. */
  copy = fascia_csv_import_copy (preview->import);
  fascia_store_check_csv_import_async (preview->store, copy, FASCIA_DUPLICATES_SKIP,
                                       work->cancellable, work_progress_cb, work,
                                       preview_checked_cb, g_steal_pointer (&task));
}

/**
 * fascia_records_preview_clients_async:
 *
 * As fascia_records_preview_clients(), with the file read and parsed, and its rows checked for
 * duplicates, in worker threads, a dialog with its progress and Cancel showing meanwhile;
 * @callback is called once the preview (or an error dialog) shows, or the reading was
 * cancelled (the dialog's Cancel, or the window closed).
 */
void
fascia_records_preview_clients_async (GtkWidget           *widget,
                                      FasciaStore         *store,
                                      GFile               *file,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = local_path (file, &error);
  GTask *task = g_task_new (widget, NULL, callback, user_data);
  g_autoptr(GTask) read = NULL;
  Work *work;

  g_task_set_source_tag (task, fascia_records_preview_clients_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  if (path == NULL)
    {
      fascia_ui_show_error (widget, _("Could not read the file"), error);
      g_task_return_pointer (task, NULL, NULL);
      g_object_unref (task);
      return;
    }

  work = work_new_reading (widget, store, _("Import Clients"), file);
  g_object_set_data_full (G_OBJECT (task), "work", work, (GDestroyNotify) work_free);
  g_object_set_data_full (G_OBJECT (task), "name", g_file_get_basename (file), g_free);

  read = g_task_new (NULL, work->cancellable, preview_read_cb, task);
  g_task_set_task_data (read, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (read, preview_read_thread);
}

/**
 * fascia_records_preview_clients_finish:
 *
 * Returns: (transfer none) (nullable): the preview dialog, or %NULL if the file could not be
 *   read (an error dialog says why)
 */
GtkWidget *
fascia_records_preview_clients_finish (GtkWidget    *widget,
                                       GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, widget), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}

static void
import_clients_chosen (GtkWidget      *widget,
                       FasciaStore    *store,
                       gint64          client_id,
                       GFile          *file,
                       GtkFileChooser *chooser)
{
  fascia_records_preview_clients_async (widget, store, file, NULL, NULL);
}

void
fascia_records_import_clients (GtkWidget   *widget,
                               FasciaStore *store)
{
  GtkFileChooser *chooser = choose_file (widget, store, 0, _("Import Clients"),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL,
                                         import_clients_chosen);

  add_filter (chooser, _("CSV and text files"), "*.[cCtT][sSxX][vVtT]");
}

/* Import FHIR… */

static gboolean
import_fhir_bytes (FasciaStore             *store,
                   GBytes                  *bytes,
                   FasciaFhirDuplicates     duplicates,
                   FasciaFhirImportCounts  *counts,
                   char                   **kept,
                   GError                 **error)
{
  g_autofree char *copy = NULL;

  if ((copy = safety_copy (store, error)) == NULL ||
      !fascia_fhir_import (store, bytes, duplicates, counts, error))
    return FALSE;

  *kept = g_steal_pointer (&copy);
  return TRUE;
}

/**
 * fascia_records_import_fhir_file:
 * @duplicates: what to do with a patient who is already a client
 * @kept: (out): where the database was copied before the import
 *
 * Imports a FHIR bundle written by Fascia, all or nothing, after a safety copy.
 */
gboolean
fascia_records_import_fhir_file (GtkWidget             *widget,
                                 FasciaStore           *store,
                                 GFile                 *file,
                                 FasciaFhirDuplicates   duplicates,
                                 char                 **kept,
                                 GError               **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  return (path = local_path (file, error)) != NULL &&
         (bytes = fascia_file_read_bounded (path, MAX_IMPORT_SIZE, error)) != NULL &&
         import_fhir_bytes (store, bytes, duplicates, NULL, kept, error);
}

static void
fhir_imported (GtkWidget                    *widget,
               const FasciaFhirImportCounts *counts,
               const char                   *kept)
{
  g_autofree char *name = g_path_get_basename (kept);
  g_autofree char *text = NULL;

  if (counts->n_merged == 0 && counts->n_skipped == 0)
    /* Translators: after a FHIR import; %s is the name of the safety copy */
    text = g_strdup_printf (_("Records imported; the database before is kept as %s"), name);
  else
    /* Translators: after a FHIR import; the numbers of clients added, merged and skipped,
     * then the name of the safety copy */
    text = g_strdup_printf (_("Records imported: %u added, %u merged, %u skipped; the database "
                              "before is kept as %s"),
                            counts->n_added, counts->n_merged, counts->n_skipped, name);
  fascia_ui_toast (widget, text);
}

/* The bundle is imported in a worker, on a connection of its own, after a safety copy made
 * in a worker too: a bundle of thousands of clients held the window for seconds. Cancel, or
 * the window closing, stops it at its next entry, and it imports nothing. */

static gboolean
fhir_poll_cb (gpointer user_data)
{
  Work *work = user_data;

  if (work->dialog != NULL)
    gtk_progress_bar_set_fraction (work->bar, g_atomic_int_get (&work->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
fhir_import_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Work *work = user_data;
  g_autoptr(GError) error = NULL;
  FasciaFhirImportCounts counts = { 0 };

  fascia_fhir_import_finish (FASCIA_STORE (source), result, &counts, &error);
  g_clear_handle_id (&work->poll_id, g_source_remove);
  if (work_done (work, error, _("Could not import the records")))
    fhir_imported (work->widget, &counts, work->kept);
  work_free (work);
}

static void
start_fhir_import_worker (Work *work)
{
  gtk_progress_bar_set_fraction (work->bar, 0);
  gtk_progress_bar_set_text (work->bar, _("Importing…"));
  work->poll_id = g_timeout_add (100, fhir_poll_cb, work);
  fascia_fhir_import_async (work->store, work->bundle, work->fhir_duplicates, work->cancellable,
                            &work->permille, fhir_import_done_cb, work);
}

/* Imports @bundle in a worker, after a safety copy; returns the progress dialog. */
static GtkWidget *
start_fhir_import (GtkWidget            *widget,
                   FasciaStore          *store,
                   GBytes               *bundle,
                   FasciaFhirDuplicates  duplicates)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = safety_copy_path (store, &error);
  Work *work;

  if (path == NULL)
    {
      fascia_ui_show_error (widget, _("Could not import the records"), error);
      return NULL;
    }

  /* Read in, here, before the worker checks the bundle's atlas ids against it. */
  fascia_ui_get_atlas ();
  work = work_new (widget, store, _("Import FHIR Records"),
                   _("Keeping a copy of the database…"));
  work_hold_window (work);
  work->bundle = g_bytes_ref (bundle);
  work->fhir_duplicates = duplicates;
  work->after_copy = start_fhir_import_worker;
  work->failure = _("Could not import the records");
  fascia_store_backup_async (store, path, work->cancellable, work_progress_cb, work,
                             safety_copy_done_cb, work);
  return work->dialog;
}

typedef struct
{
  GtkWidget   *widget;
  FasciaStore *store;
  GBytes      *bytes;
} FhirImport;

static void
fhir_import_free (FhirImport *job)
{
  g_object_unref (job->widget);
  g_object_unref (job->store);
  g_bytes_unref (job->bytes);
  g_free (job);
}

static void
fhir_duplicates_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             FhirImport       *job)
{
  FasciaFhirDuplicates duplicates;

  if (!fascia_fhir_duplicates_from_string (response, &duplicates))
    return;
  start_fhir_import (job->widget, job->store, job->bytes, duplicates);
}

/* The most duplicates the dialog names; it counts the others. */
#define MAX_LISTED_DUPLICATES 8

static GtkWidget *
show_fhir_duplicates (GtkWidget   *widget,
                      FasciaStore *store,
                      GBytes      *bytes,
                      GPtrArray   *duplicates)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  g_autoptr(GString) body = g_string_new (NULL);
  FhirImport *job = g_new0 (FhirImport, 1);

  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                             "%u patient of this file is already a client:",
                                             "%u patients of this file are already clients:",
                                             duplicates->len),
                          duplicates->len);
  for (guint i = 0; i < duplicates->len && i < MAX_LISTED_DUPLICATES; i++)
    {
      FasciaClient *client = g_ptr_array_index (duplicates, i);
      const char *birth = fascia_client_get_date_of_birth (client);

      g_string_append_printf (body, "\n• %s", fascia_client_get_name (client));
      if (birth != NULL && birth[0] != '\0')
        {
          g_autofree char *shown = fascia_ui_format_stored_date (birth);

          /* Translators: after a client's name in a list; %s is the date of birth */
          g_string_append_printf (body, _(", born %s"), shown);
        }
      else if (fascia_client_get_email (client)[0] != '\0')
        g_string_append_printf (body, ", %s", fascia_client_get_email (client));
    }
  if (duplicates->len > MAX_LISTED_DUPLICATES)
    g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "\n• and %u more",
                                               "\n• and %u more",
                                               duplicates->len - MAX_LISTED_DUPLICATES),
                            duplicates->len - MAX_LISTED_DUPLICATES);
  g_string_append (body, "\n\n");
  g_string_append (body, _("Skip leaves these clients as they are. Merge keeps each client and "
                           "adds what the file has that the client lacks — empty details, "
                           "plans and visits not there yet — without changing any text already "
                           "written. Add makes a second client for each."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Clients Already There"), NULL));
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "add", _("_Add"));
  adw_message_dialog_add_response (dialog, "merge", _("_Merge"));
  adw_message_dialog_add_response (dialog, "skip", _("_Skip"));
  adw_message_dialog_set_response_appearance (dialog, "skip", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  job->widget = g_object_ref (widget);
  job->store = g_object_ref (store);
  job->bytes = g_bytes_ref (bytes);
  g_signal_connect_data (dialog, "response", G_CALLBACK (fhir_duplicates_response_cb), job,
                         (GClosureNotify) fhir_import_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

/**
 * fascia_records_open_fhir:
 *
 * Reads the FHIR bundle @file and imports it in a worker, with a dialog that shows how far it
 * is and can cancel it (then nothing is imported), after a safety copy; when patients in it
 * are already clients, a dialog names them first and lets the user skip, merge or add them
 * (or cancel).
 *
 * Returns: (transfer none) (nullable): that question or the progress dialog, or %NULL when
 *   the bundle was refused (an error dialog says why)
 */
GtkWidget *
fascia_records_open_fhir (GtkWidget   *widget,
                          FasciaStore *store,
                          GFile       *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) duplicates = NULL;

  if ((path = local_path (file, &error)) == NULL ||
      (bytes = fascia_file_read_bounded (path, MAX_IMPORT_SIZE, &error)) == NULL ||
      (duplicates = fascia_fhir_find_duplicates (store, bytes, &error)) == NULL)
    {
      fascia_ui_show_error (widget, _("Could not import the records"), error);
      return NULL;
    }

  if (duplicates->len > 0)
    return show_fhir_duplicates (widget, store, bytes, duplicates);

  return start_fhir_import (widget, store, bytes, FASCIA_FHIR_DUPLICATES_REFUSE);
}

/* The bundle read, parsed and looked over for patients already clients in workers (seconds
 * for a clinic's records: 48 MB, 100,000 patients, took 6 to 8 s), with a dialog that says
 * so and has Cancel, shown once it takes longer than a glance: all of it ran on the window's
 * thread, which froze without a word until it was done. */
typedef struct
{
  Work   *work;
  GBytes *bytes;
} FhirOpen;

static void
fhir_open_free (FhirOpen *open)
{
  work_free (open->work);
  g_clear_pointer (&open->bytes, g_bytes_unref);
  g_free (open);
}

static void
read_bytes_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = fascia_file_read_bounded (task_data, MAX_IMPORT_SIZE, &error);

  if (bytes == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
fhir_duplicates_found_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FhirOpen *open = g_task_get_task_data (task);
  GtkWidget *widget = open->work->widget;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) duplicates = fascia_fhir_find_duplicates_finish (FASCIA_STORE (source),
                                                                        result, &error);

  if (work_reading_over (open->work, error))
    g_task_return_pointer (task, NULL, NULL);
  else if (duplicates == NULL)
    {
      fascia_ui_show_error (widget, _("Could not import the records"), error);
      g_task_return_pointer (task, NULL, NULL);
    }
  else if (duplicates->len > 0)
    g_task_return_pointer (task, show_fhir_duplicates (widget, open->work->store, open->bytes,
                                                       duplicates), NULL);
  else
    g_task_return_pointer (task, start_fhir_import (widget, open->work->store, open->bytes,
                                                    FASCIA_FHIR_DUPLICATES_REFUSE), NULL);
}

static void
fhir_bytes_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FhirOpen *open = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  open->bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (open->bytes == NULL || g_cancellable_is_cancelled (open->work->cancellable))
    {
      if (!work_reading_over (open->work, error))
        fascia_ui_show_error (open->work->widget, _("Could not import the records"), error);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  fascia_fhir_find_duplicates_async (open->work->store, open->bytes, open->work->cancellable,
                                     fhir_duplicates_found_cb, g_steal_pointer (&task));
}

/**
 * fascia_records_open_fhir_async:
 *
 * As fascia_records_open_fhir(), with the bundle read and looked over in workers while a
 * dialog says so (with Cancel); @callback is called once what comes next shows (the
 * duplicates' question, the import's progress or an error), or the reading was cancelled.
 */
void
fascia_records_open_fhir_async (GtkWidget           *widget,
                                FasciaStore         *store,
                                GFile               *file,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = local_path (file, &error);
  g_autoptr(GTask) task = g_task_new (widget, NULL, callback, user_data);
  g_autoptr(GTask) read = NULL;
  FhirOpen *open;

  g_task_set_source_tag (task, fascia_records_open_fhir_async);
  if (path == NULL)
    {
      fascia_ui_show_error (widget, _("Could not import the records"), error);
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  /* Read in, here, before the worker checks the bundle's atlas ids against it. */
  fascia_ui_get_atlas ();
  open = g_new0 (FhirOpen, 1);
  open->work = work_new_reading (widget, store, _("Import FHIR Records"), file);
  work_pulse (open->work);
  g_task_set_task_data (task, open, (GDestroyNotify) fhir_open_free);

  read = g_task_new (NULL, open->work->cancellable, fhir_bytes_read_cb, g_steal_pointer (&task));
  g_task_set_task_data (read, g_steal_pointer (&path), g_free);
  g_task_run_in_thread (read, read_bytes_thread);
}

/**
 * fascia_records_open_fhir_finish:
 *
 * Returns: (transfer none) (nullable): as fascia_records_open_fhir()
 */
GtkWidget *
fascia_records_open_fhir_finish (GtkWidget    *widget,
                                 GAsyncResult *result)
{
  g_return_val_if_fail (g_task_is_valid (result, widget), NULL);

  return g_task_propagate_pointer (G_TASK (result), NULL);
}

static void
import_fhir_chosen (GtkWidget      *widget,
                    FasciaStore    *store,
                    gint64          client_id,
                    GFile          *file,
                    GtkFileChooser *chooser)
{
  fascia_records_open_fhir_async (widget, store, file, NULL, NULL);
}

void
fascia_records_import_fhir (GtkWidget   *widget,
                            FasciaStore *store)
{
  GtkFileChooser *chooser = choose_file (widget, store, 0, _("Import FHIR Records"),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL,
                                         import_fhir_chosen);

  add_filter (chooser, _("FHIR bundles (JSON)"), "*.json");
}

/* Export… */

/* What Export… writes: a table for a spreadsheet (@kind), the clients as vCards, or a FHIR R4
 * bundle of all records or one client's (@client_id). */
static GBytes *
export_bytes (FasciaStore           *store,
              FasciaAtlas           *atlas,
              gint64                 client_id,
              FasciaRecordsFormat    format,
              FasciaCsvExportKind    kind,
              FasciaCsvExportFlags   flags,
              GCancellable          *cancellable,
              FasciaStoreProgressFunc progress,
              gpointer               progress_data,
              GError               **error)
{
  if (client_id == 0 && format == FASCIA_RECORDS_CSV)
    return fascia_csv_export_full (store, atlas, kind, flags, cancellable, progress,
                                   progress_data, NULL, error);
  if (client_id == 0 && format == FASCIA_RECORDS_VCARD)
    return fascia_vcard_export (store, NULL, error);
  return fascia_fhir_export (store, atlas, client_id, error);
}

/**
 * fascia_records_export_file:
 * @client_id: one client, or 0 for all
 *
 * Writes the records to @file in the format its name asks for: `.csv` the clients as CSV,
 * `.vcf` as vCards, anything else a FHIR R4 bundle.
 */
gboolean
fascia_records_export_file (FasciaStore  *store,
                            gint64        client_id,
                            GFile        *file,
                            GError      **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if ((path = local_path (file, error)) == NULL)
    return FALSE;

  bytes = export_bytes (store, fascia_ui_get_atlas (), client_id,
                        g_str_has_suffix (path, ".csv") ? FASCIA_RECORDS_CSV
                        : g_str_has_suffix (path, ".vcf") ? FASCIA_RECORDS_VCARD
                        : FASCIA_RECORDS_FHIR, FASCIA_CSV_EXPORT_CLIENTS, FASCIA_CSV_EXPORT_BOM, NULL, NULL, NULL,
                        error);
  return bytes != NULL &&
         fascia_file_write_contents (path, g_bytes_get_data (bytes, NULL),
                                     g_bytes_get_size (bytes), FASCIA_FILE_WRITE_PRIVATE, error);
}

/* An export in a worker, on a connection of its own; the dialog's bar follows it. */
typedef struct _ExportJob
{
  FasciaStore          *store;
  char                 *path;
  FasciaAtlas          *atlas;
  gint64                client_id;
  FasciaRecordsFormat   format;
  FasciaCsvExportKind   kind;
  FasciaCsvExportFlags  flags;
  FasciaPrintSetup      setup;     /* a chart's letterhead and paper, read on the window's thread */
  gint                  permille;  /* how far, written by the worker */
} ExportJob;

static void
export_job_free (struct _ExportJob *job)
{
  g_clear_object (&job->store);
  g_free (job->path);
  fascia_print_setup_clear (&job->setup);
  g_free (job);
}

static void
export_progress_cb (double   fraction,
                    gpointer user_data)
{
  ExportJob *job = user_data;

  g_atomic_int_set (&job->permille, (gint) (fraction * 1000));
}

static GBytes *
export_read (FasciaStore   *reader,
             GCancellable  *cancellable,
             gpointer       data,
             GError       **error)
{
  ExportJob *job = data;

  if (job->format == FASCIA_RECORDS_CHART)
    {
      FasciaLetterhead letterhead = fascia_print_setup_get_letterhead (&job->setup);
      g_autoptr(FasciaHandout) chart = fascia_handout_new_for_chart (reader, job->atlas,
                                                                     job->client_id,
                                                                     &letterhead, error);

      return chart != NULL ? fascia_handout_to_pdf (chart, job->setup.paper, error) : NULL;
    }
  return export_bytes (reader, job->atlas, job->client_id, job->format, job->kind, job->flags,
                       cancellable, export_progress_cb, job, error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autoptr(GError) error = NULL;

  /* On a connection of its own, which Cancel or a silent server ends; nothing is written
   * then, and nothing half. */
  if (fascia_store_export_file (job->store, job->path, export_read, job, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
export_poll_cb (gpointer user_data)
{
  Work *work = user_data;
  ExportJob *job = work->export;

  /* A chart is laid out whole before it is written: how far it is cannot be told. */
  if (job->format == FASCIA_RECORDS_CHART)
    gtk_progress_bar_pulse (work->bar);
  else
    gtk_progress_bar_set_fraction (work->bar, g_atomic_int_get (&job->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Work *work = user_data;
  g_autoptr(GError) error = NULL;

  gboolean chart = work->export->format == FASCIA_RECORDS_CHART;

  g_task_propagate_boolean (G_TASK (result), &error);
  g_clear_handle_id (&work->poll_id, g_source_remove);
  if (work_done (work, error, chart ? _("Could not export the chart")
                                    : _("Could not export the records")))
    fascia_ui_toast (work->widget, chart ? _("Chart exported") : _("Records exported"));
  work_free (work);
}

/**
 * fascia_records_export_to:
 * @client_id: one client, or 0 for all
 * @format: FHIR (all records, or @client_id's), CSV or vCards (all clients), or @client_id's chart
 * @kind: which table a CSV file holds
 * @flags: a byte order mark or not, for a CSV file
 *
 * Writes the records to @file, in a worker, with a
 * dialog that shows how far it is and can cancel it (then no file is written).
 *
 * Returns: (transfer none) (nullable): the progress dialog, or %NULL if @file is not local
 *   (an error dialog says so)
 */
GtkWidget *
fascia_records_export_to (GtkWidget            *widget,
                          FasciaStore          *store,
                          gint64                client_id,
                          GFile                *file,
                          FasciaRecordsFormat   format,
                          FasciaCsvExportKind   kind,
                          FasciaCsvExportFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = local_path (file, &error);
  g_autoptr(GTask) task = NULL;
  ExportJob *job;
  Work *work;

  if (path == NULL)
    {
      fascia_ui_show_error (widget, format == FASCIA_RECORDS_CHART ? _("Could not export the chart")
                                                                   : _("Could not export the records"),
                            error);
      return NULL;
    }

  job = g_new0 (ExportJob, 1);
  job->store = g_object_ref (store);
  job->path = g_steal_pointer (&path);
  job->atlas = fascia_ui_get_atlas ();
  job->client_id = client_id;
  job->format = format;
  job->kind = kind;
  job->flags = flags;
  if (format == FASCIA_RECORDS_CHART)
    fascia_print_setup_load (&job->setup);

  work = work_new (widget, store,
                   format == FASCIA_RECORDS_CHART ? _("Export Chart") : _("Export Records"),
                   _("Exporting…"));
  work_stop_with_window (work);
  work->export = job;
  work->poll_id = g_timeout_add (100, export_poll_cb, work);
  task = g_task_new (NULL, work->cancellable, export_done_cb, work);
  g_task_set_task_data (task, job, NULL);  /* the work owns it, and outlives the task */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, export_thread);
  return work->dialog;
}

/* The client's name, fit for a file name. */
static char *
client_file_name (FasciaStore *store,
                  gint64       client_id)
{
  g_autoptr(FasciaClient) client = fascia_store_get_client (store, client_id, NULL);

  /* While names are hidden, the client's number (a file name outlives the screen). */
  return fascia_ui_client_file_name (client, fascia_ui_names_hidden ());
}

/* What the Export… dialog offers, in its order. */
static const struct
{
  FasciaRecordsFormat  format;
  FasciaCsvExportKind  kind;
  const char          *label;
  const char          *file_name;  /* offered in the file chooser */
  const char          *filter;
  const char          *pattern;
} export_choices[] = {
  { FASCIA_RECORDS_FHIR, 0, N_("All records as a FHIR R4 bundle, for another practice tool"),
    N_("Clinic records.json"), N_("FHIR R4 bundle (.json)"), "*.json" },
  { FASCIA_RECORDS_CSV, FASCIA_CSV_EXPORT_CLIENTS, N_("Clients, for a spreadsheet"),
    N_("Clients.csv"), N_("Spreadsheet (.csv)"), "*.csv" },
  { FASCIA_RECORDS_CSV, FASCIA_CSV_EXPORT_VISITS,
    N_("Visits, with pain scores and treated muscles, for a spreadsheet"), N_("Visits.csv"),
    N_("Spreadsheet (.csv)"), "*.csv" },
  { FASCIA_RECORDS_CSV, FASCIA_CSV_EXPORT_PAIN_MARKS,
    N_("Pain marks of the body charts, for a spreadsheet"), N_("Pain marks.csv"),
    N_("Spreadsheet (.csv)"), "*.csv" },
  { FASCIA_RECORDS_VCARD, 0, N_("Clients as contacts (vCard)"), N_("Clients.vcf"),
    N_("Contacts (.vcf)"), "*.vcf" },
};

static void
export_chosen (GtkWidget      *widget,
               FasciaStore    *store,
               gint64          client_id,
               GFile          *file,
               GtkFileChooser *chooser)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "fascia-export-choice"));
  gboolean bom = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "fascia-export-bom"));

  fascia_records_export_to (widget, store, client_id, file, export_choices[i].format,
                            export_choices[i].kind,
                            bom ? FASCIA_CSV_EXPORT_BOM : FASCIA_CSV_EXPORT_NONE);
}

/* The file chooser for export choice @i. */
static void
choose_export_file (GtkWidget   *widget,
                    FasciaStore *store,
                    guint        i,
                    gboolean     bom)
{
  GtkFileChooser *chooser = choose_file (widget, store, 0, _("Export Records"),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _(export_choices[i].file_name), export_chosen);

  g_object_set_data (G_OBJECT (chooser), "fascia-export-choice", GUINT_TO_POINTER (i));
  g_object_set_data (G_OBJECT (chooser), "fascia-export-bom", GUINT_TO_POINTER (bom));
  add_filter (chooser, _(export_choices[i].filter), export_choices[i].pattern);
}

typedef struct
{
  GtkWidget   *widget;
  FasciaStore *store;
  GtkWidget   *buttons[G_N_ELEMENTS (export_choices)];
  GtkWidget   *bom;
} ExportChoice;

static void
export_choice_free (ExportChoice *choice)
{
  g_clear_object (&choice->widget);
  g_clear_object (&choice->store);
  g_free (choice);
}

static void
export_choice_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           ExportChoice     *choice)
{
  if (g_str_equal (response, "choose"))
    for (guint i = 0; i < G_N_ELEMENTS (export_choices); i++)
      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (choice->buttons[i])))
        {
          choose_export_file (choice->widget, choice->store, i,
                              gtk_check_button_get_active (GTK_CHECK_BUTTON (choice->bom)));
          break;
        }

  export_choice_free (choice);
}

/* The byte order mark is a spreadsheet file's. */
static void
export_choice_toggled_cb (GtkCheckButton *button,
                          ExportChoice   *choice)
{
  gboolean csv = FALSE;

  if (choice->bom == NULL)
    return;  /* still being built */
  for (guint i = 0; i < G_N_ELEMENTS (export_choices); i++)
    csv |= export_choices[i].format == FASCIA_RECORDS_CSV &&
           gtk_check_button_get_active (GTK_CHECK_BUTTON (choice->buttons[i]));
  gtk_widget_set_sensitive (choice->bom, csv);
}

/**
 * fascia_records_export_dialog:
 *
 * The Export… dialog: what to export (all records as FHIR, clients, visits or pain marks for
 * a spreadsheet, contacts), and for a spreadsheet whether the file starts with a byte order
 * mark; then a file chooser, then the export in a worker.
 *
 * Returns: (transfer none): the dialog
 */
GtkWidget *
fascia_records_export_dialog (GtkWidget   *widget,
                              FasciaStore *store)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  ExportChoice *choice = g_new0 (ExportChoice, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  AdwMessageDialog *dialog;

  choice->widget = g_object_ref (widget);
  choice->store = g_object_ref (store);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Export Records"),
                                                       _("What to export:")));
  for (guint i = 0; i < G_N_ELEMENTS (export_choices); i++)
    {
      choice->buttons[i] = gtk_check_button_new_with_label (_(export_choices[i].label));
      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (choice->buttons[i]),
                                    GTK_CHECK_BUTTON (choice->buttons[0]));
      g_signal_connect (choice->buttons[i], "toggled", G_CALLBACK (export_choice_toggled_cb),
                        choice);
      gtk_box_append (GTK_BOX (box), choice->buttons[i]);
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (choice->buttons[0]), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What to export"), -1);

  /* Excel reads a CSV file as UTF-8 only with the mark; some other programs show it. */
  choice->bom = gtk_check_button_new_with_label (_("Start the spreadsheet file with a byte "
                                                   "order mark, for Excel"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (choice->bom), TRUE);
  gtk_widget_set_sensitive (choice->bom, FALSE);
  gtk_widget_set_margin_top (choice->bom, 12);
  gtk_box_append (GTK_BOX (box), choice->bom);

  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "choose", _("_Choose File…"));
  adw_message_dialog_set_response_appearance (dialog, "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "choose");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (export_choice_response_cb), choice);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

void
fascia_records_export (GtkWidget   *widget,
                       FasciaStore *store,
                       gint64       client_id)
{
  g_autofree char *client = NULL;
  g_autofree char *name = NULL;
  GtkFileChooser *chooser;

  if (client_id == 0)
    {
      fascia_records_export_dialog (widget, store);
      return;
    }

  client = client_file_name (store, client_id);
  /* Translators: the file name offered for a client's records; %s is the client's name */
  name = g_strdup_printf (_("Records of %s.json"), client);
  chooser = choose_file (widget, store, client_id, _("Export FHIR Records"),
                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), name, export_chosen);
  g_object_set_data (G_OBJECT (chooser), "fascia-export-choice", GUINT_TO_POINTER (0));
  add_filter (chooser, _("FHIR R4 bundle (.json)"), "*.json");
}

/* Export Chart… */

/**
 * fascia_records_export_chart_file:
 *
 * Writes the client's chart as a PDF to @file with the letterhead and paper size from the
 * preferences, as the handouts and `fascia --export-chart` do.
 */
gboolean
fascia_records_export_chart_file (FasciaStore  *store,
                                  gint64        client_id,
                                  GFile        *file,
                                  GError      **error)
{
  g_autoptr(FasciaHandout) chart = NULL;
  g_autofree char *path = local_path (file, error);
  g_auto(FasciaPrintSetup) setup = { NULL };
  FasciaLetterhead letterhead;

  if (path == NULL)
    return FALSE;

  fascia_print_setup_load (&setup);
  letterhead = fascia_print_setup_get_letterhead (&setup);
  chart = fascia_handout_new_for_chart (store, fascia_ui_get_atlas (), client_id, &letterhead,
                                        error);
  return chart != NULL && fascia_handout_write_pdf (chart, path, setup.paper, error);
}

static void
chart_chosen (GtkWidget      *widget,
              FasciaStore    *store,
              gint64          client_id,
              GFile          *file,
              GtkFileChooser *chooser)
{
  /* In a worker, on a connection of its own: a chart of hundreds of visits takes a while, and
   * Cancel, or a clinic server silent for the job's answer time, ends it. */
  fascia_records_export_to (widget, store, client_id, file, FASCIA_RECORDS_CHART, 0,
                            FASCIA_CSV_EXPORT_NONE);
}

void
fascia_records_export_chart (GtkWidget   *widget,
                             FasciaStore *store,
                             gint64       client_id)
{
  g_autofree char *client = client_file_name (store, client_id);
  /* Translators: the file name offered for a client's chart; %s is the client's name */
  g_autofree char *name = g_strdup_printf (_("Chart of %s.pdf"), client);
  GtkFileChooser *chooser = choose_file (widget, store, client_id, _("Export Chart as PDF"),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), name,
                                         chart_chosen);

  add_filter (chooser, _("PDF documents"), "*.pdf");
}

/* Back Up Now… */

static void
back_up_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Work *work = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = fascia_store_backup_finish (FASCIA_STORE (source), result, &error);

  if (work_done (work, error, _("Could not back up the database")))
    fascia_ui_toast (work->widget, _("Backed up"));
  work_free (work);
}

/**
 * fascia_records_back_up_file:
 *
 * Backs the database up to @file in a worker, with a dialog that shows how far it is and
 * can cancel it; a toast or an error dialog says how it ended.
 *
 * Returns: (transfer none) (nullable): the progress dialog, or %NULL if @file is not local
 *   (an error dialog says so)
 */
GtkWidget *
fascia_records_back_up_file (GtkWidget   *widget,
                             FasciaStore *store,
                             GFile       *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = local_path (file, &error);
  Work *work;

  if (path == NULL)
    {
      fascia_ui_show_error (widget, _("Could not back up the database"), error);
      return NULL;
    }

  work = work_new (widget, store, _("Back Up the Client Database"), _("Copying…"));
  work_stop_with_window (work);
  fascia_store_backup_async (store, path, work->cancellable, work_progress_cb, work,
                             back_up_done_cb, work);
  return work->dialog;
}

static void
back_up_chosen (GtkWidget      *widget,
                FasciaStore    *store,
                gint64          client_id,
                GFile          *file,
                GtkFileChooser *chooser)
{
  fascia_records_back_up_file (widget, store, file);
}

void
fascia_records_back_up (GtkWidget   *widget,
                        FasciaStore *store)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Translators: the file name offered for a backup, see strftime(3) */
  g_autofree char *name = g_date_time_format (now, _("Fascia backup %Y-%m-%d.db"));

  choose_file (widget, store, 0, _("Back Up the Client Database"), GTK_FILE_CHOOSER_ACTION_SAVE,
               _("_Back Up"), name, back_up_chosen);
}

/* Restore… */

static void
restore_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Work *work = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = fascia_store_restore_finish (FASCIA_STORE (source), result, &error);

  if (work_done (work, error, _("Could not restore the records")))
    {
      GtkRoot *root = gtk_widget_get_root (work->widget);
      g_autofree char *name = g_path_get_basename (kept);
      /* Translators: after a restore; %s is the name of the safety copy */
      g_autofree char *text = g_strdup_printf (_("Restored; the records as they were are kept "
                                                 "as %s"), name);

      /* Every page shows the records of the backup now. */
      if (FASCIA_IS_WINDOW (root))
        fascia_window_reload_store (FASCIA_WINDOW (root));
      fascia_ui_toast (work->widget, text);
    }
  work_free (work);
}

typedef struct
{
  GtkWidget   *widget;
  FasciaStore *store;
  char        *path;
} Restore;

static void
restore_free (Restore *restore)
{
  g_clear_object (&restore->widget);
  g_clear_object (&restore->store);
  g_free (restore->path);
  g_free (restore);
}

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Restore          *restore)
{
  if (g_str_equal (response, "restore"))
    {
      Work *work = work_new (restore->widget, restore->store, _("Restore from Backup"),
                             _("Keeping a copy of the database, then restoring…"));

      work_hold_window (work);

      fascia_store_restore_async (restore->store, restore->path, work->cancellable,
                                  work_progress_cb, work, restore_done_cb, work);
    }
  restore_free (restore);
}

/**
 * fascia_records_restore_file:
 *
 * Checks @file as a backup, before anything changes: a file that is not a whole Fascia
 * database is refused, an error naming the file and why. Else asks, saying what the backup
 * holds (clients, visits, the last visit, when it was saved), whether to replace the records
 * with it; then keeps a copy of the database as it is and restores in a worker, with progress,
 * and the window shows the restored records.
 *
 * Returns: (transfer none) (nullable): the question, or %NULL if @file was refused
 */
GtkWidget *
fascia_records_restore_file (GtkWidget   *widget,
                             FasciaStore *store,
                             GFile       *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = local_path (file, &error);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *last = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *holds = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  FasciaBackupSummary summary = { 0 };
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  Restore *restore;

  if (path == NULL || !fascia_store_describe_backup (path, &summary, &error))
    {
      fascia_ui_show_error (widget, _("Could not restore the records"), error);
      return NULL;
    }

  /* Translators: what a backup holds, before a restore; %s is the file's name, %u a number */
  holds = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” holds %u client",
                                        "“%s” holds %u clients", summary.n_clients),
                           name, summary.n_clients);
  g_string_append (body, holds);
  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, " and %u visit",
                                             " and %u visits", summary.n_visits),
                          summary.n_visits);
  if (summary.last_visit != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (summary.last_visit);

      last = fascia_ui_format_date (local);
      /* Translators: after the number of visits a backup holds; %s is a date */
      g_string_append_printf (body, _(", the last on %s"), last);
    }
  g_string_append (body, ".");
  if (summary.modified != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (summary.modified);
      g_autofree char *day = fascia_ui_format_date (local);
      g_autofree char *time = g_date_time_format (local, "%H:%M");

      /* Translators: when a backup was saved; the first %s is a date, the second a time */
      g_string_append_printf (body, _(" It was saved on %s at %s."), day, time);
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("Restoring replaces every client, plan and visit in this database "
                           "with the backup’s. A copy of the database as it is now is kept in "
                           "its backups folder first."));
  fascia_backup_summary_clear (&summary);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Replace the Records with the Backup?"),
                                                       NULL));
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "restore", _("_Restore"));
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  restore = g_new0 (Restore, 1);
  restore->widget = g_object_ref (widget);
  restore->store = g_object_ref (store);
  restore->path = g_steal_pointer (&path);
  g_signal_connect (dialog, "response", G_CALLBACK (restore_response_cb), restore);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

static void
restore_chosen (GtkWidget      *widget,
                FasciaStore    *store,
                gint64          client_id,
                GFile          *file,
                GtkFileChooser *chooser)
{
  fascia_records_restore_file (widget, store, file);
}

void
fascia_records_restore (GtkWidget   *widget,
                        FasciaStore *store)
{
  GtkFileChooser *chooser = choose_file (widget, store, 0, _("Restore from Backup"),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL,
                                         restore_chosen);

  add_filter (chooser, _("Fascia backups (.db)"), "*.db");
  {
    g_autofree char *dir = fascia_store_get_backup_dir (store);
    g_autoptr(GFile) folder = g_file_new_for_path (dir);

    if (g_file_test (dir, G_FILE_TEST_IS_DIR))
      gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  }
}

/* Move to a Clinic Server… */

#define MOVE_OPEN_RESPONSE "open"

typedef struct
{
  Work *work;
  char *conninfo;
} Move;

static void
open_server_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         char             *conninfo)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_str_equal (response, MOVE_OPEN_RESPONSE) && FASCIA_IS_WINDOW (parent))
    {
      GtkApplication *app = gtk_window_get_application (parent);

      /* The window shows the server from now on; the file stays where it is. */
      if (FASCIA_IS_APPLICATION (app))
        fascia_application_set_database_path (FASCIA_APPLICATION (app), conninfo);
      fascia_window_reload_store (FASCIA_WINDOW (parent));
    }
}

static void
move_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Move *move = user_data;
  Work *work = move->work;
  g_autoptr(GError) error = NULL;
  g_autofree char *warning = NULL;
  gboolean moved = fascia_store_move_to_server_finish (FASCIA_STORE (source), result, &warning,
                                                       &error);

  if (work_done (work, moved ? NULL : error, _("Could not move the records to the server")))
    {
      GtkRoot *root = gtk_widget_get_root (work->widget);
      g_autofree char *body = NULL;
      AdwMessageDialog *dialog;

      /* Translators: after a move to a clinic server; %s says what could not be done after
       * it, or is empty */
      body = g_strdup_printf (_("Every record is on the server and was checked against this "
                                "file, which stays as it is. Open the server now? From then on "
                                "this window shows and saves the records there.%s%s"),
                              warning != NULL ? "\n\n" : "", warning != NULL ? warning : "");
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root)
                                                           ? GTK_WINDOW (root) : NULL,
                                                           _("Moved to the Clinic Server"),
                                                           NULL));
      adw_message_dialog_set_body (dialog, body);
      adw_message_dialog_add_responses (dialog, "stay", _("_Keep This File Open"),
                                        MOVE_OPEN_RESPONSE, _("_Open the Server"), NULL);
      adw_message_dialog_set_response_appearance (dialog, MOVE_OPEN_RESPONSE,
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, MOVE_OPEN_RESPONSE);
      adw_message_dialog_set_close_response (dialog, "stay");
      g_signal_connect_data (dialog, "response", G_CALLBACK (open_server_response_cb),
                             g_steal_pointer (&move->conninfo), (GClosureNotify) g_free, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
  work_free (work);
  g_free (move->conninfo);
  g_free (move);
}

/**
 * fascia_records_move_to_server_start:
 * @conninfo: the server's database, which must hold no records
 * @password: (nullable): the password typed in, when libpq's usual places do not hold it
 * @remember: keep @password in the keyring once the move has worked
 *
 * Copies every record to the server in a worker, with progress and Cancel; then offers to
 * open the server.
 *
 * Returns: (transfer none): the progress dialog.
 */
GtkWidget *
fascia_records_move_to_server_start (GtkWidget   *widget,
                                     FasciaStore *store,
                                     const char  *conninfo,
                                     const char  *password,
                                     gboolean     remember)
{
  Move *move = g_new0 (Move, 1);

  move->work = work_new (widget, store, _("Move to a Clinic Server"),
                         _("Copying and checking…"));
  work_hold_window (move->work);
  move->conninfo = g_strdup (conninfo);
  fascia_store_move_to_server_async (store, conninfo, password, remember,
                                     move->work->cancellable, work_progress_cb, move->work,
                                     move_done_cb, move);
  return move->work->dialog;
}

typedef struct
{
  GtkWidget            *widget;
  FasciaStore          *store;
  FasciaEntryRow       *server_row;
  FasciaEntryRow       *password_row;
  GtkCheckButton       *remember_check;
} MoveForm;

static void
move_form_free (MoveForm *form)
{
  g_clear_object (&form->widget);
  g_clear_object (&form->store);
  g_free (form);
}

static void
move_form_changed_cb (AdwMessageDialog *dialog)
{
  MoveForm *form = g_object_get_data (G_OBJECT (dialog), "form");
  const char *server = gtk_editable_get_text (GTK_EDITABLE (form->server_row));
  gboolean ok = fascia_store_is_server_database (server);

  adw_message_dialog_set_response_enabled (dialog, "move", ok);
  fascia_ui_field_set_error (GTK_WIDGET (form->server_row),
                             ok || *server == '\0'
                             ? NULL : _("A postgresql:// address, or host=… dbname=…"));
}

static void
move_form_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  MoveForm *form = g_object_get_data (G_OBJECT (dialog), "form");

  if (!g_str_equal (response, "move"))
    return;

  fascia_records_move_to_server_start (form->widget, form->store,
                                       gtk_editable_get_text (GTK_EDITABLE (form->server_row)),
                                       gtk_editable_get_text (GTK_EDITABLE (form->password_row)),
                                       gtk_check_button_get_active (form->remember_check));
  /* The typed password leaves no copy in the form. */
  gtk_editable_set_text (GTK_EDITABLE (form->password_row), "");
}

/**
 * fascia_records_move_to_server:
 *
 * "Move to a Clinic Server…" (Preferences): asks for the server and, if it needs one, a
 * password, then moves the records (fascia_records_move_to_server_start()).
 *
 * Returns: (transfer none): the dialog asking.
 */
GtkWidget *
fascia_records_move_to_server (GtkWidget   *widget,
                               FasciaStore *store)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  MoveForm *form = g_new0 (MoveForm, 1);
  AdwMessageDialog *dialog;
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  form->widget = g_object_ref (widget);
  form->store = g_object_ref (store);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Move to a Clinic Server"), NULL));
  adw_message_dialog_set_body (dialog,
                               _("Every record of this file is copied to an empty database on "
                                 "your clinic's PostgreSQL server (set up with --setup-clinic) "
                                 "and checked; this file stays as it is. The password comes "
                                 "from ~/.pgpass or the service file, or type it here."));
  g_object_set_data_full (G_OBJECT (dialog), "form", form, (GDestroyNotify) move_form_free);

  form->server_row = FASCIA_ENTRY_ROW (fascia_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->server_row), _("Server"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (form->server_row),
                               "postgresql://clinic.example.org/fascia?sslmode=verify-full");
  form->password_row = FASCIA_ENTRY_ROW (fascia_entry_row_new_password ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (form->password_row),
                                 _("Password (if the server asks for one)"));
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Clinic server"), -1);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (form->server_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (form->password_row));
  form->remember_check = GTK_CHECK_BUTTON (
    gtk_check_button_new_with_mnemonic (_("_Remember the password in the keyring")));
  gtk_check_button_set_active (form->remember_check, TRUE);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->remember_check));
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "move", _("_Move"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "move", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "move", FALSE);
  adw_message_dialog_set_default_response (dialog, "move");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_swapped (form->server_row, "changed", G_CALLBACK (move_form_changed_cb),
                            dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (move_form_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (form->server_row));
  return GTK_WIDGET (dialog);
}
