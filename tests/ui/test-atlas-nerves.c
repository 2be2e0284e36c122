/* test-atlas-nerves.c — nerves as danger zones (issue 14): a layer of the Atlas hidden by
 * default, shown by its toggle, remembered in the settings, each nerve a region whose card
 * says what pressure there does. Real pointer events under Xvfb.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fascia/fascia-atlas.h"
#include "fascia-atlas-page.h"
#include "fascia-diagram-view.h"
#include "fascia-test-utils.h"
#include "fascia-ui-test-utils.h"

/* The nerves, the views that draw them (resources/diagrams/README.md): every nerve a view names
 * here is drawn there, and a view draws no nerve it does not name (test_named). */
static const struct {
  const char *view;
  const char *region;
} nerves[] = {
  { "posterior-deep", "b-sciatic-nerve-l" },
  { "posterior-superficial", "b-sciatic-nerve-r" },
  { "posterior-superficial", "b-superior-cluneal-nerves-l" },
  { "posterior-superficial", "b-middle-cluneal-nerves-r" },
  { "anterior", "b-lateral-femoral-cutaneous-nerve-l" },
  { "anterior", "b-femoral-nerve-r" },
  { "front-superficial", "b-femoral-nerve-l" },
  { "front-superficial", "b-lateral-femoral-cutaneous-nerve-r" },
  { "lateral", "b-superior-cluneal-nerves-r" },
  { "lateral", "b-lateral-femoral-cutaneous-nerve-r" },
  { "lateral", "b-sciatic-nerve-r" },
  { "pelvis-medial", "b-femoral-nerve-r" },
  { "pelvis-medial", "b-sciatic-nerve-r" },
};

typedef struct
{
  FasciaAtlasPage *page;
  const char      *card;
} CardWait;

static gboolean
card_is (gpointer user_data)
{
  CardWait *wait = user_data;

  return g_strcmp0 (fascia_atlas_page_get_card (wait->page), wait->card) == 0;
}

/* Whether a drawable label under @root reads @text. */
static gboolean
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_is_drawable (root)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;

  return FALSE;
}

/* A point of @region_id that a click hits, or FALSE. */
static gboolean
point_in_region (FasciaDiagram *diagram,
                 const char    *region_id,
                 double        *x,
                 double        *y)
{
  const FasciaRegion *region = fascia_diagram_lookup_region (diagram, region_id);

  g_assert_nonnull (region);
  for (int j = 1; j < 24; j++)
    for (int i = 1; i < 24; i++)
      {
        double px = region->x + region->width * ((i * 7) % 24) / 24.0;
        double py = region->y + region->height * ((j * 5) % 24) / 24.0;
        const FasciaRegion *hit = fascia_diagram_hit_test (diagram, px, py);

        if (hit != NULL && g_str_equal (hit->id, region_id))
          {
            *x = px;
            *y = py;
            return TRUE;
          }
      }

  return FALSE;
}

static void
test_layer (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.fascia.Fascia");
  GtkWidget *window = gtk_window_new ();
  FasciaAtlasPage *page = FASCIA_ATLAS_PAGE (fascia_atlas_page_new ());
  FasciaDiagramView *view;
  FasciaDiagram *diagram;
  double x, y, wx, wy;

  /* Off by default, and remembered: the window binds the page to this key. */
  g_assert_false (g_settings_get_boolean (settings, "show-nerves"));
  g_settings_bind (settings, "show-nerves", page, "show-nerves", G_SETTINGS_BIND_DEFAULT);

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  view = FASCIA_DIAGRAM_VIEW (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                             FASCIA_TYPE_ATLAS_PAGE,
                                                             "diagram_view"));
  gtk_window_present (GTK_WINDOW (window));
  fascia_ui_test_wait_idle (200);

  /* Hidden, a nerve cannot be hit: the muscles over it answer a click. */
  for (guint i = 0; i < G_N_ELEMENTS (nerves); i++)
    {
      fascia_atlas_page_set_view (page, nerves[i].view);
      g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, view, 5000));
      diagram = fascia_diagram_view_get_diagram (view);
      g_assert_false (fascia_diagram_get_layer_visible (diagram, "layer-nerves"));
      g_assert_false (point_in_region (diagram, nerves[i].region, &x, &y));
    }

  /* The toggle (a menu item of the tool bar's layers and overflow menus) shows them, in every
   * view, and the setting keeps it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "atlas.show-nerves", NULL));
  g_assert_true (g_settings_get_boolean (settings, "show-nerves"));
  for (guint i = 0; i < G_N_ELEMENTS (nerves); i++)
    {
      fascia_atlas_page_set_view (page, nerves[i].view);
      g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, view, 5000));
      diagram = fascia_diagram_view_get_diagram (view);
      g_assert_true (fascia_diagram_get_layer_visible (diagram, "layer-nerves"));
      if (!point_in_region (diagram, nerves[i].region, &x, &y))
        g_error ("%s: %s is shown but cannot be clicked", nerves[i].view, nerves[i].region);
    }

  /* A real click on the sciatic nerve opens its card, which says what pressure there does. */
  fascia_atlas_page_set_view (page, "posterior-deep");
  g_assert_true (fascia_test_wait_for (fascia_ui_test_up_to_date, view, 5000));
  diagram = fascia_diagram_view_get_diagram (view);
  g_assert_true (point_in_region (diagram, "b-sciatic-nerve-l", &x, &y));
  fascia_diagram_view_view_to_widget (view, x, y, &wx, &wy);
  fascia_ui_test_pointer_move (GTK_WIDGET (view), wx, wy);
  fascia_ui_test_click (GTK_WIDGET (view), wx, wy);
  {
    CardWait wait = { page, "landmark:sciatic-nerve" };

    if (!fascia_test_wait_for (card_is, &wait, 5000))
      g_error ("The card shown is %s", fascia_atlas_page_get_card (page));
  }
  g_assert_true (find_label (GTK_WIDGET (page), "Danger Zone: Pressure Here"));

  /* Off again from the setting (as at the next start). */
  g_settings_set_boolean (settings, "show-nerves", FALSE);
  g_assert_false (fascia_diagram_get_layer_visible (fascia_diagram_view_get_diagram (view),
                                                    "layer-nerves"));

  g_object_ref (page);
  gtk_window_destroy (GTK_WINDOW (window));
  fascia_ui_test_wait_idle (300);
  g_settings_unbind (page, "show-nerves");
  g_assert_finalize_object (page);
}

