/* fascia-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia/fascia-atlas.h"
#include "fascia/fascia-chart.h"
#include "fascia/fascia-diagram.h"
#include "fascia/fascia-fhir.h"
#include "fascia/fascia-file-utils.h"
#include "fascia/fascia-muscle.h"
#include "fascia/fascia-plan-handout.h"
#include "fascia/fascia-records-export.h"
#include "fascia/fascia-render-info.h"
#include "fascia/fascia-store.h"

#include "fascia-cli.h"
#include "fascia-handout-export.h"

/*
 * The headless commands of the `fascia` binary. They run from
 * GApplication::handle-local-options, before the application registers or initialises
 * GTK, so they work with no display at all. Each command is one row of the table below:
 * its option, and a handler that returns an exit status and prints one line on error.
 */

typedef int (*FasciaCliHandler) (GVariantDict *options,
                                 const char   *database_path);

typedef struct
{
  const char       *long_name;
  FasciaCliHandler  handler;
} FasciaCliCommand;

/* GOption cannot pack an option whose argument is optional into the options dictionary,
 * so `--check-content [DIR]` goes through check_content_option_cb(), which records the
 * request here and puts it into the dictionary in fascia_cli_run(). */
static struct
{
  gboolean  requested;
  char     *directory;
} check_content_request;

#define MAX_WIDTH    16384
#define MAX_SVG_SIZE (32 * 1024 * 1024)

/* A message on one line, whatever the error quoted. */
static char *
one_line (const char *message)
{
  char *line = g_strdup (message);

  for (char *p = line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
  return line;
}

static int
fail (const GError *error)
{
  g_autofree char *message = one_line (error->message);

  g_printerr ("fascia: %s\n", message);
  return EXIT_FAILURE;
}

/* The exit status of a job that wrote to a clinic server whose COMMIT went unanswered, when
 * the server cannot tell yet whether it was done: neither done (0) nor failed (1). */
#define EXIT_UNSETTLED 3

/* An import's error, on one line, and its exit status: all or nothing, the import imported
 * nothing, and says so once, unless a clinic server left its COMMIT unanswered and cannot tell
 * yet whether it was done, which the message says (it may have been saved) and
 * EXIT_UNSETTLED tells a script. */
static int
import_failed (const char   *path,
               const GError *error)
{
  g_autofree char *message = one_line (error->message);

  if (g_error_matches (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_UNSETTLED))
    {
      g_printerr ("fascia: %s: %s\n", path, message);
      return EXIT_UNSETTLED;
    }
  if (strstr (message, "nothing was imported") != NULL)
    g_printerr ("fascia: %s: %s\n", path, message);
  else
    g_printerr ("fascia: %s: %s (nothing was imported)\n", path, message);
  return EXIT_FAILURE;
}

/* The content and drawing commands print the message alone, as authors' tools do. */
static int
fail_plain (const GError *error)
{
  g_autofree char *message = one_line (error->message);

  g_printerr ("%s\n", message);
  return EXIT_FAILURE;
}

/* A whole number from @min to @max, or an error that names the option and the value. */
static gboolean
parse_number (const char  *option,
              const char  *text,
              gint64       min,
              gint64       max,
              gint64      *value,
              GError     **error)
{
  g_autofree char *quoted = fascia_text_excerpt (text, -1, FASCIA_EXCERPT_LENGTH);

  if (text == NULL ||
      !g_ascii_string_to_signed (text, 10, min, max, value, NULL))
    {
      if (max == G_MAXINT64)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("%s needs a whole number from %" G_GINT64_FORMAT ", not “%s”"),
                     option, min, quoted);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                     _("%s needs a whole number from %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
                       ", not “%s”"), option, min, max, quoted);
      return FALSE;
    }

  return TRUE;
}

/* The daily backup could not be made, but the database opened: say so, and go on. */
static void
warn_about_backup (FasciaStore *store)
{
  const GError *warning = fascia_store_get_backup_warning (store);

  if (warning != NULL)
    {
      g_autofree char *message = one_line (warning->message);

      g_printerr (_("fascia: warning: no backup was made today: %s\n"), message);
    }
}

/* The same for `--export-fhir [CLIENT_ID]`. */
static struct
{
  gboolean  requested;
  char     *client;
} export_fhir_request;

static int
version_command (GVariantDict *options,
                 const char   *database_path)
{
  g_autofree char *render_libs = fascia_render_describe_libraries ();
  g_autofree char *engines = fascia_store_describe_engines ();

  g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
  g_print ("GLib %u.%u.%u, %s, %s\n",
           glib_major_version, glib_minor_version, glib_micro_version, engines, render_libs);
  return EXIT_SUCCESS;
}

