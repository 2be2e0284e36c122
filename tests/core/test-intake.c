/* test-intake.c — the intake's conditions and the clinical review of the techniques' safety
 * data (issue 14, "Safety as data").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fascia/fascia-atlas.h"
#include "fascia/fascia-intake.h"
#include "fascia/fascia-technique.h"

static FasciaAtlas *
atlas (void)
{
  g_autoptr(GError) error = NULL;
  FasciaAtlas *a = fascia_atlas_get_default (&error);

  g_assert_no_error (error);
  return a;
}

static const FasciaContraindication *
entry (const char      *technique_id,
       FasciaCondition  condition)
{
  FasciaTechnique *t = fascia_atlas_lookup_technique (atlas (), technique_id);

  g_assert_nonnull (t);
  return fascia_technique_lookup_contraindication (t, condition);
}

static void
assert_level (const char        *technique_id,
              FasciaCondition    condition,
              FasciaSafetyLevel  level,
              const char        *fragment)
{
  const FasciaContraindication *c = entry (technique_id, condition);

  if (c == NULL)
    g_error ("%s says nothing about %s", technique_id, fascia_condition_to_id (condition));
  if (c->level != level)
    g_error ("%s × %s: level %s", technique_id, fascia_condition_to_id (condition),
             fascia_safety_level_get_label (c->level));
  if (fragment != NULL && strstr (c->instead, fragment) == NULL)
    g_error ("%s × %s: “%s” does not mention “%s”", technique_id,
             fascia_condition_to_id (condition), c->instead, fragment);
}

static void
test_conditions_from_flags (void)
{
  FasciaConditions aaa = FASCIA_CONDITION_BIT (FASCIA_CONDITION_AORTIC_ANEURYSM_RISK);

  g_assert_cmpuint (fascia_intake_get_conditions (FASCIA_HEALTH_NONE, 40), ==, 0);
  g_assert_cmpuint (fascia_intake_get_conditions (FASCIA_HEALTH_PREGNANCY, 30), ==,
                    FASCIA_CONDITION_BIT (FASCIA_CONDITION_PREGNANCY));
  g_assert_cmpuint (fascia_intake_get_conditions (FASCIA_HEALTH_STOMA | FASCIA_HEALTH_CANCER, 40),
                    ==, FASCIA_CONDITION_BIT (FASCIA_CONDITION_STOMA) |
                        FASCIA_CONDITION_BIT (FASCIA_CONDITION_CANCER));
  /* Aortic aneurysm risk is screened from age, smoking and vascular disease. */
  g_assert_cmpuint (fascia_intake_get_conditions (FASCIA_HEALTH_SMOKER, 35), ==, 0);
  g_assert_cmpuint (fascia_intake_get_conditions (FASCIA_HEALTH_SMOKER, 55), ==, aaa);
  g_assert_cmpuint (fascia_intake_get_conditions (FASCIA_HEALTH_SMOKER, -1), ==, aaa);
  g_assert_cmpuint (fascia_intake_get_conditions (FASCIA_HEALTH_NONE, 64), ==, 0);
  g_assert_cmpuint (fascia_intake_get_conditions (FASCIA_HEALTH_NONE, 65), ==, aaa);
  g_assert_cmpuint (fascia_intake_get_conditions (FASCIA_HEALTH_VASCULAR_DISEASE, 30), ==, aaa);

  /* Every flag but the two risk factors is a condition of its own. */
  {
    guint n;
    const FasciaHealthFlags *flags = fascia_health_flag_list (&n);

    for (guint i = 0; i < n; i++)
      {
        FasciaConditions c = fascia_intake_get_conditions (flags[i], 30);

        if (flags[i] == FASCIA_HEALTH_SMOKER)
          g_assert_cmpuint (c, ==, 0);
        else
          g_assert_cmpuint (__builtin_popcount (c), ==, 1);
        g_assert_nonnull (fascia_health_flag_get_label (flags[i]));
      }
  }
}

static void
test_age (void)
{
  g_autoptr(GDate) today = g_date_new_dmy (2, G_DATE_DECEMBER, 2026);

  g_assert_cmpint (fascia_intake_age ("1961-12-02", today), ==, 65);
  g_assert_cmpint (fascia_intake_age ("1961-12-03", today), ==, 64);
  g_assert_cmpint (fascia_intake_age ("", today), ==, -1);
  g_assert_cmpint (fascia_intake_age (NULL, today), ==, -1);
  g_assert_cmpint (fascia_intake_age ("1961-02-30", today), ==, -1);
  g_assert_cmpint (fascia_intake_age ("2030-01-01", today), ==, -1);
}

/* The warning lines: contraindications first, and never the card's words matched. */
static void
test_check_technique (void)
{
  FasciaTechnique *psoas = fascia_atlas_lookup_technique (atlas (), "psoas-release");
  FasciaConditions both = FASCIA_CONDITION_BIT (FASCIA_CONDITION_ENDOMETRIOSIS) |
                          FASCIA_CONDITION_BIT (FASCIA_CONDITION_PREGNANCY);
  g_autofree char *text = fascia_intake_check_technique (both, psoas);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_true (g_str_has_prefix (lines[0], "Pregnancy — contraindicated: "));
  g_assert_true (g_str_has_prefix (lines[1], "Endometriosis — caution: "));
  g_assert_null (fascia_intake_check_technique (0, psoas));
  g_assert_cmpint (fascia_intake_worst_level (both, psoas), ==, FASCIA_SAFETY_CONTRAINDICATED);
  g_assert_cmpint (fascia_intake_worst_level (0, psoas), ==, -1);
}

