/* test-atlas.c — FasciaAtlas and its records, on the small content in tests/data/atlas-good.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "fascia/fascia-atlas.h"
#include "fascia-test-utils.h"

static FasciaAtlas *
load_good (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "atlas-good", NULL);
  g_autoptr(GError) error = NULL;
  FasciaAtlas *atlas;

  atlas = fascia_atlas_new_from_directory (dir, &error);
  g_assert_no_error (error);
  g_assert_true (FASCIA_IS_ATLAS (atlas));

  return atlas;
}

/* The ids of a model's records, joined by spaces, to compare in one assertion. */
static char *
join_ids (GListModel *model)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (model, i);
      g_autofree char *id = NULL;

      if (FASCIA_IS_TRIGGER_POINT (record))
        id = g_strdup_printf ("%s:%u",
                              fascia_trigger_point_get_muscle_id (FASCIA_TRIGGER_POINT (record)),
                              fascia_trigger_point_get_n (FASCIA_TRIGGER_POINT (record)));
      else
        g_object_get (record, "id", &id, NULL);

      if (i > 0)
        g_string_append_c (ids, ' ');
      g_string_append (ids, id);
    }

  return g_string_free (g_steal_pointer (&ids), FALSE);
}

static void
test_load_directory (void)
{
  FasciaAtlas *atlas = load_good ();
  g_autofree char *muscles = join_ids (fascia_atlas_get_muscles (atlas));
  g_autofree char *landmarks = join_ids (fascia_atlas_get_landmarks (atlas));
  g_autofree char *techniques = join_ids (fascia_atlas_get_techniques (atlas));
  g_autofree char *patterns = join_ids (fascia_atlas_get_patterns (atlas));
  g_autofree char *views = join_ids (fascia_atlas_get_views (atlas));
  g_autofree char *points = join_ids (fascia_atlas_get_trigger_points (atlas));
  g_autofree char *references = g_strjoinv (" ", (char **) fascia_atlas_get_reference_ids (atlas));

  /* Every model keeps the order of its file. */
  g_assert_cmpstr (muscles, ==, "psoas-major iliacus quadratus-lumborum");
  g_assert_cmpstr (landmarks, ==, "l1-body l1-transverse-process rib-12 iliac-crest iliac-fossa "
                                  "lesser-trochanter humerus-intertubercular-sulcus");
  g_assert_cmpstr (techniques, ==, "pin-and-stretch petrissage kneeling-hip-flexor-stretch "
                                   "red-flags-refer-out");
  g_assert_cmpstr (patterns, ==, "lower-crossed-syndrome");
  g_assert_cmpstr (views, ==, "anterior posterior-deep");
  g_assert_cmpstr (points, ==, "psoas-major:1 psoas-major:2 iliacus:1 quadratus-lumborum:1");
  g_assert_cmpstr (references, ==, "gray-42 ts-vol2 janda");

  g_assert_true (g_list_model_get_item_type (fascia_atlas_get_muscles (atlas)) ==
                 FASCIA_TYPE_MUSCLE);
  g_assert_true (g_list_model_get_item_type (fascia_atlas_get_landmarks (atlas)) ==
                 FASCIA_TYPE_LANDMARK);
  g_assert_true (g_list_model_get_item_type (fascia_atlas_get_techniques (atlas)) ==
                 FASCIA_TYPE_TECHNIQUE);

  g_assert_finalize_object (atlas);
}