static int
check_content_command (GVariantDict *options,
                       const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaAtlas) atlas = NULL;
  const char *directory = NULL;

  g_variant_dict_lookup (options, "check-content", "^&ay", &directory);

  if (directory != NULL && directory[0] != '\0')
    atlas = fascia_atlas_new_from_directory (directory, &error);
  else if ((atlas = fascia_atlas_get_default (&error)) != NULL)
    g_object_ref (atlas);

  if (atlas == NULL)
    return fail_plain (error);

  g_print ("Atlas content OK: %u muscles, %u landmarks, %u techniques, %u trigger points, "
           "%u patterns, %u views, %u references\n",
           g_list_model_get_n_items (fascia_atlas_get_muscles (atlas)),
           g_list_model_get_n_items (fascia_atlas_get_landmarks (atlas)),
           g_list_model_get_n_items (fascia_atlas_get_techniques (atlas)),
           g_list_model_get_n_items (fascia_atlas_get_trigger_points (atlas)),
           g_list_model_get_n_items (fascia_atlas_get_patterns (atlas)),
           g_list_model_get_n_items (fascia_atlas_get_views (atlas)),
           g_strv_length ((char **) fascia_atlas_get_reference_ids (atlas)));
  return EXIT_SUCCESS;
}

static FasciaDiagram *
load_view (FasciaAtlas  *atlas,
           const char   *view,
           GError      **error)
{
  g_autoptr(GBytes) svg = NULL;

  /* A file for drawing authors to preview, checked like a built-in view; never a device or a
   * pipe, never read without bound. */
  if (g_str_has_suffix (view, ".svg"))
    {
      svg = fascia_file_read_bounded (view, MAX_SVG_SIZE, error);
      if (svg == NULL)
        return NULL;
      return fascia_diagram_new_from_bytes (atlas, svg, error);
    }

  return fascia_diagram_new_for_view (atlas, view, error);
}

static gboolean
highlight (FasciaDiagram  *diagram,
           FasciaAtlas    *atlas,
           const char     *id,
           GError        **error)
{
  FasciaRegionStyle style = FASCIA_REGION_STYLE_TARGET;

  if (fascia_diagram_lookup_region (diagram, id) != NULL)
    {
      fascia_diagram_set_region_style (diagram, id,
                                       fascia_diagram_get_region_style (diagram, id) | style);
      return TRUE;
    }

  /* A muscle or landmark id highlights it on both sides. */
  if ((fascia_atlas_lookup_muscle (atlas, id) != NULL &&
       fascia_diagram_add_style_for (diagram, FASCIA_REGION_MUSCLE, id, style) > 0) ||
      (fascia_atlas_lookup_landmark (atlas, id) != NULL &&
       fascia_diagram_add_style_for (diagram, FASCIA_REGION_LANDMARK, id, style) > 0))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("“%s” is not a region, muscle or landmark drawn in this view"), id);
  return FALSE;
}

static FasciaMuscle *
lookup_muscle (FasciaAtlas  *atlas,
               const char   *id,
               GError      **error)
{
  FasciaMuscle *muscle = fascia_atlas_lookup_muscle (atlas, id);

  if (muscle == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no muscle “%s”"), id);

  return muscle;
}

static int
render_command (GVariantDict *options,
                const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaDiagram) diagram = NULL;
  g_autofree const char **highlights = NULL;
  FasciaAtlas *atlas;
  FasciaMuscle *muscle;
  const char *view = NULL;
  const char *attachments = NULL;
  const char *referral = NULL;
  const char *output = NULL;
  const char *width_text = NULL;
  double view_width;
  gint64 width = 0;

  g_variant_dict_lookup (options, "render", "&s", &view);
  g_variant_dict_lookup (options, "highlight", "^a&s", &highlights);
  g_variant_dict_lookup (options, "attachments", "&s", &attachments);
  g_variant_dict_lookup (options, "referral", "&s", &referral);
  g_variant_dict_lookup (options, "output", "^&ay", &output);
  g_variant_dict_lookup (options, "width", "&s", &width_text);

  if (output == NULL || output[0] == '\0')
    {
      g_printerr ("%s\n", _("--render needs --output FILE.png, FILE.svg or FILE.pdf"));
      return EXIT_FAILURE;
    }

  /* The range the help states, checked here for every format before anything is drawn. */
  if (width_text != NULL && !parse_number ("--width", width_text, 1, MAX_WIDTH, &width, &error))
    goto failed;

  if ((atlas = fascia_atlas_get_default (&error)) == NULL ||
      (diagram = load_view (atlas, view, &error)) == NULL)
    goto failed;

  for (guint i = 0; highlights != NULL && highlights[i] != NULL; i++)
    if (!highlight (diagram, atlas, highlights[i], &error))
      goto failed;

  if (attachments != NULL)
    {
      if ((muscle = lookup_muscle (atlas, attachments, &error)) == NULL)
        goto failed;
      if (fascia_diagram_show_attachments (diagram, muscle) == 0)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The view “%s” does not draw %s"), view, attachments);
          goto failed;
        }
      fascia_diagram_set_dim_unstyled (diagram, TRUE);
    }

  if (referral != NULL)
    {
      if (lookup_muscle (atlas, referral, &error) == NULL)
        goto failed;
      if (fascia_diagram_show_referral (diagram, referral) == 0)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The view “%s” draws no referral zone of %s"), view, referral);
          goto failed;
        }
    }

  fascia_diagram_get_size (diagram, &view_width, NULL);
  if (!fascia_diagram_render_to_file (diagram, output, width > 0 ? (double) width : view_width,
                                      &error))
    goto failed;

  return EXIT_SUCCESS;

