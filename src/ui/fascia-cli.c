/* fascia-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "fascia/fascia-atlas.h"
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

/* GOption cannot pack an option whose argument is optional into the options dictionary,
 * so `--check-content [DIR]` goes through check_content_option_cb(), which records the
 * request here and puts it into the dictionary in fascia_cli_run(). */
static struct
{
  gboolean  requested;
  char     *directory;
} check_content_request;

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
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

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

static const FasciaCliCommand commands[] = {
  { "version", version_command },
  { "check-content", check_content_command },
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