static void
test_lookups (void)
{
  FasciaAtlas *atlas = load_good ();
  FasciaTriggerPoint *point;

  g_assert_cmpstr (fascia_muscle_get_name (fascia_atlas_lookup_muscle (atlas, "psoas-major")),
                   ==, "Psoas major");
  g_assert_cmpstr (fascia_landmark_get_latin (fascia_atlas_lookup_landmark (atlas,
                                                                            "lesser-trochanter")),
                   ==, "Trochanter minor");
  g_assert_cmpstr (fascia_technique_get_kind (fascia_atlas_lookup_technique (atlas,
                                                                             "red-flags-refer-out")),
                   ==, "referral");
  g_assert_cmpstr (fascia_view_get_file (fascia_atlas_lookup_view (atlas, "posterior-deep")),
                   ==, "posterior-deep.svg");
  g_assert_cmpstr (fascia_pattern_get_name (fascia_atlas_lookup_pattern (atlas,
                                                                         "lower-crossed-syndrome")),
                   ==, "Lower crossed syndrome");
  g_assert_true (g_str_has_prefix (fascia_atlas_lookup_reference (atlas, "ts-vol2"),
                                   "Travell JG, Simons DG."));

  point = fascia_atlas_lookup_trigger_point (atlas, "psoas-major", 2);
  g_assert_nonnull (point);
  g_assert_cmpuint (fascia_trigger_point_get_n (point), ==, 2);
  g_assert_cmpstr (fascia_trigger_point_get_referral (point), ==, "Front of the thigh");

  /* Ids of the wrong kind, numbers out of range and unknown ids are not found. */
  g_assert_null (fascia_atlas_lookup_muscle (atlas, "lesser-trochanter"));
  g_assert_null (fascia_atlas_lookup_landmark (atlas, "psoas-major"));
  g_assert_null (fascia_atlas_lookup_technique (atlas, "no-such-technique"));
  g_assert_null (fascia_atlas_lookup_view (atlas, "lateral"));
  g_assert_null (fascia_atlas_lookup_pattern (atlas, "upper-crossed-syndrome"));
  g_assert_null (fascia_atlas_lookup_reference (atlas, "gray-41"));
  g_assert_null (fascia_atlas_lookup_trigger_point (atlas, "psoas-major", 0));
  g_assert_null (fascia_atlas_lookup_trigger_point (atlas, "psoas-major", 3));
  g_assert_null (fascia_atlas_lookup_trigger_point (atlas, "psoas-minor", 1));

  g_assert_finalize_object (atlas);
}