failed:
  return fail_plain (error);
}

static char *
filename_option (GVariantDict *options,
                 const char   *name)
{
  g_autofree char *value = NULL;
  g_autoptr(GFile) file = NULL;

  if (!g_variant_dict_lookup (options, name, "^ay", &value) || value[0] == '\0')
    return NULL;

  file = g_file_new_for_commandline_arg (value);
  return g_file_get_path (file);
}


/* The letterhead and paper from the preferences, with --paper over the paper. */
static gboolean
load_print_setup (GVariantDict     *options,
                  FasciaPrintSetup *setup)
{
  const char *paper_option = NULL;

  fascia_print_setup_load (setup);
  g_variant_dict_lookup (options, "paper", "&s", &paper_option);
  if (paper_option != NULL && !fascia_paper_from_string (paper_option, &setup->paper))
    {
      g_printerr ("fascia: unknown paper size “%s”: use a4 or letter\n", paper_option);
      return FALSE;
    }

  return TRUE;
}

/* Opens the database an export reads; an export never creates an empty database. */
static FasciaStore *
open_existing_store (const char  *database_path,
                     GError     **error)
{
  if (!fascia_store_is_server_database (database_path) &&
      !g_file_test (database_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "there is no client database at %s", database_path);
      return NULL;
    }

  /* A clinic server silent as it is set up ends the command after a job's answer time. */
  return fascia_store_open_for_job (database_path, error);
}

/* What an export, a handout or a chart reads, on a connection of its own that a clinic
 * server silent for a job's answer time ends (fascia_store_export_file()): nothing is written
 * then, and nothing half. */
typedef struct
{
  FasciaAtlas             *atlas;
  gint64                   client_id;
  FasciaCsvExportKind      kind;
  FasciaCsvExportFlags     flags;
  guint                    n;  /* rows or contacts written */
  gint64                   plan_id;  /* a handout's; 0: a client's chart */
  const FasciaLetterhead  *letterhead;
  FasciaPaper              paper;
} Export;

/* --handout's plan, or --export-chart's client, as a PDF. */
static GBytes *
read_pdf (FasciaStore   *reader,
          GCancellable  *cancellable,
          gpointer       data,
          GError       **error)
{
  Export *export = data;
  g_autoptr(FasciaHandout) handout = NULL;

  handout = export->plan_id != 0
    ? fascia_handout_new_for_plan (reader, export->atlas, export->plan_id, export->letterhead,
                                   error)
    : fascia_handout_new_for_chart (reader, export->atlas, export->client_id,
                                    export->letterhead, error);
  return handout != NULL ? fascia_handout_to_pdf (handout, export->paper, error) : NULL;
}

/* The PDF of --handout (@plan_id's) or --export-chart (@client_id's, @plan_id 0), read on a
 * connection of its own as the exports read, and written to @output only when whole. */
static gboolean
write_pdf (const char              *database_path,
           const char              *output,
           gint64                   plan_id,
           gint64                   client_id,
           const FasciaPrintSetup  *setup,
           GError                 **error)
{
  g_autoptr(FasciaStore) store = NULL;
  FasciaLetterhead letterhead = fascia_print_setup_get_letterhead (setup);
  Export export = { NULL };

  export.atlas = fascia_atlas_get_default (error);
  export.plan_id = plan_id;
  export.client_id = client_id;
  export.letterhead = &letterhead;
  export.paper = setup->paper;
  return export.atlas != NULL &&
         (store = open_existing_store (database_path, error)) != NULL &&
         fascia_store_export_file (store, output, read_pdf, &export, NULL, error);
}

