/* test-safety.c — every technique × every intake condition: the warning the user sees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fascia/fascia-intake.h"
#include "fascia/fascia-plan-handout.h"
#include "fascia-application.h"
#include "fascia-atlas-page.h"
#include "fascia-client-view.h"
#include "fascia-clients-page.h"
#include "fascia-plan-editor.h"
#include "fascia-technique-card.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"
#include "fascia-window.h"

/*
 * One client, one plan holding every technique (as a target's technique) and every stretch
 * and home exercise (as a home exercise), built through the window's actions. Then, for each
 * condition of the vocabulary, the intake switch that gives it is turned on as a user would,
 * and the test reads what the user sees: the Atlas technique card's warning for every
 * technique, the plan editor's warnings (techniques and home exercises) and the handout's
 * text. A line is there exactly when the technique's contraindications name the condition.
 */

static FasciaApplication *app;

/* The intake flag that gives each condition. */
static const FasciaHealthFlags condition_flags[FASCIA_N_CONDITIONS] = {
  [FASCIA_CONDITION_PREGNANCY]                 = FASCIA_HEALTH_PREGNANCY,
  [FASCIA_CONDITION_ANTICOAGULANTS]            = FASCIA_HEALTH_ANTICOAGULANTS,
  [FASCIA_CONDITION_OSTEOPOROSIS]              = FASCIA_HEALTH_OSTEOPOROSIS,
  [FASCIA_CONDITION_RECENT_SURGERY]            = FASCIA_HEALTH_RECENT_SURGERY,
  [FASCIA_CONDITION_HIP_REPLACEMENT_ANTERIOR]  = FASCIA_HEALTH_HIP_REPLACEMENT_ANTERIOR,
  [FASCIA_CONDITION_HIP_REPLACEMENT_POSTERIOR] = FASCIA_HEALTH_HIP_REPLACEMENT_POSTERIOR,
  [FASCIA_CONDITION_ABDOMINAL_HERNIA]          = FASCIA_HEALTH_ABDOMINAL_HERNIA,
  [FASCIA_CONDITION_AORTIC_ANEURYSM_RISK]      = FASCIA_HEALTH_VASCULAR_DISEASE,
  [FASCIA_CONDITION_CANCER]                    = FASCIA_HEALTH_CANCER,
  [FASCIA_CONDITION_STOMA]                     = FASCIA_HEALTH_STOMA,
  [FASCIA_CONDITION_ENDOMETRIOSIS]             = FASCIA_HEALTH_ENDOMETRIOSIS,
  [FASCIA_CONDITION_RED_FLAGS]                 = FASCIA_HEALTH_RED_FLAGS,
};

static gboolean
is_exercise (FasciaTechnique *technique)
{
  const char *kind = fascia_technique_get_kind (technique);

  return g_str_equal (kind, "stretch") || g_str_equal (kind, "home-exercise");
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = haystack; p != NULL && (p = strstr (p, needle)) != NULL; p++)
    n++;
  return n;
}

/* The ⚠ icons in the plan editor's rows whose tooltip holds @text. */
static guint
count_icons (GtkWidget  *root,
             const char *text)
{
  guint n = 0;

  if (g_strcmp0 (gtk_widget_get_name (root), "intake-warning") == 0 &&
      gtk_widget_get_tooltip_text (root) != NULL &&
      strstr (gtk_widget_get_tooltip_text (root), text) != NULL)
    n++;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_icons (child, text);

  return n;
}