static void
test_muscle_fields (void)
{
  FasciaAtlas *atlas = load_good ();
  FasciaMuscle *psoas = fascia_atlas_lookup_muscle (atlas, "psoas-major");
  FasciaMuscle *ql = fascia_atlas_lookup_muscle (atlas, "quadratus-lumborum");
  const FasciaAttachment *origin;
  const FasciaRelation *relation;
  GPtrArray *origins = fascia_muscle_get_origins (psoas);
  GPtrArray *relations = fascia_muscle_get_relations (psoas);
  g_autoptr(FasciaTriggerPoint) point = NULL;
  g_autofree char *group = NULL;
  g_auto(GStrv) actions = NULL;
  g_autoptr(GPtrArray) insertions = NULL;
  g_autoptr(GListModel) points = NULL;
  gboolean paired = FALSE;

  g_assert_cmpstr (fascia_muscle_get_id (psoas), ==, "psoas-major");
  g_assert_cmpstr (fascia_muscle_get_latin (psoas), ==, "Musculus psoas major");
  g_assert_cmpstr (fascia_muscle_get_group (psoas), ==, "hip-flexors");
  g_assert_cmpstr (fascia_muscle_get_fma (psoas), ==, "FMA:18060");
  g_assert_cmpstr (fascia_muscle_get_ta98 (psoas), ==, "A04.7.02.004");
  g_assert_true (fascia_muscle_get_paired (psoas));
  g_assert_cmpstr (fascia_muscle_get_actions (psoas)[0], ==, "Flexes the hip");
  g_assert_null (fascia_muscle_get_actions (psoas)[1]);
  g_assert_cmpstr (fascia_muscle_get_innervation_nerve (psoas), ==,
                   "Anterior rami of the lumbar nerves");
  g_assert_cmpstr (fascia_muscle_get_innervation_roots (psoas), ==, "L1–L3");
  g_assert_cmpstr (fascia_muscle_get_innervation_note (psoas), ==, "Other texts give L2–L4.");
  g_assert_cmpstr (fascia_muscle_get_blood_supply (psoas)[0], ==, "Lumbar arteries");
  g_assert_cmpstr (fascia_muscle_get_overactive_causes (psoas)[0], ==, "Prolonged sitting");
  g_assert_cmpstr (fascia_muscle_get_weakness_causes (psoas)[0], ==, "Long bed rest");
  g_assert_true (g_str_has_prefix (fascia_muscle_get_client_explanation (psoas), "This deep"));
  g_assert_true (g_str_has_prefix (fascia_muscle_get_study_note (psoas), "Palpate"));
  g_assert_null (fascia_muscle_get_disagreements (psoas)[0]);
  g_assert_null (fascia_muscle_get_notes (psoas));
  g_assert_cmpstr (fascia_muscle_get_references (psoas)[1], ==, "ts-vol2");

  g_assert_cmpuint (origins->len, ==, 1);
  origin = g_ptr_array_index (origins, 0);
  g_assert_cmpstr (origin->text, ==, "Body of L1 and the transverse process of L1");
  g_assert_cmpstr (origin->landmarks[0], ==, "l1-body");
  g_assert_cmpstr (origin->landmarks[1], ==, "l1-transverse-process");
  g_assert_null (origin->landmarks[2]);

  g_assert_cmpuint (relations->len, ==, 2);
  relation = g_ptr_array_index (relations, 0);
  g_assert_cmpstr (relation->role, ==, "culprit");
  g_assert_cmpstr (relation->muscle_id, ==, "quadratus-lumborum");

  /* Null identifiers and optional notes come through as NULL and as text. */
  g_assert_null (fascia_muscle_get_fma (ql));
  g_assert_null (fascia_muscle_get_ta98 (ql));
  g_assert_null (fascia_muscle_get_innervation_note (ql));
  g_assert_nonnull (fascia_muscle_get_notes (ql));

  /* The same fields as read-only properties, for bindings and expressions. */
  g_object_get (psoas,
                "group", &group,
                "paired", &paired,
                "actions", &actions,
                "insertions", &insertions,
                "trigger-points", &points,
                NULL);
  g_assert_cmpstr (group, ==, "hip-flexors");
  g_assert_true (paired);
  g_assert_cmpstr (actions[0], ==, "Flexes the hip");
  g_assert_cmpuint (insertions->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (points), ==, 2);
  g_assert_true ((g_object_class_find_property (G_OBJECT_GET_CLASS (psoas), "name")->flags &
                  G_PARAM_WRITABLE) == 0);

  point = g_list_model_get_item (points, 0);
  g_assert_cmpstr (fascia_trigger_point_get_muscle_id (point), ==, "psoas-major");
  g_assert_cmpuint (fascia_trigger_point_get_n (point), ==, 1);
  g_assert_cmpstr (fascia_trigger_point_get_location (point), ==, "Lumbar part, deep");
  g_assert_cmpstr (fascia_trigger_point_get_views (point)[0], ==, "anterior");

  g_clear_object (&point);
  g_clear_object (&points);
  g_assert_finalize_object (atlas);
}