static int
handout_command (GVariantDict *options,
                 const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_auto(FasciaPrintSetup) setup = { NULL };
  const char *output = NULL;
  const char *plan_text = NULL;
  gint64 plan_id = 0;

  g_variant_dict_lookup (options, "handout", "&s", &plan_text);
  if (!parse_number ("--handout", plan_text, 1, G_MAXINT64, &plan_id, &error))
    return fail (error);
  g_variant_dict_lookup (options, "output", "^&ay", &output);

  if (output == NULL || output[0] == '\0')
    {
      g_printerr ("fascia: --handout needs --output FILE.pdf\n");
      return EXIT_FAILURE;
    }
  if (!g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".PDF"))
    {
      g_autofree char *display = g_filename_display_name (output);

      g_printerr ("fascia: --handout writes a PDF, and “%s” does not end in .pdf\n", display);
      return EXIT_FAILURE;
    }

  /* A handout reads a plan; it never creates an empty database where none was. */
  if (!load_print_setup (options, &setup))
    return EXIT_FAILURE;
  if (!write_pdf (database_path, output, plan_id, 0, &setup, &error))
    return fail (error);

  return EXIT_SUCCESS;
}

/* The database an import writes to: a file opened as the window opens it (today's backup
 * made first); a clinic server on a connection whose queries wait no longer than a job's
 * answer time (fascia_store_open_for_job()), so that a COMMIT the server leaves unanswered is
 * looked into and told of (done, not done, or not known yet) instead of waited for as long as
 * the server stays silent. */
static FasciaStore *
open_for_import (const char  *database_path,
                 GError     **error)
{
  if (fascia_store_is_server_database (database_path))
    return fascia_store_open_for_job (database_path, error);
  return fascia_store_open (database_path, error);
}

static int
import_clients_command (GVariantDict *options,
                        const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(FasciaCsvImport) import = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = filename_option (options, "import-clients");
  g_auto(GStrv) ignored = NULL;
  const char *date_order_name = NULL;
  const char *duplicates_name = NULL;
  FasciaDateOrder date_order = FASCIA_DATE_ORDER_UNKNOWN;
  FasciaDuplicates duplicates = FASCIA_DUPLICATES_SKIP;
  FasciaCsvImportCounts counts;

  if (path == NULL)
    {
      g_printerr ("fascia: --import-clients needs a CSV file\n");
      return EXIT_FAILURE;
    }

  g_variant_dict_lookup (options, "date-order", "&s", &date_order_name);
  g_variant_dict_lookup (options, "duplicates", "&s", &duplicates_name);
  if (date_order_name != NULL && !fascia_date_order_from_string (date_order_name, &date_order))
    {
      g_printerr ("fascia: unknown date order “%s”: use dmy, mdy or ymd\n", date_order_name);
      return EXIT_FAILURE;
    }
  if (duplicates_name != NULL && !fascia_duplicates_from_string (duplicates_name, &duplicates))
    {
      g_printerr ("fascia: unknown choice for duplicates “%s”: use skip, merge or add\n",
                  duplicates_name);
      return EXIT_FAILURE;
    }

  /* A regular file of at most the size the import takes: never a device or a pipe. */
  bytes = fascia_file_read_bounded (path, FASCIA_STORE_MAX_IMPORT_SIZE, &error);
  if (bytes == NULL)
    return fail (error);

  import = fascia_csv_import_new (bytes, &error);
  if (import == NULL)
    return import_failed (path, error);
  if (date_order != FASCIA_DATE_ORDER_UNKNOWN)
    fascia_csv_import_set_date_order (import, date_order);

  store = open_for_import (database_path, &error);
  if (store == NULL)
    return fail (error);
  warn_about_backup (store);

  if (!fascia_store_import_csv (store, import, duplicates, &counts, &error))
    return import_failed (path, error);

  ignored = fascia_csv_import_get_ignored (import);
  if (ignored != NULL && ignored[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", ignored);
      g_autofree char *names = fascia_text_excerpt (joined, -1, FASCIA_EXCERPT_LENGTH);

      g_printerr ("fascia: %s: ignored unknown columns: %s\n", path, names);
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u client into %s\n",
                        "Imported %u clients into %s\n", counts.n_added),
           counts.n_added, database_path);
  if (counts.n_merged > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Merged %u row into a client already there\n",
                          "Merged %u rows into clients already there\n", counts.n_merged),
             counts.n_merged);
  if (counts.n_skipped > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Skipped %u row for a client already there (--duplicates merge or add "
                          "to change this)\n",
                          "Skipped %u rows for clients already there (--duplicates merge or add "
                          "to change this)\n", counts.n_skipped),
             counts.n_skipped);
  return EXIT_SUCCESS;
}

