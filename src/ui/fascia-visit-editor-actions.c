/* fascia-visit-editor-actions.c — what the therapist does on a visit: clicks on the body chart
 * (pain marks, findings per muscle), the treated targets, the visit's actions and their keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fascia-visit-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "fascia-ui-utils.h"
#include "fascia-visit-editor-private.h"

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];


/* Pain marks */


static gboolean
add_mark (FasciaVisitEditor *self,
          const char        *region_id,
          double             x,
          double             y)
{
  g_autoptr(FasciaPainMark) mark = fascia_pain_mark_new ();
  g_autoptr(GError) error = NULL;
  int before = fascia_visit_get_pain_before (self->visit);

  fascia_visit_editor_flush (self);
  fascia_pain_mark_set_visit_id (mark, fascia_visit_get_id (self->visit));
  fascia_pain_mark_set_view_id (mark, fascia_ui_get_dropdown_view (self->view_dropdown));
  fascia_pain_mark_set_region_id (mark, region_id);
  fascia_pain_mark_set_x (mark, x);
  fascia_pain_mark_set_y (mark, y);
  fascia_pain_mark_set_intensity (mark, before >= 0 ? before : 5);
  fascia_pain_mark_set_pain_type (mark, FASCIA_PAIN_ACHE);
  /* Kept while the clinic server is away, the mark is shown at once, by the provisional id
   * the store gave it, and added when the server is back. */
  if (!fascia_store_add_pain_mark (self->store, mark, &error) &&
      !fascia_ui_show_save_error (GTK_WIDGET (self), self->store, _("Could not mark the pain"),
                                  error))
    return FALSE;

  _fascia_visit_editor_append_mark (self, mark);
  return TRUE;
}

/**
 * fascia_visit_editor_mark_region:
 *
 * Marks pain on a region of the diagram shown, or takes the mark away if it has one.
 *
 * Returns: whether a mark was added.
 */
gboolean
fascia_visit_editor_mark_region (FasciaVisitEditor *self,
                                 const char        *region_id)
{
  FasciaDiagram *diagram;
  const FasciaRegion *region;
  guint n;

  g_return_val_if_fail (FASCIA_IS_VISIT_EDITOR (self), FALSE);

  diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  if (self->visit == NULL || self->store == NULL || diagram == NULL)
    return FALSE;
  region = fascia_diagram_lookup_region (diagram, region_id);
  if (region == NULL)
    return FALSE;

  /* A second click on a marked region opens its mark rather than adding another. */
  n = self->marks != NULL ? g_list_model_get_n_items (self->marks) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaPainMark) mark = g_list_model_get_item (self->marks, i);

      if (g_strcmp0 (fascia_pain_mark_get_region_id (mark), region_id) == 0)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->mark_list, i);

          if (ADW_IS_EXPANDER_ROW (row))
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
          return FALSE;
        }
    }

  return add_mark (self, region_id, region->x + region->width / 2,
                   region->y + region->height / 2);
}

gboolean
fascia_visit_editor_mark_point (FasciaVisitEditor *self,
                                double             x,
                                double             y)
{
  g_return_val_if_fail (FASCIA_IS_VISIT_EDITOR (self), FALSE);

  if (self->visit == NULL || self->store == NULL)
    return FALSE;

  return add_mark (self, NULL, x, y);
}

/* A point from the keyboard: placed where the keyboard last was in the drawing (on the part
 * it reached with Tab and the arrows), or in its middle, then moved with the arrow keys on
 * its "Place on the drawing" row. */
static void
add_point_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  FasciaVisitEditor *self = FASCIA_VISIT_EDITOR (widget);
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  double x, y;

  if (self->visit == NULL || diagram == NULL)
    return;
  if (!fascia_diagram_view_get_keyboard_point (self->diagram_view, &x, &y))
    {
      fascia_diagram_get_size (diagram, &x, &y);
      x /= 2;
      y /= 2;
    }
  if (fascia_visit_editor_mark_point (self, x, y))
    _fascia_visit_editor_focus_point_place (self);
}

/* Findings */