static void
test_other_records (void)
{
  FasciaAtlas *atlas = load_good ();
  FasciaLandmark *sulcus = fascia_atlas_lookup_landmark (atlas, "humerus-intertubercular-sulcus");
  FasciaLandmark *body = fascia_atlas_lookup_landmark (atlas, "l1-body");
  FasciaTechnique *flags = fascia_atlas_lookup_technique (atlas, "red-flags-refer-out");
  FasciaPattern *lcs = fascia_atlas_lookup_pattern (atlas, "lower-crossed-syndrome");
  FasciaView *anterior = fascia_atlas_lookup_view (atlas, "anterior");

  g_assert_cmpstr (fascia_landmark_get_kind (body), ==, "bony-landmark");
  g_assert_cmpstr (fascia_landmark_get_bone (body), ==, "L1 vertebra");
  g_assert_false (fascia_landmark_get_paired (body));
  g_assert_true (fascia_landmark_get_drawn (body));
  g_assert_false (fascia_landmark_get_drawn (sulcus));
  g_assert_nonnull (fascia_landmark_get_description (body));
  g_assert_true (g_str_has_prefix (fascia_landmark_get_palpation (body), "Not palpable"));
  g_assert_cmpstr (fascia_landmark_get_references (body)[0], ==, "gray-42");

  g_assert_cmpstr (fascia_technique_get_name (flags), ==, "Red flags: refer out");
  g_assert_cmpstr (fascia_technique_get_purpose (flags), ==, "Releases tension.");
  g_assert_cmpstr (fascia_technique_get_position (flags), ==, "Client supine.");
  g_assert_cmpstr (fascia_technique_get_steps (flags)[1], ==, "Apply the technique.");
  g_assert_cmpstr (fascia_technique_get_duration (flags), ==, "—");
  g_assert_cmpstr (fascia_technique_get_pressure (flags), ==, "—");
  g_assert_cmpstr (fascia_technique_get_indications (flags)[0], ==, "Tightness");
  g_assert_cmpstr (fascia_technique_get_cautions (flags)[0], ==, "Do not treat until cleared.");
  g_assert_cmpstr (fascia_technique_get_general_contraindications (flags)[0], ==,
                   "Acute inflammation");
  g_assert_cmpuint (fascia_technique_get_contraindications (flags)->len, ==, 0);
  g_assert_cmpstr (fascia_technique_get_home_care (flags), ==, "Stretch daily.");
  g_assert_cmpuint (g_strv_length ((char **) fascia_technique_get_muscles (flags)), ==, 3);
  g_assert_cmpstr (fascia_technique_get_references (flags)[0], ==, "gray-42");
  g_assert_true (fascia_technique_treats (flags, "iliacus"));
  g_assert_false (fascia_technique_treats (flags, "piriformis"));

  g_assert_cmpstr (fascia_pattern_get_summary (lcs), ==,
                   "Tight hip flexors and low-back muscles, weak gluteals and abdominals.");
  g_assert_cmpstr (fascia_pattern_get_tight (lcs)[1], ==, "iliacus");
  g_assert_cmpstr (fascia_pattern_get_weak (lcs)[0], ==, "quadratus-lumborum");
  g_assert_cmpstr (fascia_pattern_get_effects (lcs), ==, "The pelvis tips forward.");
  g_assert_cmpstr (fascia_pattern_get_techniques (lcs)[0], ==, "kneeling-hip-flexor-stretch");
  g_assert_nonnull (fascia_pattern_get_client_explanation (lcs));
  g_assert_cmpstr (fascia_pattern_get_references (lcs)[0], ==, "janda");

  g_assert_cmpstr (fascia_view_get_title (anterior), ==, "Front");
  g_assert_nonnull (fascia_view_get_description (anterior));
  g_assert_cmpstr (fascia_view_get_muscles (anterior)[0], ==, "psoas-major");
  g_assert_cmpstr (fascia_view_get_landmarks (anterior)[2], ==, "lesser-trochanter");

  g_assert_finalize_object (atlas);
}