static int
backup_command (GVariantDict *options,
                const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autofree char *path = filename_option (options, "backup");

  if (path == NULL)
    {
      g_printerr ("fascia: --backup needs a file to write\n");
      return EXIT_FAILURE;
    }

  store = fascia_store_open_full (database_path, FASCIA_STORE_OPEN_NO_BACKUP, &error);
  if (store == NULL || !fascia_store_backup (store, path, &error))
    return fail (error);

  g_print (_("Backed up %s to %s\n"), database_path, path);
  return EXIT_SUCCESS;
}

static int
restore_command (GVariantDict *options,
                 const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = filename_option (options, "restore");
  g_autofree char *kept = NULL;

  if (path == NULL)
    {
      g_printerr ("fascia: --restore needs a backup file\n");
      return EXIT_FAILURE;
    }

  if (!fascia_store_restore (database_path, path, &kept, &error))
    return fail (error);

  if (kept != NULL)
    g_print (_("Restored %s from %s; the database it replaced is kept as %s\n"),
             database_path, path, kept);
  else
    g_print (_("Restored %s from %s\n"), database_path, path);
  return EXIT_SUCCESS;
}

/* A database named on the command line: a server's connection string as given, a file by
 * its full path. */
static char *
database_argument (const char *value)
{
  g_autoptr(GFile) file = NULL;

  if (value == NULL || value[0] == '\0')
    return NULL;
  if (fascia_store_is_server_database (value))
    return g_strdup (value);

  file = g_file_new_for_commandline_arg (value);
  return g_file_get_path (file);
}

/* For messages: a file by its path, a server never by its connection string (it may hold a
 * password). */
static const char *
database_label (const char *database)
{
  return fascia_store_is_server_database (database) ? _("the clinic server") : database;
}

static int
copy_database_command (GVariantDict *options,
                       const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *from_value = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_auto(GStrv) rest = NULL;

  g_variant_dict_lookup (options, "copy-database", "^ay", &from_value);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^aay", &rest);
  from = database_argument (from_value);
  if (from == NULL || rest == NULL || g_strv_length (rest) != 1 || rest[0][0] == '\0')
    {
      g_printerr ("fascia: --copy-database needs the database to copy and the one to copy it "
                  "into: fascia --copy-database FROM TO\n");
      return EXIT_FAILURE;
    }
  to = database_argument (rest[0]);

  if (!fascia_store_copy_database_to (from, to, NULL, NULL, NULL, report, &error))
    {
      fail (error);
      return g_error_matches (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_UNSETTLED)
             ? EXIT_UNSETTLED : EXIT_FAILURE;
    }

  g_print ("%s", report->str);
  g_print (_("Copied %s to %s; every table's rows and checksum match\n"),
           database_label (from), database_label (to));
  return EXIT_SUCCESS;
}

static int
setup_clinic_command (GVariantDict *options,
                      const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) report = g_string_new (NULL);

  if (!fascia_store_is_server_database (database_path))
    {
      g_printerr ("fascia: --setup-clinic needs --database with a clinic server's "
                  "postgresql:// URI or connection string\n");
      return EXIT_FAILURE;
    }

  if (!fascia_store_setup_clinic (database_path, report, &error))
    return fail (error);

  g_print ("%s", report->str);
  return EXIT_SUCCESS;
}

static int
create_demo_command (GVariantDict *options,
                     const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *path = NULL;
  gint n_clients = 0;

  /* A file, or a clinic server's connection string as given (never made a path). */
  g_variant_dict_lookup (options, "create-demo", "^ay", &value);
  path = database_argument (value);
  if (path == NULL)
    {
      g_printerr ("fascia: --create-demo needs a file to write or a clinic server\n");
      return EXIT_FAILURE;
    }

  g_variant_dict_lookup (options, "clients", "i", &n_clients);
  if (n_clients < 0 || n_clients > 10000000)
    {
      g_printerr ("fascia: --clients must be between 0 and 10000000\n");
      return EXIT_FAILURE;
    }

  if (!fascia_store_create_demo_full (path, (guint) n_clients, &error))
    return fail (error);

  g_print (_("Wrote a demo clinic to %s\n"), database_label (path));
  return EXIT_SUCCESS;
}

