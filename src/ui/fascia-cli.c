/* fascia-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "fascia/fascia-render-info.h"
#include "fascia/fascia-store.h"

#include "fascia-cli.h"

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

static int
version_command (GVariantDict *options,
                 const char   *database_path)
{
  g_autofree char *render_libs = fascia_render_describe_libraries ();

  g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
  g_print ("GLib %u.%u.%u, SQLite %s, %s\n",
           glib_major_version, glib_minor_version, glib_micro_version,
           sqlite3_libversion (), render_libs);
  return EXIT_SUCCESS;
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

static int
fail (const GError *error)
{
  g_printerr ("fascia: %s\n", error->message);
  return EXIT_FAILURE;
}

static int
import_clients_command (GVariantDict *options,
                        const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaStore) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = filename_option (options, "import-clients");
  g_auto(GStrv) ignored = NULL;
  guint n_imported = 0;

  if (path == NULL)
    {
      g_printerr ("fascia: --import-clients needs a CSV file\n");
      return EXIT_FAILURE;
    }

  file = g_file_new_for_path (path);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL)
    return fail (error);

  store = fascia_store_open (database_path, &error);
  if (store == NULL)
    return fail (error);

  if (!fascia_store_import_clients (store, bytes, &n_imported, &ignored, &error))
    {
      g_printerr ("fascia: %s: %s (nothing was imported)\n", path, error->message);
      return EXIT_FAILURE;
    }

  if (ignored != NULL && ignored[0] != NULL)
    {
      g_autofree char *names = g_strjoinv (", ", ignored);

      g_printerr ("fascia: %s: ignored unknown columns: %s\n", path, names);
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u client into %s\n",
                        "Imported %u clients into %s\n", n_imported),
           n_imported, database_path);
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

static int
create_demo_command (GVariantDict *options,
                     const char   *database_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = filename_option (options, "create-demo");

  if (path == NULL)
    {
      g_printerr ("fascia: --create-demo needs a file to write\n");
      return EXIT_FAILURE;
    }

  if (!fascia_store_create_demo (path, &error))
    return fail (error);

  g_print (_("Wrote a demo clinic to %s\n"), path);
  return EXIT_SUCCESS;
}

static const FasciaCliCommand commands[] = {
  { "version", version_command },
  { "import-clients", import_clients_command },
  { "backup", backup_command },
  { "restore", restore_command },
  { "create-demo", create_demo_command },
};

void
fascia_cli_add_options (GApplication *application)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the client database at PATH instead of the default"), N_("PATH") },
    { "import-clients", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Add the clients of a CSV file (name, email, phone, date of birth, notes) and exit"),
      N_("FILE.csv") },
    { "backup", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write a copy of the client database to FILE and exit"), N_("FILE") },
    { "restore", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Replace the client database with the backup FILE, keeping a copy, and exit"),
      N_("FILE") },
    { "create-demo", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write a demo clinic to PATH (never over a real database) and exit"), N_("PATH") },
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