/* A landmark's muscles are derived from the muscles' origins and insertions. */
static void
test_landmark_muscles (void)
{
  static const struct {
    const char           *landmark;
    const char           *muscles;
    const char           *muscle;
    FasciaAttachmentKind  kind;
  } cases[] = {
    { "lesser-trochanter", "psoas-major iliacus", "iliacus", FASCIA_ATTACHMENT_INSERTION },
    { "l1-transverse-process", "psoas-major quadratus-lumborum", "psoas-major",
      FASCIA_ATTACHMENT_ORIGIN },
    { "l1-transverse-process", "psoas-major quadratus-lumborum", "quadratus-lumborum",
      FASCIA_ATTACHMENT_INSERTION },
    { "iliac-crest", "quadratus-lumborum", "quadratus-lumborum", FASCIA_ATTACHMENT_ORIGIN },
    { "iliac-crest", "quadratus-lumborum", "psoas-major", FASCIA_ATTACHMENT_NONE },
    { "humerus-intertubercular-sulcus", "", "psoas-major", FASCIA_ATTACHMENT_NONE },
  };
  FasciaAtlas *atlas = load_good ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FasciaLandmark *landmark = fascia_atlas_lookup_landmark (atlas, cases[i].landmark);
      FasciaMuscle *muscle = fascia_atlas_lookup_muscle (atlas, cases[i].muscle);
      g_autofree char *muscles = join_ids (fascia_landmark_get_muscles (landmark));

      g_assert_cmpstr (muscles, ==, cases[i].muscles);
      g_assert_cmpint (fascia_landmark_get_attachment_kind (landmark, cases[i].muscle), ==,
                       cases[i].kind);
      g_assert_cmpint (fascia_muscle_get_attachment_kind (muscle, cases[i].landmark), ==,
                       cases[i].kind);
    }

  g_assert_finalize_object (atlas);
}

/* A muscle's techniques are derived from the techniques' "muscles". */
static void
test_muscle_techniques (void)
{
  static const struct {
    const char *muscle;
    const char *techniques;
  } cases[] = {
    { "psoas-major", "pin-and-stretch kneeling-hip-flexor-stretch red-flags-refer-out" },
    { "iliacus", "kneeling-hip-flexor-stretch red-flags-refer-out" },
    { "quadratus-lumborum", "pin-and-stretch petrissage red-flags-refer-out" },
  };
  FasciaAtlas *atlas = load_good ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FasciaMuscle *muscle = fascia_atlas_lookup_muscle (atlas, cases[i].muscle);
      g_autofree char *techniques = join_ids (fascia_muscle_get_techniques (muscle));

      g_assert_cmpstr (techniques, ==, cases[i].techniques);
    }

  g_assert_finalize_object (atlas);
}

static void
test_search (void)
{
  static const struct {
    const char *query;
    const char *results;
  } cases[] = {
    { "psoas", "psoas-major" },
    { "PSOAS", "psoas-major" },
    { "  Psóas ", "psoas-major" },                      /* accents and spaces in the query */
    { "musculus quadratus", "quadratus-lumborum" },     /* Latin */
    { "trochanter", "lesser-trochanter" },
    { "crista", "iliac-crest" },                        /* Latin of a landmark */
    { "iliac", "iliacus iliac-crest iliac-fossa" },
    { "ilia", "iliacus iliac-crest iliac-fossa" },      /* muscles, then landmarks */
    { "petriss", "petrissage" },                        /* “Pétrissage” without its accent */
    { "PÉTRISSAGE", "petrissage" },
    { "stretch", "pin-and-stretch kneeling-hip-flexor-stretch" },
    { "no such thing", "" },
  };
  FasciaAtlas *atlas = load_good ();
  g_autoptr(GListModel) everything = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GListModel) results = fascia_atlas_search (atlas, cases[i].query);
      g_autofree char *ids = join_ids (results);

      g_assert_cmpstr (ids, ==, cases[i].results);
    }

  /* Results are the records themselves, so the UI can show them directly. */
  {
    g_autoptr(GListModel) results = fascia_atlas_search (atlas, "iliacus");
    g_autoptr(GObject) first = g_list_model_get_item (results, 0);

    g_assert_true (first == (GObject *) fascia_atlas_lookup_muscle (atlas, "iliacus"));
  }

  /* An empty query matches every muscle, landmark and technique. */
  everything = fascia_atlas_search (atlas, "");
  g_assert_cmpuint (g_list_model_get_n_items (everything), ==, 3 + 7 + 4);

  g_clear_object (&everything);
  g_assert_finalize_object (atlas);
}