static char *
output_option (GVariantDict *options,
               const char   *command)
{
  char *output = filename_option (options, "output");

  if (output == NULL)
    g_printerr ("fascia: --%s needs --output FILE\n", command);
  return output;
}

static GBytes *
read_fhir (FasciaStore   *reader,
           GCancellable  *cancellable,
           gpointer       data,
           GError       **error)
{
  Export *export = data;

  return fascia_fhir_export (reader, export->atlas, export->client_id, error);
}

static GBytes *
read_csv (FasciaStore   *reader,
          GCancellable  *cancellable,
          gpointer       data,
          GError       **error)
{
  Export *export = data;

  return fascia_csv_export (reader, export->atlas, export->kind, export->flags, &export->n,
                            error);
}

static GBytes *
read_vcard (FasciaStore   *reader,
            GCancellable  *cancellable,
            gpointer       data,
            GError       **error)
{
  Export *export = data;

  return fascia_vcard_export (reader, &export->n, error);
}

static int
export_fhir_command (GVariantDict *options,
                     const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autofree char *output = output_option (options, "export-fhir");
  const char *client = NULL;
  gint64 client_id = 0;
  Export export = { NULL };

  if (output == NULL)
    return EXIT_FAILURE;

  g_variant_dict_lookup (options, "export-fhir", "&s", &client);
  if (client != NULL && client[0] != '\0' &&
      (!g_ascii_string_to_signed (client, 10, 1, G_MAXINT64, &client_id, NULL)))
    {
      g_printerr ("fascia: --export-fhir takes a client id (a whole number), not “%s”\n", client);
      return EXIT_FAILURE;
    }

  export.atlas = fascia_atlas_get_default (&error);
  export.client_id = client_id;
  if (export.atlas == NULL ||
      (store = open_existing_store (database_path, &error)) == NULL ||
      !fascia_store_export_file (store, output, read_fhir, &export, NULL, &error))
    return fail (error);

  g_print (_("Wrote the records to %s\n"), output);
  return EXIT_SUCCESS;
}

static int
import_fhir_command (GVariantDict *options,
                     const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = filename_option (options, "import-fhir");
  const char *duplicates_name = NULL;
  FasciaFhirDuplicates duplicates = FASCIA_FHIR_DUPLICATES_REFUSE;
  FasciaFhirImportCounts counts = { 0 };
  FasciaAtlas *atlas;

  if (path == NULL)
    {
      g_printerr ("fascia: --import-fhir needs a FHIR bundle (a JSON file)\n");
      return EXIT_FAILURE;
    }
  g_variant_dict_lookup (options, "on-duplicate", "&s", &duplicates_name);
  if (duplicates_name != NULL &&
      !fascia_fhir_duplicates_from_string (duplicates_name, &duplicates))
    {
      g_printerr ("fascia: unknown choice for --on-duplicate “%s”: use skip, merge or add\n",
                  duplicates_name);
      return EXIT_FAILURE;
    }

  if ((bytes = fascia_file_read_bounded (path, 256 * 1024 * 1024, &error)) == NULL ||
      (atlas = fascia_atlas_get_default (&error)) == NULL ||
      (store = open_for_import (database_path, &error)) == NULL)
    return fail (error);

  fascia_store_set_id_validator (store, fascia_fhir_atlas_has_id, g_object_ref (atlas),
                                 g_object_unref);
  if (!fascia_fhir_import (store, bytes, duplicates, &counts, &error))
    {
      if (!g_error_matches (error, FASCIA_STORE_ERROR, FASCIA_STORE_ERROR_EXISTS))
        return import_failed (path, error);
      g_printerr ("fascia: %s: %s; nothing was imported: choose --on-duplicate skip, merge or "
                  "add\n", path, error->message);
      return EXIT_FAILURE;
    }

  if (counts.n_added > 0 || (counts.n_merged == 0 && counts.n_skipped == 0))
    g_print (g_dngettext (GETTEXT_PACKAGE, "Imported the records of %u client into %s\n",
                          "Imported the records of %u clients into %s\n", counts.n_added),
             counts.n_added, database_path);
  if (counts.n_merged > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "Merged %u client already there: added %u plans and %u visits in all\n",
                          "Merged %u clients already there: added %u plans and %u visits in all\n",
                          counts.n_merged),
             counts.n_merged, counts.n_plans, counts.n_visits);
  if (counts.n_skipped > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "Skipped %u client already there\n",
                          "Skipped %u clients already there\n", counts.n_skipped),
             counts.n_skipped);
  return EXIT_SUCCESS;
}

