/* test-atlas-schema.c — every validation error, each proved by a bad fixture in
 * tests/data/atlas-bad/<case>/ laid over the good content of tests/data/atlas-good/.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "fascia/fascia-atlas.h"
#include "fascia-test-utils.h"

typedef struct
{
  const char       *name;      /* the folder under tests/data/atlas-bad */
  FasciaAtlasError  code;
  const char       *message;   /* a fragment the message must contain */
} BadCase;

static const BadCase bad_cases[] = {
  { "malformed-json", FASCIA_ATLAS_ERROR_PARSE, "muscles.json: not valid JSON: " },
  { "empty-file", FASCIA_ATLAS_ERROR_PARSE,
    "patterns.json: expected an object with one member “patterns”" },
  { "root-not-object", FASCIA_ATLAS_ERROR_PARSE,
    "landmarks.json: expected an object with one member “landmarks”" },
  { "root-unknown-member", FASCIA_ATLAS_ERROR_UNKNOWN_FIELD,
    "techniques.json: unknown member “technique”" },
  { "root-not-array", FASCIA_ATLAS_ERROR_WRONG_TYPE,
    "views.json: member “views”: expected an array" },
  { "record-not-object", FASCIA_ATLAS_ERROR_WRONG_TYPE,
    "references.json: reference 4: expected an object" },
  { "unknown-field", FASCIA_ATLAS_ERROR_UNKNOWN_FIELD,
    "muscles.json: muscle “psoas-major”: field “colour”: unknown field" },
  { "unknown-nested-field", FASCIA_ATLAS_ERROR_UNKNOWN_FIELD,
    "muscles.json: muscle “iliacus”: field “innervation.level”: unknown field" },
  { "missing-field", FASCIA_ATLAS_ERROR_MISSING_FIELD,
    "muscles.json: muscle “iliacus”: field “latin”: missing" },
  { "missing-id", FASCIA_ATLAS_ERROR_MISSING_FIELD,
    "landmarks.json: landmark 2: field “id”: missing" },
  { "wrong-type-string", FASCIA_ATLAS_ERROR_WRONG_TYPE,
    "muscles.json: muscle “psoas-major”: field “innervation.roots”: expected a string" },
  { "wrong-type-array", FASCIA_ATLAS_ERROR_WRONG_TYPE,
    "muscles.json: muscle “iliacus”: field “actions”: expected an array" },
  { "wrong-type-object", FASCIA_ATLAS_ERROR_WRONG_TYPE,
    "muscles.json: muscle “iliacus”: field “innervation”: expected an object" },
  { "wrong-type-boolean", FASCIA_ATLAS_ERROR_WRONG_TYPE,
    "landmarks.json: landmark “rib-12”: field “paired”: expected true or false" },
  { "null-not-allowed", FASCIA_ATLAS_ERROR_WRONG_TYPE,
    "muscles.json: muscle “psoas-major”: field “name”: must not be null" },
  { "empty-text", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "techniques.json: technique “petrissage”: field “purpose”: must not be empty" },
  { "empty-list", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "muscles.json: muscle “quadratus-lumborum”: field “origins”: must not be empty" },
  { "empty-attachment", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "muscles.json: muscle “iliacus”: field “insertions[0].landmarks”: must not be empty" },
  { "bad-slug", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "landmarks.json: landmark “Iliac_Crest”: field “id”: “Iliac_Crest” is not a lowercase slug" },
  { "bad-slug-in-list", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "techniques.json: technique “pin-and-stretch”: field “muscles[0]”: “psoas-” is not a "
    "lowercase slug" },
  { "bad-choice", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "muscles.json: muscle “iliacus”: field “group”: “hip flexors” is not one of hip-flexors, " },
  { "bad-role", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "muscles.json: muscle “iliacus”: field “relations[0].role”: “friend” is not one of culprit, "
    "victim, synergist, antagonist" },
  { "bad-condition", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "techniques.json: technique “pin-and-stretch”: field “contraindications[0].condition”: "
    "“pregnant” is not one of pregnancy, anticoagulants, " },
  { "bad-level", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "techniques.json: technique “kneeling-hip-flexor-stretch”: field "
    "“contraindications[0].level”: “avoid” is not one of contraindicated, caution" },
  { "duplicate-condition", FASCIA_ATLAS_ERROR_DUPLICATE_ID,
    "techniques.json: technique “pin-and-stretch”: field “contraindications[1].condition”: "
    "“pregnancy” is listed twice" },
  { "one-sided-relation", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "muscles.json: muscle “iliacus”: field “relations[0]”: one-sided: muscle “psoas-major” has "
    "no “synergist” relation to “iliacus”" },
  { "bad-fma", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "muscles.json: muscle “psoas-major”: field “fma”: “18060” does not have the form FMA:" },
  { "bad-ta98", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "muscles.json: muscle “iliacus”: field “ta98”: “A04-7-02-003” does not have the form" },
  { "bad-view-file", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "views.json: view “anterior”: field “file”: “../anterior.png” does not have the form" },
  { "long-client-explanation", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "muscles.json: muscle “iliacus”: field “client_explanation”: 81 words, at most 80 allowed" },
  { "long-pattern-explanation", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "patterns.json: pattern “lower-crossed-syndrome”: field “client_explanation”: 81 words" },
  { "trigger-point-numbering", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "muscles.json: muscle “psoas-major”: field “trigger_points[1].n”: is 3, expected 2" },
  { "trigger-point-number-type", FASCIA_ATLAS_ERROR_WRONG_TYPE,
    "muscles.json: muscle “iliacus”: field “trigger_points[0].n”: expected a whole number" },
  { "null-identifier-unexplained", FASCIA_ATLAS_ERROR_MISSING_FIELD,
    "muscles.json: muscle “psoas-major”: field “ta98”: is null, but no “notes” say why" },
  { "no-trigger-points-unexplained", FASCIA_ATLAS_ERROR_MISSING_FIELD,
    "muscles.json: muscle “iliacus”: field “trigger_points”: is empty, but no “notes” say why" },
  { "relation-to-itself", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "muscles.json: muscle “iliacus”: field “relations[0].muscle”: names the record itself" },
  { "duplicate-id", FASCIA_ATLAS_ERROR_DUPLICATE_ID,
    "landmarks.json: landmark “iliac-crest”: field “id”: another landmark has the same id" },
  { "duplicate-fma", FASCIA_ATLAS_ERROR_DUPLICATE_ID,
    "muscles.json: muscle “iliacus”: field “fma”: “FMA:18060” is also the fma of muscle “psoas-major”" },
  { "duplicate-ta98", FASCIA_ATLAS_ERROR_DUPLICATE_ID,
    "muscles.json: muscle “quadratus-lumborum”: field “ta98”: “A04.7.02.003” is also the ta98 of muscle "
    "“iliacus”" },
  { "duplicate-in-list", FASCIA_ATLAS_ERROR_DUPLICATE_ID,
    "techniques.json: technique “red-flags-refer-out”: field “muscles[3]”: “iliacus” is listed "
    "twice" },
  { "dangling-landmark", FASCIA_ATLAS_ERROR_DANGLING_ID,
    "muscles.json: muscle “psoas-major”: field “origins[0].landmarks[2]”: no landmark “t13-body” "
    "in landmarks.json" },
  { "dangling-muscle", FASCIA_ATLAS_ERROR_DANGLING_ID,
    "techniques.json: technique “petrissage”: field “muscles[1]”: no muscle “psoas-majr” in "
    "muscles.json" },
  { "dangling-relation", FASCIA_ATLAS_ERROR_DANGLING_ID,
    "muscles.json: muscle “quadratus-lumborum”: field “relations[0].muscle”: no muscle "
    "“gluteus-maximus”" },
  { "dangling-technique", FASCIA_ATLAS_ERROR_DANGLING_ID,
    "patterns.json: pattern “lower-crossed-syndrome”: field “techniques[1]”: no technique "
    "“glute-bridge” in techniques.json" },
  { "dangling-reference", FASCIA_ATLAS_ERROR_DANGLING_ID,
    "landmarks.json: landmark “lesser-trochanter”: field “references[1]”: no reference "
    "“gray-41” in references.json" },
  { "dangling-view", FASCIA_ATLAS_ERROR_DANGLING_ID,
    "muscles.json: muscle “iliacus”: field “trigger_points[0].views[1]”: no view “front” in "
    "views.json" },
  { "dangling-view-landmark", FASCIA_ATLAS_ERROR_DANGLING_ID,
    "views.json: view “posterior-deep”: field “landmarks[3]”: no landmark “psis”" },
  { "untreated-muscle", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "muscles.json: muscle “iliacus”: no technique in techniques.json lists it in “muscles”" },
  { "undrawn-landmark-in-view", FASCIA_ATLAS_ERROR_INVALID_VALUE,
    "views.json: view “anterior”: field “landmarks[3]”: landmark "
    "“humerus-intertubercular-sulcus” is not drawn" },
};