static void
test_display_name (void)
{
  FasciaAtlas *atlas = load_good ();
  FasciaMuscle *psoas = fascia_atlas_lookup_muscle (atlas, "psoas-major");
  g_autofree char *left = fascia_muscle_get_display_name (psoas, FASCIA_SIDE_LEFT);
  g_autofree char *right = fascia_muscle_get_display_name (psoas, FASCIA_SIDE_RIGHT);
  g_autofree char *both = fascia_muscle_get_display_name (psoas, FASCIA_SIDE_BOTH);
  g_autofree char *none = fascia_muscle_get_display_name (psoas, FASCIA_SIDE_NONE);

  g_assert_cmpstr (left, ==, "Psoas major, left side");
  g_assert_cmpstr (right, ==, "Psoas major, right side");
  g_assert_cmpstr (both, ==, "Psoas major, both sides");
  g_assert_cmpstr (none, ==, "Psoas major");

  g_assert_finalize_object (atlas);
}

static void
test_trigger_point_regions (void)
{
  FasciaAtlas *atlas = load_good ();
  FasciaTriggerPoint *point = fascia_atlas_lookup_trigger_point (atlas, "quadratus-lumborum", 1);
  g_autofree char *left = fascia_trigger_point_dup_region_id (point, FASCIA_SIDE_LEFT);
  g_autofree char *right = fascia_trigger_point_dup_region_id (point, FASCIA_SIDE_RIGHT);
  g_autofree char *zone = fascia_trigger_point_dup_zone_id (point, FASCIA_SIDE_RIGHT);

  g_assert_cmpstr (left, ==, "tp-quadratus-lumborum-1-l");
  g_assert_cmpstr (right, ==, "tp-quadratus-lumborum-1-r");
  g_assert_cmpstr (zone, ==, "rz-quadratus-lumborum-1-r");

  g_assert_finalize_object (atlas);
}

/* Records outlive the atlas that made them when a caller keeps a reference. */
static void
test_records_outlive_atlas (void)
{
  FasciaAtlas *atlas = load_good ();
  FasciaLandmark *landmark = g_object_ref (fascia_atlas_lookup_landmark (atlas,
                                                                         "lesser-trochanter"));
  FasciaMuscle *muscle = g_object_ref (fascia_atlas_lookup_muscle (atlas, "iliacus"));

  g_assert_finalize_object (atlas);

  g_assert_cmpuint (g_list_model_get_n_items (fascia_landmark_get_muscles (landmark)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (fascia_muscle_get_techniques (muscle)), ==, 2);

  g_assert_finalize_object (landmark);
  g_assert_finalize_object (muscle);
}

static void
test_boxed_copies (void)
{
  static const char * const landmarks[] = { "iliac-fossa", NULL };
  g_autoptr(FasciaAttachment) attachment = fascia_attachment_new ("Iliac fossa", landmarks);
  g_autoptr(FasciaAttachment) attachment_copy = fascia_attachment_copy (attachment);
  g_autoptr(FasciaRelation) relation = fascia_relation_new ("victim", "psoas-major", "Strained.");
  g_autoptr(FasciaRelation) relation_copy = g_boxed_copy (FASCIA_TYPE_RELATION, relation);

  g_assert_true (attachment_copy != attachment);
  g_assert_cmpstr (attachment_copy->text, ==, "Iliac fossa");
  g_assert_cmpstr (attachment_copy->landmarks[0], ==, "iliac-fossa");
  g_assert_null (attachment_copy->landmarks[1]);
  g_assert_cmpstr (relation_copy->role, ==, "victim");
  g_assert_cmpstr (relation_copy->muscle_id, ==, "psoas-major");
  g_assert_cmpstr (relation_copy->text, ==, "Strained.");
}

/* The atlas's lists read from several threads at once, as the window reads them while views
 * load ahead in threads: each reader sees every record in its place. */
typedef struct
{
  GListModel *model;
  gpointer   *expected;
  guint       n;
  gint        wrong;
} ListReader;

static gpointer
read_list_thread (gpointer data)
{
  ListReader *reader = data;

  for (guint pass = 0; pass < 2000; pass++)
    for (guint i = 0; i < reader->n; i++)
      {
        /* Forwards and backwards in turn, as callers walk them. */
        guint position = pass % 2 == 0 ? i : reader->n - 1 - i;
        g_autoptr(GObject) item = g_list_model_get_item (reader->model, position);

        if (item != reader->expected[position])
          g_atomic_int_inc (&reader->wrong);
      }

  return NULL;
}

static void
test_lists_from_threads (void)
{
  FasciaAtlas *atlas = load_good ();
  GListModel *models[] = {
    fascia_atlas_get_muscles (atlas), fascia_atlas_get_landmarks (atlas),
    fascia_atlas_get_trigger_points (atlas),
    fascia_landmark_get_muscles (fascia_atlas_lookup_landmark (atlas, "lesser-trochanter")),
    fascia_muscle_get_techniques (fascia_atlas_lookup_muscle (atlas, "iliacus")),
  };

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      ListReader reader = { models[m], NULL, g_list_model_get_n_items (models[m]), 0 };
      GThread *threads[4];

      g_assert_cmpuint (reader.n, >, 1);
      reader.expected = g_new (gpointer, reader.n);
      for (guint i = 0; i < reader.n; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (models[m], i);

          reader.expected[i] = item;
        }
      for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
        threads[t] = g_thread_new ("reader", read_list_thread, &reader);
      for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
        g_thread_join (threads[t]);
      g_assert_cmpint (reader.wrong, ==, 0);
      g_assert_null (g_list_model_get_item (models[m], reader.n));
      g_free (reader.expected);
    }

  g_assert_finalize_object (atlas);
}

