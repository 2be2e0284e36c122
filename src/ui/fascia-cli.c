/* fascia-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "fascia/fascia-render-info.h"

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

static const FasciaCliCommand commands[] = {
  { "version", version_command },
};

void
fascia_cli_add_options (GApplication *application)
{
  static const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the client database at PATH instead of the default"), N_("PATH") },
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