static int
export_csv_command (GVariantDict *options,
                    const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autofree char *output = output_option (options, "export-csv");
  const char *kind_name = NULL;
  FasciaCsvExportKind kind;
  FasciaCsvExportFlags flags = FASCIA_CSV_EXPORT_NONE;
  Export export = { NULL };

  if (output == NULL)
    return EXIT_FAILURE;

  g_variant_dict_lookup (options, "export-csv", "&s", &kind_name);
  if (!fascia_csv_export_kind_from_string (kind_name, &kind))
    {
      g_printerr ("fascia: --export-csv exports clients, visits or pain-marks, not “%s”\n",
                  kind_name);
      return EXIT_FAILURE;
    }
  if (g_variant_dict_contains (options, "bom"))
    flags |= FASCIA_CSV_EXPORT_BOM;

  export.atlas = fascia_atlas_get_default (&error);
  export.kind = kind;
  export.flags = flags;
  if (export.atlas == NULL ||
      (store = open_existing_store (database_path, &error)) == NULL ||
      !fascia_store_export_file (store, output, read_csv, &export, NULL, &error))
    return fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u row to %s\n", "Wrote %u rows to %s\n",
                        export.n), export.n, output);
  return EXIT_SUCCESS;
}

static int
export_vcard_command (GVariantDict *options,
                      const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autofree char *output = output_option (options, "export-vcard");
  Export export = { NULL };

  if (output == NULL)
    return EXIT_FAILURE;

  if ((store = open_existing_store (database_path, &error)) == NULL ||
      !fascia_store_export_file (store, output, read_vcard, &export, NULL, &error))
    return fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u contact to %s\n",
                        "Wrote %u contacts to %s\n", export.n), export.n, output);
  return EXIT_SUCCESS;
}

static int
export_chart_command (GVariantDict *options,
                      const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = output_option (options, "export-chart");
  g_auto(FasciaPrintSetup) setup = { NULL };
  gint64 client_id = 0;

  if (output == NULL)
    return EXIT_FAILURE;

  g_variant_dict_lookup (options, "export-chart", "x", &client_id);
  if (!load_print_setup (options, &setup))
    return EXIT_FAILURE;
  if (!write_pdf (database_path, output, 0, client_id, &setup, &error))
    return fail (error);

  g_print (_("Wrote the chart to %s\n"), output);
  return EXIT_SUCCESS;
}

static const FasciaCliCommand commands[] = {
  { "version", version_command },
  { "check-content", check_content_command },
  { "render", render_command },
  { "handout", handout_command },
  { "import-clients", import_clients_command },
  { "backup", backup_command },
  { "restore", restore_command },
  { "create-demo", create_demo_command },
  { "copy-database", copy_database_command },
  { "setup-clinic", setup_clinic_command },
  { "export-fhir", export_fhir_command },
  { "import-fhir", import_fhir_command },
  { "export-csv", export_csv_command },
  { "export-vcard", export_vcard_command },
  { "export-chart", export_chart_command },
};

static gboolean
check_content_option_cb (const char  *option_name,
                         const char  *value,
                         gpointer     user_data,
                         GError     **error)
{
  check_content_request.requested = TRUE;
  g_free (check_content_request.directory);
  check_content_request.directory = g_strdup (value);
  return TRUE;
}

static gboolean
export_fhir_option_cb (const char  *option_name,
                       const char  *value,
                       gpointer     user_data,
                       GError     **error)
{
  export_fhir_request.requested = TRUE;
  g_free (export_fhir_request.client);
  export_fhir_request.client = g_strdup (value);
  return TRUE;
}