/* The built-in atlas read in a worker: nothing to peek at before, the atlas after, and
 * fascia_atlas_get_default() returns that same atlas. In a process of its own, where nothing
 * else has loaded it. */
static void
test_preload_default (void)
{
  FasciaAtlas *atlas;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_null (fascia_atlas_peek_default ());
  fascia_atlas_preload_default ();
  fascia_atlas_preload_default ();  /* one worker, however often asked */
  /* Polled, not timed: the bound only keeps a broken load from hanging the test. */
  for (guint i = 0; i < 600000 && fascia_atlas_peek_default () == NULL; i++)
    g_usleep (100);
  atlas = fascia_atlas_peek_default ();
  g_assert_nonnull (atlas);
  g_assert_true (fascia_atlas_get_default (NULL) == atlas);
  g_assert_nonnull (fascia_atlas_lookup_muscle (atlas, "psoas-major"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/core/atlas/load-directory", test_load_directory);
  g_test_add_func ("/fascia/core/atlas/lookups", test_lookups);
  g_test_add_func ("/fascia/core/atlas/muscle-fields", test_muscle_fields);
  g_test_add_func ("/fascia/core/atlas/other-records", test_other_records);
  g_test_add_func ("/fascia/core/atlas/landmark-muscles", test_landmark_muscles);
  g_test_add_func ("/fascia/core/atlas/muscle-techniques", test_muscle_techniques);
  g_test_add_func ("/fascia/core/atlas/search", test_search);
  g_test_add_func ("/fascia/core/atlas/display-name", test_display_name);
  g_test_add_func ("/fascia/core/atlas/trigger-point-regions", test_trigger_point_regions);
  g_test_add_func ("/fascia/core/atlas/records-outlive-atlas", test_records_outlive_atlas);
  g_test_add_func ("/fascia/core/atlas/boxed-copies", test_boxed_copies);
  g_test_add_func ("/fascia/core/atlas/preload-default", test_preload_default);
  g_test_add_func ("/fascia/core/atlas/lists-from-threads", test_lists_from_threads);

  return g_test_run ();
}
