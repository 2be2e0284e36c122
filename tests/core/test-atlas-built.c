/* test-atlas-built.c — the built-in atlas built from the records written at build time
 * (src/core/fascia-atlas-records-gen.c), not from its JSON parsed at start.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE

#include "config.h"

#include <dlfcn.h>
#include <locale.h>

#include "fascia/fascia-atlas.h"
#include "fascia-atlas-private.h"
#include "fascia-test-utils.h"

static guint n_parsed;

/* Counts the JSON documents parsed: json-glib's, which the core library calls, goes through
 * this one. */
gboolean
json_parser_load_from_data (JsonParser  *parser,
                            const char  *data,
                            gssize       length,
                            GError     **error)
{
  static gboolean (*real) (JsonParser *, const char *, gssize, GError **);

  if (real == NULL)
    real = dlsym (RTLD_NEXT, "json_parser_load_from_data");
  g_atomic_int_inc (&n_parsed);
  return real (parser, data, length, error);
}

/* A process that asks for the built-in atlas (a window on the Atlas or Study page, at start)
 * parses none of its six JSON files: ~18 ms of processor time in the worker that read them,
 * json-glib's tree built and the validator's walk, before the window answered. In a process
 * of its own, where nothing else has loaded it. */
static void
test_default_parses_no_json (void)
{
  FasciaAtlas *atlas;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  n_parsed = 0;
  atlas = fascia_atlas_get_default (NULL);
  g_assert_nonnull (atlas);
  g_assert_nonnull (fascia_atlas_lookup_muscle (atlas, "psoas-major"));
  g_assert_cmpuint (g_list_model_get_n_items (fascia_atlas_get_muscles (atlas)), >, 30);
  g_test_message ("JSON documents parsed: %u", n_parsed);
  g_assert_cmpuint (n_parsed, ==, 0);
}

/* The records written at build time are the JSON's of the source tree, read and validated as a
 * directory is; and the atlas built from them is the one the JSON builds. */
static void
test_records_match_json (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "resources", "atlas", NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) from_json = fascia_atlas_read_records (directory, &error);
  g_autoptr(GBytes) built = g_resources_lookup_data (FASCIA_ATLAS_RECORDS_RESOURCE, 0, &error);
  g_autoptr(GVariant) records = NULL;
  g_autoptr(FasciaAtlas) atlas = NULL;
  FasciaAtlas *builtin;
  GListModel *models[2][5];

  g_assert_no_error (error);
  g_assert_nonnull (from_json);
  g_assert_nonnull (built);
  records = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (FASCIA_ATLAS_RECORDS_TYPE),
                                                          built, FALSE));
  g_assert_true (g_variant_is_normal_form (records));
  g_assert_true (g_variant_equal (records, from_json));

  atlas = fascia_atlas_new_from_directory (path, &error);
  g_assert_no_error (error);
  builtin = fascia_atlas_get_default (&error);
  g_assert_no_error (error);
  for (guint a = 0; a < 2; a++)
    {
      FasciaAtlas *one = a == 0 ? atlas : builtin;

      models[a][0] = fascia_atlas_get_muscles (one);
      models[a][1] = fascia_atlas_get_landmarks (one);
      models[a][2] = fascia_atlas_get_techniques (one);
      models[a][3] = fascia_atlas_get_patterns (one);
      models[a][4] = fascia_atlas_get_views (one);
    }
  for (guint m = 0; m < 5; m++)
    {
      g_assert_cmpuint (g_list_model_get_n_items (models[0][m]), >, 0);
      g_assert_cmpuint (g_list_model_get_n_items (models[0][m]), ==,
                        g_list_model_get_n_items (models[1][m]));
    }
  for (guint i = 0; i < g_list_model_get_n_items (models[0][0]); i++)
    {
      g_autoptr(FasciaMuscle) one = g_list_model_get_item (models[0][0], i);
      g_autoptr(FasciaMuscle) other = g_list_model_get_item (models[1][0], i);

      g_assert_cmpstr (fascia_muscle_get_id (one), ==, fascia_muscle_get_id (other));
      g_assert_cmpstr (fascia_muscle_get_name (one), ==, fascia_muscle_get_name (other));
      g_assert_cmpstr (fascia_muscle_get_latin (one), ==, fascia_muscle_get_latin (other));
      g_assert_cmpuint (g_list_model_get_n_items (fascia_muscle_get_trigger_points (one)), ==,
                        g_list_model_get_n_items (fascia_muscle_get_trigger_points (other)));
      g_assert_cmpuint (g_list_model_get_n_items (fascia_muscle_get_techniques (one)), ==,
                        g_list_model_get_n_items (fascia_muscle_get_techniques (other)));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/core/atlas-built/default-parses-no-json",
                   test_default_parses_no_json);
  g_test_add_func ("/fascia/core/atlas-built/records-match-json", test_records_match_json);

  return g_test_run ();
}