void
fascia_cli_add_options (GApplication *application)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the client database at PATH instead of the default"), N_("PATH") },
    { "check-content", 0, G_OPTION_FLAG_OPTIONAL_ARG | G_OPTION_FLAG_FILENAME,
      G_OPTION_ARG_CALLBACK, check_content_option_cb,
      N_("Check the built-in anatomy content, or the content in DIR, and exit"), N_("[DIR]") },
    { "render", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Draw a diagram view (or an SVG file) to the --output file and exit"), N_("VIEW") },
    { "highlight", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("With --render: highlight a region, muscle or landmark (repeatable)"), N_("ID") },
    { "attachments", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --render: show where a muscle arises (blue) and inserts (orange)"), N_("MUSCLE") },
    { "referral", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --render: show the referral zones of a muscle's trigger points"), N_("MUSCLE") },
    { "width", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --render: the width in pixels (PNG, at most 134 million pixels in all) or "
         "points (SVG, PDF), 1 to 16384"), N_("N") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("With --render or --handout: the file to write (.png, .svg or .pdf)"), N_("FILE") },
    { "handout", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Write the client handout of a treatment plan to the --output PDF and exit"),
      N_("PLAN_ID") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --handout: the paper size, a4 or letter"), N_("SIZE") },
    { "import-clients", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Add the clients of a CSV file (name, email, phone, date of birth, notes, intake "
         "flags; comma, semicolon or tab separated; UTF-8, UTF-16 or Windows-1252) and exit"),
      N_("FILE.csv") },
    { "date-order", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --import-clients: the order of dates such as 04/03/1980: dmy, mdy or ymd"),
      N_("ORDER") },
    { "duplicates", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --import-clients: what to do with a client already there: skip, merge or add"),
      N_("CHOICE") },
    { "backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write a copy of the client database to FILE and exit"), N_("FILE") },
    { "restore", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Replace the client database with the backup FILE, keeping a copy, and exit"),
      N_("FILE") },
    { "create-demo", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write a demo clinic to PATH (never over a real database) and exit"), N_("PATH") },
    { "export-fhir", 0, G_OPTION_FLAG_OPTIONAL_ARG, G_OPTION_ARG_CALLBACK, export_fhir_option_cb,
      N_("Write the records of one client, or of all, as a FHIR R4 JSON bundle to --output"),
      N_("[CLIENT_ID]") },
    { "import-fhir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Add the records of a FHIR bundle written by Fascia, all or nothing, and exit"),
      N_("FILE.json") },
    { "on-duplicate", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("With --import-fhir: what to do with a patient who is already a client: skip, merge "
         "or add (without it, such a bundle is refused)"), N_("CHOICE") },
    { "export-csv", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Write clients, visits or pain-marks as CSV for a spreadsheet to --output and exit"),
      N_("WHAT") },
    { "bom", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --export-csv: begin the file with a byte order mark"), NULL },
    { "export-vcard", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Write the clients as vCard 4.0 contacts to --output and exit"), NULL },
    { "export-chart", 0, 0, G_OPTION_ARG_INT64, NULL,
      N_("Write a client's whole chart (every visit, body charts, amendments) to the --output "
         "PDF and exit"), N_("CLIENT_ID") },
    { "copy-database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Copy a whole clinic from FROM (a file or a server) into TO (a new file or an empty "
         "server database), verified, all or nothing, and exit"), N_("FROM TO") },
    { "setup-clinic", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("With --database on a clinic server, as its owner: create the schema and the roles "
         "fascia_therapist and fascia_reception, and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, NULL },
    { "clients", 0, 0, G_OPTION_ARG_INT, NULL,
      N_("With --create-demo: add N made-up clients, the first with 500 visits"), N_("N") },
    { NULL }
  };

  g_return_if_fail (G_IS_APPLICATION (application));

  g_application_add_main_option_entries (application, entries);
  g_application_set_option_context_summary (application,
                                            _("Fascia shows the muscles of the low back and hip, "
                                              "and keeps treatment plans for clients."));
}

/**
 * fascia_cli_run:
 * @options: the parsed command-line options
 * @database_path: the database the command works on
 * @exit_status: (out): the exit status when a command ran
 *
 * Returns: %TRUE if @options named a headless command, which has run.
 */
gboolean
fascia_cli_run (GVariantDict *options,
                const char   *database_path,
                int          *exit_status)
{
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (exit_status != NULL, FALSE);

  if (check_content_request.requested)
    {
      const char *directory = check_content_request.directory;

      g_variant_dict_insert (options, "check-content", "^ay", directory != NULL ? directory : "");
      check_content_request.requested = FALSE;
      g_clear_pointer (&check_content_request.directory, g_free);
    }

  if (export_fhir_request.requested)
    {
      const char *client = export_fhir_request.client;

      g_variant_dict_insert (options, "export-fhir", "s", client != NULL ? client : "");
      export_fhir_request.requested = FALSE;
      g_clear_pointer (&export_fhir_request.client, g_free);
    }

  /* Only --copy-database takes a second argument. */
  if (g_variant_dict_contains (options, G_OPTION_REMAINING) &&
      !g_variant_dict_contains (options, "copy-database"))
    {
      g_printerr ("fascia: unexpected argument; use --database to open a database\n");
      *exit_status = EXIT_FAILURE;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_variant_dict_contains (options, commands[i].long_name))
        {
          *exit_status = commands[i].handler (options, database_path);
          return TRUE;
        }
    }

  return FALSE;
}