static void
test_bad_case (gconstpointer data)
{
  const BadCase *bad_case = data;
  g_autofree char *dir = fascia_test_make_atlas_dir (bad_case->name);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaAtlas) atlas = NULL;

  atlas = fascia_atlas_new_from_directory (dir, &error);

  g_assert_null (atlas);
  g_assert_error (error, FASCIA_ATLAS_ERROR, (int) bad_case->code);
  if (strstr (error->message, bad_case->message) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, bad_case->message);
  /* One line, so `fascia --check-content` can print it as it is. */
  g_assert_null (strchr (error->message, '\n'));

  fascia_test_rm_rf (dir);
}

/* Every folder in tests/data/atlas-bad is a case in the table, and the reverse. */
static void
test_every_fixture_has_a_case (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "atlas-bad", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  const char *name;
  guint n_folders = 0;

  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      gboolean found = FALSE;

      if (!g_file_test (child, G_FILE_TEST_IS_DIR))
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (bad_cases) && !found; i++)
        found = g_str_equal (bad_cases[i].name, name);

      if (!found)
        g_error ("tests/data/atlas-bad/%s has no case in the table", name);
      n_folders++;
    }

  g_assert_cmpuint (n_folders, ==, G_N_ELEMENTS (bad_cases));
}

static void
test_missing_file (void)
{
  g_autofree char *tmp = fascia_test_make_atlas_dir (NULL);
  g_autofree char *views = g_build_filename (tmp, "views.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaAtlas) atlas = NULL;

  g_assert_cmpint (g_remove (views), ==, 0);

  atlas = fascia_atlas_new_from_directory (tmp, &error);
  g_assert_null (atlas);
  g_assert_error (error, FASCIA_ATLAS_ERROR, FASCIA_ATLAS_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "views.json: "));

  fascia_test_rm_rf (tmp);
}