/* The findings shown, with those of @muscle_id on @side set to @flags. */
static void
keep_finding_shown (FasciaVisitEditor  *self,
                    const char         *muscle_id,
                    FasciaSide          side,
                    FasciaFindingFlags  flags)
{
  GListStore *shown = g_list_store_new (FASCIA_TYPE_FINDING);
  guint n = self->findings != NULL ? g_list_model_get_n_items (self->findings) : 0;
  gboolean found = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaFinding) finding = g_list_model_get_item (self->findings, i);

      if (g_strcmp0 (fascia_finding_get_muscle_id (finding), muscle_id) == 0
          && fascia_finding_get_side (finding) == side)
        {
          found = TRUE;
          if (flags == FASCIA_FINDING_NONE)
            continue;
          fascia_finding_set_flags (finding, flags);
        }
      g_list_store_append (shown, finding);
    }
  if (!found && flags != FASCIA_FINDING_NONE)
    {
      g_autoptr(FasciaFinding) finding = fascia_finding_new ();

      fascia_finding_set_visit_id (finding, fascia_visit_get_id (self->visit));
      fascia_finding_set_muscle_id (finding, muscle_id);
      fascia_finding_set_side (finding, side);
      fascia_finding_set_flags (finding, flags);
      g_list_store_append (shown, finding);
    }

  g_clear_object (&self->findings);
  self->findings = G_LIST_MODEL (shown);
  _fascia_visit_editor_rebuild_findings (self);
  _fascia_visit_editor_update_diagram (self);
}

static void
set_finding (FasciaVisitEditor  *self,
             const char         *muscle_id,
             FasciaSide          side,
             FasciaFindingFlags  flags)
{
  g_autoptr(FasciaFinding) finding = NULL;
  g_autoptr(GError) error = NULL;

  finding = fascia_store_set_finding_flags (self->store, fascia_visit_get_id (self->visit),
                                            muscle_id, side, flags, &error);
  if (finding == NULL && error != NULL &&
      fascia_ui_show_save_error (GTK_WIDGET (self), self->store, _("Could not save the finding"),
                                 error))
    {
      /* Kept while the clinic server is away: shown as the user left it, without reading the
       * findings again from a server that cannot answer. */
      keep_finding_shown (self, muscle_id, side, flags);
      return;
    }

  _fascia_visit_editor_reload_findings (self);
}

static FasciaFindingFlags
current_flags (FasciaVisitEditor *self,
               const char        *muscle_id,
               FasciaSide         side)
{
  guint n = self->findings != NULL ? g_list_model_get_n_items (self->findings) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FasciaFinding) finding = g_list_model_get_item (self->findings, i);

      if (g_strcmp0 (fascia_finding_get_muscle_id (finding), muscle_id) == 0
          && fascia_finding_get_side (finding) == side)
        return fascia_finding_get_flags (finding);
    }

  return FASCIA_FINDING_NONE;
}

void
_fascia_visit_editor_finding_toggled_cb (GtkToggleButton   *button,
                                         FasciaVisitEditor *self)
{
  FasciaFinding *finding = g_object_get_data (G_OBJECT (button), "finding");
  FasciaFindingFlags flag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "flag"));
  FasciaFindingFlags flags = fascia_finding_get_flags (finding);
  g_autofree char *muscle_id = g_strdup (fascia_finding_get_muscle_id (finding));

  if (self->loading)
    return;

  flags = gtk_toggle_button_get_active (button) ? flags | flag : flags & ~flag;
  /* The rows are rebuilt from the store, which frees this button: do it after the click. */
  g_object_ref (finding);
  set_finding (self, muscle_id, fascia_finding_get_side (finding), flags);
  g_object_unref (finding);
}

static gboolean
toggle_finding_on_region (FasciaVisitEditor *self,
                          const char        *region_id)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (self->diagram_view);
  const char *muscle_id;
  FasciaSide side;

  if (!fascia_ui_region_muscle (diagram, region_id, &muscle_id, &side))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (fascia_finding_tools); i++)
    if (g_strcmp0 (self->tool, fascia_finding_tools[i].tool) == 0)
      {
        FasciaFindingFlags flags = current_flags (self, muscle_id, side)
                                   ^ fascia_finding_tools[i].flag;

        set_finding (self, muscle_id, side, flags);
        return TRUE;
      }

  return FALSE;
}

/* The diagram */


static void
region_activated_cb (FasciaVisitEditor *self,
                     const char        *region_id,
                     FasciaDiagramView *view)
{
  if (self->visit == NULL)
    return;

  if (g_strcmp0 (self->tool, "pain") == 0)
    fascia_visit_editor_mark_region (self, region_id);
  else
    toggle_finding_on_region (self, region_id);
}

/* Every click comes here first; a click on a region is left to region-activated. A click on
 * a label is one on the muscle or bone it names: a therapist who clicks "Gluteus medius" on
 * the chart means the muscle (it added a "point on the body" in the room beside the body). */