/* Whether the table above names @landmark_id (any side) for @view_id. */
static gboolean
named_for_view (const char *view_id,
                const char *landmark_id)
{
  for (guint i = 0; i < G_N_ELEMENTS (nerves); i++)
    {
      const char *region = nerves[i].region;
      gsize len = strlen (region);

      if (g_str_equal (nerves[i].view, view_id) && len == strlen (landmark_id) + 4
          && strncmp (region + 2, landmark_id, len - 4) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Each view draws exactly the nerves named for it: a named nerve missing from its view fails,
 * and so does a nerve a view draws but the table does not name; a nerve is drawn on both sides
 * where the view draws both. (test_layer checks that each named nerve is hidden until shown.) */
static void
test_named (void)
{
  g_autoptr(GError) error = NULL;
  FasciaAtlas *atlas = fascia_atlas_get_default (&error);
  GListModel *views;
  g_autoptr(GString) problems = g_string_new (NULL);

  g_assert_no_error (error);
  views = fascia_atlas_get_views (atlas);
  for (guint i = 0; i < G_N_ELEMENTS (nerves); i++)
    {
      g_autoptr(FasciaDiagram) diagram = fascia_diagram_new_for_view (atlas, nerves[i].view, &error);

      g_assert_no_error (error);
      if (fascia_diagram_lookup_region (diagram, nerves[i].region) == NULL)
        g_string_append_printf (problems, " %s: %s named, not drawn;", nerves[i].view, nerves[i].region);
    }

  for (guint v = 0; v < g_list_model_get_n_items (views); v++)
    {
      g_autoptr(FasciaView) view = g_list_model_get_item (views, v);
      const char *view_id = fascia_view_get_id (view);
      g_autoptr(FasciaDiagram) diagram = fascia_diagram_new_for_view (atlas, view_id, &error);
      gboolean right_only = g_str_equal (view_id, "lateral") || g_str_equal (view_id, "pelvis-medial");

      g_assert_no_error (error);
      for (guint r = 0; r < fascia_diagram_get_n_regions (diagram); r++)
        {
          const FasciaRegion *region = fascia_diagram_get_region (diagram, r);
          FasciaLandmark *landmark;

          if (region->kind != FASCIA_REGION_LANDMARK)
            continue;
          landmark = fascia_atlas_lookup_landmark (atlas, region->atlas_id);
          if (!g_str_equal (fascia_landmark_get_kind (landmark), "nerve"))
            continue;
          if (!named_for_view (view_id, region->atlas_id))
            g_string_append_printf (problems, " %s: %s drawn, not named;", view_id, region->id);
          if (!right_only)
            {
              g_autofree char *other = g_strdup_printf ("b-%s-%s", region->atlas_id,
                                                        region->side == FASCIA_SIDE_LEFT ? "r" : "l");

              if (fascia_diagram_lookup_region (diagram, other) == NULL)
                g_string_append_printf (problems, " %s: %s drawn, %s not;", view_id, region->id, other);
            }
        }
    }

  if (problems->len > 0)
    g_error ("nerves:%s", problems->str);
}

/* Every nerve card is a nerve, drawn, with the danger-zone text. */
static void
test_cards (void)
{
  g_autoptr(GError) error = NULL;
  FasciaAtlas *atlas = fascia_atlas_get_default (&error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (nerves); i++)
    {
      g_autofree char *id = g_strndup (nerves[i].region + 2, strlen (nerves[i].region) - 4);
      FasciaLandmark *nerve = fascia_atlas_lookup_landmark (atlas, id);

      g_assert_nonnull (nerve);
      g_assert_cmpstr (fascia_landmark_get_kind (nerve), ==, "nerve");
      g_assert_true (fascia_landmark_get_drawn (nerve));
      g_assert_true (g_str_has_prefix (fascia_landmark_get_palpation (nerve), "Danger zone"));
      g_assert_nonnull (strstr (fascia_landmark_get_palpation (nerve), "Avoid"));
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fascia/ui/atlas-nerves/cards", test_cards);
  g_test_add_func ("/fascia/ui/atlas-nerves/named", test_named);
  g_test_add_func ("/fascia/ui/atlas-nerves/layer", test_layer);

  return g_test_run ();
}