static void
test_matrix (void)
{
  g_autofree char *dir = fascia_test_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "fascia.db", NULL);
  FasciaWindow *window;
  FasciaClientsPage *page;
  FasciaClientView *view;
  FasciaPlanEditor *editor;
  FasciaAtlasPage *atlas_page;
  FasciaTechniqueCard *card;
  FasciaAtlas *atlas;
  GListModel *techniques;
  guint n_techniques;

  fascia_application_set_database_path (app, db_path);
  window = fascia_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  gtk_window_present (GTK_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "clients");
  fascia_test_iterate ();

  page = fascia_window_get_clients_page (window);
  view = fascia_clients_page_get_client_view (page);
  editor = fascia_client_view_get_plan_editor (view);
  atlas_page = fascia_window_get_atlas_page (window);
  card = FASCIA_TECHNIQUE_CARD (fascia_ui_test_child (atlas_page, FASCIA_TYPE_ATLAS_PAGE,
                                                      "technique_card"));
  atlas = fascia_atlas_get_default (NULL);
  techniques = fascia_atlas_get_techniques (atlas);
  n_techniques = g_list_model_get_n_items (techniques);

  /* A client with a plan that holds every technique and every exercise. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.new", NULL));
  fascia_test_iterate ();
  gtk_editable_set_text (GTK_EDITABLE (fascia_ui_test_child (view, FASCIA_TYPE_CLIENT_VIEW,
                                                             "name_row")), "Safety Matrix");
  fascia_client_view_flush (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "client.new-plan", NULL));
  fascia_test_iterate ();
  for (guint i = 0; i < n_techniques; i++)
    {
      g_autoptr(FasciaTechnique) t = g_list_model_get_item (techniques, i);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-to-plan", "(ss)",
                                                 fascia_technique_get_id (t),
                                                 fascia_technique_get_muscles (t)[0]));
      if (is_exercise (t))
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "plan.add-exercise", "s",
                                                   fascia_technique_get_id (t)));
    }
  fascia_test_iterate ();
  g_assert_null (fascia_plan_editor_get_warning (editor));

  for (FasciaCondition c = 0; c < FASCIA_N_CONDITIONS; c++)
    {
      FasciaPlan *plan = fascia_window_get_active_plan (window);
      const char *label = fascia_condition_get_label (c);
      g_autoptr(FasciaHandout) handout = NULL;
      g_autofree char *handout_text = NULL;
      g_autofree char *take_care = NULL;
      g_autoptr(GError) error = NULL;
      const char *editor_warning;
      guint expected_in_handout = 0;

      g_test_message ("condition %s", fascia_condition_to_id (c));
      fascia_client_view_set_intake_flag (view, condition_flags[c], TRUE);
      fascia_test_iterate ();
      g_assert_cmpuint (fascia_intake_client_conditions (fascia_client_view_get_client (view)),
                        ==, FASCIA_CONDITION_BIT (c));

      editor_warning = fascia_plan_editor_get_warning (editor);
      g_assert_nonnull (plan);
      handout = fascia_handout_new_for_plan (fascia_window_get_store (window), atlas,
                                             fascia_plan_get_id (plan), NULL, &error);
      g_assert_no_error (error);
      handout_text = fascia_handout_dup_text (handout);

      for (guint i = 0; i < n_techniques; i++)
        {
          g_autoptr(FasciaTechnique) t = g_list_model_get_item (techniques, i);
          const FasciaContraindication *entry = fascia_technique_lookup_contraindication (t, c);
          const char *card_warning;

          g_assert_true (fascia_atlas_page_open (atlas_page, "technique",
                                                 fascia_technique_get_id (t)));
          card_warning = fascia_technique_card_get_warning (card);

          if (entry != NULL)
            {
              g_autofree char *line = fascia_intake_describe_contraindication (entry);
              g_autofree char *editor_line = g_strdup_printf ("⚠ %s: %s",
                                                              fascia_technique_get_name (t),
                                                              line);
              g_autofree char *handout_line = g_strdup_printf ("Take care — %s", line);

              if (card_warning == NULL || strstr (card_warning, line) == NULL)
                g_error ("%s × %s: the Atlas card says “%s”", fascia_technique_get_id (t),
                         fascia_condition_to_id (c), card_warning);
              if (editor_warning == NULL || strstr (editor_warning, editor_line) == NULL)
                g_error ("%s × %s: the plan editor says “%s”", fascia_technique_get_id (t),
                         fascia_condition_to_id (c), editor_warning);
              if (strstr (handout_text, handout_line) == NULL)
                g_error ("%s × %s: the handout does not say “%s”", fascia_technique_get_id (t),
                         fascia_condition_to_id (c), handout_line);
              /* Once under the sessions' techniques (a referral card in the plan too:
               * its caution is what the client needs to hear), once more as an exercise. */
              expected_in_handout += 1 + (is_exercise (t) ? 1 : 0);
            }
          else
            {
              g_autofree char *name_prefix = g_strdup_printf ("⚠ %s: ",
                                                              fascia_technique_get_name (t));

              if (card_warning != NULL && strstr (card_warning, label) != NULL)
                g_error ("%s × %s: the Atlas card warns with nothing to say: “%s”",
                         fascia_technique_get_id (t), fascia_condition_to_id (c), card_warning);
              if (editor_warning != NULL && strstr (editor_warning, name_prefix) != NULL)
                g_error ("%s × %s: the plan editor warns with nothing to say",
                         fascia_technique_get_id (t), fascia_condition_to_id (c));
            }
        }

      take_care = g_strdup_printf ("Take care — %s —", label);
      g_assert_cmpuint (count (handout_text, take_care), ==, expected_in_handout);

      fascia_client_view_set_intake_flag (view, condition_flags[c], FALSE);
      fascia_test_iterate ();
    }

  /* Issue 12, item 11: the Sphinx stretch for a pregnant client, end to end. */
  fascia_client_view_set_intake_flag (view, FASCIA_HEALTH_PREGNANCY, TRUE);
  fascia_test_iterate ();
  g_assert_nonnull (strstr (fascia_plan_editor_get_warning (editor),
                            "⚠ Sphinx stretch (prone on elbows): Pregnancy — contraindicated: "));
  /* Its rows in the techniques and its row in the home exercises carry the ⚠. */
  g_assert_cmpuint (count_icons (GTK_WIDGET (editor),
                                 "Pregnancy — contraindicated: Do not lie face down"), >=, 2);
  g_assert_cmpuint (count_icons (fascia_ui_test_child (editor, FASCIA_TYPE_PLAN_EDITOR,
                                                       "exercise_list"),
                                 "Pregnancy — contraindicated: Do not lie face down"), ==, 1);

  g_object_ref (window);
  gtk_window_destroy (GTK_WINDOW (window));
  fascia_test_iterate ();
  g_assert_finalize_object (window);
  fascia_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  app = fascia_application_new ();
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/fascia/ui/safety/every-technique-every-condition", test_matrix);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