static void
point_activated_cb (FasciaVisitEditor *self,
                    double             x,
                    double             y,
                    FasciaDiagramView *view)
{
  FasciaDiagram *diagram = fascia_diagram_view_get_diagram (view);
  const FasciaRegion *labelled;
  gboolean on_label;
  double width, height;

  if (self->visit == NULL || diagram == NULL)
    return;
  if (fascia_diagram_hit_test (diagram, x, y) != NULL)
    return;
  labelled = fascia_ui_labelled_region_at (diagram, x, y, &on_label);
  if (labelled != NULL)
    {
      region_activated_cb (self, labelled->id, view);
      return;
    }
  if (on_label || g_strcmp0 (self->tool, "pain") != 0)
    return;

  fascia_diagram_get_size (diagram, &width, &height);
  if (x < 0 || y < 0 || x > width || y > height)
    return;

  /* The keyboard reaches the drawing's regions, not its points: the focus goes to the new
   * mark's row, on its title (Space folds and opens it), as a click on a region takes it to
   * the region (FasciaDiagramView). Left where it was, on the header's back button as a
   * visit opens, Space pressed to go on with the chart closed the visit. */
  if (fascia_visit_editor_mark_point (self, x, y))
    {
      guint n = self->marks != NULL ? g_list_model_get_n_items (self->marks) : 0;
      GtkListBoxRow *row = n > 0 ? gtk_list_box_get_row_at_index (self->mark_list, n - 1) : NULL;

      if (row != NULL)
        gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD);
    }
}

/* Treated targets */


void
_fascia_visit_editor_treated_toggled_cb (GtkCheckButton    *check,
                                         FasciaVisitEditor *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *child;

  if (self->loading || self->visit == NULL)
    return;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->treated_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button = g_object_get_data (G_OBJECT (child), "check");

      if (button != NULL && gtk_check_button_get_active (GTK_CHECK_BUTTON (button)))
        {
          gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (child), "target-id");

          g_array_append_val (ids, id);
        }
    }

  fascia_visit_set_treated_target_ids (self->visit, (gint64 *) ids->data, ids->len);
  self->visit_dirty = TRUE;
  _fascia_visit_editor_schedule_save (self);
}

/* Actions */


static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  FasciaVisitEditor *self = FASCIA_VISIT_EDITOR (widget);

  fascia_visit_editor_flush (self);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  FasciaVisitEditor *self = FASCIA_VISIT_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->visit == NULL)
    return;

  fascia_visit_editor_flush (self);
  id = fascia_visit_get_id (self->visit);
  if (!fascia_store_delete (self->store, FASCIA_STORE_TABLE_VISITS, id, &error))
    {
      fascia_ui_show_error (widget, _("Could not delete the visit"), error);
      return;
    }

  fascia_ui_toast_deleted (widget, _("Visit deleted"), FASCIA_STORE_TABLE_VISITS, id);
  g_signal_emit (self, signals[CLOSED], 0);
}

void
_fascia_visit_editor_class_actions_init (GtkWidgetClass *widget_class)
{
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (widget_class), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_property_action (widget_class, "visit.tool", "tool");
  gtk_widget_class_install_action (widget_class, "visit.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "visit.close", NULL);
  gtk_widget_class_install_action (widget_class, "visit.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "visit.add-point", NULL, add_point_action);

  /* The diagram's tool from the keyboard: Alt and the tool's initial. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_ALT_MASK,
                                       "visit.tool", "s", "pain");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_ALT_MASK,
                                       "visit.tool", "s", "hypertonic");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_ALT_MASK,
                                       "visit.tool", "s", "trigger-point");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_ALT_MASK,
                                       "visit.tool", "s", "tender");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_ALT_MASK,
                                       "visit.tool", "s", "short");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_ALT_MASK,
                                       "visit.tool", "s", "weak");
}

/* The region under the pointer gets ahead the fill a click with the tool would give it: a
 * pain mark, or a finding's target. */
static void
tool_changed_cb (FasciaVisitEditor *self)
{
  fascia_diagram_view_set_hover_styles (self->diagram_view,
                                        g_strcmp0 (self->tool, "pain") == 0
                                        ? FASCIA_REGION_STYLE_PAIN
                                        : FASCIA_REGION_STYLE_TARGET);
}

void
_fascia_visit_editor_actions_init (FasciaVisitEditor *self)
{
  tool_changed_cb (self);
  g_signal_connect (self, "notify::tool", G_CALLBACK (tool_changed_cb), NULL);
  g_signal_connect_object (self->diagram_view, "region-activated",
                           G_CALLBACK (region_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->diagram_view, "point-activated",
                           G_CALLBACK (point_activated_cb), self, G_CONNECT_SWAPPED);
}