/* Issue 14's clinical review, as data. */
static void
test_clinical_review (void)
{
  GListModel *techniques = fascia_atlas_get_techniques (atlas ());
  FasciaTechnique *pin = fascia_atlas_lookup_technique (atlas (), "pin-and-stretch");
  const char * const *steps = fascia_technique_get_steps (pin);

  /* Trigger-point work on the abdominal wall. */
  assert_level ("trigger-point-therapy", FASCIA_CONDITION_PREGNANCY,
                FASCIA_SAFETY_CONTRAINDICATED, "abdominal wall");
  assert_level ("trigger-point-therapy", FASCIA_CONDITION_ABDOMINAL_HERNIA,
                FASCIA_SAFETY_CONTRAINDICATED, "inguinal canal");
  assert_level ("trigger-point-therapy", FASCIA_CONDITION_RECENT_SURGERY,
                FASCIA_SAFETY_CAUTION, "abdominal");
  assert_level ("trigger-point-therapy", FASCIA_CONDITION_AORTIC_ANEURYSM_RISK,
                FASCIA_SAFETY_CAUTION, "pulsating mass");

  /* Psoas and iliacus: anticoagulants rule out deep pressure; aneurysm risk is screened. */
  for (guint i = 0; i < 2; i++)
    {
      const char *id = i == 0 ? "psoas-release" : "iliopsoas-positional-release";

      assert_level (id, FASCIA_CONDITION_ANTICOAGULANTS, FASCIA_SAFETY_CONTRAINDICATED,
                    "femoral nerve");
      assert_level (id, FASCIA_CONDITION_AORTIC_ANEURYSM_RISK, FASCIA_SAFETY_CONTRAINDICATED,
                    "aneurysm");
      assert_level (id, FASCIA_CONDITION_PREGNANCY, FASCIA_SAFETY_CONTRAINDICATED, NULL);
      assert_level (id, FASCIA_CONDITION_ABDOMINAL_HERNIA, FASCIA_SAFETY_CONTRAINDICATED, NULL);
      assert_level (id, FASCIA_CONDITION_RECENT_SURGERY, FASCIA_SAFETY_CONTRAINDICATED, NULL);
    }

  /* Anterior-approach hip replacement restricts extension: MET and PNF in the Thomas
   * position, the kneeling hip-flexor stretch. */
  assert_level ("muscle-energy-technique", FASCIA_CONDITION_HIP_REPLACEMENT_ANTERIOR,
                FASCIA_SAFETY_CONTRAINDICATED, "Thomas position");
  assert_level ("pnf-stretching", FASCIA_CONDITION_HIP_REPLACEMENT_ANTERIOR,
                FASCIA_SAFETY_CONTRAINDICATED, "Thomas position");
  assert_level ("kneeling-hip-flexor-stretch", FASCIA_CONDITION_HIP_REPLACEMENT_ANTERIOR,
                FASCIA_SAFETY_CONTRAINDICATED, "extension");

  /* Pin and stretch: osteoporosis over the ribs, and a rectus femoris step that can be done. */
  assert_level ("pin-and-stretch", FASCIA_CONDITION_OSTEOPOROSIS, FASCIA_SAFETY_CAUTION, "ribs");
  for (guint i = 0; steps[i] != NULL; i++)
    if (g_str_has_prefix (steps[i], "Rectus femoris:"))
      {
        g_assert_null (strstr (steps[i], "prone"));
        g_assert_nonnull (strstr (steps[i], "seated"));
      }

  /* The Sphinx stretch is done lying face down: not in pregnancy. */
  assert_level ("sphinx-stretch", FASCIA_CONDITION_PREGNANCY, FASCIA_SAFETY_CONTRAINDICATED,
                "face down");

  for (guint i = 0; i < g_list_model_get_n_items (techniques); i++)
    {
      g_autoptr(FasciaTechnique) t = g_list_model_get_item (techniques, i);
      g_autofree char *position = g_utf8_strdown (fascia_technique_get_position (t), -1);
      const char *id = fascia_technique_get_id (t);
      gboolean hands_on = !g_str_equal (fascia_technique_get_kind (t), "referral");

      /* Red flags stop every hands-on technique and exercise. */
      if (hands_on)
        assert_level (id, FASCIA_CONDITION_RED_FLAGS, FASCIA_SAFETY_CONTRAINDICATED, NULL);

      /* Pregnancy is addressed in every technique done prone, and in every one that works
       * on a muscle of the abdominal or pelvic wall. */
      if (strstr (position, "prone") != NULL || strstr (position, "face down") != NULL ||
          fascia_technique_treats (t, "psoas-major") || fascia_technique_treats (t, "iliacus") ||
          (fascia_technique_treats (t, "external-oblique") &&
           g_str_equal (fascia_technique_get_kind (t), "manual")))
        if (entry (id, FASCIA_CONDITION_PREGNANCY) == NULL &&
            !g_str_equal (fascia_technique_get_kind (t), "referral"))
          g_error ("%s: done prone or on the abdomen, and says nothing about pregnancy", id);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/core/intake/conditions-from-flags", test_conditions_from_flags);
  g_test_add_func ("/fascia/core/intake/age", test_age);
  g_test_add_func ("/fascia/core/intake/check-technique", test_check_technique);
  g_test_add_func ("/fascia/core/intake/clinical-review", test_clinical_review);

  return g_test_run ();
}