static void
test_missing_directory (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FasciaAtlas) atlas = NULL;

  atlas = fascia_atlas_new_from_directory ("/nonexistent/fascia-atlas", &error);
  g_assert_null (atlas);
  g_assert_error (error, FASCIA_ATLAS_ERROR, FASCIA_ATLAS_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, "references.json: "));
}

/* The good fixture exercises what is optional: null identifiers, no notes, no note on the
 * innervation, empty cautions and disagreements, a landmark outside the diagrams. */
static void
test_good_fixture_loads (void)
{
  g_autofree char *good = g_test_build_filename (G_TEST_DIST, "data", "atlas-good", NULL);
  g_autoptr(GError) error = NULL;
  FasciaAtlas *atlas;

  atlas = fascia_atlas_new_from_directory (good, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (atlas);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/core/atlas-schema/good-fixture-loads", test_good_fixture_loads);
  g_test_add_func ("/fascia/core/atlas-schema/every-fixture-has-a-case",
                   test_every_fixture_has_a_case);
  g_test_add_func ("/fascia/core/atlas-schema/missing-file", test_missing_file);
  g_test_add_func ("/fascia/core/atlas-schema/missing-directory", test_missing_directory);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fascia/core/atlas-schema/bad/%s",
                                               bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad_case);
    }

  return g_test_run ();
}
